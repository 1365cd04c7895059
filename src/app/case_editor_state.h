#pragma once
// The case editor's state, shared by its window (case_editor.cpp: the bar, the head, the loop) and its
// forms (the tabs on the left: case_editor_forms.cpp the patient, medications, questions and lesions;
// case_editor_plan_forms.cpp the decision, plan and scoring; case_editor_counsel_form.cpp what may be
// said with the decision and the roller given; case_editor_course_form.cpp the course;
// case_editor_fields.cpp the fields they share).
#include "app/case_editor.h"
#include "app/close_guard.h"
#include "app/test_hooks.h"
#include "core/scoring/careful_check.h"
#include "core/scoring/case_draft.h"
#include "render/scene.h"
#include "render/scene_builder.h"

#include <imgui.h>

#include <glm/vec2.hpp>

#include <array>
#include <optional>
#include <string>
#include <utility>

namespace pinpoint::app::case_editor {

inline constexpr float kFormWidth = 540.0f;
inline constexpr float kBarHeight = 46.0f;
inline constexpr ImGuiWindowFlags kPanel = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                           ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                                           ImGuiWindowFlags_NoTitleBar;
// Lesion kinds the shipped cases use, and other common ones.
inline constexpr std::array<const char*, 7> kLesionKinds{"raised_mole", "wart", "actinic_keratosis", "tattoo",
                                                         "open_wound", "skin_tag", "scar"};
// A lesion's size as the form and the head tool give it: by diameter (the file keeps radius_mm).
inline constexpr float kNewLesionDiameterMm = 3.0f;
inline constexpr std::pair<float, float> kLesionDiameterMm{1.0f, 40.0f};  // the range the editor gives
inline constexpr float kDragPixelsPerMm = 10.0f;                        // a drag sizing a lesion

enum class HeadTool { Zones, Lesion };

struct EditorState {
    const CaseEditorOptions* options = nullptr;
    CaseEditorInputs in;
    std::optional<core::CaseDraft> draft;
    TestHooks hooks{false};
    HeadTool headTool = HeadTool::Zones;
    int lesionKind = 0;
    int newCondition = 0;                // the catalogue condition the Add button adds
    std::string status;                  // the last action's outcome, under the bar
    std::optional<core::CarefulCheck> careful;
    std::string problemsListed;          // for the test hooks
    bool changed = true;                 // a change since the last check
    std::optional<std::size_t> sizing;   // the lesion being sized by a drag
    glm::vec2 sizingFrom{0.0f};          // where the drag began (window pixels)
    std::string labelsListed;            // for the test hooks
    int newMedicationCondition = 0;      // for a medication: 0 none, else the catalogue's condition + 1
    // The case as it would be written, against what the file holds: asks before closing loses it.
    CloseGuard<std::string> closeGuard;
    bool quit = false;
    bool statusSaysSaved = false;        // the status is "Saved ...", true only until the next change
};


// Reports the last item's centre to the tests as `button ID X Y`.
void hookItem(EditorState& s, const std::string& id);
// The same for a field with its label on the right: a point inside the box, near its left end.
void hookField(EditorState& s, const std::string& id);
// The forms: the case and the patient, the medications, the questions, the decision with the plan, the
// scoring, the course, the lesions; each field with the reader's problems about it in red under it.
void drawTabs(EditorState& s);

// Shared by the forms.
// A one-line text field, or a multi-line one `multilineHeight` high; true when edited.
bool editText(const char* label, std::string& value, float multilineHeight = 0.0f);
// A multi-line text field that wraps its lines at the box's width (soft_wrap.h); true when edited.
bool editWrappedText(const char* label, std::string& value, float height);
// The reader's problems for a field (and the fields under it), in red under it.
void showProblems(EditorState& s, const std::string& field);
// A line of help in grey, wrapped at the panel's edge.
void hint(const std::string& text);
// Only the problems reported at a section itself (its header), not those of the fields under it.
void showSectionProblems(EditorState& s, const std::string& field);
// A number field kept to `decimals` places, so the file holds what was typed and not a float's tail.
bool editNumber(const char* label, double& value, double step, int decimals, float width = 0.0f);
void drawDecision(EditorState& s);
// case_editor_counsel_form.cpp: what the trainee may tell the patient with the decision, and which
// roller the case gives.
void drawCounsel(EditorState& s);
void drawRollerGiven(EditorState& s);
void drawScoring(EditorState& s);
void drawCourse(EditorState& s);

// case_editor_head.cpp: the head.
// How the head is seen this frame: the camera, the framebuffer's size, and framebuffer pixels per
// window pixel.
struct HeadView {
    render::Camera camera;
    glm::vec2 viewport{0.0f};
    glm::vec2 scale{1.0f};
};
// The zone the skin at `hit` belongs to.
std::string zoneAt(const EditorState& s, const core::SurfaceHit& hit);
// A click on the skin: a zone in or out of the plan, or a lesion placed (3 mm across) to be sized.
void clickHead(EditorState& s, const core::SurfaceHit& hit);
// While the button is held after placing a lesion: its diameter follows the pointer (window pixels).
void sizeLesion(EditorState& s, glm::vec2 pointer);
// The button released: the lesion placed, for the test hooks.
void finishSizing(EditorState& s);
// The zone names (off the lesion being placed), the zones out of the plan, the lesions' extent, and
// where each zone's name is for the tests.
void drawHeadMarks(EditorState& s, const render::SceneBuilder& sceneBuilder, const HeadView& view, glm::vec2 pointer,
                   bool overHead);

}  // namespace pinpoint::app::case_editor
