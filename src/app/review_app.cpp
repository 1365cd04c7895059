// The assessor's review window: replay, timeline, score panel and assessor panel.
#include "app/close_question.h"
#include "app/review_app.h"

#include "core/scoring/score_report.h"

#include "app/app.h"
#include "app/app_window.h"
#include "app/head_overlays.h"
#include "app/imgui_session.h"
#include "app/window_graphics.h"
#include "app/orbit_camera.h"
#include "app/pointer_space.h"
#include "app/review_close.h"
#include "app/review_sign_in.h"
#include "app/test_hooks.h"
#include "core/common/sha256.h"
#include "core/coverage/vertex_density.h"
#include "core/review/replay_index.h"
#include "render/skin_look.h"
#include "core/review/review_file.h"
#include "core/review/session_timeline.h"
#include "core/scoring/score_report.h"
#include "core/scoring/scoring_engine.h"
#include "render/head_surface.h"
#include "render/imgui_layer.h"
#include "render/scene_builder.h"
#include "render/views.h"
#include "render/window_renderer.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <future>
#include <iostream>

namespace pinpoint::app {

namespace {

constexpr float kScorePanelWidth = 360.0f;
constexpr float kAssessorPanelWidth = 440.0f;
constexpr float kTimelineHeight = 142.0f;
constexpr std::array<double, 7> kSpeeds{0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0};
constexpr std::array<const char*, 7> kSpeedLabels{"0.25x", "0.5x", "1x", "2x", "4x", "8x", "16x"};
constexpr ImGuiWindowFlags kPanel = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                                    ImGuiWindowFlags_NoSavedSettings;

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

struct ReviewState {
    const ReviewOptions* options = nullptr;
    ReviewInputs in;
    TestHooks hooks{false};
    std::string reviewPath;
    core::Review review;
    core::ScoreResult score;
    core::SessionTimeline timeline;
    double duration = 0.0;
    double t = 0.0;
    bool playing = false;
    int speed = 2;  // index into kSpeeds
    std::string assessor;
    char commentText[512] = {};
    char assessorName[128] = {};
    SignOffChoice signOff = SignOffChoice::None;
    int commentItem = 0;  // 0: no rating item, else 1 + index into the rating items
    std::string message;
    render::Overlay overlay = render::Overlay::Density;
    bool quit = false;
    ReviewCloseGuard closeGuard;  // asks before unsaved ratings, comments or sign-off are lost
    std::future<ReviewSent> sending;  // the review on its way to the centre
    std::string centreStatus;         // what the last send said
};

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
bool button(ReviewState& s, const char* label, const std::string& id, float width = 0.0f) {
    const bool pressed = ImGui::Button(label, ImVec2(width, 0.0f));
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    s.hooks.position("button", id, 0.5f * (a.x + b.x), 0.5f * (a.y + b.y));
    return pressed;
}

bool radio(ReviewState& s, const char* label, bool active, const std::string& id) {
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

bool save(ReviewState& s) {
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

void drawAssessorPanel(ReviewState& s) {
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x - kAssessorPanelWidth, 0));
    ImGui::SetNextWindowSize(ImVec2(kAssessorPanelWidth, io.DisplaySize.y - kTimelineHeight));
    ImGui::Begin("Assessor", nullptr, kPanel);
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(8, 4));
    ImGui::Text("Global rating");
    ImGui::SameLine(kAssessorPanelWidth - 140.0f);
    ImGui::TextDisabled("1    2    3    4    5");
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
    ImGui::Separator();
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

}  // namespace

int runReview(const ReviewOptions& options, const ReviewLoader& load) {
    auto window = AppWindow::open(options.width, options.height, "Pinpoint - review");
    if (!window) {
        std::cerr << "pinpoint review: cannot open the review window (" << window.error().message
                  << "); without one, `pinpoint score SESSION` and `pinpoint report SESSION` show the score\n";
        return kExitNoDisplay;
    }
    // The window's graphics are made with the head: by the sign-in dialog when the loader asks for one
    // (the head is loaded before the session then), else once everything is loaded.
    render::ContextOptions contextOptions;
    contextOptions.preferredDevice = options.gpu;
    std::unique_ptr<WindowGraphics> graphics;
    const core::Head* graphicsHead = nullptr;
    TestHooks signInHooks(options.testHooks);
    const SignInAsker ask = [&](const core::Head& head, const core::TreatmentSurface& surface, const std::string& message,
                                const std::string& login) -> std::optional<SignInCredentials> {
        if (!graphics) {
            graphics = openWindowGraphics(**window, head, nullptr, contextOptions, {true, 0}, "pinpoint review");
            graphicsHead = &head;
        }
        if (!graphics) return std::nullopt;
        const std::optional<SignInAnswer> answer = askSignIn(**window, *graphics, head, surface, message, login, signInHooks);
        if (!answer) return std::nullopt;
        return SignInCredentials{answer->login, answer->password};
    };
    const std::optional<ReviewInputs> inputs = load(ask);
    if (!inputs) return 2;

    ReviewState s;
    s.options = &options;
    s.in = *inputs;
    s.hooks = TestHooks(options.testHooks);
    s.reviewPath = options.reviewPath.empty() ? core::reviewPathFor(options.sessionPath) : options.reviewPath;
    std::snprintf(s.assessorName, sizeof s.assessorName, "%s", options.assessor.c_str());
    if (std::filesystem::exists(s.reviewPath)) {
        core::Result<core::Review> loaded = core::readReviewFile(s.reviewPath, *s.in.ratings);
        if (!loaded) {
            std::cerr << "pinpoint review: " << loaded.error().describe() << "\n";
            return 2;
        }
        s.review = *loaded;
        if (!s.review.assessor.empty())
            std::snprintf(s.assessorName, sizeof s.assessorName, "%s", s.review.assessor.c_str());
        if (s.review.signOff)
            s.signOff = s.review.signOff->result == core::SignOffResult::Pass ? SignOffChoice::Pass : SignOffChoice::Fail;
        s.message = "Loaded " + s.reviewPath;
        s.hooks.line("loaded " + s.reviewPath + " comments " + std::to_string(s.review.comments.size()) + " ratings " +
                     std::to_string(s.review.ratings.size()));
    }
    s.closeGuard.saved(entries(s));  // nothing entered yet is unsaved

    const core::Session& session = *s.in.session;
    const core::SimulationOutput sim = core::simulateSession(*s.in.surface, *s.in.tools, session);
    s.score = core::scoreSession(*s.in.scenario, *s.in.rubric, *s.in.head, *s.in.density, session, sim);
    s.timeline = core::sessionTimeline(session, sim, &s.score);
    const core::ReplayIndex replay(*s.in.surface, *s.in.tools, *s.in.density, session);
    s.duration = std::max(replay.duration(), s.timeline.duration);

    // The sign-in dialog's graphics know no points: the heatmap needs graphics made with them.
    if (graphicsHead != s.in.head || (graphics && graphics->head.samples != s.in.density)) graphics.reset();
    if (!graphics) graphics = openWindowGraphics(**window, *s.in.head, s.in.density, contextOptions, {true, 0}, "pinpoint review");
    if (!graphics) return 2;
    render::WindowRenderer& renderer = *graphics->renderer;
    std::optional<render::ImGuiLayer>& ui = graphics->ui;

    const core::Bounds bounds = core::meshBounds(s.in.head->mesh());
    OrbitCamera camera = OrbitCamera::facing(bounds, static_cast<float>(options.width) / options.height, 0.95f);
    char line[96];
    std::snprintf(line, sizeof line, "score %.2f %s", s.score.score, s.score.passed ? "passed" : "failed");
    s.hooks.line(line);
    s.hooks.line(s.in.certifiable ? "evidence certifiable" : "evidence not_certifiable");
    s.hooks.screen("review");

    // The scene as the trainee saw it, with the heatmap's landmarks as the score measured each zone.
    const render::SceneBuilder sceneBuilder(*s.in.head, *s.in.surface);
    const std::map<std::string, bool> measuredDevices = core::rollerByZone(s.score.measurement);
    const auto heatmap = [&](const core::ToolState& inHand) {
        const bool roller = inHand.settings && inHand.settings->tool == core::ToolKind::Roller;
        return core::heatmapScale(s.in.scenario, *s.in.rubric, roller, measuredDevices);
    };
    std::vector<float> vertexDensity, vertexBleeding;
    core::DrawnSamples samples;
    std::string lastLegend;  // for the test hooks
    std::uint64_t revision = 0;
    double shownT = -1.0;
    core::ToolState tool;
    auto last = std::chrono::steady_clock::now();
    bool rightWasDown = false;
    glm::vec2 lastMouse(0.0f);
    while (!s.quit) {
        (*window)->pollEvents();
        if ((*window)->shouldClose()) {  // the window's close button: vetoed while anything is unsaved
            glfwSetWindowShouldClose((*window)->handle(), GLFW_FALSE);
            requestClose(s);
            if (s.quit) break;
        }
        collectSend(s, false);
        const vk::Extent2D size = (*window)->framebufferSize();
        if (size.width == 0 || size.height == 0) {
            glfwWaitEventsTimeout(0.1);
            continue;
        }
        const auto now = std::chrono::steady_clock::now();
        const double dt = std::chrono::duration<double>(now - last).count();
        last = now;
        if (s.playing) {
            s.t = std::min(s.duration, s.t + std::min(dt, 0.25) * kSpeeds[static_cast<std::size_t>(s.speed)]);
            if (s.t >= s.duration) {
                s.playing = false;
                seek(s, s.duration);
            }
        }
        ui->newFrame();
        ImGui_ImplGlfw_NewFrame();
        ImGui::NewFrame();
        const glm::vec2 viewport(static_cast<float>(size.width), static_cast<float>(size.height));
        s.hooks.position("size", "window", viewport.x, viewport.y);
        drawScorePanel(s);
        drawAssessorPanel(s);
        drawTimeline(s);
        drawCloseQuestion(s);
        const ImGuiIO& io = ImGui::GetIO();
        const glm::vec2 scale(io.DisplayFramebufferScale.x, io.DisplayFramebufferScale.y);  // panels in window units
        camera.setScreenShift(toFramebuffer({0.5f * (kScorePanelWidth - kAssessorPanelWidth), 0.0f}, scale).x,
                              viewport.y);

        const glm::vec2 mouse(io.MousePos.x, io.MousePos.y);  // only for turning: window units will do
        const float wheel = static_cast<float>((*window)->takeScroll());
        if (!io.WantCaptureMouse) {
            if (wheel != 0.0f) camera.zoom(wheel);
            if (io.MouseDown[1] && rightWasDown) camera.orbit(mouse.x - lastMouse.x, mouse.y - lastMouse.y);
        }
        rightWasDown = io.MouseDown[1];
        lastMouse = mouse;
        if (s.overlay == render::Overlay::Density) {
            const render::DensityScale shown = sceneBuilder.densityScale(heatmap(tool));
            drawDensityLegend(shown, glm::vec2(kScorePanelWidth + 12.0f, io.DisplaySize.y - kTimelineHeight - 12.0f));
            if (const std::string legend = legendLine(shown); legend != lastLegend) s.hooks.line(lastLegend = legend);
        }
        if (s.overlay == render::Overlay::Zones)
            drawZoneLabels(sceneBuilder, camera.camera(), glm::vec2(io.DisplaySize.x, io.DisplaySize.y));
        ImGui::Render();

        if (s.t != shownT) {  // the head at the moment shown
            shownT = s.t;
            core::ReplayIndex::DrawnDensities at = replay.drawnAt(s.t, s.in.head->mesh());
            vertexDensity = std::move(at.all);
            vertexBleeding = std::move(at.dermal);
            samples = std::move(at.samples);
            ++revision;
            tool = replay.toolAt(s.t);
            if (s.hooks.enabled()) {
                const float peak = vertexDensity.empty() ? 0.0f : *std::max_element(vertexDensity.begin(), vertexDensity.end());
                std::snprintf(line, sizeof line, "head %.3f peak %.1f tool %s", s.t, peak,
                              !tool.pose ? "none" : tool.pose->contact ? "contact" : "lifted");
                s.hooks.line(line);
            }
        }
        render::SceneInputs frame;
        frame.camera = camera.camera();
        frame.overlay = s.overlay;
        frame.vertexDensity = vertexDensity;
        frame.vertexBleeding = vertexBleeding;
        frame.sampleDensity = samples.density;
        frame.rollerAreas = samples.roller;
        frame.densityRevision = revision;
        frame.scale = heatmap(tool);
        const bool warningOn = std::any_of(s.timeline.markers.begin(), s.timeline.markers.end(), [&](const core::TimelineMarker& m) {
            return m.kind == core::MarkerKind::Warning && m.t <= s.t && s.t <= m.t + m.duration;
        });
        frame.tool = sceneBuilder.recordedTool(tool, *s.in.tools, warningOn);
        frame.lesions = s.in.scenario->lesions;
        frame.skinTones = s.in.skinTones;
        frame.fitzpatrick = s.in.scenario->patient.fitzpatrick;
        frame.bleedingPoints = replay.bleedingPoints().until(s.t);
        const render::Scene scene = sceneBuilder.build(frame);
        renderer.drawFrame(scene, size, &*ui);
    }
    renderer.waitIdle();
    collectSend(s, true);  // a review on its way is not cut off by closing the window
    if (!s.centreStatus.empty()) std::cerr << "pinpoint review: " << s.centreStatus << "\n";
    return 0;
}

}  // namespace pinpoint::app
