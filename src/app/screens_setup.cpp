// The protocol checklist and the tool set-up, and what the screens share.
#include "app/screens.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace pinpoint::app {

namespace {

constexpr ImGuiWindowFlags kPanelFlags = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                         ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings;

bool allowed(const core::Scenario& sc, const char* tool) {
    return std::find(sc.allowedTools.begin(), sc.allowedTools.end(), tool) != sc.allowedTools.end();
}

}  // namespace

double roundToStep(double value, double step) { return std::round(std::round(value / step) * step * 1000.0) / 1000.0; }

const char* screenName(Screen s) {
    switch (s) {
    case Screen::Start: return "start";
    case Screen::Intake: return "intake";
    case Screen::Decision: return "decision";
    case Screen::Protocol: return "protocol";
    case Screen::ToolSetup: return "tools";
    case Screen::Treatment: return "treatment";
    case Screen::Debrief: return "debrief";
    }
    return "?";
}

std::string displayName(const std::string& name) {
    std::string out = name;
    std::replace(out.begin(), out.end(), '_', ' ');
    if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
    return out;
}

bool hookedButton(AppState& state, const char* label, const std::string& id, float width) {
    const bool pressed = ImGui::Button(label, ImVec2(width, 0.0f));
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    state.hooks.position("button", id, 0.5f * (a.x + b.x), 0.5f * (a.y + b.y));
    return pressed;
}

void goTo(AppState& state, Screen screen) {
    state.screen = screen;
    state.error.clear();
    state.hooks.screen(screenName(screen));
}

void recordEvent(AppState& state, const core::SessionEvent& event) {
    if (!state.recorder) return;
    if (!state.recorder->record(event))
        state.error = "Could not write to " + state.recorder->path() + " (disk full?). The session is incomplete.";
    if (!state.live) return;
    // The simulation sees the time as written (never earlier than the line before).
    core::SessionEvent written = event;
    std::visit([&](auto& e) { e.t = std::max(e.t, state.recorder->lastTime()); }, written);
    state.live->apply(written);
}

void recordWarnings(AppState& state, double now, const std::vector<core::TreatmentWarning>& showing) {
    for (const core::SessionEvent& e : state.warningTracker.update(now, showing)) recordEvent(state, e);
}

bool startSession(AppState& state) {
    auto recorder = SessionRecorder::create(state.options->sessionsDir, *state.scenario, state.options->trainee,
                                            "pinpoint " + state.options->version);
    if (!recorder) {
        state.error = recorder.error().describe();
        return false;
    }
    state.recorder = std::move(*recorder);
    state.warningTracker = core::WarningTracker();
    state.hooks.line("session " + state.recorder->path());
    if (state.streamer) state.streamer->follow(state.recorder->path());
    const auto& tools = state.scenario->allowedTools;
    if (!tools.empty() && tools.front() == "roller") state.tool.kind = core::ToolKind::Roller;
    if (state.scenario->rollerNeedles > 0)  // the one roller the case gives
        for (const core::Roller& r : state.services.tools->rollers)
            if (r.needles() == state.scenario->rollerNeedles) state.tool.roller = r.id;
    return true;
}

core::ToolEvent toolEvent(const AppState& state, double t) {
    core::ToolEvent e;
    e.t = t;
    e.tool = state.tool.kind;
    if (e.tool == core::ToolKind::Pen) {
        const auto& levels = state.services.tools->pen.speedLevelsHz;
        e.cartridge = state.tool.cartridge;
        e.depthMm = state.tool.depthMm;
        e.speedHz = levels.empty() ? 100.0 : levels[std::clamp<std::size_t>(state.tool.speedLevel, 0, levels.size() - 1)];
    } else {
        const core::Roller* roller = state.services.tools->findRoller(state.tool.roller);
        e.needles = roller ? roller->needles() : 192;
        e.roller = state.tool.roller;
        e.depthMm = state.tool.rollerLengthMm;
    }
    return e;
}

void drawProtocolScreen(AppState& state) {
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(kSidePanelWidth, io.DisplaySize.y));
    ImGui::Begin("Protocol before treatment", nullptr, kPanelFlags);
    ImGui::TextWrapped("Tick each step as you do it; each is recorded with its time. Post-care comes after "
                       "the treatment.");
    ImGui::Separator();
    for (const core::ProtocolStep* step : state.services.rubric->stepsBeforeTreatment()) {  // the rubric's [[protocol.step]]
        ImGui::PushID(step->id.c_str());
        if (state.stepsDone.count(step->id)) {
            ImGui::TextColored(ImVec4(0.45f, 0.9f, 0.45f, 1.0f), "[done] %s", step->label.c_str());
        } else if (hookedButton(state, step->label.c_str(), "step_" + step->id, -1.0f)) {
            state.stepsDone.insert(step->id);
            recordEvent(state, core::StepEvent{state.recorder->now(), step->id});
        }
        ImGui::PopID();
    }
    ImGui::Separator();
    if (hookedButton(state, "Continue to the device set-up", "to_tools", -1.0f)) goTo(state, Screen::ToolSetup);
    ImGui::End();
}

void drawToolSetupScreen(AppState& state) {
    const core::ToolCatalogue& catalogue = *state.services.tools;
    const core::Scenario& sc = *state.scenario;
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(kSidePanelWidth, io.DisplaySize.y));
    ImGui::Begin("Device set-up", nullptr, kPanelFlags);
    ToolSetup& t = state.tool;
    if (allowed(sc, "pen") && ImGui::RadioButton("Microneedling pen", t.kind == core::ToolKind::Pen))
        t.kind = core::ToolKind::Pen;
    if (allowed(sc, "roller") && ImGui::RadioButton("Derma roller", t.kind == core::ToolKind::Roller))
        t.kind = core::ToolKind::Roller;
    ImGui::Separator();
    if (t.kind == core::ToolKind::Pen) {
        ImGui::Text("Cartridge");
        for (const core::Cartridge& c : catalogue.cartridges)
            if (ImGui::RadioButton(c.name.c_str(), t.cartridge == c.id)) t.cartridge = c.id;
        float depth = static_cast<float>(t.depthMm);
        ImGui::SetNextItemWidth(-1.0f);
        if (ImGui::SliderFloat("##depth", &depth, static_cast<float>(catalogue.pen.minDepthMm),
                               static_cast<float>(catalogue.pen.maxDepthMm), "Depth %.2f mm"))
            t.depthMm = std::clamp(roundToStep(depth, catalogue.pen.depthStepMm), catalogue.pen.minDepthMm,
                                   catalogue.pen.maxDepthMm);
        const auto& levels = catalogue.pen.speedLevelsHz;
        ImGui::Text("Speed (strokes per second)");
        char label[64];
        for (std::size_t i = 0; i < levels.size(); ++i) {
            std::snprintf(label, sizeof label, "%zu: %.0f/s", i + 1, levels[i]);
            if (i % 3) ImGui::SameLine();
            if (ImGui::RadioButton(label, t.speedLevel == static_cast<int>(i))) t.speedLevel = static_cast<int>(i);
        }
        ImGui::TextDisabled("Keys while treating: [ ] depth, - = speed");
    } else {
        for (const core::Roller& r : catalogue.rollers)  // a case that gives one roller offers only that one
            if ((sc.rollerNeedles == 0 || r.needles() == sc.rollerNeedles) && ImGui::RadioButton(r.name.c_str(), t.roller == r.id))
                t.roller = r.id;
        if (const core::Roller* r = catalogue.findRoller(t.roller)) {
            ImGui::Text("Needle length");
            for (double length : r->needleLengthsMm) {
                char text[32];
                std::snprintf(text, sizeof text, "%.2f mm", length);
                ImGui::SameLine();
                if (ImGui::RadioButton(text, std::abs(t.rollerLengthMm - length) < 1e-6)) t.rollerLengthMm = length;
            }
        }
    }
    ImGui::Separator();
    if (hookedButton(state, "Start the treatment", "to_treatment", -1.0f)) {
        std::vector<std::string> avoid;
        std::optional<double> cap;
        if (state.decided == core::Decision::ProceedModified) {
            avoid.assign(state.avoidZones.begin(), state.avoidZones.end());
            if (state.depthCapOn) cap = std::round(state.depthCapMm * 20.0) / 20.0;
        }
        state.live = std::make_unique<LiveTreatment>(state.services, sc, std::move(avoid), cap);
        recordEvent(state, toolEvent(state, state.recorder->now()));
        goTo(state, Screen::Treatment);
    }
    ImGui::End();
}

}  // namespace pinpoint::app
