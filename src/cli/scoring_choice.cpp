#include "cli/scoring_choice.h"

#include "io/paths.h"

#include <filesystem>
#include <iostream>

namespace pinpoint::cli {

namespace {

// The column of the header's "scenario" key (1 when it has none), for located messages.
int scenarioColumn(const core::SessionHeader& h) {
    const std::size_t at = h.rawLine.find("\"scenario\"");
    return at == std::string::npos ? 1 : static_cast<int>(at) + 1;
}

std::string quoted(const std::string& s) { return "'" + s + "'"; }

}  // namespace

void addScoringChoiceOptions(CLI::App& cmd, ScoringChoice& c) {
    CLI::Option* scenario = cmd.add_option(
        "--scenario", c.scenario,
        "Scenario file; it must be the scenario the session was recorded for (default: the scenario its header names, "
        "found by id in the scenario library; scenarios/default.toml when it names none)");
    CLI::Option* rescore = cmd.add_option(
        "--rescore-against", c.rescoreAgainst,
        "Score against this scenario file even when the session was recorded for another one (never certifiable)");
    scenario->excludes(rescore);
    cmd.add_option("--trusted-keys", c.trustedKeys,
                   "Trusted recorders: a file with one public key per line, as `pinpoint key --export` prints it, and an "
                   "optional name (default: trusted-recorders in the key folder, when it exists)");
}

std::optional<core::TrustedRecorders> loadTrustedRecordersOrReport(const std::string& given) {
    std::string path = given;
    if (path.empty()) {
        std::error_code ec;
        path = io::defaultTrustedRecordersPath();
        if (!std::filesystem::exists(path, ec)) return core::TrustedRecorders{};
    }
    core::Result<core::TrustedRecorders> read = core::readTrustedRecorders(path);
    if (!read) {
        std::cerr << "pinpoint: " << read.error().describe() << "\n";
        return std::nullopt;
    }
    return std::move(*read);
}

ScenarioChooser::ScenarioChooser(const TreatmentContext& context, ScoringChoice choice)
    : context_(context), choice_(std::move(choice)) {}

const core::Scenario* ScenarioChooser::load(const std::string& path, std::vector<core::Error>& errors) {
    auto it = loaded_.find(path);
    if (it == loaded_.end()) it = loaded_.emplace(path, loadScenario(context_, path)).first;
    errors.insert(errors.end(), it->second.errors.begin(), it->second.errors.end());
    return it->second.scenario ? &*it->second.scenario : nullptr;
}

std::vector<std::string> ScenarioChooser::libraryFiles(const std::string& id) {
    if (!library_) library_ = core::scanScenarioLibrary(io::scenarioDir());
    std::vector<std::string> files;
    for (const core::LibraryScenario& s : *library_)
        if (s.id == id) files.push_back(s.file);
    return files;
}

ChosenScenario ScenarioChooser::choose(const core::Session& session) {
    ChosenScenario out;
    const std::string& recorded = session.header.scenarioId;
    const int column = scenarioColumn(session.header);
    if (!choice_.rescoreAgainst.empty()) {
        out.scenario = load(choice_.rescoreAgainst, out.errors);
        out.rescored = true;
        return out;
    }
    if (!choice_.scenario.empty()) {
        out.scenario = load(choice_.scenario, out.errors);
        if (out.scenario && !recorded.empty() && out.scenario->id != recorded) {
            out.errors.push_back(core::Error{
                session.file, 1, column,
                "the session was recorded for scenario " + quoted(recorded) + ", not for " + quoted(out.scenario->id) + " (" +
                    choice_.scenario + "): it is not scored against another scenario",
                "leave out --scenario to score it against " + quoted(recorded) + " from the scenario library, or give "
                "--rescore-against " + choice_.scenario + " to score it against " + quoted(out.scenario->id) +
                " anyway (never certifiable)"});
            out.scenario = nullptr;
            out.refused = true;
        }
        return out;
    }
    if (recorded.empty()) {
        out.scenario = load(io::defaultScenarioPath(), out.errors);
        return out;
    }
    const std::vector<std::string> files = libraryFiles(recorded);
    if (files.empty()) {
        out.errors.push_back(core::Error{session.file, 1, column,
                                         "the session was recorded for scenario " + quoted(recorded) +
                                             ", which is not in the scenario library (" + io::scenarioDir() + ")",
                                         "give its file with --scenario FILE, or set PINPOINT_SCENARIOS to the folder that holds it"});
        return out;
    }
    if (files.size() > 1) {
        std::string list;
        for (const std::string& f : files) list += (list.empty() ? "" : ", ") + f;
        out.errors.push_back(core::Error{session.file, 1, column,
                                         "scenario " + quoted(recorded) + " is in the scenario library more than once: " + list,
                                         "give the one meant with --scenario FILE, and give the others their own ids"});
        return out;
    }
    out.scenario = load(files.front(), out.errors);
    return out;
}

core::Evidence sessionEvidence(const TreatmentContext& context, const LoadedSession& loaded, const ChosenScenario& chosen,
                               const core::TrustedRecorders& trusted) {
    core::EvidenceInputs in;
    in.session = &loaded.session;
    in.signature = loaded.signature;
    in.namesDemoKey = loaded.namesDemoKey;
    in.trusted = &trusted;
    in.scenario = chosen.scenario;
    in.rescored = chosen.rescored;
    in.hashes = context.hashes;
    in.hashes.scenario = chosen.scenario->sha256;
    in.softwareVersion = std::string("pinpoint ") + PINPOINT_VERSION;
    return core::assessEvidence(in);
}

void reportErrors(const std::vector<core::Error>& errors) {
    for (const core::Error& e : errors) std::cerr << "pinpoint: " << e.describe() << "\n";
}

}  // namespace pinpoint::cli
