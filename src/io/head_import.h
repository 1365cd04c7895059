#pragma once
// Reads the MakeHuman model with Assimp: the skin and eye meshes as quads, in model space (mm).
#include "core/common/error.h"
#include "core/face/head.h"

#include <string>

namespace pinpoint::io {

core::Result<core::HeadSourceQuads> importHeadQuads(const std::string& modelPath);

}  // namespace pinpoint::io
