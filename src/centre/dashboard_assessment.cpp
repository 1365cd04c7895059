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

AssessmentQuality assessmentQuality(const std::vector<ReviewedSession>& sessions, const std::vector<MarkedScore>& marked) {
    AssessmentQuality q;
    q.sessions = static_cast<int>(sessions.size());
    // Per session, each assessor's newest review, in the order the assessors first reviewed it.
    std::vector<std::vector<const ReviewRecord*>> columns;
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
        columns.push_back(std::move(byAssessor));
    }
    std::size_t raters = 0;
    for (const auto& c : columns) raters = std::max(raters, c.size());
    std::vector<std::vector<std::optional<Ratings>>> ratings;
    std::set<std::string> items;
    for (const auto& c : columns) {
        std::vector<std::optional<Ratings>> row;
        for (const ReviewRecord* r : c) {
            row.push_back(readRatings(r->ratingsJson));
            if (!row.back()) ++q.unreadableRatings;
            else
                for (const auto& [item, v] : *row.back()) items.insert(item);
        }
        ratings.push_back(std::move(row));
    }
    for (const std::string& item : items) {
        core::RatingTable table;
        for (const auto& row : ratings) {
            std::vector<std::optional<double>> cells(raters);
            for (std::size_t k = 0; k < row.size(); ++k)
                if (row[k] && row[k]->count(item)) cells[k] = row[k]->at(item);
            table.push_back(std::move(cells));
        }
        q.items.push_back({item, core::iccAbsoluteAgreement(table)});
    }
    std::vector<std::string> first, second;
    for (const auto& c : columns) {
        first.emplace_back(c[0]->pass ? "pass" : "fail");
        second.emplace_back(c[1]->pass ? "pass" : "fail");
    }
    q.signOff = core::cohensKappa(first, second);
    for (const MarkedScore& m : marked) (m.mark == Mark::Expert ? q.expertScores : q.noviceScores).push_back(m.score);
    q.groups = core::contrastingGroupsPassMark(q.expertScores, q.noviceScores);
    return q;
}

namespace {

std::string sessionsText(int n) { return std::to_string(n) + (n == 1 ? " session" : " sessions"); }

std::string percent(double share) { return number(100.0 * share, 0) + "%"; }

std::string agreementSection(const AssessmentQuality& q) {
    std::string body = "<h2>Do assessors agree on each rating item?</h2><p class=\"note\">" + std::to_string(q.withTwoReviews) +
                       " of " + std::to_string(q.sessions) + " sessions were reviewed by two or more assessors and are compared here; " +
                       std::to_string(q.leftOut) + (q.leftOut == 1 ? " session was" : " sessions were") +
                       " left out (fewer than two reviews).";
    if (q.unreadableRatings > 0)
        body += " " + std::to_string(q.unreadableRatings) + " review(s) had ratings that could not be read and count as unrated.";
    body += "</p>";
    if (q.items.empty()) return body + "<p class=\"muted\">No rating items to compare yet.</p>";
    body += "<div class=\"scroll\"><table><thead><tr><th>Rating item</th><th>Sessions</th><th>ICC(2,1) (95% CI)</th>"
            "<th>What it means</th></tr></thead><tbody>";
    for (const ItemAgreement& a : q.items) {
        const core::IccResult& r = a.icc;
        body += "<tr><td>" + escape(a.item) + "</td><td class=\"num\">" + std::to_string(r.subjects) +
                (r.incompleteRowsDropped > 0 ? " <span class=\"muted\">(" + std::to_string(r.incompleteRowsDropped) + " left out)</span>" : "") +
                "</td>";
        if (!r.computed) {
            body += "<td class=\"muted\">not computed</td><td>" + escape(r.reason) + "</td></tr>";
            continue;
        }
        body += "<td class=\"num\" style=\"white-space:nowrap\">" + number(r.icc, 2) + " (" + number(r.lower95, 2) + " to " + number(r.upper95, 2) + ")</td><td>" +
                iccBand(r.icc) + " agreement";
        if (std::string(iccBand(r.lower95)) != iccBand(r.upper95))
            body += " <span class=\"muted\">(could be anywhere from " + std::string(iccBand(r.lower95)) + " to " + iccBand(r.upper95) +
                    ": more sessions would narrow it)</span>";
        body += "</td></tr>";
    }
    body += "</tbody></table></div><p class=\"note\">ICC(2,1): two-way random effects, absolute agreement, one assessor "
            "(McGraw &amp; Wong 1996). 1 means the same mark every time. Bands after Koo &amp; Li (2016): below 0.5 poor, "
            "0.5 to 0.75 moderate, 0.75 to 0.9 good, above 0.9 excellent.</p>";
    return body;
}

std::string signOffSection(const core::KappaResult& k) {
    std::string body = "<h2>Do assessors agree on pass or fail?</h2>";
    if (!k.computed) return body + "<p>Cohen's kappa not computed: " + escape(k.reason) + "</p>";
    body += "<p><b>Cohen's kappa " + number(k.kappa, 2) + " (" + number(k.lower95, 2) + " to " + number(k.upper95, 2) + "): " +
            kappaBand(k.kappa) + " agreement</b> over " + std::to_string(k.sessions) + " sessions. The two assessors gave the same "
            "sign-off on " + percent(k.observedAgreement) + " of them, where chance alone would give " + percent(k.expectedAgreement) +
            ".</p><p class=\"note\">Bands after Landis &amp; Koch (1977): 0 to 0.2 slight, to 0.4 fair, to 0.6 moderate, to 0.8 "
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

std::string assessmentPage(const std::string& title, const AssessmentQuality& quality) {
    return html::page(title, agreementSection(quality) + signOffSection(quality.signOff) + groupsSection(quality));
}

}  // namespace pinpoint::centre
