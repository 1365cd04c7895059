#pragma once
// The session timeline as an inline SVG chart: a lane per kind of event (questions, decision,
// protocol steps, tool settings, live warnings with how long each stayed on, critical errors,
// assessor comments), the stretches with the needles on the skin, and punctures per second, on one
// time axis.
#include "core/review/review_file.h"
#include "core/review/session_timeline.h"

#include <string>
#include <vector>

namespace pinpoint::report {

std::string timelineSvg(const core::SessionTimeline& timeline, const std::vector<core::ReviewComment>& comments,
                        int width = 960);

// "m:ss" (or "h:mm:ss") for a time in seconds.
std::string clockTime(double seconds);
// Text made safe for HTML and SVG.
std::string escapeHtml(std::string_view text);

}  // namespace pinpoint::report
