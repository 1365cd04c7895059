#pragma once
// The instructor's case editor (`pinpoint edit [FILE]`): forms for the patient, the medications, the
// intake questions, the decision and plan (per-zone depths beside the chart), the scoring weights and
// the course over visits; the head with its zones, where a click takes a zone in or out of the
// plan or places a lesion on the skin (drag to size it). The case is kept as a core::CaseDraft: every
// change is written out and read back by the reader `pinpoint validate` uses, each problem shown
// beside its field, and Save stays disabled while any stands. "Check it" runs the careful
// practitioner on the case; "Try it" opens the trainee's flow on it in a second window.
#include "core/coverage/density_field.h"
#include "core/face/head.h"
#include "core/face/skin_tones.h"
#include "core/scoring/rubric.h"
#include "core/scoring/scenario.h"
#include "core/sim/treatment_simulation.h"
#include "core/tools/tool_catalogue.h"

#include <functional>
#include <optional>
#include <string>

namespace pinpoint::app {

struct CaseEditorOptions {
    std::string path;  // the file edited: loaded when it exists, else a new case saved there
    int width = 1280, height = 720;
    bool testHooks = false;
    std::string gpu;
    std::string pinpointBinary;  // for "Try it": the trainee's flow runs as `pinpoint --scenario FILE`
};

// What the editor needs, loaded after the window opened. Pointers stay valid for the whole run.
struct CaseEditorInputs {
    const core::Head* head = nullptr;
    const core::ToolCatalogue* tools = nullptr;
    const core::Rubric* rubric = nullptr;
    const core::ConditionCatalogue* conditions = nullptr;
    const core::TreatmentSurface* surface = nullptr;
    const core::DensityField* density = nullptr;
    const core::SkinTones* skinTones = nullptr;
};
using CaseEditorLoader = std::function<std::optional<CaseEditorInputs>()>;

// Exit codes: 0 closed; 2 no display or bad input (already reported).
int runCaseEditor(const CaseEditorOptions& options, const CaseEditorLoader& load);

}  // namespace pinpoint::app
