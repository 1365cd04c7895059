// A follow-up visit's [course]: the earlier visits of the course, oldest first, and today's skin. Each
// problem is recorded and reading goes on (scenario_parse.h).
#include "core/face/area_names.h"
#include "core/scoring/scenario_parse.h"

#include <algorithm>
#include <iterator>

namespace pinpoint::core::scenario_detail {

namespace {

double depthIn(const TomlReader& r, const toml::node& n, const char* what) {
    const double v = r.number(n, what);
    if (!(v > 0.0 && v <= 3.0)) r.fail(&n, std::string(what) + " must be above 0 and at most 3.0 mm");
    return v;
}

}  // namespace

// [course] and its [[course.visit]]: the earlier visits of a follow-up, oldest first, and today's skin.
void readCourse(ScenarioParse& p, const toml::table& root) {
    Problems& pr = p.problems;
    const TomlReader& r = pr.reader;
    const toml::table* t = pr.table(root, "course", "[course]");
    if (!t) return;
    p.nodes.course = t;
    Course course;
    pr.onlyKeys(*t, {"id", "visit", "today", "skin", "skin_note", "earlier_visit"}, "[course]");
    pr.required(*t, "id", "[course]", [&](const toml::node& n) {
        course.id = r.string(n, "course id");
        bool ok = !course.id.empty();
        for (char c : course.id) ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-');
        if (!ok) r.fail(&n, "course id '" + course.id + "' must be lower-case letters, digits, - and _");
    });
    std::optional<int> today;
    pr.required(*t, "today", "[course]", [&](const toml::node& n) {
        course.today = r.string(n, "today");
        today = daysFromIsoDate(course.today);
        if (!today) r.fail(&n, "today '" + course.today + "' is not a date written yyyy-mm-dd");
    });
    pr.optional(*t, "skin", [&](const toml::node& n) {
        p.nodes.courseSkin = &n;
        course.skin = r.string(n, "skin");
        if (!isSkinState(course.skin))
            r.fail(&n, "unknown skin state '" + course.skin + "'", "use healed, still_red, peeling, hyperpigmented or infected");
    });
    pr.optional(*t, "skin_note", [&](const toml::node& n) { course.skinNote = r.string(n, "skin_note"); });
    std::optional<int> previous;
    for (const toml::table* v : pr.tables(*t, "earlier_visit", "[[course.earlier_visit]]")) {
        pr.onlyKeys(*v, {"date", "device", "depth_mm", "seen_after"}, "a [[course.earlier_visit]]");
        EarlierVisit visit;
        pr.required(*v, "date", "a [[course.earlier_visit]]", [&](const toml::node& n) {
            visit.date = r.string(n, "date");
            const std::optional<int> day = daysFromIsoDate(visit.date);
            if (!day) r.fail(&n, "date '" + visit.date + "' is not a date written yyyy-mm-dd");
            if (previous && *day <= *previous) r.fail(&n, "visit dates must follow each other, oldest first");
            if (today && *day >= *today) r.fail(&n, "an earlier visit on " + visit.date + " is not before today (" + course.today + ")");
            previous = day;
            if (today) visit.daysBeforeToday = *today - *day;
        });
        pr.required(*v, "device", "a [[course.earlier_visit]]", [&](const toml::node& n) {
            visit.device = r.string(n, "device");
            if (visit.device != "pen" && visit.device != "roller") r.fail(&n, "unknown device '" + visit.device + "'", "use pen or roller");
        });
        pr.optional(*v, "seen_after", [&](const toml::node& n) { visit.seenAfter = r.string(n, "seen_after"); });
        pr.required(*v, "depth_mm", "a [[course.earlier_visit]]", [&](const toml::node& n) {
            const toml::table* depths = n.as_table();
            if (!depths || depths->empty()) r.fail(&n, "depth_mm must be a table of zone = depth in mm, e.g. { forehead = 0.5 }");
            for (auto&& [key, value] : *depths)
                pr.attempt([&, &key = key, &value = value] {
                    const std::string zone(key.str());
                    if (!isTreatmentZoneName(zone))
                        r.fail(&value, "unknown zone '" + zone + "' in depth_mm", "zones are named as in assets/zones.toml, e.g. cheek_left");
                    visit.depthMm.emplace_back(zone, depthIn(r, value, "a visit's depth"));
                });
        });
        // In the head's zone order (forehead first), whatever order the table was written in.
        const auto order = [](const std::string& zone) {
            return std::find(std::begin(kTreatmentZones), std::end(kTreatmentZones), zone) - std::begin(kTreatmentZones);
        };
        std::stable_sort(visit.depthMm.begin(), visit.depthMm.end(),
                         [&](const auto& a, const auto& b) { return order(a.first) < order(b.first); });
        course.visits.push_back(visit);
        p.nodes.visits.push_back(v);
    }
    course.visit = static_cast<int>(course.visits.size()) + 1;
    pr.optional(*t, "visit", [&](const toml::node& n) {
        const std::int64_t number = r.integer(n, "visit");
        if (number != course.visit)
            r.fail(&n, "visit " + std::to_string(number) + " does not follow the " + std::to_string(course.visits.size()) +
                           " earlier visit(s) listed", "today's visit number is the earlier visits plus one");
    });
    p.scenario.course = std::move(course);
}

}  // namespace pinpoint::core::scenario_detail
