#include "core/session/treatment_warnings.h"

#include <nlohmann/json.hpp>

#include <array>
#include <utility>

namespace pinpoint::core {

namespace {

using ojson = nlohmann::ordered_json;

constexpr std::array<std::pair<WarningKind, const char*>, 9> kNames{{
    {WarningKind::ForbiddenArea, "forbidden_area"},
    {WarningKind::AvoidedZone, "avoided_zone"},
    {WarningKind::ZoneNotInPlan, "zone_not_in_plan"},
    {WarningKind::Lesion, "lesion"},
    {WarningKind::DepthOutOfRange, "depth_out_of_range"},
    {WarningKind::DepthOverCap, "depth_over_cap"},
    {WarningKind::OffPerpendicular, "off_perpendicular"},
    {WarningKind::TooFast, "too_fast"},
    {WarningKind::ReTreating, "re_treating"},
}};

ojson warningLine(double t, const char* type, WarningKind kind, const std::string& zone) {
    ojson j = ojson::object();
    j["t"] = t;
    j["type"] = type;
    j["kind"] = warningKindName(kind);
    if (!zone.empty()) j["zone"] = zone;
    return j;
}

SessionEvent otherEvent(double t, const char* type, const ojson& j) {
    return OtherEvent{t, type, j.dump(-1, ' ', false, ojson::error_handler_t::replace)};
}

std::string text(const nlohmann::json& j, const char* key) {
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

const char* warningKindName(WarningKind kind) {
    for (const auto& [k, name] : kNames)
        if (k == kind) return name;
    return "warning";
}

std::optional<WarningKind> warningKindFromName(std::string_view name) {
    for (const auto& [k, n] : kNames)
        if (name == n) return k;
    return std::nullopt;
}

SessionEvent warningEvent(double t, const TreatmentWarning& warning) {
    ojson j = warningLine(t, "warning", warning.kind, warning.zone);
    j["text"] = warning.text;
    return otherEvent(t, "warning", j);
}

SessionEvent warningEndEvent(double t, WarningKind kind, const std::string& zone, double durationS) {
    ojson j = warningLine(t, "warning_end", kind, zone);
    j["duration_s"] = durationS;
    return otherEvent(t, "warning_end", j);
}

bool isWarningEvent(const SessionEvent& event) {
    const auto* other = std::get_if<OtherEvent>(&event);
    return other && (other->type == "warning" || other->type == "warning_end");
}

std::vector<WarningShown> warningsShown(const Session& session) {
    std::vector<WarningShown> out;
    for (const SessionEvent& e : session.events) {
        if (!isWarningEvent(e)) continue;
        const OtherEvent& o = std::get<OtherEvent>(e);
        const nlohmann::json j = nlohmann::json::parse(o.rawLine, nullptr, false);
        if (!j.is_object() || !j.contains("kind") || !j["kind"].is_string()) continue;
        const std::string kind = j["kind"].get<std::string>(), zone = text(j, "zone");
        if (o.type == "warning") {
            out.push_back({o.t, kind, zone, text(j, "text"), std::nullopt});
            continue;
        }
        const auto duration = j.find("duration_s");
        if (duration == j.end() || !duration->is_number()) continue;
        // The end belongs to the earliest open warning of that kind and zone.
        for (WarningShown& w : out)
            if (!w.durationS && w.kind == kind && w.zone == zone) {
                w.durationS = duration->get<double>();
                break;
            }
    }
    return out;
}

}  // namespace pinpoint::core
