// Names of decisions and condition actions as written in scenarios and sessions.
#include "core/scoring/scenario.h"

namespace pinpoint::core {

const char* decisionName(Decision d) {
    switch (d) {
        case Decision::Proceed: return "proceed";
        case Decision::ProceedModified: return "proceed_modified";
        case Decision::Defer: return "defer";
        case Decision::Decline: return "decline";
    }
    return "proceed";
}

std::optional<Decision> decisionFromName(const std::string& name) {
    for (Decision d : {Decision::Proceed, Decision::ProceedModified, Decision::Defer, Decision::Decline})
        if (name == decisionName(d)) return d;
    return std::nullopt;
}

const ZoneScenarioRules* Scenario::zone(const std::string& name) const {
    for (const ZoneScenarioRules& z : zones)
        if (z.zone == name) return &z;
    return nullptr;
}

}  // namespace pinpoint::core
