// The condition catalogue (assets/conditions.toml) and the names of decisions and actions.
#include "core/common/toml_reader.h"
#include "core/scoring/scenario.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <set>

namespace pinpoint::core {

const char* decisionName(Decision d) {
    switch (d) {
        case Decision::Proceed: return "proceed";
        case Decision::ProceedModified: return "proceed_modified";
        case Decision::Defer: return "defer";
        case Decision::Decline: return "decline";
    }
    return "?";
}

std::optional<Decision> decisionFromName(const std::string& name) {
    for (Decision d : {Decision::Proceed, Decision::ProceedModified, Decision::Defer, Decision::Decline})
        if (name == decisionName(d)) return d;
    return std::nullopt;
}

const char* conditionActionName(ConditionAction a) {
    switch (a) {
        case ConditionAction::Decline: return "decline";
        case ConditionAction::Defer: return "defer";
        case ConditionAction::Modify: return "modify";
        case ConditionAction::AvoidArea: return "avoid_area";
        case ConditionAction::Proceed: return "proceed";
    }
    return "?";
}

std::optional<ConditionAction> conditionActionFromName(const std::string& name) {
    for (ConditionAction a : {ConditionAction::Decline, ConditionAction::Defer, ConditionAction::Modify,
                              ConditionAction::AvoidArea, ConditionAction::Proceed})
        if (name == conditionActionName(a)) return a;
    return std::nullopt;
}

bool impliesCondition(const Medication& medication, const ConditionInfo& condition) {
    return medication.condition == condition.id && (!condition.windowDays || medication.daysSinceLastDose <= *condition.windowDays);
}

bool isSkinState(std::string_view state) {
    for (std::string_view s : kSkinStates)
        if (s == state) return true;
    return false;
}

std::optional<int> daysFromIsoDate(const std::string& date) {
    int y = 0, m = 0, d = 0;
    char tail = 0;
    for (std::size_t i = 0; i < date.size(); ++i)
        if ((i == 4 || i == 7) ? date[i] != '-' : (date[i] < '0' || date[i] > '9')) return std::nullopt;
    if (date.size() != 10 || std::sscanf(date.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3) return std::nullopt;
    static const int length[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > length[m - 1] + (m == 2 && leap)) return std::nullopt;
    // Days from the civil calendar (a March-based year puts the leap day last).
    const int yy = y - (m <= 2);
    const int era = yy / 400, yoe = yy - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

std::optional<int> Course::daysSinceLastVisit() const {
    if (visits.empty() || visits.back().daysBeforeToday < 0) return std::nullopt;
    return visits.back().daysBeforeToday;
}

const ConditionInfo* ConditionCatalogue::find(const std::string& id) const {
    for (const ConditionInfo& c : conditions)
        if (c.id == id) return &c;
    return nullptr;
}

namespace {

ConditionAction readAction(const TomlReader& r, const toml::node& n, const char* what) {
    const std::string name = r.string(n, what);
    const std::optional<ConditionAction> a = conditionActionFromName(name);
    if (!a) r.fail(&n, "unknown action '" + name + "'", "use decline, defer, modify, avoid_area or proceed");
    return *a;
}

bool isIdentifierName(const std::string& s) {
    if (s.empty()) return false;
    for (char c : s)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
    return true;
}

ConditionInfo readCondition(const TomlReader& r, const toml::table& t) {
    r.onlyKeys(t, {"id", "name", "action", "modification", "policy_options", "window_days", "fitzpatrick_from",
                   "min_interval_days", "skin_today", "source", "sources_support", "sources_support_source"},
               "a [[condition]]");
    ConditionInfo c;
    const toml::node& id = r.required(t, "id", "a [[condition]]");
    c.id = r.string(id, "id");
    if (!isIdentifierName(c.id)) r.fail(&id, "a condition id is lower-case letters, digits and _");
    c.name = r.stringOr(t, "name", c.id, "name");
    c.action = readAction(r, r.required(t, "action", "a [[condition]]"), "action");
    if (c.action == ConditionAction::Proceed) r.fail(t.get("action"), "a catalogue condition cannot default to proceed");
    c.modification = r.stringOr(t, "modification", "", "modification");
    if (const toml::node* options = t.get("policy_options"))
        for (const toml::node& n : r.array(*options, "policy_options")) c.policyOptions.push_back(readAction(r, n, "a policy option"));
    bool canModify = c.action == ConditionAction::Modify;
    for (ConditionAction a : c.policyOptions) canModify = canModify || a == ConditionAction::Modify;
    if (canModify && !isIdentifierName(c.modification))
        r.fail(&t, "condition '" + c.id + "' can be modified but names no modification",
               "e.g. modification = \"physician_clearance\"");
    if (!canModify && !c.modification.empty())
        r.fail(t.get("modification"), "only a condition whose action (or a policy option) is modify has a modification");
    if (const toml::node* window = t.get("window_days")) {
        const std::int64_t days = r.integer(*window, "window_days");
        if (days < 1 || days > 36500) r.fail(window, "window_days must be 1 to 36500");
        c.windowDays = static_cast<int>(days);
    }
    if (const toml::node* from = t.get("fitzpatrick_from")) {
        const std::int64_t type = r.integer(*from, "fitzpatrick_from");
        if (type < 1 || type > 6) r.fail(from, "fitzpatrick_from must be a Fitzpatrick skin type, 1 to 6");
        c.fitzpatrickFrom = static_cast<int>(type);
    }
    if (const toml::node* interval = t.get("min_interval_days")) {
        const std::int64_t days = r.integer(*interval, "min_interval_days");
        if (days < 1 || days > 3650) r.fail(interval, "min_interval_days must be 1 to 3650");
        c.minIntervalDays = static_cast<int>(days);
    }
    if (const toml::node* skin = t.get("skin_today"))
        for (const toml::node& n : r.array(*skin, "skin_today")) {
            std::string state = r.string(n, "skin_today");
            if (!isSkinState(state) || state == "healed")
                r.fail(&n, "unknown skin state '" + state + "'", "use still_red, peeling, hyperpigmented or infected");
            c.skinToday.push_back(std::move(state));
        }
    c.source = r.string(r.required(t, "source", "a [[condition]]"), "source");
    if (const toml::node* support = t.get("sources_support")) {
        for (const toml::node& n : r.array(*support, "sources_support")) {
            const std::string name = r.string(n, "sources_support");
            const std::optional<Decision> d = decisionFromName(name);
            if (!d) r.fail(&n, "unknown decision '" + name + "'", "use proceed, proceed_modified, defer or decline");
            if (std::find(c.sourcesSupport.begin(), c.sourcesSupport.end(), *d) != c.sourcesSupport.end())
                r.fail(&n, "decision '" + name + "' is listed twice");
            c.sourcesSupport.push_back(*d);
        }
        c.sourcesSupportSource = r.string(r.required(t, "sources_support_source", "a [[condition]] with sources_support"),
                                          "sources_support_source");
    } else if (t.get("sources_support_source")) {
        r.fail(t.get("sources_support_source"), "sources_support_source cites the source of sources_support, which is missing");
    }
    return c;
}

// [[modification]]: what a plan adds, with its label and kind, each once.
void readModifications(const TomlReader& r, const toml::table& root, ConditionCatalogue& catalogue) {
    const char* what = "a [[modification]]";
    const toml::node* list = root.get("modification");
    if (!list) return;  // a catalogue whose conditions modify nothing
    for (const toml::node& n : r.array(*list, "[[modification]]")) {
        const toml::table& t = r.table(n, what);
        r.onlyKeys(t, {"id", "label", "plan"}, what);
        const toml::node& id = r.required(t, "id", what);
        PlanModification m{r.string(id, "id"), r.string(r.required(t, "label", what), "label"), ModificationKind::Action};
        if (!isIdentifierName(m.id)) r.fail(&id, "a modification id is lower-case letters, digits and _");
        if (catalogue.modification(m.id)) r.fail(&id, "modification '" + m.id + "' is listed twice");
        if (m.label.empty()) r.fail(t.get("label"), "modification '" + m.id + "' needs a label (what the trainee reads)");
        const toml::node& plan = r.required(t, "plan", what);
        const std::string kind = r.string(plan, "plan");
        if (kind == "depth_cap") m.kind = ModificationKind::DepthCap;
        else if (kind != "action") r.fail(&plan, "unknown plan '" + kind + "'", "use action (recorded at the decision) or depth_cap");
        catalogue.modifications.push_back(std::move(m));
    }
}

ConditionCatalogue parseCatalogue(const TomlReader& r, const toml::table& root) {
    r.onlyKeys(root, {"format", "version", "modification", "condition"}, "the condition catalogue");
    const toml::node& format = r.required(root, "format", "the condition catalogue");
    if (r.string(format, "format") != "pinpoint-conditions") r.fail(&format, "format must be \"pinpoint-conditions\"");
    const toml::node& version = r.required(root, "version", "the condition catalogue");
    if (r.integer(version, "version") != 1)
        r.fail(&version, "unsupported condition catalogue version", "this Pinpoint reads version 1");
    ConditionCatalogue catalogue;
    readModifications(r, root, catalogue);
    std::set<std::string> ids;
    for (const toml::node& n : r.array(r.required(root, "condition", "the condition catalogue"), "[[condition]]")) {
        const toml::table& t = r.table(n, "a [[condition]]");
        ConditionInfo c = readCondition(r, t);
        if (!ids.insert(c.id).second) r.fail(&n, "condition '" + c.id + "' is listed twice");
        if (!c.modification.empty() && !catalogue.modification(c.modification)) {
            std::string known;
            for (const PlanModification& m : catalogue.modifications) known += (known.empty() ? "" : ", ") + m.id;
            r.fail(t.get("modification"), "unknown modification '" + c.modification + "'",
                   "use one of: " + known + " (the [[modification]] list)");
        }
        catalogue.conditions.push_back(std::move(c));
    }
    if (catalogue.conditions.empty()) r.fail(&root, "the condition catalogue lists no [[condition]]");
    return catalogue;
}

}  // namespace

const PlanModification* ConditionCatalogue::modification(const std::string& id) const {
    for (const PlanModification& m : modifications)
        if (m.id == id) return &m;
    return nullptr;
}

std::vector<const PlanModification*> ConditionCatalogue::planActions() const {
    std::vector<const PlanModification*> out;
    for (const PlanModification& m : modifications)
        if (m.kind == ModificationKind::Action) out.push_back(&m);
    return out;
}

std::string ConditionCatalogue::planActionList() const {
    std::string list;
    for (const PlanModification* m : planActions()) list += (list.empty() ? "" : ", ") + m->id;
    return list;
}

Result<ConditionCatalogue> parseConditionCatalogue(const std::string& text, const std::string& sourceName) {
    return parseTomlDocument<ConditionCatalogue>(text, sourceName, "the condition catalogue",
                                                 [&](const TomlReader& r, const toml::table& root) {
                                                     ConditionCatalogue c = parseCatalogue(r, root);
                                                     c.file = sourceName;
                                                     return c;
                                                 });
}

Result<ConditionCatalogue> readConditionCatalogue(const std::string& path) {
    return readDataFile<ConditionCatalogue>(path, "the condition catalogue", parseConditionCatalogue);
}

}  // namespace pinpoint::core
