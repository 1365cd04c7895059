#include "core/review/session_timeline.h"

#include "core/scoring/session_facts.h"
#include "core/session/treatment_warnings.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace pinpoint::core {

namespace {

std::string toolLabel(const ToolEvent& e) {
    char buffer[128];
    if (e.tool == ToolKind::Pen)
        std::snprintf(buffer, sizeof buffer, "pen %s, %.2g mm, %.0f Hz", e.cartridge.c_str(), e.depthMm, e.speedHz);
    else
        std::snprintf(buffer, sizeof buffer, "roller %d needles, %.2g mm", e.needles, e.depthMm);
    return buffer;
}

std::string words(std::string id) {
    std::replace(id.begin(), id.end(), '_', ' ');
    return id;
}

// "too fast, forehead: Moving too fast: 180 mm/s (max 150) (on for 2.4 s)"
std::string warningLabel(const WarningShown& w) {
    std::string label = words(w.kind) + (w.zone.empty() ? "" : ", " + words(w.zone));
    if (!w.text.empty()) label += ": " + w.text;
    if (w.durationS) {
        char on[48];
        std::snprintf(on, sizeof on, " (on for %.1f s)", *w.durationS);
        label += on;
    }
    return label;
}

}  // namespace

const char* markerKindName(MarkerKind kind) {
    switch (kind) {
        case MarkerKind::Question: return "question";
        case MarkerKind::Decision: return "decision";
        case MarkerKind::Step: return "step";
        case MarkerKind::Tool: return "tool";
        case MarkerKind::CriticalError: return "critical_error";
        case MarkerKind::Comment: return "comment";
        case MarkerKind::Warning: return "warning";
    }
    return "event";
}

SessionTimeline sessionTimeline(const Session& session, const SimulationOutput& simulation, const ScoreResult* score,
                                int bins) {
    SessionTimeline line;
    double touching = -1.0;  // when the needles went on the skin; negative while off
    for (const SessionEvent& e : session.events) {
        const double t = eventTime(e);
        line.duration = std::max(line.duration, t);
        if (const auto* pose = std::get_if<PoseEvent>(&e)) {
            if (pose->contact && touching < 0.0) touching = t;
            if (!pose->contact && touching >= 0.0) {
                line.contact.push_back({touching, t});
                touching = -1.0;
            }
        } else if (const auto* tool = std::get_if<ToolEvent>(&e)) {
            line.markers.push_back({t, MarkerKind::Tool, toolLabel(*tool)});
        }
    }
    if (touching >= 0.0) line.contact.push_back({touching, line.duration});

    const SessionFacts facts = sessionFacts(session);
    for (const QuestionAsked& q : facts.questions) line.markers.push_back({q.t, MarkerKind::Question, "asked: " + words(q.id)});
    for (const DecisionMade& d : facts.decisions) line.markers.push_back({d.t, MarkerKind::Decision, "decision: " + words(d.name)});
    for (const StepDone& s : facts.steps) line.markers.push_back({s.t, MarkerKind::Step, words(s.step)});
    for (const WarningShown& w : warningsShown(session))
        line.markers.push_back({w.t, MarkerKind::Warning, warningLabel(w), w.durationS.value_or(0.0)});
    if (score)
        for (const CriticalError& c : score->criticalErrors)
            line.markers.push_back({c.t, MarkerKind::CriticalError, words(c.code) + ": " + c.message});
    std::stable_sort(line.markers.begin(), line.markers.end(),
                     [](const TimelineMarker& a, const TimelineMarker& b) { return a.t < b.t; });

    line.binSeconds = std::max(1.0, std::ceil(line.duration / std::max(bins, 1)));
    const std::size_t count = static_cast<std::size_t>(std::ceil(line.duration / line.binSeconds)) + 1;
    line.puncturesPerSecond.assign(count, 0.0);
    for (const Puncture& p : simulation.punctures) {
        const std::size_t bin = std::min(count - 1, static_cast<std::size_t>(std::max(0.0, p.t) / line.binSeconds));
        line.puncturesPerSecond[bin] += 1.0 / line.binSeconds;
    }
    return line;
}

}  // namespace pinpoint::core
