#pragma once
// Skin colour by Fitzpatrick type (assets/skin_tones.toml, with its sources), how erythema and pinpoint
// bleeding show on that skin, and the CIELAB to linear sRGB conversion the renderer colours it with.
#include "core/common/error.h"

#include <glm/vec3.hpp>

#include <array>
#include <string>

namespace pinpoint::core {

// One Fitzpatrick type's skin as the data file describes it. Colours are CIELAB (D65).
struct SkinType {
    int fitzpatrick = 0;             // 1-6
    std::string itaClass;            // "very light", "light", "intermediate", "tan", "brown", "dark"
    glm::vec3 lab{0.0f};             // representative skin colour: L*, a*, b*
    glm::vec3 erythemaShift{0.0f};   // L*, a*, b* change at full redness
    float erythemaVisibility = 1.0f; // 0..1: how much of that change shows
    std::string erythema;            // how it reads, in words
    std::string bleeding;
};

struct SkinTones {
    std::array<SkinType, 6> types;  // [0]: type I .. [5]: type VI
    glm::vec3 bloodLab{0.0f};       // pinpoint bleeding, on every type
    std::string file;

    // Type 1-6; anything else gets type II (the look of a scenario that names no type).
    const SkinType& type(int fitzpatrick) const;
};

// The individual typology angle (degrees) of a CIELAB colour: atan((L* - 50) / b*).
double individualTypologyAngle(glm::vec3 lab);
// The ITA class an angle falls in (Chardon 1991; Del Bino 2013).
const char* itaClassOf(double itaDegrees);

// CIELAB (D65 white) to linear sRGB, each channel clamped to 0..1.
glm::vec3 labToLinearSrgb(glm::vec3 lab);
// The colour space's transfer function, linear 0..1 to the 8-bit-style 0..1 encoded value.
float linearToSrgb(float linear);

Result<SkinTones> parseSkinTones(const std::string& text, const std::string& sourceName);
Result<SkinTones> readSkinTones(const std::string& path);

}  // namespace pinpoint::core
