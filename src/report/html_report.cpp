#include "report/html_report.h"

#include "report/report_style.h"
#include "report/timeline_svg.h"

#include "core/scoring/score_report.h"

#include <algorithm>
#include <cstdio>

namespace pinpoint::report {

namespace {

using core::SignatureStatus;

std::string h(std::string_view text) { return escapeHtml(text); }

std::string num(double v, int decimals) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, v);
    return buffer;
}

std::string percent(double share) { return num(100.0 * share, 0) + "%"; }

std::string words(std::string id) {
    std::replace(id.begin(), id.end(), '_', ' ');
    return id;
}

std::string capitalised(std::string text) {
    if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 'a' + 'A');
    return text;
}

std::string row(std::initializer_list<std::string> cells, const char* tag = "td") {
    std::string out = "<tr>";
    for (const std::string& c : cells) out += std::string("<") + tag + ">" + c + "</" + tag + ">";
    return out + "</tr>";
}

std::string integrity(const ReportInput& in) {
    const core::SignatureCheck& s = in.signature;
    const bool ok = s.status == SignatureStatus::Intact;
    std::string title;
    switch (s.status) {
        case SignatureStatus::Intact: title = "Recording signed and intact"; break;
        case SignatureStatus::Unsigned: title = "Recording NOT signed"; break;
        case SignatureStatus::Truncated: title = "Recording signed but NOT closed (truncated)"; break;
        case SignatureStatus::Changed: title = "Recording CHANGED after signing"; break;
        case SignatureStatus::WrongKey: title = "Recording signed by an untrusted key"; break;
    }
    std::string detail = h(ok && s.message.rfind("signed and intact: ", 0) == 0 ? s.message.substr(19) : s.message);
    if (ok) detail += s.keyTrusted ? ", the trusted key." : ". The signing key was not checked against a trusted key "
                                                             "(<code>pinpoint verify --key</code>).";
    else detail += ". Treat the evidence below with care.";
    return std::string("<div class='integrity ") + (ok ? "good" : "bad") + "' id='integrity'><strong>" + h(title) +
           "</strong><br>" + detail + "</div>";
}

// The verdict on the evidence, beside the verdict on the performance.
std::string evidenceVerdict(const ReportInput& in) {
    if (!in.evidence) return {};
    const core::Evidence& e = *in.evidence;
    std::string out = std::string("<div class='verdict ") + (e.certifiable ? "pass" : "fail") +
                      "' id='evidence'><div class='label'>Evidence</div><div class='big'>" +
                      (e.certifiable ? "CERTIFIABLE" : "NOT CERTIFIABLE") + "</div>";
    if (e.certifiable)
        return out + "<div>Signed and intact, by the trusted recorder " + h(e.signerName.empty() ? e.signer : e.signerName) +
               "; recorded for this scenario.</div></div>";
    out += "<ul class='small reasons'>";
    for (const std::string& r : e.reasons) out += "<li>" + h(r) + "</li>";
    return out + "</ul></div>";
}

std::string summary(const ReportInput& in) {
    const core::ScoreResult& r = *in.score;
    std::string out = "<section class='summary'>";
    out += std::string("<div class='verdict ") + (r.passed ? "pass" : "fail") + "' id='verdict'><div class='label'>Scored result</div>"
           "<div class='big'>" + (r.passed ? "PASSED" : "FAILED") + "</div><div>" + num(r.score, 1) + " / 100 (pass mark " +
           num(in.scenario->passMark, 0) + ")</div>" + (r.decisionOnly ? "<div class='small'>Scored on the decision alone</div>" : "") +
           "</div>";
    out += evidenceVerdict(in);
    if (in.review && in.review->signOff) {
        const core::SignOff& s = *in.review->signOff;
        const bool pass = s.result == core::SignOffResult::Pass;
        out += std::string("<div class='verdict ") + (pass ? "pass" : "fail") + "' id='signoff'><div class='label'>Assessor sign-off</div>"
               "<div class='big'>" + (pass ? "PASS" : "FAIL") + "</div><div>" + h(s.by) + (s.at.empty() ? "" : ", " + h(s.at)) + "</div>" +
               (s.note.empty() ? "" : "<div class='small'>" + h(s.note) + "</div>") + "</div>";
    } else {
        out += "<div class='verdict pending' id='signoff'><div class='label'>Assessor sign-off</div><div class='big'>PENDING</div>"
               "<div>Not signed off yet</div></div>";
    }
    out += "</section>";
    return out;
}

std::string facts(const ReportInput& in) {
    const core::SessionHeader& hd = in.session->header;
    const double duration = in.timeline.duration;
    std::string out = "<table class='facts'>";
    out += row({"Scenario", h(in.scenario->title.empty() ? in.scenario->id : in.scenario->title) + " <span class='muted'>(" + h(in.scenario->id) + ")</span>"}, "td");
    if (!in.scenario->teaches.empty()) out += row({"Teaches", h(in.scenario->teaches)});
    out += row({"Trainee", h(hd.trainee.empty() ? "not recorded" : hd.trainee)});
    out += row({"Recorded", h(hd.startTime.empty() ? "start time not recorded" : hd.startTime) + ", " + clockTime(duration) + " long"});
    out += row({"Session file", "<code>" + h(in.sessionFile) + "</code>"});
    if (!hd.softwareVersion.empty()) out += row({"Recorded with", h(hd.softwareVersion)});
    return out + "</table>";
}

std::string decision(const ReportInput& in) {
    const core::DecisionOutcome& d = in.score->decision;
    std::string out = "<section><h2>Decision</h2><p id='decision'>";
    const std::string made = d.made ? words(d.made->name) : "none recorded";
    out += "Made: <strong>" + h(made) + "</strong>" + (d.made ? " at " + clockTime(d.made->t) : "") + "; expected: <strong>" +
           h(words(core::decisionName(d.expected))) + "</strong> &mdash; ";
    out += d.correct ? (d.acceptable ? "<span class='ok'>an acceptable alternative</span>" : "<span class='ok'>correct</span>")
                     : "<span class='bad'>wrong</span>";
    out += "</p>";
    if (d.made && (!d.made->actions.empty() || !d.made->avoidZones.empty() || d.made->depthCapMm)) {
        out += "<p>Plan: ";
        std::string parts;
        for (const std::string& a : d.made->actions) parts += (parts.empty() ? "" : "; ") + h(words(a));
        if (!d.made->avoidZones.empty()) {
            std::string zones;
            for (const std::string& z : d.made->avoidZones) zones += (zones.empty() ? "" : ", ") + h(words(z));
            parts += (parts.empty() ? "" : "; ") + std::string("avoid ") + zones;
        }
        if (d.made->depthCapMm) parts += (parts.empty() ? "" : "; ") + std::string("depth at most ") + num(*d.made->depthCapMm, 2) + " mm";
        out += parts + ".</p>";
    }
    std::string asked;
    for (const std::string& q : d.questionsAskedBefore) asked += (asked.empty() ? "" : ", ") + h(words(q));
    out += "<p>Intake questions asked before deciding: " + (asked.empty() ? std::string("<span class='bad'>none</span>") : asked) + ".</p>";
    return out + "</section>";
}

// A follow-up visit: the earlier visits of the course and today's skin (the scenario's [course]).
std::string course(const ReportInput& in) {
    if (!in.scenario->course) return {};
    const std::vector<std::string> lines = core::courseLines(*in.scenario->course);
    std::string out = "<section><h2>Course</h2><p id='course'>" + h(lines.front()) +
                      (in.session->header.courseId.empty() ? "" : " <span class='muted'>(recorded as visit " +
                                                                       std::to_string(in.session->header.courseVisit) + " of " +
                                                                       h(in.session->header.courseId) + ")</span>") +
                      "</p><ul>";
    for (std::size_t i = 1; i < lines.size(); ++i) out += "<li>" + h(capitalised(lines[i])) + "</li>";
    return out + "</ul></section>";
}

// What was told against a list of right and wrong statements: a table, one row per statement told
// and per right one missed.
std::string statementsTable(const char* id, const core::AftercareOutcome& a, const std::vector<core::AftercareAdvice>& list) {
    const auto find = [&](const std::string& key) -> const core::AftercareAdvice* {
        for (const core::AftercareAdvice& x : list)
            if (x.id == key) return &x;
        return nullptr;
    };
    const auto text = [&](const std::string& key) {
        const core::AftercareAdvice* advice = find(key);
        return advice ? h(advice->text) : "<code>" + h(key) + "</code>";
    };
    std::string out = std::string("<table id='") + id + "' class='grid'>" + row({"Told the patient", "Judged"}, "th");
    for (const std::string& key : a.given) {
        const bool wrong = std::find(a.wrong.begin(), a.wrong.end(), key) != a.wrong.end();
        const core::AftercareAdvice* advice = find(key);
        out += row({text(key), wrong ? "<span class='bad'>wrong" + (advice && !advice->why.empty() ? ": " + h(advice->why) : "") + "</span>"
                                     : (advice ? "<span class='ok'>right</span>" : "not in the list")});
    }
    for (const std::string& key : a.missed) out += row({"<span class='muted'>not said:</span> " + text(key), "<span class='bad'>missed</span>"});
    return out + "</table>";
}

// The aftercare advice given after the treatment, right and wrong.
std::string aftercare(const ReportInput& in) {
    const core::AftercareOutcome& a = in.score->aftercare;
    if (!a.recorded) {
        if (in.score->decisionOnly) return {};
        return "<section><h2>Aftercare advice</h2><p id='aftercare'>No aftercare advice was recorded (post-care scored as a "
               "step alone).</p></section>";
    }
    static const std::vector<core::AftercareAdvice> none;
    return "<section><h2>Aftercare advice</h2>" + statementsTable("aftercare", a, in.aftercare ? in.aftercare->advice : none) + "</section>";
}

// What the case asked the trainee to tell the patient with the decision ([[counsel]]).
std::string counsel(const ReportInput& in) {
    if (!in.scenario || in.scenario->counsel.empty()) return {};
    return "<section><h2>Told the patient with the decision</h2>" + statementsTable("counsel", in.score->counsel, in.scenario->counsel) +
           "</section>";
}

std::string criticalErrors(const ReportInput& in) {
    std::string out = "<section><h2>Critical errors</h2>";
    if (in.score->criticalErrors.empty()) return out + "<p class='ok' id='critical'>None.</p></section>";
    out += "<p>Each one fails the session, whatever the points.</p><table id='critical' class='grid'>" + row({"Time", "Error", "What happened"}, "th");
    for (const core::CriticalError& e : in.score->criticalErrors)
        out += row({clockTime(e.t), "<span class='bad'>" + h(capitalised(words(e.code))) + "</span>", h(e.message)});
    return out + "</table></section>";
}

std::string components(const ReportInput& in) {
    std::string out = "<section><h2>Score components</h2><table class='grid components'>" + row({"Component", "Score", ""}, "th");
    for (std::size_t i = 0; i < core::kComponents.size(); ++i) {
        const auto& c = in.score->components[i];
        const std::string bar = c ? "<div class='bar'><div style='width:" + num(std::clamp(*c, 0.0, 100.0), 0) + "%'></div></div>" : "";
        out += row({capitalised(words(core::kComponents[i])), c ? num(*c, 1) : "n/a", bar});
    }
    out += "</table>";
    if (!in.score->deductions.empty()) {
        out += "<details open><summary>Deductions (" + std::to_string(in.score->deductions.size()) + ")</summary><ul class='deductions'>";
        for (const core::Deduction& d : in.score->deductions)
            out += "<li><strong>&minus;" + num(d.points, 1) + "</strong> " + h(words(d.component)) + ": " + h(d.reason) + "</li>";
        out += "</ul></details>";
    }
    return out + "</section>";
}

std::string pictures(const ReportInput& in) {
    std::string out = "<section><h2>Treatment density</h2><div class='pictures'>";
    for (const ReportPicture& p : in.pictures) {
        out += "<figure>";
        out += p.png.empty() ? "<div class='missing'>not rendered</div>"
                             : "<img alt='" + h(p.caption) + "' src='data:image/png;base64," + base64(p.png) + "'>";
        out += "<figcaption>" + h(p.caption) + "</figcaption></figure>";
    }
    out += "</div>";
    if (!in.picturesNote.empty()) out += "<p class='muted'>" + h(in.picturesNote) + "</p>";
    const bool anyPicture = std::any_of(in.pictures.begin(), in.pictures.end(), [](const ReportPicture& p) { return !p.png.empty(); });
    if (!anyPicture) return out + "</section>";
    if (in.densityColours.empty()) return out + "</section>";
    // The legend of the pictures' colours, with the landmarks the score measures by.
    const auto x = [](double position) { return num(10.0 + 600.0 * position / 3.0, 1); };
    out += "<div class='legend' id='density-legend'><svg viewBox='0 0 620 64' role='img' aria-label='Density colours'>"
           "<defs><linearGradient id='density-colours'>";
    for (const auto& [position, colour] : in.densityColours)
        out += "<stop offset='" + num(position / 3.0, 4) + "' stop-color='" + h(colour) + "'/>";
    out += "</linearGradient></defs><rect x='10' y='4' width='600' height='14' rx='2' fill='url(#density-colours)'/>";
    for (double landmark : {1.0, 2.0})
        out += "<line x1='" + x(landmark) + "' x2='" + x(landmark) + "' y1='1' y2='21' stroke='#0f172a' stroke-width='1.5'/>";
    const auto text = [&](double position, double y, const std::string& words) {
        return "<text x='" + x(position) + "' y='" + num(y, 0) + "' text-anchor='middle' font-size='12' fill='#334155'>" + words +
               "</text>";
    };
    out += text(1.0, 34, "target " + num(in.densityTargetPerCm2, 0)) + text(2.0, 34, "maximum " + num(in.densityMaxPerCm2, 0));
    out += text(0.5, 50, "below target") + text(1.5, 50, "covered") + text(2.5, 50, "over-treated");
    out += "<text x='10' y='62' font-size='11' fill='#64748b'>punctures per cm&#178;</text></svg>";
    if (in.zonesOwnTargets)
        out += "<p class='muted'>Some zones are coloured by a target and maximum of their own (the scenario's or their "
               "device's; score.json lists each zone's).</p>";
    out += "</div>";
    return out + "</section>";
}

std::string zones(const ReportInput& in) {
    const auto& plan = in.score->planZones;
    std::string out = "<section><h2>Zones</h2><table class='grid zones' id='zones'>" +
                      row({"Zone", "In plan", "Area cm&sup2;", "Coverage", "Over-treated", "Punctures", "Depth mm (range)",
                           "Depth in range", "Directions"}, "th");
    for (const core::ZoneMeasurement& z : in.score->measurement.zones) {
        const bool inPlan = std::find(plan.begin(), plan.end(), z.name) != plan.end();
        if (!inPlan && z.punctures == 0) continue;
        const bool covered = z.coverage >= 0.9, over = z.overTreated > 0.05;
        out += std::string("<tr") + (inPlan ? "" : " class='unplanned'") + "><td>" + h(capitalised(words(z.name))) + "</td><td>" +
               (inPlan ? "yes" : "<span class='bad'>no</span>") + "</td><td>" + num(z.areaCm2, 1) + "</td><td class='" +
               (inPlan ? (covered ? "ok" : "bad") : "") + "'>" + percent(z.coverage) + "</td><td class='" + (over ? "bad" : "") + "'>" +
               percent(z.overTreated) + "</td><td>" + std::to_string(z.punctures) + "</td><td>" +
               (z.punctures ? num(z.depth.meanMm, 2) : std::string("&ndash;")) + " <span class='muted'>(" + num(z.depthRange.minMm, 2) +
               "&ndash;" + num(z.depthRange.maxMm, 2) + ")</span></td><td>" + (z.punctures ? percent(z.depthInRange) : "&ndash;") +
               "</td><td>" + std::to_string(z.directions) + "</td></tr>";
    }
    out += "</table><p class='muted'>Zones outside the plan are listed only when needled. Coverage: share of the zone's "
           "skin at or above the target density; over-treated: share above the maximum.</p>";
    return out + "</section>";
}

std::string ratings(const ReportInput& in) {
    std::string out = "<section><h2>Assessor's global rating</h2>";
    if (!in.review) return out + "<p class='muted' id='ratings'>No review file: the session has not been rated.</p></section>";
    if (!in.ratings) return out + "<p class='bad' id='ratings'>The rating items could not be read: the review is not shown.</p></section>";
    const core::Review& r = *in.review;
    for (const std::string& w : in.reviewWarnings) out += "<p class='bad'>" + h(w) + "</p>";
    out += "<p>Assessor: <strong>" + h(r.assessor.empty() ? "not named" : r.assessor) + "</strong>" +
           (r.updated.empty() ? "" : ", last saved " + h(r.updated)) + ". <span class='muted'>Review file: <code>" + h(in.reviewFile) + "</code></span></p>";
    out += "<table class='grid ratings' id='ratings'>" + row({"Item", "Score", "1", "3", "5"}, "th");
    for (const core::RatingItem& item : in.ratings->items) {
        const core::Rating* rating = r.rating(item.id);
        std::string dots;
        for (int i = 1; i <= 5; ++i) dots += std::string("<span class='dot") + (rating && i <= rating->score ? " on" : "") + "'></span>";
        out += row({"<strong>" + h(item.title) + "</strong>",
                    rating ? "<span class='score'>" + std::to_string(rating->score) + "</span> " + dots : std::string("<span class='muted'>not rated</span>"),
                    "<span class='anchor'>" + h(item.anchor1) + "</span>", "<span class='anchor'>" + h(item.anchor3) + "</span>",
                    "<span class='anchor'>" + h(item.anchor5) + "</span>"});
    }
    out += "</table>";
    out += "<h3>Comments</h3>";
    if (r.comments.empty()) return out + "<p class='muted'>None.</p></section>";
    out += "<table class='grid comments' id='comments'>" + row({"At", "Comment", "About"}, "th");
    for (const core::ReviewComment& c : r.comments) {
        const core::RatingItem* item = in.ratings->find(c.item);
        out += row({clockTime(c.t), h(c.text), item ? h(item->title) : std::string()});
    }
    return out + "</table></section>";
}

std::string events(const ReportInput& in) {
    std::string out = "<details><summary>Events (" + std::to_string(in.timeline.markers.size()) +
                      ")</summary><table class='grid events' id='events'>" + row({"At", "Event"}, "th");
    for (const core::TimelineMarker& m : in.timeline.markers)
        out += std::string("<tr class='event-") + core::markerKindName(m.kind) + "'><td>" + clockTime(m.t) + "</td><td>" +
               h(capitalised(m.label)) + "</td></tr>";
    return out + "</table></details>";
}

std::string inputHashes(const ReportInput& in) {
    if (!in.evidence) return {};
    const core::InputHashes& x = in.evidence->sha256;
    std::string out;
    for (const auto& [name, sha] : {std::pair<const char*, const std::string*>{"Rubric", &x.rubric}, {"Tools", &x.tools},
                                    {"Zones", &x.zones}, {"Conditions", &x.conditions}, {"Head model", &x.headModel}})
        out += "<br>" + std::string(name) + " SHA-256 <code>" + h(*sha) + "</code>";
    return out;
}

std::string footer(const ReportInput& in) {
    return "<footer>Scenario SHA-256 <code>" + h(in.scenario->sha256) + "</code><br>Session SHA-256 <code>" + h(in.sessionSha256) +
           "</code>" + inputHashes(in) + (in.signature.keyId.empty() ? "" : "<br>Signing key " + h(in.signature.publicKey)) + "<br>Rubric " +
           h(in.rubricId) + " " + h(in.rubricVersion) + ". Scores are re-derived from the recording; the same recording and "
           "scenario always give the same score.<br>Generated " + h(in.generatedAt) + " by " + h(in.softwareVersion) + ".</footer>";
}

}  // namespace

std::string base64(const std::vector<std::uint8_t>& bytes) {
    static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    for (std::size_t i = 0; i < bytes.size(); i += 3) {
        const std::uint32_t n = (std::uint32_t{bytes[i]} << 16) | (i + 1 < bytes.size() ? std::uint32_t{bytes[i + 1]} << 8 : 0u) |
                                (i + 2 < bytes.size() ? std::uint32_t{bytes[i + 2]} : 0u);
        out += kAlphabet[(n >> 18) & 63];
        out += kAlphabet[(n >> 12) & 63];
        out += i + 1 < bytes.size() ? kAlphabet[(n >> 6) & 63] : '=';
        out += i + 2 < bytes.size() ? kAlphabet[n & 63] : '=';
    }
    return out;
}

std::string reportHtml(const ReportInput& in) {
    std::string page = "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'><title>Pinpoint assessment: " +
                       h(in.scenario->id) + " &mdash; " + h(in.session->header.trainee) + "</title><style>" + std::string(kReportCss) +
                       "</style></head><body><main>";
    page += "<header><div class='brand'>Pinpoint &middot; microneedling assessment report</div><h1>" +
            h(in.scenario->title.empty() ? in.scenario->id : in.scenario->title) + "</h1></header>";
    page += integrity(in) + summary(in) + facts(in) + course(in) + decision(in) + criticalErrors(in) + components(in);
    if (in.score->decisionOnly && in.score->measurement.totalPunctures == 0)
        page += "<section><h2>Treatment</h2><p id='zones'>No needle touched the skin: the session is scored on the decision "
                "alone.</p></section>";
    else
        page += pictures(in) + zones(in);
    page += counsel(in);
    page += aftercare(in);
    page += "<section><h2>Timeline</h2>" + timelineSvg(in.timeline, in.review ? in.review->comments : std::vector<core::ReviewComment>{}) +
            "<p class='muted'>Hover a marker for its time and details. Punctures per second are re-derived from the recorded "
            "tool movements.</p>" + events(in) + "</section>";
    page += ratings(in) + footer(in) + "</main></body></html>\n";
    return page;
}

}  // namespace pinpoint::report
