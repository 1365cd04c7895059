#include "core/scoring/treatment_report.h"

#include <cmath>

namespace pinpoint::core {

double roundTo(double value, int decimals) {
    const double scale = std::pow(10.0, decimals);
    const double r = std::round(value * scale) / scale;
    return r == 0.0 ? 0.0 : r;  // no "-0"
}

nlohmann::json zonesJson(const TreatmentMeasurement& m) {
    nlohmann::json zones = nlohmann::json::object();
    for (const ZoneMeasurement& z : m.zones) {
        nlohmann::json travel = nlohmann::json::object();
        for (std::size_t i = 0; i < kPassDirections.size(); ++i) travel[kPassDirections[i]] = roundTo(z.travelMm[i], 1);
        zones[z.name] = {
            {"area_cm2", roundTo(z.areaCm2, 2)},
            {"coverage", roundTo(z.coverage, 4)},
            {"bare", roundTo(z.bare, 4)},
            {"over_treated", roundTo(z.overTreated, 4)},
            {"excess_punctures", std::llround(z.excessPunctures)},
            {"injured_area_cm2", roundTo(z.injuredAreaCm2, 3)},
            {"punctures", z.punctures},
            {"depth_mm", {{"min", z.depth.minMm()}, {"max", z.depth.maxMm()}, {"mean", roundTo(z.depth.meanMm, 4)}}},
            {"depth_in_range", roundTo(z.depthInRange, 4)},
            {"depth_range_mm", {roundTo(z.depthRange.minMm, 3), roundTo(z.depthRange.maxMm, 3)}},
            {"worst_depth_excess_mm", core::toMillimetres(z.worstDepthExcessUm)},
            {"device", z.roller ? "roller" : "pen"},
            {"density_per_cm2", {{"mean", roundTo(z.densityMeanPerCm2, 1)}, {"sd", roundTo(z.densitySdPerCm2, 1)},
                                 {"target", roundTo(z.density.targetPerCm2, 1)}, {"max", roundTo(z.density.maxPerCm2, 1)}}},
            {"evenness", roundTo(z.evenness, 4)},
            {"largest_gap_cm2", roundTo(z.largestGapCm2, 3)},
            {"needle_angle_deg", {{"mean", roundTo(z.meanAngleDeg, 2)}, {"max", roundTo(z.maxAngleDeg, 2)}}},
            {"passes", {{"travel_mm", travel}, {"wandering_mm", roundTo(z.wanderingMm, 1)}, {"directions", z.directions}}},
            {"contact_seconds", roundTo(z.contactSeconds, 3)},
        };
    }
    return zones;
}

nlohmann::json puncturesJson(const TreatmentMeasurement& m) {
    nlohmann::json byArea = nlohmann::json::object();
    for (const auto& [name, count] : m.forbiddenByArea) byArea[name] = count;
    return {{"total", m.totalPunctures}, {"forbidden", m.forbiddenPunctures}, {"forbidden_by_area", byArea}};
}

nlohmann::json contactJson(const SimulationOutput& sim) {
    nlohmann::json examples = nlohmann::json::array();
    for (const OffSkinContact& c : sim.offSkinExamples)
        examples.push_back({{"t", roundTo(c.t, 3)}, {"distance_mm", roundTo(c.distanceMm, 2)}});
    return {{"seconds", roundTo(sim.contactSeconds, 3)},
            {"pen_strokes", sim.strokes},
            {"roller_rows", sim.rollerRows},
            {"gaps", sim.contactGaps},
            {"off_skin_poses", sim.offSkinPoses},
            {"off_skin_examples", examples}};
}

nlohmann::json rubricJson(const Rubric& rubric) {
    return {{"id", rubric.id}, {"version", rubric.version}, {"sha256", rubric.sha256}};
}

}  // namespace pinpoint::core
