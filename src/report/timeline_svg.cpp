#include "report/timeline_svg.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace pinpoint::report {

namespace {

struct Lane {
    core::MarkerKind kind;
    const char* title;
    const char* colour;
};

constexpr Lane kLanes[] = {
    {core::MarkerKind::Question, "Intake questions", "#2563eb"}, {core::MarkerKind::Decision, "Decision", "#7c3aed"},
    {core::MarkerKind::Step, "Protocol steps", "#059669"},       {core::MarkerKind::Tool, "Tool settings", "#64748b"},
    {core::MarkerKind::Warning, "Live warnings", "#ea580c"},     {core::MarkerKind::CriticalError, "Critical errors", "#dc2626"},
    {core::MarkerKind::Comment, "Assessor comments", "#d97706"},
};

std::string fmt(const char* format, double a, double b = 0, double c = 0, double d = 0) {
    char buffer[256];
    std::snprintf(buffer, sizeof buffer, format, a, b, c, d);
    return buffer;
}

// A tick step giving about `wanted` ticks over `span` seconds: 1, 2, 5, 10, 15, 30 s, 1, 2, 5, 10 min...
double tickStep(double span, int wanted) {
    const double steps[] = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600};
    for (double s : steps)
        if (span / s <= wanted) return s;
    return 3600.0 * std::ceil(span / 3600.0 / wanted);
}

// A marker at x; `x1` (> x) is where something that lasted a while ended.
std::string marker(core::MarkerKind kind, double x, double x1, double y, const char* colour) {
    switch (kind) {
        case core::MarkerKind::Warning:  // a band for as long as it was on, and a warning sign where it began
            return fmt("<rect x='%.1f' y='%.1f' width='%.1f' height='6' rx='2' fill-opacity='0.45' fill='", x, y - 3,
                       std::max(0.0, x1 - x)) + colour + "'/>" +
                   fmt("<path d='M%.1f %.1f l6 11 h-12 z' fill='", x, y - 6) + colour + "'/>" +
                   fmt("<path d='M%.1f %.1f v3.5' stroke='#fff' stroke-width='1.6'/>", x, y - 2);
        case core::MarkerKind::Decision:
            return fmt("<path d='M%.1f %.1f l6 7 l-6 7 l-6 -7 z' fill='", x, y - 7) + colour + "'/>";
        case core::MarkerKind::Step:
            return fmt("<rect x='%.1f' y='%.1f' width='9' height='9' rx='1.5' fill='", x - 4.5, y - 4.5) + colour + "'/>";
        case core::MarkerKind::Tool:
            return fmt("<path d='M%.1f %.1f l5 9 h-10 z' fill='", x, y - 5) + colour + "'/>";
        case core::MarkerKind::CriticalError:
            return fmt("<path d='M%.1f %.1f l10 10 m0 -10 l-10 10' stroke-width='3' stroke='", x - 5, y - 5) + colour + "'/>";
        case core::MarkerKind::Comment:
            return fmt("<path d='M%.1f %.1f v-15' stroke-width='2' stroke='", x, y + 7) + colour + "'/>" +
                   fmt("<path d='M%.1f %.1f h10 l-3 3.5 l3 3.5 h-10 z' fill='", x, y - 8) + colour + "'/>";
        case core::MarkerKind::Question:
        default: return fmt("<circle cx='%.1f' cy='%.1f' r='4.5' fill='", x, y) + colour + "'/>";
    }
}

}  // namespace

std::string clockTime(double seconds) {
    const long s = std::lround(std::max(0.0, seconds));
    char buffer[32];
    if (s >= 3600) std::snprintf(buffer, sizeof buffer, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
    else std::snprintf(buffer, sizeof buffer, "%ld:%02ld", s / 60, s % 60);
    return buffer;
}

std::string escapeHtml(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string timelineSvg(const core::SessionTimeline& timeline, const std::vector<core::ReviewComment>& comments, int width) {
    const double left = 150, right = 20, laneHeight = 22, top = 10;
    const double lanesBottom = top + laneHeight * std::size(kLanes);
    const double contactTop = lanesBottom + 8, contactHeight = 14;
    const double chartTop = contactTop + contactHeight + 22, chartHeight = 110;
    const double axisY = chartTop + chartHeight;
    const double height = axisY + 34;
    const double plotWidth = width - left - right;
    const double duration = std::max(timeline.duration, 1.0);
    auto x = [&](double t) { return left + plotWidth * std::clamp(t / duration, 0.0, 1.0); };

    std::string svg = fmt("<svg class='timeline' xmlns='http://www.w3.org/2000/svg' viewBox='0 0 %.0f %.0f' width='%.0f' "
                          "height='%.0f' font-family='sans-serif' font-size='12'>",
                          width, height, width, height);
    svg += "<title>Session timeline</title>";
    // Lanes of markers.
    for (std::size_t i = 0; i < std::size(kLanes); ++i) {
        const Lane& lane = kLanes[i];
        const double y = top + laneHeight * (static_cast<double>(i) + 0.5);
        if (i % 2 == 0) svg += fmt("<rect x='%.1f' y='%.1f' width='%.1f' height='%.1f' fill='#f1f5f9'/>", left, y - laneHeight / 2, plotWidth, laneHeight);
        svg += fmt("<text x='%.1f' y='%.1f' text-anchor='end' fill='#334155'>", left - 8, y + 4) + lane.title + "</text>";
        auto add = [&](double t, double lasted, const std::string& label) {
            svg += "<g class='marker marker-" + std::string(core::markerKindName(lane.kind)) + "'><title>" + clockTime(t) + "  " +
                   escapeHtml(label) + "</title>" + marker(lane.kind, x(t), x(t + lasted), y, lane.colour) + "</g>";
        };
        if (lane.kind == core::MarkerKind::Comment) {
            for (const core::ReviewComment& c : comments) add(c.t, 0.0, c.text);
        } else {
            for (const core::TimelineMarker& m : timeline.markers)
                if (m.kind == lane.kind) add(m.t, m.duration, m.label);
        }
    }
    // Needles on the skin.
    svg += fmt("<text x='%.1f' y='%.1f' text-anchor='end' fill='#334155'>Needles on skin</text>", left - 8, contactTop + 11);
    svg += fmt("<rect x='%.1f' y='%.1f' width='%.1f' height='%.1f' fill='#e2e8f0'/>", left, contactTop, plotWidth, contactHeight);
    for (const core::ContactSpan& s : timeline.contact)
        svg += fmt("<rect class='contact' x='%.2f' y='%.1f' width='%.2f' height='%.1f' fill='#0f766e'/>", x(s.t0), contactTop,
                   std::max(0.6, x(s.t1) - x(s.t0)), contactHeight);
    // Punctures per second.
    double peak = 1.0;
    for (double v : timeline.puncturesPerSecond) peak = std::max(peak, v);
    const double scale = std::pow(10.0, std::floor(std::log10(peak)));
    const double yMax = std::ceil(peak / scale) * scale;
    auto y = [&](double v) { return axisY - chartHeight * v / yMax; };
    svg += fmt("<text x='%.1f' y='%.1f' text-anchor='end' fill='#334155'>Punctures / s</text>", left - 44, chartTop + chartHeight / 2 + 4);
    for (double v : {0.0, yMax / 2, yMax}) {
        svg += fmt("<line x1='%.1f' x2='%.1f' y1='%.1f' y2='%.1f' stroke='#cbd5e1'/>", left, left + plotWidth, y(v), y(v));
        svg += fmt("<text x='%.1f' y='%.1f' text-anchor='end' fill='#64748b' font-size='11'>%.0f</text>", left - 8, y(v) + 4, v);
    }
    std::string path = fmt("M%.2f %.2f", left, axisY);
    for (std::size_t i = 0; i < timeline.puncturesPerSecond.size(); ++i) {
        const double t0 = static_cast<double>(i) * timeline.binSeconds;
        const double v = timeline.puncturesPerSecond[i];
        path += fmt(" L%.2f %.2f L%.2f %.2f", x(t0), y(v), x(t0 + timeline.binSeconds), y(v));
    }
    path += fmt(" L%.2f %.2f Z", left + plotWidth, axisY);
    svg += "<path class='rate' d='" + path + "' fill='#38bdf8' fill-opacity='0.55' stroke='#0284c7' stroke-width='1'/>";
    // Time axis.
    svg += fmt("<line x1='%.1f' x2='%.1f' y1='%.1f' y2='%.1f' stroke='#334155'/>", left, left + plotWidth, axisY, axisY);
    const double step = tickStep(duration, 10);
    for (double t = 0; t <= duration + 1e-9; t += step) {
        svg += fmt("<line x1='%.1f' x2='%.1f' y1='%.1f' y2='%.1f' stroke='#334155'/>", x(t), x(t), axisY, axisY + 5);
        svg += fmt("<text x='%.1f' y='%.1f' text-anchor='middle' fill='#334155' font-size='11'>", x(t), axisY + 18) + clockTime(t) + "</text>";
    }
    svg += fmt("<text x='%.1f' y='%.1f' text-anchor='end' fill='#64748b' font-size='11'>time (m:ss)</text>", left + plotWidth, height - 2);
    svg += "</svg>";
    return svg;
}

}  // namespace pinpoint::report
