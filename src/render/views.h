#pragma once
// The standard views of the head and a camera that frames it. Left and right are the patient's:
// the "left" view looks at the patient's left cheek, from +X.
#include "core/geometry/mesh.h"
#include "render/scene.h"

#include <array>
#include <optional>
#include <string_view>

namespace pinpoint::render {

enum class View : std::uint8_t { Front, Left, Right, ThreeQuarterLeft, ThreeQuarterRight };

inline constexpr std::array<View, 5> kAllViews = {View::Front, View::Left, View::Right, View::ThreeQuarterLeft,
                                                  View::ThreeQuarterRight};

std::string_view viewName(View view);  // "front", "left", "right", "three-quarter-left", ...
std::optional<View> parseView(std::string_view name);

// Unit vector from the head toward the camera.
glm::vec3 viewDirection(View view);

// A camera looking at the middle of `bounds` from `view`, far enough away that the whole box fits
// the picture (`aspect` = width / height) with a small margin.
Camera frameBounds(View view, const core::Bounds& bounds, float aspect, float verticalFovDegrees = 25.0f);

}  // namespace pinpoint::render
