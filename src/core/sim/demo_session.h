#pragma once
// A session a careful practitioner would record: for each zone, the right depth for the indication,
// needles perpendicular to the skin, evenly spaced passes in one direction, then crossing passes at
// right angles, lifting the tool between lines and outside the zone. Used as the expert reference
// and for demonstrations.
#include "core/scoring/rubric.h"
#include "core/session/session.h"
#include "core/sim/treatment_simulation.h"
#include "core/tools/tool_catalogue.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace pinpoint::core {

struct DemoOptions {
    std::vector<std::string> zones;  // treatment zones to treat, in this order (empty: all but the neck)
    ToolKind tool = ToolKind::Pen;
    std::string cartridge = "12pin";
    double speedHz = 100.0;
    int rollerNeedles = 192;
    Indication indication = Indication::Rejuvenation;
    double poseRateHz = 120.0;       // how often the recorder samples the tool
    int passesPerDirection = 0;      // 0: as many as the device needs to reach the target

    std::map<std::string, DepthRange> zoneDepths;  // depth ranges to choose from (default: the rubric's)
    std::map<std::string, int> zoneDirections;     // crossing directions to pass in (default: 2)
    std::optional<double> depthCapMm;              // never deeper than this
    std::vector<std::pair<glm::vec3, float>> keepAway;  // spots to keep the footprint off (lesions): centre, radius mm
    std::vector<std::string> avoidZones;           // zones to keep the footprint off

    // Events before the treatment (intake, decision, preparation) and after it (post-care), in order;
    // their times are set by the recorder. Default: proceed, cleanse, numbing on and off, disinfect /
    // post-care.
    std::optional<std::vector<SessionEvent>> before, after;

    // Sloppy practice, for novice references and tests of the scoring.
    bool crossingPasses = true;  // false: every pass in the same (horizontal) direction
    int lineStride = 1;          // 2: every other line is skipped (gaps)
    double rowSpacingMm = 0.0;   // lines this far apart, as much needling per cm² as careful work (0: careful)
    int extraPasses = 0;         // this many more passes stacked on top
    double depthOffsetMm = 0.0;  // added to the careful depth
    int speedFactor = 1;         // pen: travel this many times faster, in as many times the passes (same density)
};

// Every name in options.zones must be a treatment zone of the head (checked by the caller).
Session makeDemoSession(const TreatmentSurface& surface, const ToolCatalogue& tools, const Rubric& rubric,
                        const DemoOptions& options);

// The depth setting a careful practitioner picks for a range: its middle, on the device's step.
double carefulDepth(const DepthRange& range, double stepMm);

}  // namespace pinpoint::core
