#include "app/live_treatment.h"

#include "core/scoring/lesion_rules.h"

#include "core/coverage/zone_coverage.h"
#include "core/scoring/scoring_engine.h"

#include <glm/geometric.hpp>
#include <glm/trigonometric.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace pinpoint::app {

namespace {

std::string format(const char* fmt, double a, double b = 0.0, double c = 0.0) {
    char text[160];
    std::snprintf(text, sizeof text, fmt, a, b, c);
    return text;
}

std::string readable(std::string name) {
    std::replace(name.begin(), name.end(), '_', ' ');
    return name;
}

bool contains(const std::vector<std::string>& list, const std::string& item) {
    return std::find(list.begin(), list.end(), item) != list.end();
}

}  // namespace

LiveTreatment::LiveTreatment(const AppServices& services, const core::Scenario& scenario,
                             std::vector<std::string> avoidZones, std::optional<double> depthCapMm)
    : services_(&services),
      scenario_(&scenario),
      avoidZones_(std::move(avoidZones)),
      depthCapMm_(depthCapMm),
      rules_(core::measurementRules(scenario, *services.rubric)),
      simulation_(*services.surface, *services.tools),
      density_(services.head->mesh(), *services.density),
      dermal_(services.head->mesh(), *services.density),
      bleeding_(services.head->mesh()) {
    for (const core::ZoneScenarioRules& z : scenario.zones)
        if (z.treat && !contains(avoidZones_, z.zone)) planZones_.push_back(z.zone);
}

void LiveTreatment::apply(const core::SessionEvent& event) {
    if (const auto* tool = std::get_if<core::ToolEvent>(&event)) rollerInUse_ = tool->tool == core::ToolKind::Roller;
    simulation_.apply(event, output_);
    const core::Head& head = *services_->head;
    for (const core::Puncture& p : output_.punctures) {
        density_.add(p);
        if (services_->tools->reachesDermis(p.depthUm)) {
            dermal_.add(p);
            bleeding_.add(p);
        }
        ++punctures_;
        if (head.zoneFile.zones.areas[p.area].kind == core::AreaKind::Forbidden) ++forbiddenPunctures_;
    }
    output_.punctures.clear();
    output_.travel.clear();
}

const core::DensityTargets& LiveTreatment::targets(const std::string& zone, bool roller) const {
    const auto it = rules_.zones.find(zone);
    if (it == rules_.zones.end()) return services_->rubric->density(roller);
    return roller ? it->second.roller : it->second.pen;
}

core::HeatmapScale LiveTreatment::heatmapScale(bool rollerInHand) const {
    std::map<std::string, bool> rollerByZone;
    const auto& areas = services_->head->zoneFile.zones.areas;
    for (std::size_t a = 0; a < areas.size(); ++a)
        if (density_.tally().punctures(a) > 0) rollerByZone[areas[a].name] = density_.tally().measuredAsRoller(a);
    return core::heatmapScale(scenario_, *services_->rubric, rollerInHand, rollerByZone);
}

const core::DensityTargets& LiveTreatment::measuredTargets(std::size_t area) const {
    const std::string& name = services_->head->zoneFile.zones.areas[area].name;
    const bool roller = density_.tally().punctures(area) > 0 ? density_.tally().measuredAsRoller(area) : rollerInUse_;
    return targets(name, roller);
}

std::vector<ZoneProgress> LiveTreatment::progress() const {
    const auto& areas = services_->head->zoneFile.zones.areas;
    std::vector<const core::DensityTargets*> target(areas.size(), nullptr);
    for (std::size_t a = 0; a < areas.size(); ++a)
        if (contains(planZones_, areas[a].name)) target[a] = &measuredTargets(a);
    const std::vector<core::ZoneCoverage> shares = core::zoneCoverage(density_.tally(), density_.rollerAreas(), target, rules_.keptOff);
    std::vector<ZoneProgress> out;
    for (std::size_t a = 0; a < areas.size(); ++a)
        if (target[a]) out.push_back({areas[a].name, shares[a].coverage(), shares[a].overTreated()});
    return out;
}

Feedback LiveTreatment::assess(const ToolState& tool) const {
    Feedback f;
    const core::Head& head = *services_->head;
    // The area a puncture here is counted in: the zone rules at the point (core::AreaLocator), as the
    // simulation decides it, not the triangle's label (they differ where a border crosses it).
    const core::Area& area = head.zoneFile.zones.areas[services_->surface->areas.areaAt(tool.hit.triangle, tool.hit.point)];
    f.area = area.name;
    const bool eye = !head.geometry.parts.empty() && head.geometry.parts[tool.hit.triangle] == core::SurfacePart::Eye;
    f.forbidden = area.kind == core::AreaKind::Forbidden || eye;
    if (const core::ZoneScenarioRules* z = scenario_->zone(area.name); z && !f.forbidden) f.depth = z->depth;
    f.densityPerCm2 = density_.densityAt(tool.hit.triangle, tool.hit.barycentric);
    f.angleDeg = glm::degrees(std::acos(std::clamp(glm::dot(-tool.axis, tool.hit.normal), -1.0f, 1.0f)));

    using core::WarningKind;
    const auto warn = [&](WarningKind kind, std::string text) { f.warnings.push_back({kind, area.name, std::move(text)}); };
    if (f.forbidden) warn(WarningKind::ForbiddenArea, "FORBIDDEN: " + readable(area.name) + " must never be needled");
    if (!f.forbidden && contains(avoidZones_, area.name))
        warn(WarningKind::AvoidedZone, "Your plan avoids the " + readable(area.name) + ": lift the tool");
    else if (!f.forbidden && !contains(planZones_, area.name))
        warn(WarningKind::ZoneNotInPlan, "The " + readable(area.name) + " is not in this treatment plan");
    for (const core::Lesion& lesion : scenario_->lesions)
        if (core::footprintReachesLesion(lesion, tool.hit.point, tool.footprintRadiusMm))
            warn(WarningKind::Lesion, "Touching a lesion (" + readable(lesion.kind) + "): keep the needles off it");
    if (f.depth && !f.depth->contains(core::toMicrometres(tool.depthMm)))
        warn(WarningKind::DepthOutOfRange, format("Depth %.2f mm is outside the %.2f-%.2f mm range here", tool.depthMm,
                                                  f.depth->minMm, f.depth->maxMm));
    if (depthCapMm_ && core::toMicrometres(tool.depthMm) > core::toMicrometres(*depthCapMm_))
        warn(WarningKind::DepthOverCap, format("Depth %.2f mm is beyond your plan's cap of %.2f mm", tool.depthMm, *depthCapMm_));
    if (!tool.roller && f.angleDeg > scenario_->maxNeedleAngleDeg)
        warn(WarningKind::OffPerpendicular, format("Needle %.0f deg off perpendicular (max %.0f): hold the pen upright (P) or tilt it back with Shift + mouse",
                                                   f.angleDeg, scenario_->maxNeedleAngleDeg));
    if (tool.contact && tool.speedMmPerS > scenario_->maxTravelSpeedMmPerS)
        warn(WarningKind::TooFast, format("Moving too fast: %.0f mm/s (max %.0f)", tool.speedMmPerS,
                                          scenario_->maxTravelSpeedMmPerS));
    const double maximum = measuredTargets(head.labels.areaOfTriangle[tool.hit.triangle]).maxPerCm2;
    if (!f.forbidden && f.densityPerCm2 > maximum)
        warn(WarningKind::ReTreating, format("Re-treating: %.0f punctures/cm2 here, above the %.0f maximum", f.densityPerCm2, maximum));
    return f;
}

}  // namespace pinpoint::app
