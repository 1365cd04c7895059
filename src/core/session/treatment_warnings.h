#pragma once
// The warnings the simulator showed the trainee while the needles were on the skin, as recorded in
// the session (`warning` and `warning_end` events, docs/session-format.md) for the assessor. Scoring
// never reads them: the score is re-derived from the poses and settings alone.
#include "core/session/session.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pinpoint::core {

enum class WarningKind {
    ForbiddenArea,     // needles on an area that must never be needled (eyes, lips, nostrils, ...)
    AvoidedZone,       // a zone the trainee's own plan avoids
    ZoneNotInPlan,     // a zone the treatment plan does not include
    Lesion,            // the footprint touches a lesion (a raised mole, ...)
    DepthOutOfRange,   // the depth is outside the zone's range
    DepthOverCap,      // the depth is beyond the plan's depth cap
    OffPerpendicular,  // the needle is further off perpendicular than the scenario allows
    TooFast,           // moving over the skin faster than the scenario allows
    ReTreating,        // the skin here is already above the maximum density
};

// The stable name written to session files: "forbidden_area", "avoided_zone", "zone_not_in_plan",
// "lesion", "depth_out_of_range", "depth_over_cap", "off_perpendicular", "too_fast", "re_treating".
const char* warningKindName(WarningKind kind);
std::optional<WarningKind> warningKindFromName(std::string_view name);

// One warning as shown: its kind, the zone or forbidden area under the tool, and the text.
struct TreatmentWarning {
    WarningKind kind = WarningKind::TooFast;
    std::string zone;  // empty when not known
    std::string text;  // what the trainee read, e.g. "Moving too fast: 180 mm/s (max 150)"
};

// The session lines: a warning came on at t; a warning (kind and zone) went off at t after
// `durationS` seconds on.
SessionEvent warningEvent(double t, const TreatmentWarning& warning);
SessionEvent warningEndEvent(double t, WarningKind kind, const std::string& zone, double durationS);
// A `warning` or `warning_end` event.
bool isWarningEvent(const SessionEvent& event);

// A warning as read back from a session. The kind stays a string, so kinds a newer simulator
// records are still shown.
struct WarningShown {
    double t = 0.0;                    // when it came on
    std::string kind;
    std::string zone;
    std::string text;
    std::optional<double> durationS;   // from its `warning_end`; none when the recording has none
};

// The session's warnings in time order, each with the duration of its matching `warning_end` (the
// next one of the same kind and zone). A `warning` line without a string `kind` is skipped.
std::vector<WarningShown> warningsShown(const Session& session);

}  // namespace pinpoint::core
