// `pinpoint validate FILE...`: check scenario files against the rubric, the condition catalogue and
// the head's skin. Exit 0 with "FILE: ok" per file when all are valid (and a `note:` for what is
// accepted but worth saying, such as a case written for an older minor rubric); otherwise exit 2 with
// every problem as `file:line:col: message` on stderr.
// `pinpoint validate --upgrade FILE...` rewrites cases written for an older rubric to the rubric in use
// (core/scoring/scenario_upgrade.h), saying what changed; a case it cannot upgrade is left as it was.
#include "cli/commands.h"
#include "cli/treatment_context.h"
#include "core/common/safe_file.h"
#include "core/common/toml_reader.h"
#include "core/scoring/scenario.h"
#include "core/scoring/scenario_upgrade.h"
#include "io/paths.h"

#include <toml++/toml.h>

#include <sys/stat.h>

#include <iostream>
#include <memory>

namespace pinpoint::cli {

namespace {

struct ValidateOptions {
    HeadOptions head;
    std::vector<std::string> files;
    bool upgrade = false;
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
        if (r.errors.empty()) {
            for (const core::Error& n : r.notes) std::cout << "note: " << n.describe() << "\n";
            std::cout << file << ": ok\n";
        } else {
            allValid = false;
        }
    }
    return allValid ? kExitOk : kExitBadInput;
}

// One file: rewritten and told what changed, or left as it was with why. False when it was not upgraded.
bool upgradeOne(const std::string& file, const TreatmentContext& context) {
    const std::optional<std::string> text = core::readTextFile(file);
    if (!text) {
        std::cerr << file << ": cannot read the scenario file (check the path)\n";
        return false;
    }
    const core::ScenarioUpgradeResult r = core::upgradeScenario(*text, file, context.rubric, context.conditions, &context.surface->bvh);
    if (!r.upgrade) {
        for (const core::Error& e : r.errors) std::cerr << e.describe() << "\n";
        std::cerr << file << ": not upgraded, left as it was: fix what is listed above for rubric " << context.rubric.version
                  << ", then upgrade again\n";
        return false;
    }
    const core::ScenarioUpgrade& u = *r.upgrade;
    if (!u.changed) {
        std::cout << file << ": already written for rubric " << context.rubric.version << "; not changed\n";
        return true;
    }
    struct stat before {};
    const mode_t mode = ::stat(file.c_str(), &before) == 0 ? (before.st_mode & 07777) : 0644;
    if (const core::Result<bool> written = core::replaceFile(file, u.text, mode); !written) {
        std::cerr << written.error().describe() << "\n";
        return false;
    }
    std::cout << file << ":" << u.line << ": rubric_version " << u.from << " -> " << context.rubric.version
              << " (nothing else changed); what the rubric changed since " << u.from << ":\n";
    for (const core::RubricChange& c : u.changes) std::cout << "  " << c.version << ": " << c.summary << "\n";
    return true;
}

int upgrade(const ValidateOptions& o) {
    const std::unique_ptr<TreatmentContext> context = loadTreatmentContext(o.head);
    if (!context) return kExitBadInput;
    bool all = true;
    for (const std::string& file : o.files) all = upgradeOne(file, *context) && all;
    return all ? kExitOk : kExitBadInput;
}

}  // namespace

Runner addValidateCommand(CLI::App& app) {
    auto o = std::make_shared<ValidateOptions>();
    CLI::App* cmd = app.add_subcommand("validate", "Check scenario files; print every problem as file:line:col: message");
    cmd->add_option("files", o->files, "Scenario files (*.toml)")->required();
    cmd->add_flag("--upgrade", o->upgrade,
                  "Rewrite each file's rubric_version to the rubric in use (comments and all else kept) when the case is "
                  "valid under it, and say what the rubric changed since");
    addHeadOptions(*cmd, o->head);
    return [o]() { return o->upgrade ? upgrade(*o) : validate(*o); };
}

}  // namespace pinpoint::cli
