#pragma once
// What a treatment did to each zone, measured per square centimetre of skin: coverage (share of the
// zone's area at or above the target density), over-treatment (share above the maximum), puncture
// counts, depth statistics against the zone's range, needle angle and the directions of the passes.
#include "core/coverage/density_field.h"
#include "core/coverage/zone_coverage.h"
#include "core/face/head.h"
#include "core/scoring/rubric.h"
#include "core/sim/treatment_simulation.h"

#include <array>
#include <map>
#include <string>
#include <vector>

namespace pinpoint::core {

// Pass directions in the skin's own frame, seen facing the skin with the head upright.
inline constexpr std::array<const char*, 4> kPassDirections = {"horizontal", "diagonal_rising", "vertical",
                                                                "diagonal_falling"};

struct DepthStats {
    Micrometres minUm = 0, maxUm = 0;
    double meanMm = 0.0;
    double minMm() const { return toMillimetres(minUm); }
    double maxMm() const { return toMillimetres(maxUm); }
};

struct ZoneMeasurement {
    std::string name;
    double areaCm2 = 0.0;
    bool roller = false;             // measured against the roller's density targets
    DensityTargets density;
    DepthRange depthRange;
    double coverage = 0.0;           // 0-1: share of the zone's skin at or above the target density
    double bare = 0.0;               // 0-1: share of the zone's skin below half the target inside it (missed rows, bands)
    double overTreated = 0.0;        // 0-1: share of the zone's skin above the maximum density
    double excessPunctures = 0.0;    // punctures beyond the maximum density, summed over the skin
    double excessShare = 0.0;        // 0-1: excessPunctures / punctures (stacking, dwelling)
    double injuredAreaCm2 = 0.0;     // skin needled beyond injuryDensityFactor x the maximum
    double injuryT = -1.0;           // when the first such skin passed that density (-1: none)
    double densityMeanPerCm2 = 0.0;  // area-weighted over the zone
    double densitySdPerCm2 = 0.0;
    double evenness = 0.0;           // 1 - sd / mean of the density over the zone (0-1; 1 = perfectly even)
    double largestGapCm2 = 0.0;      // the largest connected stretch of the zone's bare skin
    std::size_t punctures = 0;
    DepthStats depth;
    double depthInRange = 0.0;       // share of the zone's punctures at a depth inside its range (0-1)
    Micrometres worstDepthExcessUm = 0; // the deepest setting beyond the range's maximum (0 if none)
    double meanAngleDeg = 0.0;
    double maxAngleDeg = 0.0;
    double contactSeconds = 0.0;
    std::array<double, 4> travelMm{};  // by kPassDirections: travel in sustained strokes only
    double wanderingMm = 0.0;          // travel in no sustained stroke (jitter, zig-zags, short dabs)
    int directions = 0;                // directions carrying at least the rubric's share of the travel
};

struct TreatmentMeasurement {
    std::vector<ZoneMeasurement> zones;  // treatment zones, in the zone file's order
    std::size_t totalPunctures = 0;
    std::size_t forbiddenPunctures = 0;
    std::vector<std::pair<std::string, std::size_t>> forbiddenByArea;  // forbidden areas, file order
    std::vector<double> densityPerTriangle;                            // punctures / cm², as drawn (drawnDensity)
    double injuryDensityFactor = 3.0;                                  // the rule the injuries were found by
};

// The rules a measurement applies to each zone (from the rubric and an indication, or a scenario).
struct ZoneMeasureRules {
    DepthRange depth;
    DensityTargets pen;
    DensityTargets roller;
};
// Filled from the rubric (measurementRulesBase): none of its numbers has a default here.
struct MeasurementRules {
    std::map<std::string, ZoneMeasureRules> zones;
    double directionMinShare = 0.0;
    double strokeMinLengthMm = 0.0;
    double strokeMaxTurnDeg = 0.0;
    double injuryDensityFactor = 0.0;
    std::vector<KeptOff> keptOff;  // lesions: bare skin around them is not a skipped band
};
// The field every measurement of this head and rubric uses: the treatment zones sampled at the
// rubric's scales.
DensityField measurementField(const Head& head, const TriangleAdjacency& adjacency, const Rubric& rubric);
std::vector<char> measuredAreas(const Head& head);  // by area index: 1 for the treatment zones the field samples

MeasurementRules measurementRulesBase(const Rubric& rubric);  // the rubric's settings, no zones yet
MeasurementRules measurementRules(const Rubric& rubric, Indication indication);

TreatmentMeasurement measureTreatment(const Head& head, const DensityField& field, const MeasurementRules& rules,
                                      const SimulationOutput& simulation);
TreatmentMeasurement measureTreatment(const Head& head, const DensityField& field, const Rubric& rubric,
                                      Indication indication, const SimulationOutput& simulation);

}  // namespace pinpoint::core
