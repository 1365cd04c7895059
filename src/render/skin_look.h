#pragma once
// The patient's skin as the renderer shows it, from the skin tones data (CIELAB, converted here).
#include "core/face/skin_tones.h"
#include "render/scene.h"

namespace pinpoint::render {

// Fitzpatrick type 1-6 (anything else: type II, as SkinTones::type does).
SkinLook skinLook(const core::SkinTones& tones, int fitzpatrick);

}  // namespace pinpoint::render
