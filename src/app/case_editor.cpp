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

std::string zoneAt(const EditorState& s, const core::SurfaceHit& hit) {
    const std::uint16_t area = s.in.surface->areas.areaAt(hit.triangle, hit.point);
    const auto& areas = s.in.head->zoneFile.zones.areas;
    return area < areas.size() ? areas[area].name : std::string();
}

// A left click on the skin: a zone in or out of the plan, or a lesion placed (then sized by dragging).
void clickHead(EditorState& s, const core::SurfaceHit& hit) {
    core::Scenario& c = s.draft->scenario;
    const std::string zone = zoneAt(s, hit);
    char line[160];
    std::snprintf(line, sizeof line, "picked %.3f %.3f %.3f %s", hit.point.x, hit.point.y, hit.point.z, zone.c_str());
    s.hooks.line(line);
    if (s.headTool == HeadTool::Zones) {
        for (core::ZoneScenarioRules& z : c.zones)
            if (z.zone == zone) {
                z.treat = !z.treat;
                auto& avoid = c.plan.avoidZones;  // a zone back in the plan is no longer one to avoid
                if (z.treat) avoid.erase(std::remove(avoid.begin(), avoid.end(), zone), avoid.end());
                s.changed = true;
                s.hooks.line("zone " + zone + (z.treat ? " in" : " out"));
                s.status = zone + (z.treat ? " is in the plan" : " is out of the plan");
            }
        return;
    }
    c.lesions.push_back({kLesionKinds[static_cast<std::size_t>(s.lesionKind)], hit.point, 0.5f * kNewLesionDiameterMm});
    s.sizing = c.lesions.size() - 1;
    s.changed = true;
    s.status = std::string("Placed a ") + kLesionKinds[static_cast<std::size_t>(s.lesionKind)] + " on " + zone +
               ", 3 mm across; drag away from it to size it (1 mm for every 10 pixels), or type its diameter on the Lesions tab";
}

// The lesion just placed, while the button is held: its diameter follows the pointer's travel from the
// click (window pixels), 1 mm for every 10 pixels at any zoom, so a few millimetres are easy to set;
// a click that hardly moves keeps 3 mm.
void sizeLesion(EditorState& s, glm::vec2 pointer) {
    if (!s.sizing || *s.sizing >= s.draft->scenario.lesions.size()) return;
    const float pixels = glm::distance(pointer, s.sizingFrom);
    if (pixels < 4.0f) return;
    const float diameter = std::clamp(std::round(pixels) / kDragPixelsPerMm, kLesionDiameterMm.first, kLesionDiameterMm.second);
    core::Lesion& l = s.draft->scenario.lesions[*s.sizing];
    if (0.5f * diameter != l.radiusMm) {
        l.radiusMm = 0.5f * diameter;
        s.changed = true;
        char line[80];
        std::snprintf(line, sizeof line, "sizing lesion %zu diameter %.1f", *s.sizing, diameter);
        s.hooks.line(line);
    }
}

// Where the zone names must not go: over the lesion being sized, or under the pointer about to place one.
std::optional<ClearSpot> spotToKeepClear(const EditorState& s, const render::Camera& cam, glm::vec2 viewport, glm::vec2 scale,
                                         glm::vec2 pointer, bool overHead) {
    if (s.headTool != HeadTool::Lesion) return std::nullopt;
    if (s.sizing && *s.sizing < s.draft->scenario.lesions.size()) {
        const core::Lesion& l = s.draft->scenario.lesions[*s.sizing];
        const std::optional<glm::vec2> centre = render::projectToPixels(cam, viewport, l.position);
        const std::optional<glm::vec2> edge = render::projectToPixels(cam, viewport, l.position + glm::vec3(l.radiusMm, 0.0f, 0.0f));
        if (centre && edge) return ClearSpot{*centre / scale, glm::distance(*centre, *edge) / scale.x + 16.0f};
    }
    if (overHead) return ClearSpot{pointer, 40.0f};
    return std::nullopt;
}

// The zone names drawn, for the test hooks, when they change ("labels cheek_left nose ...").
void reportLabels(EditorState& s, const std::vector<DrawnLabel>& drawn) {
    if (!s.hooks.enabled()) return;
    std::vector<std::string> names;
    for (const DrawnLabel& d : drawn) names.push_back(d.text);
    std::sort(names.begin(), names.end());
    std::string line = "labels ";
    for (const std::string& n : names) line += n + "|";
    if (line != s.labelsListed) s.hooks.line(s.labelsListed = line);
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
        if (!io.MouseDown[0] && s.sizing) {
            if (*s.sizing < s.draft->scenario.lesions.size()) {
                const core::Lesion& l = s.draft->scenario.lesions[*s.sizing];
                char line[160];
                std::snprintf(line, sizeof line, "lesion %zu %s %.3f %.3f %.3f %.2f", *s.sizing, l.kind.c_str(),
                              l.position.x, l.position.y, l.position.z, l.radiusMm);
                s.hooks.line(line);
            }
            s.sizing.reset();
        }
        rightWasDown = io.MouseDown[1];
        leftWasDown = io.MouseDown[0];
        lastMouse = mouse;

        const render::Camera cam = camera.camera();
        const std::optional<ClearSpot> clear = spotToKeepClear(s, cam, viewport, scale, pointer, overHead);
        reportLabels(s, drawZoneLabels(sceneBuilder, cam, glm::vec2(io.DisplaySize.x, io.DisplaySize.y), clear));
        // What the zones overlay does not show: the zones out of the plan, and the lesions' extent
        // (a lesion under a label would otherwise be hidden).
        ImDrawList* draw = ImGui::GetBackgroundDrawList();  // under the panels, over the labels
        for (const render::SceneBuilder::ZoneLabel& label : sceneBuilder.zoneLabels()) {
            if (label.forbidden || !sceneBuilder.sees(label, cam.eye)) continue;
            const std::optional<core::SurfaceHit> at = s.in.surface->bvh.closestPoint(label.anchor, 2.0f);
            const core::ZoneScenarioRules* zone = at ? s.draft->scenario.zone(zoneAt(s, *at)) : nullptr;
            if (!zone || zone->treat) continue;
            if (const std::optional<glm::vec2> p = render::projectToPixels(cam, viewport, label.anchor)) {
                const ImVec2 text(p->x / scale.x - 40.0f, p->y / scale.y + 11.0f);
                if (clear && boxMeetsSpot({text.x - 3.0f, text.y - 1.0f}, {text.x + 86.0f, text.y + 19.0f}, *clear)) continue;
                draw->AddRectFilled(ImVec2(text.x - 3.0f, text.y - 1.0f), ImVec2(text.x + 86.0f, text.y + 19.0f),
                                    IM_COL32(0, 0, 0, 190), 3.0f);
                draw->AddText(text, IM_COL32(255, 90, 70, 255), "not in plan");
            }
        }
        for (const core::Lesion& l : s.draft->scenario.lesions) {
            const std::optional<glm::vec2> centre = render::projectToPixels(cam, viewport, l.position);
            const std::optional<glm::vec2> edge =
                render::projectToPixels(cam, viewport, l.position + glm::vec3(l.radiusMm, 0.0f, 0.0f));
            if (!centre || !edge) continue;
            const float r = std::max(3.0f, glm::distance(*centre, *edge) / scale.x);
            draw->AddCircle(ImVec2(centre->x / scale.x, centre->y / scale.y), r, IM_COL32(255, 220, 40, 255), 32, 2.0f);
        }
        if (s.hooks.enabled())  // where each zone's label sits, for the tests to click
            for (const render::SceneBuilder::ZoneLabel& label : sceneBuilder.zoneLabels()) {
                if (!sceneBuilder.sees(label, cam.eye)) continue;
                const std::optional<core::SurfaceHit> at = s.in.surface->bvh.closestPoint(label.anchor, 2.0f);
                if (!at) continue;
                const std::string name = zoneAt(s, *at);
                if (const std::optional<glm::vec2> p = render::projectToPixels(cam, viewport, label.anchor))
                    s.hooks.position("point", name, p->x, p->y);
            }
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
