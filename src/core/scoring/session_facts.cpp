#include "core/scoring/session_facts.h"

#include "core/session/treatment_warnings.h"

#include <nlohmann/json.hpp>

namespace pinpoint::core {

namespace {

std::vector<std::string> strings(const nlohmann::json& j, const char* key) {
    std::vector<std::string> out;
    if (auto it = j.find(key); it != j.end() && it->is_array())
        for (const auto& v : *it)
            if (v.is_string()) out.push_back(v.get<std::string>());
    return out;
}

}  // namespace

SessionFacts sessionFacts(const Session& session) {
    SessionFacts facts;
    for (const SessionEvent& e : session.events) {
        // The simulator's warnings are what it told the trainee, not something the trainee did: they
        // never move the end of the session (a warning's end may be noted just after the last pose).
        if (!isWarningEvent(e)) facts.endTime = std::max(facts.endTime, eventTime(e));
        if (const auto* d = std::get_if<DecisionEvent>(&e)) {
            DecisionMade made{d->t, decisionFromName(d->decision), d->decision, {}, {}, std::nullopt};
            const nlohmann::json j = nlohmann::json::parse(d->rawLine, nullptr, false);
            if (j.is_object()) {
                made.actions = strings(j, "actions");
                made.avoidZones = strings(j, "avoid_zones");
                if (auto it = j.find("depth_cap_mm"); it != j.end() && it->is_number()) made.depthCapMm = it->get<double>();
            }
            facts.decisions.push_back(std::move(made));
        } else if (const auto* tool = std::get_if<ToolEvent>(&e)) {
            facts.tools.push_back(*tool);
        } else if (const auto* s = std::get_if<StepEvent>(&e)) {
            facts.steps.push_back({s->t, s->step});
        } else if (const auto* o = std::get_if<OtherEvent>(&e); o && o->type == "question") {
            const nlohmann::json j = nlohmann::json::parse(o->rawLine, nullptr, false);
            if (j.is_object() && j.contains("id") && j["id"].is_string()) facts.questions.push_back({o->t, j["id"].get<std::string>()});
        } else if (o && o->type == "aftercare") {
            const nlohmann::json j = nlohmann::json::parse(o->rawLine, nullptr, false);
            if (j.is_object()) facts.aftercare = AftercareGiven{o->t, strings(j, "advice")};
        } else if (o && o->type == "counsel") {
            const nlohmann::json j = nlohmann::json::parse(o->rawLine, nullptr, false);
            if (j.is_object()) facts.counsel = AftercareGiven{o->t, strings(j, "counsel")};
        }
    }
    return facts;
}

SessionEvent questionEvent(double t, const std::string& id) {
    const nlohmann::json j = {{"t", t}, {"type", "question"}, {"id", id}};
    return OtherEvent{t, "question", j.dump()};
}

SessionEvent decisionEvent(double t, Decision decision, const RequiredPlan& plan) {
    nlohmann::json j = {{"t", t}, {"type", "decision"}, {"decision", decisionName(decision)}};
    if (!plan.actions.empty()) j["actions"] = plan.actions;
    if (!plan.avoidZones.empty()) j["avoid_zones"] = plan.avoidZones;
    if (plan.depthCapMm) j["depth_cap_mm"] = *plan.depthCapMm;
    return DecisionEvent{t, decisionName(decision), j.dump()};
}

SessionEvent aftercareEvent(double t, const std::vector<std::string>& advice) {
    const nlohmann::json j = {{"t", t}, {"type", "aftercare"}, {"advice", advice}};
    return OtherEvent{t, "aftercare", j.dump()};
}

SessionEvent counselEvent(double t, const std::vector<std::string>& counsel) {
    const nlohmann::json j = {{"t", t}, {"type", "counsel"}, {"counsel", counsel}};
    return OtherEvent{t, "counsel", j.dump()};
}

}  // namespace pinpoint::core
