// `pinpoint validate FILE...`: check scenario files against the rubric, the condition catalogue and
// the head's skin. Exit 0 with "FILE: ok" per file when all are valid; otherwise exit 2 with every
// problem as `file:line:col: message` on stderr.
#include "cli/commands.h"
#include "cli/treatment_context.h"
#include "core/scoring/scenario.h"
#include "io/paths.h"

#include <toml++/toml.h>

#include <iostream>
#include <memory>

namespace pinpoint::cli {

namespace {

struct ValidateOptions {
    HeadOptions head;
    std::vector<std::string> files;
};

// A case that gives a roller the device catalogue does not hold, located at its roller_needles.
core::Error rollerProblem(const std::string& file, const core::Scenario& s, const std::string& toolsFile) {
    int line = 0, column = 0;
    try {
        const toml::table root = toml::parse_file(file);
        if (const toml::node* n = root.at_path("treatment.roller_needles").node()) {
            line = static_cast<int>(n->source().begin.line);
            column = static_cast<int>(n->source().begin.column);
        }
    } catch (const toml::parse_error&) {  // read once already; cannot fail differently now
    }
    return core::Error{file, line, column, "no roller with " + std::to_string(s.rollerNeedles) + " needles in " + toolsFile,
                       "name the needle count of a [[roller]] there"};
}

int validate(const ValidateOptions& o) {
    const std::unique_ptr<TreatmentContext> context = loadTreatmentContext(o.head);
    if (!context) return kExitBadInput;
    bool allValid = true;
    for (const std::string& file : o.files) {
        core::ScenarioReadResult r = core::readScenario(file, context->rubric, context->conditions, &context->surface->bvh);
        if (r.scenario && r.scenario->rollerNeedles > 0 && !context->tools.findRollerByNeedles(r.scenario->rollerNeedles))
            r.errors.push_back(rollerProblem(file, *r.scenario, context->tools.file));
        for (const core::Error& e : r.errors) std::cerr << e.describe() << "\n";
        if (r.errors.empty())
            std::cout << file << ": ok\n";
        else
            allValid = false;
    }
    return allValid ? kExitOk : kExitBadInput;
}

}  // namespace

Runner addValidateCommand(CLI::App& app) {
    auto o = std::make_shared<ValidateOptions>();
    CLI::App* cmd = app.add_subcommand("validate", "Check scenario files; print every problem as file:line:col: message");
    cmd->add_option("files", o->files, "Scenario files (*.toml)")->required();
    addHeadOptions(*cmd, o->head);
    return [o]() { return validate(*o); };
}

}  // namespace pinpoint::cli
