// The case editor's window: the forms on the left, the head on the right, the actions on top.
#include "app/close_question.h"
#include "app/case_editor.h"
#include "app/case_editor_places.h"
#include "app/case_editor_state.h"

#include "app/app.h"
#include "app/app_window.h"
#include "app/head_overlays.h"
#include "app/imgui_session.h"
#include "app/window_graphics.h"
#include "app/orbit_camera.h"
#include "app/spawn_pinpoint.h"
#include "app/test_hooks.h"
#include "core/face/area_names.h"
#include "render/head_surface.h"
#include "render/imgui_layer.h"
#include "render/scene_builder.h"
#include "render/views.h"
#include "render/window_renderer.h"

#include <glm/geometric.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>
#include <unistd.h>

namespace pinpoint::app {

namespace {

using namespace case_editor;

bool save(EditorState& s) {
    const core::Result<bool> saved = s.draft->save(s.options->path);
    if (saved) {
        s.status = "Saved " + s.options->path;
        s.statusSaysSaved = true;
        s.closeGuard.saved(s.draft->written().text);
        s.hooks.line("saved " + s.options->path);
    } else {
        s.status = saved.error().message;
        s.hooks.line("save refused");
    }
    return saved.ok();
}

bool unsaved(const EditorState& s) { return s.closeGuard.unsaved(s.draft->written().text); }

// The question asked before unsaved changes to the case are lost (close_question.h).
void drawCloseQuestion(EditorState& s) {
    const CloseQuestion question{"Unsaved case",
                                 {"This case has changes that are not saved to " + s.options->path + ".",
                                  "Close the editor anyway?"},
                                 s.draft->canSave(), "It cannot be saved while problems stand.", "Keep editing"};
    if (askBeforeClosing(question, s.closeGuard, s.hooks, [&] { return save(s); })) s.quit = true;
}

void checkIt(EditorState& s) {
    const std::optional<core::Scenario>& readBack = s.draft->readBack();
    if (!readBack) {
        s.status = "Fix the problems first: the careful practitioner needs a valid case.";
        return;
    }
    s.careful = core::checkCarefulPractitioner(*s.in.surface, *s.in.tools, *s.in.rubric, *s.in.density, *readBack);
    char line[96];
    std::snprintf(line, sizeof line, "careful %s %.1f", s.careful->passed ? "passed" : "failed", s.careful->score);
    s.hooks.line(line);
    for (const std::string& r : s.careful->reasons) s.hooks.line("careful_reason " + r);
}

// The trainee's flow on the case as it stands, in a window of its own (`pinpoint --scenario FILE`).
void tryIt(EditorState& s) {
    if (!s.draft->readBack()) {
        s.status = "Fix the problems first: the trainee's flow needs a valid case.";
        return;
    }
    const std::string file = (std::filesystem::temp_directory_path() /
                              ("pinpoint-try-" + std::to_string(::getpid()) + ".toml")).string();
    if (!s.draft->save(file)) {  // the draft is unchanged; only its file name moves with save
        s.status = "Cannot write " + file;
        return;
    }
    s.draft->scenario.file = std::filesystem::exists(s.options->path) ? s.options->path : "";
    if (spawnPinpoint(s.options->pinpointBinary, {"--scenario", file})) {
        s.status = "Opened the trainee's flow on the case (" + file + ")";
        s.hooks.line("try " + file);
    } else {
        s.status = "Cannot start " + s.options->pinpointBinary;
    }
}

// A problem as the list above the head shows it: where it is in the forms, what is wrong, what to do.
std::string problemInWords(const core::FieldProblem& p) {
    return formPlace(p.field) + ": " + p.error.message + (p.error.hint.empty() ? "" : " - " + p.error.hint);
}

void drawBar(EditorState& s, float width) {
    ImGui::SetNextWindowPos(ImVec2(0.0f, 0.0f));
    ImGui::SetNextWindowSize(ImVec2(width, kBarHeight));
    ImGui::Begin("actions", nullptr, kPanel);
    ImGui::Text("%s", s.options->path.c_str());
    ImGui::SameLine();
    ImGui::BeginDisabled(!s.draft->canSave());
    if (ImGui::Button("Save")) save(s);
    ImGui::EndDisabled();
    hookItem(s, "save");
    ImGui::SameLine();
    if (ImGui::Button("Check it")) checkIt(s);
    hookItem(s, "check");
    ImGui::SameLine();
    if (ImGui::Button("Try it")) tryIt(s);
    hookItem(s, "try");
    ImGui::SameLine();
    const std::size_t n = s.draft->problems().size();
    if (n == 0) ImGui::TextColored(ImVec4(0.4f, 0.9f, 0.4f, 1.0f), "No problems: validate accepts it");
    else ImGui::TextColored(ImVec4(1.0f, 0.3f, 0.25f, 1.0f), "%zu problem%s: Save is off", n, n == 1 ? "" : "s");
    if (unsaved(s)) {
        ImGui::SameLine();
        ImGui::TextColored(ImVec4(1.0f, 0.75f, 0.3f, 1.0f), "Unsaved changes");
    }
    ImGui::End();
}

void drawHeadPanel(EditorState& s, float x, float width) {
    ImGui::SetNextWindowPos(ImVec2(x, kBarHeight));
    ImGui::SetNextWindowSize(ImVec2(width, 0.0f));
    ImGui::Begin("head tools", nullptr, kPanel | ImGuiWindowFlags_AlwaysAutoResize);
    int tool = s.headTool == HeadTool::Zones ? 0 : 1;
    ImGui::RadioButton("Zones in/out of the plan", &tool, 0);
    hookItem(s, "mode.zones");
    ImGui::SameLine();
    ImGui::RadioButton("Place lesions", &tool, 1);
    hookItem(s, "mode.lesion");
    s.headTool = tool == 0 ? HeadTool::Zones : HeadTool::Lesion;
    if (s.headTool == HeadTool::Lesion) {
        ImGui::SameLine();
        ImGui::SetNextItemWidth(170.0f);
        ImGui::Combo("##kind", &s.lesionKind, kLesionKinds.data(), static_cast<int>(kLesionKinds.size()));
    }
    if (s.statusSaysSaved && unsaved(s)) {  // "Saved" no longer says what the file holds
        s.status = "Changed since it was saved to " + s.options->path;
        s.statusSaysSaved = false;
        s.hooks.line("status changed since saved");
    }
    if (!s.status.empty()) ImGui::TextWrapped("%s", s.status.c_str());
    // Every problem, with the field it is about, whichever tab shows it (and those of parts no form
    // shows: the protocol steps and limits, densities written by hand).
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.3f, 0.25f, 1.0f));
    for (const core::FieldProblem& p : s.draft->problems()) ImGui::TextWrapped("%s", problemInWords(p).c_str());
    ImGui::PopStyleColor();
    if (s.careful) {
        if (s.careful->passed)
            ImGui::TextColored(ImVec4(0.4f, 0.9f, 0.4f, 1.0f), "Careful practitioner: passes (%.1f)", s.careful->score);
        else
            ImGui::TextColored(ImVec4(1.0f, 0.3f, 0.25f, 1.0f), "Careful practitioner: fails (%.1f)", s.careful->score);
        for (const std::string& r : s.careful->reasons) ImGui::BulletText("%s", r.c_str());
    }
    std::vector<std::string> out;
    for (const core::ZoneScenarioRules& z : s.draft->scenario.zones)
        if (!z.treat) out.push_back(z.zone);
    std::string outText;
    for (const std::string& z : out) outText += (outText.empty() ? "" : ", ") + z;
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
    ImGui::TextWrapped("Not in the plan: %s", outText.empty() ? "none" : outText.c_str());
    ImGui::PopStyleColor();
    ImGui::End();
}

}  // namespace

int runCaseEditor(const CaseEditorOptions& options, const CaseEditorLoader& load) {
    auto window = AppWindow::open(options.width, options.height, "Pinpoint - case editor");
    if (!window) {
        std::cerr << "pinpoint edit: cannot open the editor window (" << window.error().message
                  << "); without one, write the file by hand (docs/scenario-format.md) and check it with "
                     "`pinpoint validate`\n";
        return kExitNoDisplay;
    }
    const std::optional<CaseEditorInputs> inputs = load();
    if (!inputs) return 2;

    EditorState s;
    s.options = &options;
    s.in = *inputs;
    s.hooks = TestHooks(options.testHooks);
    s.draft.emplace(*s.in.rubric, *s.in.conditions, &s.in.surface->bvh);
    if (std::filesystem::exists(options.path)) {
        const std::vector<core::Error> errors = s.draft->load(options.path);
        if (!errors.empty()) {
            for (const core::Error& e : errors) std::cerr << e.describe() << "\n";
            std::cerr << "pinpoint edit: " << options.path << " does not read; fix it by hand first\n";
            return 2;
        }
        s.status = "Opened " + options.path;
    } else {
        std::string id = std::filesystem::path(options.path).stem().string();
        for (char& ch : id)
            if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '_')) ch = '-';
        s.draft->startNew(id.empty() ? "new-case" : id);
        s.status = "A new case; it is saved to " + options.path;
    }
    s.draft->check();
    s.closeGuard.saved(s.draft->written().text);  // as loaded (or a new case untouched): nothing to lose yet

    render::ContextOptions contextOptions;
    contextOptions.preferredDevice = options.gpu;
    const std::unique_ptr<WindowGraphics> graphics =
        openWindowGraphics(**window, *s.in.head, nullptr, contextOptions, {true, 0}, "pinpoint edit");
    if (!graphics) return 2;
    render::WindowRenderer& renderer = *graphics->renderer;
    std::optional<render::ImGuiLayer>& ui = graphics->ui;

    const core::Bounds bounds = core::meshBounds(s.in.head->mesh());
    OrbitCamera camera = OrbitCamera::facing(bounds, static_cast<float>(options.width) / options.height, 0.75f);
    const render::SceneBuilder sceneBuilder(*s.in.head, *s.in.surface);
    s.hooks.screen("editor");

    bool rightWasDown = false, leftWasDown = false;
    glm::vec2 lastMouse(0.0f);
    while (!s.quit) {
        (*window)->pollEvents();
        if ((*window)->shouldClose()) {  // the window's close button: asks first while anything is unsaved
            glfwSetWindowShouldClose((*window)->handle(), GLFW_FALSE);
            const bool alreadyAsking = s.closeGuard.asking();
            if (s.closeGuard.requestClose(s.draft->written().text)) break;
            if (!alreadyAsking) s.hooks.line("close_asked");
        }
        reapSpawned();
        const vk::Extent2D size = (*window)->framebufferSize();
        if (size.width == 0 || size.height == 0) {
            glfwWaitEventsTimeout(0.1);
            continue;
        }
        if (s.changed) {  // every change is written out and read back by the reader validate uses
            s.changed = false;
            s.draft->check();
            s.careful.reset();  // the check was of the case before the change
            const std::vector<core::FieldProblem>& problems = s.draft->problems();
            if (s.hooks.enabled()) {  // printed when the list changes
                std::string listed = "problems " + std::to_string(problems.size());
                for (const core::FieldProblem& p : problems)
                    listed += "\nproblem " + p.field + " " + p.error.message + "\nshown " + problemInWords(p);
                if (listed != s.problemsListed) s.hooks.line(s.problemsListed = listed);
            }
        }
        ui->newFrame();
        ImGui_ImplGlfw_NewFrame();
        ImGui::NewFrame();
        const ImGuiIO& io = ImGui::GetIO();
        const glm::vec2 viewport(static_cast<float>(size.width), static_cast<float>(size.height));
        s.hooks.position("size", "window", viewport.x, viewport.y);

        ImGui::SetNextWindowPos(ImVec2(0.0f, kBarHeight));
        ImGui::SetNextWindowSize(ImVec2(kFormWidth, io.DisplaySize.y - kBarHeight));
        ImGui::Begin("case", nullptr, kPanel);
        drawTabs(s);
        ImGui::End();
        drawBar(s, io.DisplaySize.x);
        drawHeadPanel(s, kFormWidth, io.DisplaySize.x - kFormWidth);
        drawCloseQuestion(s);

        const glm::vec2 scale(io.DisplayFramebufferScale.x, io.DisplayFramebufferScale.y);
        camera.setScreenShift(0.5f * kFormWidth * scale.x, viewport.y);
        const glm::vec2 mouse(io.MousePos.x * scale.x, io.MousePos.y * scale.y);
        const float wheel = static_cast<float>((*window)->takeScroll());
        const bool overHead = !io.WantCaptureMouse;
        if (overHead) {
            if (wheel != 0.0f) camera.zoom(wheel);
            if (io.MouseDown[1] && rightWasDown) camera.orbit(mouse.x - lastMouse.x, mouse.y - lastMouse.y);
        }
        const auto pick = [&]() -> std::optional<core::SurfaceHit> {
            const Ray ray = camera.ray(mouse, viewport);
            std::optional<core::SurfaceHit> hit = s.in.surface->bvh.castRay(ray.origin, ray.direction);
            const core::Head& head = *s.in.head;
            if (hit && !head.geometry.parts.empty() && head.geometry.parts[hit->triangle] == core::SurfacePart::Inner)
                return std::nullopt;
            return hit;
        };
        const glm::vec2 pointer(io.MousePos.x, io.MousePos.y);  // window pixels
        if (io.MouseDown[0] && !leftWasDown && overHead)
            if (const std::optional<core::SurfaceHit> hit = pick()) {
                clickHead(s, *hit);
                s.sizingFrom = pointer;
            }
        if (io.MouseDown[0] && leftWasDown) sizeLesion(s, pointer);
        if (!io.MouseDown[0] && s.sizing) finishSizing(s);
        rightWasDown = io.MouseDown[1];
        leftWasDown = io.MouseDown[0];
        lastMouse = mouse;

        const render::Camera cam = camera.camera();
        drawHeadMarks(s, sceneBuilder, HeadView{cam, viewport, scale}, pointer, overHead);
        ImGui::Render();

        render::SceneInputs frame;
        frame.camera = cam;
        frame.overlay = render::Overlay::Zones;
        frame.lesions = s.draft->scenario.lesions;
        frame.skinTones = s.in.skinTones;
        frame.fitzpatrick = std::clamp(s.draft->scenario.patient.fitzpatrick, 1, 6);
        const render::Scene scene = sceneBuilder.build(frame);
        renderer.drawFrame(scene, size, &*ui);
    }
    renderer.waitIdle();
    return 0;
}

}  // namespace pinpoint::app
