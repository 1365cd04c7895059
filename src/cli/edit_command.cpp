// `pinpoint edit [FILE]`: the instructor's case editor (see src/app/case_editor.h). Without FILE it
// starts a new case saved to new-case.toml (new-case-2.toml, ... when that exists). Without a
// display it says so in one line and exits 2.
#include "app/case_editor.h"
#include "app/spawn_pinpoint.h"
#include "cli/commands.h"
#include "cli/treatment_context.h"
#include "io/paths.h"

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>

namespace pinpoint::cli {

namespace {

struct EditCommandOptions {
    HeadOptions head;
    app::CaseEditorOptions app;
    std::string size = "1280x720";
};

struct EditData {
    std::unique_ptr<TreatmentContext> context;
};

std::string freshCaseFile() {
    for (int n = 1;; ++n) {
        const std::string name = n == 1 ? "new-case.toml" : "new-case-" + std::to_string(n) + ".toml";
        if (!std::filesystem::exists(name)) return name;
    }
}

}  // namespace

Runner addEditCommand(CLI::App& app) {
    auto o = std::make_shared<EditCommandOptions>();
    CLI::App* cmd = app.add_subcommand(
        "edit", "Case editor: the patient, the questions, the decision and the scoring in forms; zones and lesions on "
                "the head; checked live by the validate reader; 'Check it' runs the careful practitioner");
    cmd->add_option("file", o->app.path, "Scenario file to open, or to create (default: new-case.toml)");
    cmd->add_option("--size", o->size, "Window size, WIDTHxHEIGHT")->capture_default_str();
    cmd->add_option("--gpu", o->app.gpu, "Draw with the Vulkan device whose name contains NAME")->option_text("NAME");
    cmd->add_flag("--test-hooks", o->app.testHooks, "Print control positions and actions (for the app tests)");
    addHeadOptions(*cmd, o->head);
    return [o]() {
        if (!parseWindowSize("pinpoint edit", o->size, 640, 400, o->app.width, o->app.height)) return kExitBadInput;
        if (o->app.path.empty()) o->app.path = freshCaseFile();
        o->app.pinpointBinary = app::pinpointBinary();
        auto data = std::make_shared<EditData>();
        const app::CaseEditorLoader load = [&]() -> std::optional<app::CaseEditorInputs> {
            data->context = loadTreatmentContext(o->head);
            if (!data->context) return std::nullopt;
            app::CaseEditorInputs in;
            in.head = &data->context->head;
            in.tools = &data->context->tools;
            in.rubric = &data->context->rubric;
            in.conditions = &data->context->conditions;
            in.surface = data->context->surface.get();
            in.density = &data->context->density;
            in.skinTones = &data->context->skinTones;
            return in;
        };
        return app::runCaseEditor(o->app, load);
    };
}

}  // namespace pinpoint::cli
