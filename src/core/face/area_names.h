#pragma once
// The fixed names of the treatment zones and forbidden areas (docs: ../shared/docs/face-model.md).
// Left and right are the patient's: the patient's left is +X in model space.
#include <array>
#include <string_view>

namespace pinpoint::core {

inline constexpr std::array<std::string_view, 13> kTreatmentZones = {
    "forehead",   "temple_left", "temple_right", "periorbital_left", "periorbital_right",
    "nose",       "cheek_left",  "cheek_right",  "perioral",         "chin",
    "jaw_left",   "jaw_right",   "neck"};

// Never to be needled: eyes and eyelids up to the lash line, the red of the lips, inside the
// nostrils, the ears, and the scalp above the hairline.
inline constexpr std::array<std::string_view, 5> kForbiddenAreas = {"eyes", "lip_vermilion", "nostrils", "ears",
                                                                     "scalp"};

inline bool isTreatmentZoneName(std::string_view name) {
    for (std::string_view z : kTreatmentZones)
        if (z == name) return true;
    return false;
}
inline bool isForbiddenAreaName(std::string_view name) {
    for (std::string_view z : kForbiddenAreas)
        if (z == name) return true;
    return false;
}

}  // namespace pinpoint::core
