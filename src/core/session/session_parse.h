#pragma once
// Internal to the session reader (not part of the core API): turning one parsed JSON line of a
// session file into a header or an event, with the checks docs/session-format.md lists.
#include "core/session/session.h"
#include "core/tools/tool_catalogue.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace pinpoint::core::session_detail {

// Thrown only inside the reader and caught in parseSession, which adds the file and line.
struct LineProblem {
    int column = 1;  // 1-based byte column within the line
    std::string message;
    std::string hint;
};

struct LineContext {
    std::string_view text;            // the line as read (no newline)
    const ToolCatalogue* catalogue;   // may be null
    double previousT;                 // the time of the previous event; 0 before the first
};

SessionHeader parseHeader(const nlohmann::json& j, const LineContext& c);
SessionEvent parseEvent(const nlohmann::json& j, const LineContext& c);

// Pose lines are most of a session. One in the writer's form, {"t":..,"type":"pose","p":[..],
// "contact":..[,"axis":[..]]} (whitespace between tokens allowed), is read without building a JSON
// tree, giving exactly the values the general path gives; any other line gives nullopt and takes
// the general path, which also reports the errors. The result still needs checkPose.
std::optional<PoseEvent> readPoseFast(std::string_view line);
// The checks on a pose whose fields are read: t, the axis (normalised; zero rejected), metres.
PoseEvent checkPose(PoseEvent e, const LineContext& c);

// The shortest text that reads back as the same double ("12.5", "0.1", "1e-07").
std::string formatNumber(double v);

// The 1-based column of `"key"` in the line, or 1 when it does not occur.
int columnOfKey(std::string_view line, std::string_view key);

}  // namespace pinpoint::core::session_detail
