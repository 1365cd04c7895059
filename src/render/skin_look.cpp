#include "render/skin_look.h"

#include <glm/common.hpp>

namespace pinpoint::render {

SkinLook skinLook(const core::SkinTones& tones, int fitzpatrick) {
    const core::SkinType& type = tones.type(fitzpatrick);
    SkinLook look;
    look.tone = core::labToLinearSrgb(type.lab);
    // Full redness: the type's shift in CIELAB, as much of it as shows on that skin.
    look.erythema = core::labToLinearSrgb(type.lab + type.erythemaVisibility * type.erythemaShift);
    look.blood = core::labToLinearSrgb(tones.bloodLab);
    return look;
}

}  // namespace pinpoint::render
