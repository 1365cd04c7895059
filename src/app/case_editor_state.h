#pragma once
// The case editor's state, shared by its window (case_editor.cpp: the bar, the head, the loop) and its
// forms (case_editor_forms.cpp: the tabs on the left).
#include "app/case_editor.h"
#include "app/test_hooks.h"
#include "core/scoring/careful_check.h"
#include "core/scoring/case_draft.h"

#include <imgui.h>

#include <array>
#include <optional>
#include <string>

namespace pinpoint::app::case_editor {

inline constexpr float kFormWidth = 540.0f;
inline constexpr float kBarHeight = 46.0f;
inline constexpr ImGuiWindowFlags kPanel = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                           ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                                           ImGuiWindowFlags_NoTitleBar;
// Lesion kinds the shipped cases use, and other common ones.
inline constexpr std::array<const char*, 7> kLesionKinds{"raised_mole", "wart", "actinic_keratosis", "tattoo",
                                                         "open_wound", "skin_tag", "scar"};

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
};


// Reports the last item's centre to the tests as `button ID X Y`.
void hookItem(EditorState& s, const std::string& id);
// The forms: the case and the patient, the questions, the decision with the plan and the scoring, the
// lesions; each field with the reader's problems about it in red under it.
void drawTabs(EditorState& s);

}  // namespace pinpoint::app::case_editor
