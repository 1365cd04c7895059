#pragma once
// The devices a trainee can use, as data (assets/tools.toml): pen cartridges with their real pin
// layouts, the pen's depth and speed settings, and derma rollers.
#include "core/common/error.h"
#include "core/common/micrometres.h"

#include <glm/vec2.hpp>

#include <string>
#include <vector>

namespace pinpoint::core {

struct Cartridge {
    std::string id;                 // as written in session files: "12pin", "nano", ...
    std::string name;               // for people
    std::vector<glm::vec2> pinsMm;  // pin tips in the cartridge face, centred on the needle axis
    double footprintDiameterMm = 0.0;
    std::string source;
};

struct PenSettingsRange {
    double minDepthMm = 0.2;
    double maxDepthMm = 3.0;
    double depthStepMm = 0.1;  // the finest step a device offers; settings must be multiples
    double minSpeedHz = 10.0;
    double maxSpeedHz = 150.0;
    std::vector<double> speedLevelsHz;  // the pen's speed buttons
};

struct Roller {
    std::string id;               // "192", "540", ...
    std::string name;
    int rings = 8;                // needle rings across the drum's width
    int needlesPerRing = 24;      // needles around each ring; a "row" is the needles at one angle
    double drumDiameterMm = 14.0;
    double drumWidthMm = 20.0;
    std::vector<double> needleLengthsMm;  // the lengths sold for this roller
    std::string source;

    int needles() const { return rings * needlesPerRing; }
    double rowSpacingMm() const;  // arc length between rows on the drum's surface
};

struct ToolCatalogue {
    std::string file;
    std::vector<Cartridge> cartridges;
    PenSettingsRange pen;
    std::vector<Roller> rollers;
    // Needles set this deep or deeper reach the papillary dermis: the skin shows pinpoint bleeding
    // there, not only erythema ([skin] bleeding_from_depth_mm).
    double bleedingFromDepthMm = 0.5;

    bool reachesDermis(Micrometres depth) const { return depth >= toMicrometres(bleedingFromDepthMm); }
    bool reachesDermis(double depthMm) const = delete;  // millimetres must be converted: toMicrometres

    const Cartridge* findCartridge(const std::string& id) const;
    const Roller* findRollerByNeedles(int needles) const;
    const Roller* findRoller(const std::string& id) const;
};

Result<ToolCatalogue> readToolCatalogue(const std::string& path);
Result<ToolCatalogue> parseToolCatalogue(const std::string& text, const std::string& sourceName);

}  // namespace pinpoint::core
