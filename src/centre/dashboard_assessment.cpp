// The assessment quality page: do two assessors who review the same sessions give the same marks (per
// rating item, ICC(2,1); for the pass/fail sign-off, Cohen's kappa), and where does the pass mark fall
// between the sessions an instructor marked as experts' and as novices' (contrasting groups). The
// statistics are core's (core/review/agreement.h, pass_mark.h); this page only gathers and explains.
#include "centre/dashboard_html.h"
#include "centre/dashboard_pages.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace pinpoint::centre {

using html::escape;
using html::number;

// Koo TK, Li MY (2016), "A guideline of selecting and reporting intraclass correlation coefficients for
// reliability research", J Chiropr Med 15(2):155-163: below 0.5 poor, 0.5-0.75 moderate, 0.75-0.9 good,
// above 0.9 excellent.
const char* iccBand(double icc) {
    if (icc < 0.5) return "poor";
    if (icc < 0.75) return "moderate";
    if (icc <= 0.9) return "good";
    return "excellent";
}

// Landis JR, Koch GG (1977), "The measurement of observer agreement for categorical data", Biometrics
// 33(1):159-174: below 0 poor (less than chance), 0-0.20 slight, 0.21-0.40 fair, 0.41-0.60 moderate,
// 0.61-0.80 substantial, 0.81-1 almost perfect.
const char* kappaBand(double kappa) {
    if (kappa < 0.0) return "less than chance";
    if (kappa <= 0.20) return "slight";
    if (kappa <= 0.40) return "fair";
    if (kappa <= 0.60) return "moderate";
    if (kappa <= 0.80) return "substantial";
    return "almost perfect";
}

namespace {

using Ratings = std::map<std::string, double>;

// nullopt when the text is not one of the two accepted shapes.
std::optional<Ratings> readRatings(const std::string& text) {
    const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    if (!j.is_object()) return std::nullopt;
    Ratings out;
    if (j.contains("ratings")) {
        if (!j["ratings"].is_array()) return std::nullopt;
        for (const nlohmann::json& r : j["ratings"]) {
            if (!r.is_object() || !r.contains("item") || !r["item"].is_string() || !r.contains("score") || !r["score"].is_number())
                return std::nullopt;
            out[r["item"].get<std::string>()] = r["score"].get<double>();
        }
        return out;
    }
    for (const auto& [item, value] : j.items()) {
        if (!value.is_number()) return std::nullopt;
        out[item] = value.get<double>();
    }
    return out;
}

}  // namespace

namespace {

// One rating item's table: a row per session, a column per entry of `columns` (the reviews of that
// session to compare, in column order; null where that column's assessor did not review it).
core::RatingTable itemTable(const std::string& item, const std::vector<std::vector<std::optional<Ratings>>>& ratings) {
    core::RatingTable table;
    for (const auto& row : ratings) {
        std::vector<std::optional<double>> cells(row.size());
        for (std::size_t k = 0; k < row.size(); ++k)
            if (row[k] && row[k]->count(item)) cells[k] = row[k]->at(item);
        table.push_back(std::move(cells));
    }
    return table;
}

std::string signOffOf(const ReviewRecord* r) { return r ? (r->pass ? "pass" : "fail") : ""; }

}  // namespace

AssessmentQuality assessmentQuality(const std::vector<ReviewedSession>& sessions, const std::vector<MarkedScore>& marked) {
    AssessmentQuality q;
    q.sessions = static_cast<int>(sessions.size());
    // Per session, each assessor's newest review, in the order the assessors first reviewed it.
    std::vector<std::vector<const ReviewRecord*>> compared;
    for (const ReviewedSession& s : sessions) {
        std::vector<const ReviewRecord*> byAssessor;
        std::vector<const ReviewRecord*> ordered;
        for (const ReviewRecord& r : s.reviews) ordered.push_back(&r);
        std::stable_sort(ordered.begin(), ordered.end(), [](const auto* a, const auto* b) { return a->created < b->created; });
        for (const ReviewRecord* r : ordered) {
            const auto same = std::find_if(byAssessor.begin(), byAssessor.end(), [&](const auto* o) { return o->assessor == r->assessor; });
            if (same == byAssessor.end()) byAssessor.push_back(r);
            else *same = r;  // a newer review by the same assessor replaces theirs, keeping their place
        }
        if (byAssessor.size() < 2) {
            ++q.leftOut;
            continue;
        }
        ++q.withTwoReviews;
        compared.push_back(std::move(byAssessor));
    }
    // The same assessors on every session: a fixed panel, compared assessor by assessor (two-way model).
    // Otherwise the first two reviews of each session, from whoever gave them (one-way model).
    std::set<Id> firstPanel;
    for (std::size_t i = 0; i < compared.size(); ++i) {
        std::set<Id> panel;
        for (const ReviewRecord* r : compared[i]) panel.insert(r->assessor);
        if (i == 0) firstPanel = panel;
        else if (panel != firstPanel) q.samePanel = false;
    }
    if (q.samePanel) q.panel.assign(firstPanel.begin(), firstPanel.end());
    // columns[i][k]: session i's review by panel member k (fixed panel) or its k-th review (changing pairs).
    std::vector<std::vector<const ReviewRecord*>> columns;
    for (const auto& c : compared) {
        std::vector<const ReviewRecord*> row;
        if (q.samePanel) {
            for (Id who : q.panel)
                row.push_back(*std::find_if(c.begin(), c.end(), [&](const auto* r) { return r->assessor == who; }));
        } else {
            row = {c[0], c[1]};
        }
        columns.push_back(std::move(row));
    }
    std::vector<std::vector<std::optional<Ratings>>> ratings;
    std::set<std::string> items;
    for (const auto& c : compared)
        for (const ReviewRecord* r : c)
            if (!readRatings(r->ratingsJson)) ++q.unreadableRatings;
    for (const auto& c : columns) {
        std::vector<std::optional<Ratings>> row;
        for (const ReviewRecord* r : c) {
            row.push_back(readRatings(r->ratingsJson));
            if (row.back())
                for (const auto& [item, v] : *row.back()) items.insert(item);
        }
        ratings.push_back(std::move(row));
    }
    for (const std::string& item : items) {
        const core::RatingTable table = itemTable(item, ratings);
        q.items.push_back({item, q.samePanel ? core::iccAbsoluteAgreement(table) : core::iccOneWay(table)});
    }
    std::vector<std::string> first, second;
    for (const auto& c : columns) {
        first.push_back(signOffOf(c[0]));
        second.push_back(signOffOf(c[1]));
    }
    q.signOff = core::cohensKappa(first, second);

    // Each pair of assessors who reviewed enough of the same sessions, compared as a fixed pair.
    std::map<std::pair<Id, Id>, std::vector<std::pair<const ReviewRecord*, const ReviewRecord*>>> shared;
    for (const auto& c : compared)
        for (std::size_t i = 0; i < c.size(); ++i)
            for (std::size_t j = 0; j < c.size(); ++j)
                if (c[i]->assessor < c[j]->assessor) shared[{c[i]->assessor, c[j]->assessor}].emplace_back(c[i], c[j]);
    if (!q.samePanel || q.panel.size() > 2) {
        for (const auto& [who, reviews] : shared) {
            if (static_cast<int>(reviews.size()) < kPairSessionsShown) continue;
            PairAgreement pair{who.first, who.second, static_cast<int>(reviews.size()), {}, {}};
            std::vector<std::vector<std::optional<Ratings>>> pairRatings;
            std::vector<std::string> a, b;
            for (const auto& [ra, rb] : reviews) {
                pairRatings.push_back({readRatings(ra->ratingsJson), readRatings(rb->ratingsJson)});
                a.push_back(signOffOf(ra));
                b.push_back(signOffOf(rb));
            }
            for (const std::string& item : items) pair.items.push_back({item, core::iccAbsoluteAgreement(itemTable(item, pairRatings))});
            pair.signOff = core::cohensKappa(a, b);
            q.pairs.push_back(std::move(pair));
        }
        std::stable_sort(q.pairs.begin(), q.pairs.end(), [](const auto& x, const auto& y) { return x.sessions > y.sessions; });
    }

    for (const MarkedScore& m : marked) (m.mark == Mark::Expert ? q.expertScores : q.noviceScores).push_back(m.score);
    q.groups = core::contrastingGroupsPassMark(q.expertScores, q.noviceScores);
    return q;
}

namespace {

std::string sessionsText(int n) { return std::to_string(n) + (n == 1 ? " session" : " sessions"); }

std::string percent(double share) { return number(100.0 * share, 0) + "%"; }

std::string iccCell(const core::IccResult& r) {
    if (!r.computed) return "<td class=\"muted\">not computed</td><td>" + escape(r.reason) + "</td>";
    std::string cell = "<td class=\"num\" style=\"white-space:nowrap\">" + number(r.icc, 2) + " (" + number(r.lower95, 2) + " to " +
                       number(r.upper95, 2) + ")</td><td>" + iccBand(r.icc) + " agreement";
    if (std::string(iccBand(r.lower95)) != iccBand(r.upper95))
        cell += " <span class=\"muted\">(could be anywhere from " + std::string(iccBand(r.lower95)) + " to " + iccBand(r.upper95) +
                ": more sessions would narrow it)</span>";
    return cell + "</td>";
}

std::string panelText(const AssessmentQuality& q, const std::vector<Person>& people) {
    std::string names;
    for (std::size_t i = 0; i < q.panel.size(); ++i)
        names += (i == 0 ? "" : i + 1 == q.panel.size() ? " and " : ", ") + escape(html::personName(q.panel[i], people));
    return names;
}

std::string agreementSection(const AssessmentQuality& q, const std::vector<Person>& people) {
    std::string body = "<h2>Do assessors agree on each rating item?</h2><p class=\"note\">" + std::to_string(q.withTwoReviews) +
                       " of " + std::to_string(q.sessions) + " sessions were reviewed by two or more assessors and are compared here; " +
                       std::to_string(q.leftOut) + (q.leftOut == 1 ? " session was" : " sessions were") +
                       " left out (fewer than two reviews).";
    if (q.unreadableRatings > 0)
        body += " " + std::to_string(q.unreadableRatings) + " review(s) had ratings that could not be read and count as unrated.";
    body += "</p>";
    if (q.items.empty()) return body + "<p class=\"muted\">No rating items to compare yet.</p>";
    const std::string model = q.samePanel ? "ICC(2,1)" : "ICC(1,1)";
    body += "<div class=\"scroll\"><table><thead><tr><th>Rating item</th><th>Sessions</th><th>" + model +
            " (95% CI)</th><th>What it means</th></tr></thead><tbody>";
    for (const ItemAgreement& a : q.items) {
        const core::IccResult& r = a.icc;
        body += "<tr><td>" + escape(a.item) + "</td><td class=\"num\">" + std::to_string(r.subjects) +
                (r.incompleteRowsDropped > 0 ? " <span class=\"muted\">(" + std::to_string(r.incompleteRowsDropped) + " left out)</span>" : "") +
                "</td>" + iccCell(r) + "</tr>";
    }
    body += "</tbody></table></div><p class=\"note\">";
    if (q.samePanel)
        body += "Every session here was reviewed by the same assessors (" + panelText(q, people) +
                "), so each is a column: ICC(2,1), two-way random effects, absolute agreement, one assessor (McGraw &amp; "
                "Wong 1996).";
    else
        body += "The assessors change from session to session, so the first two reviews of each session are compared, "
                "whoever gave them: ICC(1,1), one-way random effects, one assessor (Shrout &amp; Fleiss 1979). It says how "
                "far any two assessors of this centre agree, and counts an assessor who marks everyone higher as "
                "disagreement. Fixed pairs are compared below.";
    body += " 1 means the same mark every time. Bands after Koo &amp; Li (2016): below 0.5 poor, 0.5 to 0.75 moderate, "
            "0.75 to 0.9 good, above 0.9 excellent.</p>";
    return body;
}

std::string kappaText(const core::KappaResult& k) {
    return number(k.kappa, 2) + " (" + number(k.lower95, 2) + " to " + number(k.upper95, 2) + "): " + kappaBand(k.kappa);
}

std::string pairsSection(const AssessmentQuality& q, const std::vector<Person>& people) {
    if (q.pairs.empty()) return "";
    std::string body = "<h2>Pairs of assessors</h2><p class=\"note\">Each pair who reviewed at least " +
                       std::to_string(kPairSessionsShown) +
                       " of the same sessions, compared as a fixed pair: ICC(2,1) per item and Cohen's kappa for "
                       "pass or fail. A pair that agrees less than the others is where calibration should start.</p>"
                       "<div class=\"scroll\"><table><thead><tr><th>Assessors</th><th>Sessions</th>";
    for (const ItemAgreement& a : q.pairs.front().items) body += "<th>" + escape(a.item) + " ICC(2,1)</th>";
    body += "<th>Pass or fail, kappa</th></tr></thead><tbody>";
    for (const PairAgreement& pair : q.pairs) {
        body += "<tr><td>" + escape(html::personName(pair.first, people)) + " and " + escape(html::personName(pair.second, people)) +
                "</td><td class=\"num\">" + std::to_string(pair.sessions) + "</td>";
        for (const ItemAgreement& a : pair.items)
            body += a.icc.computed ? "<td class=\"num\" style=\"white-space:nowrap\">" + number(a.icc.icc, 2) + " (" +
                                         number(a.icc.lower95, 2) + " to " + number(a.icc.upper95, 2) + ")</td>"
                                   : "<td class=\"muted\" title=\"" + escape(a.icc.reason) + "\">not computed</td>";
        body += pair.signOff.computed ? "<td>" + kappaText(pair.signOff) + "</td>"
                                      : "<td class=\"muted\" title=\"" + escape(pair.signOff.reason) + "\">not computed</td>";
        body += "</tr>";
    }
    return body + "</tbody></table></div>";
}

std::string signOffSection(const AssessmentQuality& q) {
    const core::KappaResult& k = q.signOff;
    std::string body = "<h2>Do assessors agree on pass or fail?</h2>";
    if (!k.computed) return body + "<p>Cohen's kappa not computed: " + escape(k.reason) + "</p>";
    const bool pair = q.samePanel && q.panel.size() == 2;
    body += "<p><b>Cohen's kappa " + kappaText(k) + " agreement</b> over " + std::to_string(k.sessions) + " sessions. " +
            (pair ? "The two assessors" : "The first two reviewers of each session") + " gave the same sign-off on " +
            percent(k.observedAgreement) + " of them, where chance alone would give " + percent(k.expectedAgreement) + ".";
    if (!pair) body += " The reviewers change between sessions: read it as agreement between any two of them.";
    body += "</p><p class=\"note\">Bands after Landis &amp; Koch (1977): 0 to 0.2 slight, to 0.4 fair, to 0.6 moderate, to 0.8 "
            "substantial, above 0.8 almost perfect. The interval is kappa &plusmn; 1.96 standard errors (Fleiss, Cohen &amp; "
            "Everitt 1969).</p>";
    return body;
}

std::string groupsSection(const AssessmentQuality& q) {
    const core::ContrastingGroups& g = q.groups;
    std::string body = "<h2>Where should the pass mark be? (contrasting groups)</h2>";
    const bool set = g.status == core::PassMarkStatus::Set;
    body += html::histogramSvg({{"expert", "#047857", html::scoreBins(q.expertScores)},
                                {"novice", "#d97706", html::scoreBins(q.noviceScores)}},
                               "Scores of sessions marked expert and novice", set ? std::optional<double>(g.passMark) : std::nullopt,
                               set ? "pass mark " + number(g.passMark) : "");
    body += "<p class=\"legend\"><span><i style=\"background:#047857;height:10px\"></i>expert (" + sessionsText(g.experts.sessions) +
            ", mean " + number(g.experts.mean) + ")</span><span><i style=\"background:#d97706;height:10px\"></i>novice (" +
            sessionsText(g.novices.sessions) + ", mean " + number(g.novices.mean) + ")</span></p>";
    if (!set) return body + "<p>No pass mark: " + escape(g.reason) + "</p>";
    body += "<p><b>The two groups' score curves cross at " + number(g.passMark) + ".</b> With the pass mark there, " +
            percent(g.falsePassRate) + " of the novices' sessions would pass (false pass) and " + percent(g.falseFailRate) +
            " of the experts' sessions would fail (false fail).</p><p class=\"note\">Each group's scores fitted with a normal "
            "curve; the mark is where the curves are equal, between the means (Livingston &amp; Zieky 1982). The rates are "
            "counted from the sessions themselves.</p>";
    return body;
}

}  // namespace

std::string assessmentPage(const std::string& title, const AssessmentQuality& quality, const std::vector<Person>& people) {
    return html::page(title, agreementSection(quality, people) + signOffSection(quality) + pairsSection(quality, people) +
                                 groupsSection(quality));
}

}  // namespace pinpoint::centre
