// The assessor's review window's panels: the timeline, the score, the assessor's ratings and
// comments, and the question before closing with unsaved work.
#include "app/review_state.h"

#include "app/close_question.h"
#include "app/review_sign_in.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>

namespace pinpoint::app::review {

namespace {

std::string isoNow() {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return text;
}

ImU32 markerColour(core::MarkerKind kind) {
    switch (kind) {
    case core::MarkerKind::Question: return IM_COL32(90, 170, 255, 255);
    case core::MarkerKind::Decision: return IM_COL32(230, 120, 255, 255);
    case core::MarkerKind::Step: return IM_COL32(120, 230, 140, 255);
    case core::MarkerKind::Tool: return IM_COL32(230, 230, 230, 255);
    case core::MarkerKind::CriticalError: return IM_COL32(255, 60, 50, 255);
    case core::MarkerKind::Comment: return IM_COL32(255, 200, 60, 255);
    case core::MarkerKind::Warning: return IM_COL32(255, 55, 0, 255);
    }
    return IM_COL32(200, 200, 200, 255);
}

}  // namespace

// Takes the answer of a send that has finished: shown in the window and told to the test hooks.
void collectSend(ReviewState& s, bool wait) {
    if (!s.sending.valid()) return;
    if (!wait && s.sending.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return;
    const ReviewSent sent = s.sending.get();
    s.centreStatus = (sent.sent ? "Sent: " : "Not sent to the centre: ") + sent.message;
    s.hooks.line(sent.sent ? "centre sent" : "centre not_sent " + sent.message);
}

AssessorEntries entries(const ReviewState& s) {
    return {s.review.ratings, s.review.comments, s.assessorName, s.signOff};
}

// The window's close button or Close: closes at once when everything is saved, else asks.
void requestClose(ReviewState& s) {
    const bool alreadyAsking = s.closeGuard.asking();
    if (s.closeGuard.requestClose(entries(s))) s.quit = true;
    else if (!alreadyAsking) s.hooks.line("close_asked");
}

// A button whose centre the test hooks report.
static bool button(ReviewState& s, const char* label, const std::string& id, float width = 0.0f) {
    const bool pressed = ImGui::Button(label, ImVec2(width, 0.0f));
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    s.hooks.position("button", id, 0.5f * (a.x + b.x), 0.5f * (a.y + b.y));
    return pressed;
}

static bool radio(ReviewState& s, const char* label, bool active, const std::string& id) {
    const bool pressed = ImGui::RadioButton(label, active);
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    s.hooks.position("button", id, a.x + 0.5f * (b.y - a.y), 0.5f * (a.y + b.y));
    return pressed;
}

void seek(ReviewState& s, double t) {
    s.t = std::clamp(t, 0.0, s.duration);
    char line[48];
    std::snprintf(line, sizeof line, "time %.3f", s.t);
    s.hooks.line(line);
}

void drawTimeline(ReviewState& s) {
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(0, io.DisplaySize.y - kTimelineHeight));
    ImGui::SetNextWindowSize(ImVec2(io.DisplaySize.x, kTimelineHeight));
    ImGui::Begin("Timeline", nullptr, kPanel | ImGuiWindowFlags_NoScrollbar);
    if (button(s, s.playing ? "Pause" : "Play", "play", 80.0f)) {
        if (!s.playing && s.t >= s.duration) s.t = 0.0;
        s.playing = !s.playing;
        char line[48];
        std::snprintf(line, sizeof line, "%s %.3f", s.playing ? "playing" : "paused", s.t);
        s.hooks.line(line);
    }
    for (std::size_t i = 0; i < kSpeeds.size(); ++i) {
        ImGui::SameLine();
        const bool current = static_cast<int>(i) == s.speed;
        if (current) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
        if (button(s, kSpeedLabels[i], std::string("speed_") + kSpeedLabels[i])) s.speed = static_cast<int>(i);
        if (current) ImGui::PopStyleColor();
    }
    ImGui::SameLine();
    ImGui::Text("  %6.1f s / %.1f s", s.t, s.duration);
    ImGui::SameLine(ImGui::GetWindowWidth() - 90.0f);
    if (button(s, "Close", "quit", 80.0f)) requestClose(s);

    // The scrub bar, with the markers drawn over it.
    float value = static_cast<float>(s.t);
    ImGui::SetNextItemWidth(-1.0f);
    if (ImGui::SliderFloat("##scrub", &value, 0.0f, static_cast<float>(std::max(s.duration, 1e-3)), "")) {
        s.playing = false;
        seek(s, value);
    }
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    const float grab = ImGui::GetStyle().GrabMinSize * 0.5f + ImGui::GetStyle().FramePadding.x * 0.0f + 2.0f;
    const float x0 = a.x + grab, x1 = b.x - grab;  // where t = 0 and t = duration sit
    s.hooks.position("button", "scrub_start", x0, 0.5f * (a.y + b.y));
    s.hooks.position("button", "scrub_end", x1, 0.5f * (a.y + b.y));
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const auto xAt = [&](double t) { return x0 + static_cast<float>(t / std::max(s.duration, 1e-3)) * (x1 - x0); };
    for (const core::ContactSpan& c : s.timeline.contact)
        draw->AddRectFilled(ImVec2(xAt(c.t0), b.y + 2), ImVec2(std::max(xAt(c.t1), xAt(c.t0) + 1), b.y + 6),
                            IM_COL32(200, 90, 80, 255));
    std::string hovered;
    for (const core::TimelineMarker& m : s.timeline.markers) {
        const float x = xAt(m.t);
        if (m.duration > 0.0)  // how long it stayed on, as a thin band above the bar
            draw->AddRectFilled(ImVec2(x, a.y - 6), ImVec2(std::max(xAt(m.t + m.duration), x + 1), a.y - 3), markerColour(m.kind));
        draw->AddLine(ImVec2(x, a.y - 6), ImVec2(x, a.y + 3), markerColour(m.kind), 3.0f);
        if (std::abs(io.MousePos.x - x) < 4 && io.MousePos.y > a.y - 10 && io.MousePos.y < b.y) hovered = m.label;
    }
    for (const core::ReviewComment& c : s.review.comments) {
        const float x = xAt(c.t);
        draw->AddTriangleFilled(ImVec2(x - 5, b.y + 14), ImVec2(x + 5, b.y + 14), ImVec2(x, b.y + 6),
                                markerColour(core::MarkerKind::Comment));
    }
    if (!hovered.empty()) ImGui::SetTooltip("%s", hovered.c_str());
    ImGui::Dummy(ImVec2(0, 8));
    ImGui::TextDisabled("markers: questions (blue), decision (violet), steps (green), tool (white), live warnings (orange), "
                        "critical errors (red), comments (yellow); red band: needles on the skin");
    ImGui::End();
}

void drawScorePanel(ReviewState& s) {
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(kScorePanelWidth, io.DisplaySize.y - kTimelineHeight));
    ImGui::Begin("Score (re-derived from the file)", nullptr, kPanel);
    ImGui::TextWrapped("%s", std::filesystem::path(s.options->sessionPath).filename().string().c_str());
    ImGui::PushStyleColor(ImGuiCol_Text, s.in.signatureIntact ? ImVec4(0.4f, 0.95f, 0.45f, 1.0f) : ImVec4(1.0f, 0.6f, 0.3f, 1.0f));
    ImGui::TextWrapped("%s", s.in.signatureStatus.c_str());
    ImGui::PopStyleColor();
    ImGui::Text("Scenario: %s", s.in.scenario->id.c_str());
    if (s.in.scenario->course && ImGui::CollapsingHeader("Course: the earlier visits"))  // a follow-up visit
        for (const std::string& line : core::courseLines(*s.in.scenario->course)) ImGui::TextWrapped("%s", line.c_str());
    const core::ScoreResult& r = s.score;
    ImGui::SetWindowFontScale(1.4f);
    ImGui::TextColored(r.passed ? ImVec4(0.4f, 0.95f, 0.45f, 1.0f) : ImVec4(1.0f, 0.4f, 0.35f, 1.0f), "%s  %.1f / 100",
                       r.passed ? "PASSED" : "NOT PASSED", r.score);
    // The verdict on the evidence, right under the verdict on the performance.
    ImGui::TextColored(s.in.certifiable ? ImVec4(0.4f, 0.95f, 0.45f, 1.0f) : ImVec4(1.0f, 0.4f, 0.35f, 1.0f), "%s",
                       s.in.certifiable ? "CERTIFIABLE" : "NOT CERTIFIABLE");
    ImGui::SetWindowFontScale(1.0f);
    for (const std::string& reason : s.in.evidenceReasons) ImGui::TextWrapped("- %s", reason.c_str());
    ImGui::Separator();
    for (std::size_t i = 0; i < core::kComponents.size(); ++i) {
        if (!r.components[i]) continue;
        char text[64];
        std::snprintf(text, sizeof text, "%s %.0f", core::kComponents[i], *r.components[i]);
        ImGui::ProgressBar(static_cast<float>(*r.components[i] / 100.0), ImVec2(-1.0f, 0.0f), text);
    }
    for (const std::string& u : r.unmetRequirements) ImGui::TextWrapped("Not finished: %s", u.c_str());
    if (!r.criticalErrors.empty()) {
        ImGui::Separator();
        ImGui::TextColored(ImVec4(1.0f, 0.35f, 0.3f, 1.0f), "Critical errors:");
        for (std::size_t i = 0; i < r.criticalErrors.size(); ++i) {
            const core::CriticalError& e = r.criticalErrors[i];
            char label[64];
            std::snprintf(label, sizeof label, "%.1f s##crit%zu", e.t, i);
            if (ImGui::SmallButton(label)) seek(s, e.t);
            ImGui::SameLine();
            ImGui::TextWrapped("%s", e.message.c_str());
        }
    }
    ImGui::Separator();
    ImGui::Text("Deductions:");
    ImGui::BeginChild("deductions", ImVec2(0, ImGui::GetContentRegionAvail().y - 40), true);
    if (r.deductions.empty()) ImGui::TextDisabled("Nothing deducted.");
    for (const core::Deduction& x : r.deductions)
        ImGui::TextWrapped("-%.0f %s: %s", x.points, x.component.c_str(), x.reason.c_str());
    ImGui::EndChild();
    if (ImGui::RadioButton("Density", s.overlay == render::Overlay::Density)) s.overlay = render::Overlay::Density;
    ImGui::SameLine();
    if (ImGui::RadioButton("Skin", s.overlay == render::Overlay::None)) s.overlay = render::Overlay::None;
    ImGui::SameLine();
    if (ImGui::RadioButton("Zones", s.overlay == render::Overlay::Zones)) s.overlay = render::Overlay::Zones;
    ImGui::End();
}

static bool save(ReviewState& s) {
    core::Review& r = s.review;
    r.sessionFile = std::filesystem::path(s.options->sessionPath).filename().string();
    r.sessionSha256 = core::sha256HexOfFile(s.options->sessionPath).value_or("");
    r.assessor = s.assessorName;
    r.updated = isoNow();
    if (s.signOff != SignOffChoice::None) {
        core::SignOff so = r.signOff.value_or(core::SignOff{});
        so.result = s.signOff == SignOffChoice::Pass ? core::SignOffResult::Pass : core::SignOffResult::Fail;
        so.by = s.assessorName;
        so.at = r.updated;
        r.signOff = so;
    }
    const core::Result<bool> written = core::writeReviewFile(s.reviewPath, r);
    if (!written) {
        s.message = written.error().describe();
        s.hooks.line("save_failed " + s.message);
        return false;
    }
    s.message = "Saved " + s.reviewPath;
    s.closeGuard.saved(entries(s));
    s.hooks.line("saved " + s.reviewPath);
    if (s.options->sendReview) {  // one send at a time, the latest file last
        collectSend(s, true);
        s.centreStatus = "Sending to the centre...";
        s.sending = std::async(std::launch::async, s.options->sendReview, s.reviewPath);
    }
    return true;
}


// The question asked before unsaved work is lost (close_question.h).
void drawCloseQuestion(ReviewState& s) {
    const CloseQuestion question{"Unsaved review",
                                {"This review has changes that are not saved (ratings, comments, name or sign-off).",
                                 "Close the review anyway?"},
                                true, "", "Keep reviewing"};
    if (askBeforeClosing(question, s.closeGuard, s.hooks, [&] { return save(s); })) s.quit = true;
}

// One row of 1-5 buttons per rating item of the scale, each item's anchors on hover.
static void drawRatings(ReviewState& s) {
    for (const core::RatingItem& item : s.in.ratings->items) {
        const core::Rating* current = s.review.rating(item.id);
        ImGui::TextUnformatted(item.title.c_str());
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("1: %s\n3: %s\n5: %s", item.anchor1.c_str(), item.anchor3.c_str(), item.anchor5.c_str());
        ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(2, 2));
        for (int n = 1; n <= 5; ++n) {
            ImGui::SameLine(n == 1 ? kAssessorPanelWidth - 140.0f : 0.0f);
            char label[48];
            std::snprintf(label, sizeof label, "##%s%d", item.id.c_str(), n);
            if (radio(s, label, current && current->score == n, std::string("rate_") + item.id + "_" + std::to_string(n))) {
                s.review.setRating(*s.in.ratings, item.id, n);
                s.hooks.line(std::string("rated ") + item.id + " " + std::to_string(n));
            }
        }
        ImGui::PopStyleVar();
    }
}

// A comment pinned at the replay's moment (to a rating item or none), and the list of comments, each
// taking the replay to its moment.
static void drawComments(ReviewState& s) {
    ImGui::SetNextItemWidth(-1.0f);
    ImGui::InputTextWithHint("##comment", "comment", s.commentText, sizeof s.commentText);
    {
        const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
        s.hooks.position("button", "comment_text", 0.5f * (a.x + b.x), 0.5f * (a.y + b.y));
    }
    char pin[64];
    std::snprintf(pin, sizeof pin, "Pin at %.1f s", s.t);
    const bool pinNow = button(s, pin, "pin");
    const auto& items = s.in.ratings->items;
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-1.0f);
    if (ImGui::BeginCombo("##commentitem", s.commentItem == 0 ? "(no rating item)" : items[s.commentItem - 1].title.c_str())) {
        if (ImGui::Selectable("(no rating item)", s.commentItem == 0)) s.commentItem = 0;
        for (std::size_t i = 0; i < items.size(); ++i)
            if (ImGui::Selectable(items[i].title.c_str(), s.commentItem == static_cast<int>(i) + 1)) s.commentItem = static_cast<int>(i) + 1;
        ImGui::EndCombo();
    }
    if (pinNow && s.commentText[0] != '\0') {
        s.review.addComment(core::ReviewComment{s.t, s.commentText, s.commentItem == 0 ? "" : items[s.commentItem - 1].id});
        char line[64];
        std::snprintf(line, sizeof line, "pinned %.3f", s.t);
        s.hooks.line(line);
        s.commentText[0] = '\0';
    }
    ImGui::BeginChild("comments", ImVec2(0, 84), true);
    for (std::size_t i = 0; i < s.review.comments.size(); ++i) {
        const core::ReviewComment& c = s.review.comments[i];
        char label[600];
        std::snprintf(label, sizeof label, "%6.1f s  %s%s%s%s##c%zu", c.t, c.text.c_str(), c.item.empty() ? "" : "  [",
                      c.item.c_str(), c.item.empty() ? "" : "]", i);
        if (ImGui::Selectable(label)) {
            s.playing = false;
            seek(s, c.t);
        }
    }
    if (s.review.comments.empty()) ImGui::TextDisabled("No comments yet.");
    ImGui::EndChild();
}

void drawAssessorPanel(ReviewState& s) {
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x - kAssessorPanelWidth, 0));
    ImGui::SetNextWindowSize(ImVec2(kAssessorPanelWidth, io.DisplaySize.y - kTimelineHeight));
    ImGui::Begin("Assessor", nullptr, kPanel);
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(8, 4));
    ImGui::Text("Global rating");
    ImGui::SameLine(kAssessorPanelWidth - 140.0f);
    ImGui::TextDisabled("1    2    3    4    5");
    drawRatings(s);
    ImGui::Separator();
    drawComments(s);
    ImGui::Separator();
    ImGui::Text("Sign-off");
    ImGui::SetNextItemWidth(-1.0f);
    ImGui::InputTextWithHint("##assessor", "assessor name", s.assessorName, sizeof s.assessorName);
    if (radio(s, "Pass", s.signOff == SignOffChoice::Pass, "signoff_pass")) s.signOff = SignOffChoice::Pass;
    ImGui::SameLine();
    if (radio(s, "Fail", s.signOff == SignOffChoice::Fail, "signoff_fail")) s.signOff = SignOffChoice::Fail;
    if (button(s, "Save review", "save", -1.0f)) save(s);
    if (s.closeGuard.unsaved(entries(s))) ImGui::TextColored(ImVec4(1.0f, 0.75f, 0.3f, 1.0f), "Unsaved changes");
    ImGui::TextWrapped("%s", s.message.empty() ? s.reviewPath.c_str() : s.message.c_str());
    if (!s.centreStatus.empty()) {
        const bool good = s.centreStatus.rfind("Not sent", 0) != 0;
        ImGui::PushStyleColor(ImGuiCol_Text, good ? ImVec4(0.6f, 0.9f, 0.6f, 1.0f) : ImVec4(1.0f, 0.6f, 0.3f, 1.0f));
        ImGui::TextWrapped("%s", s.centreStatus.c_str());
        ImGui::PopStyleColor();
    } else if (!s.options->source.empty()) {
        ImGui::TextWrapped("From %s; saving also sends the review there.", s.options->source.c_str());
    }
    ImGui::PopStyleVar();
    ImGui::End();
}

}  // namespace pinpoint::app::review
