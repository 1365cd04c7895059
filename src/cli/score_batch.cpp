#include "cli/score_batch.h"

#include "cli/commands.h"
#include "cli/session_input.h"
#include "core/scoring/score_report.h"
#include "core/scoring/scoring_engine.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>

namespace pinpoint::cli {

namespace {

namespace fs = std::filesystem;

std::string csvField(const std::string& text) {
    if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
    std::string quoted = "\"";
    for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
}

std::string number(double v, int decimals) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, v);
    return buffer;
}

// A progress bar on one terminal line: [#####.....]  12/100  name.pps
class ProgressBar {
public:
    explicit ProgressBar(std::size_t total) : total_(total), enabled_(::isatty(STDERR_FILENO) != 0) {}
    ~ProgressBar() { clear(); }
    void show(std::size_t done, const std::string& name) {
        if (!enabled_) return;
        constexpr std::size_t kWidth = 30;
        const std::size_t filled = total_ ? kWidth * done / total_ : kWidth;
        std::string bar(filled, '#');
        bar.resize(kWidth, '.');
        std::string label = fs::path(name).filename().string();
        if (label.size() > 36) label = label.substr(0, 33) + "...";
        std::fprintf(stderr, "\r\033[K[%s] %zu/%zu  %s", bar.c_str(), done, total_, label.c_str());
        std::fflush(stderr);
    }
    void clear() {
        if (enabled_) std::fprintf(stderr, "\r\033[K");
    }

private:
    std::size_t total_;
    bool enabled_;
};

std::string joined(const std::vector<std::string>& parts) {
    std::string out;
    for (const std::string& p : parts) out += (out.empty() ? "" : "; ") + p;
    return out;
}

// The first columns, up to the result: file, trainee, scenario, signature, signature_line, result.
std::vector<std::string> sessionCells(const std::string& file, const LoadedSession& loaded, const std::string& result) {
    const core::Session& s = loaded.session;
    return {file, s.header.trainee, s.header.scenarioId, core::signatureStatusName(loaded.signature.status),
            loaded.signature.status == core::SignatureStatus::Intact ? "" : std::to_string(loaded.signature.line), result};
}

constexpr std::size_t kResultColumn = 5;       // then score, certifiable, certifiable_reasons, scored_against
constexpr std::size_t kCertifiableColumn = 7;

std::vector<std::string> row(const std::string& file, const LoadedSession& loaded, const core::ScoreResult& r,
                             const core::SimulationOutput& sim, const core::Evidence& evidence, const std::string& scoredAgainst,
                             double seconds) {
    const core::Session& s = loaded.session;
    std::string codes;
    for (const core::CriticalError& e : r.criticalErrors)
        if (codes.find(e.code) == std::string::npos) codes += (codes.empty() ? "" : ";") + e.code;
    std::vector<std::string> cells = sessionCells(file, loaded, r.passed ? "pass" : "fail");
    cells.push_back(number(r.score, 2));
    cells.push_back(evidence.certifiable ? "yes" : "no");
    cells.push_back(joined(evidence.reasons));
    cells.push_back(scoredAgainst);
    for (const auto& c : r.components) cells.push_back(c ? number(*c, 2) : "");
    cells.push_back(r.decision.made ? r.decision.made->name : "");
    cells.push_back(core::decisionName(r.decision.expected));
    cells.push_back(r.decision.correct ? "yes" : "no");
    cells.push_back(std::to_string(r.criticalErrors.size()));
    cells.push_back(codes);
    cells.push_back(std::to_string(r.measurement.totalPunctures));
    cells.push_back(std::to_string(r.measurement.forbiddenPunctures));
    cells.push_back(number(s.events.empty() ? 0.0 : core::eventTime(s.events.back()), 1));
    cells.push_back(number(sim.contactSeconds, 1));
    cells.push_back(std::to_string(s.warnings.size()));
    cells.push_back(number(seconds, 3));
    // The patient's course and visit as recorded: a cohort's rows of one course sort together.
    cells.push_back(s.header.courseId);
    cells.push_back(s.header.courseVisit > 0 ? std::to_string(s.header.courseVisit) : "");
    cells.push_back("");
    return cells;
}

void writeRow(std::ostream& out, const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) out << (i ? "," : "") << csvField(cells[i]);
    out << "\n";
}

}  // namespace

nlohmann::json scoreReportWithEvidence(const core::ScoreResult& result, const core::Scenario& scenario,
                                       const TreatmentContext& context, const LoadedSession& loaded,
                                       const core::SimulationOutput& simulation, const core::Evidence& evidence) {
    nlohmann::json j = core::scoreReportJson(result, scenario, context.rubric, loaded.session, simulation);
    const core::SignatureCheck& c = loaded.signature;
    j["session"]["signature"] = {{"status", core::signatureStatusName(c.status)},
                                 {"intact", c.status == core::SignatureStatus::Intact},
                                 {"line", c.line},
                                 {"message", c.message},
                                 {"key_id", c.keyId}};
    j["evidence"] = core::evidenceJson(evidence);
    return j;
}

const std::vector<std::string>& batchColumns() {
    static const std::vector<std::string> columns = [] {
        std::vector<std::string> c = {"file",   "trainee", "scenario",    "signature",           "signature_line",
                                      "result", "score",   "certifiable", "certifiable_reasons", "scored_against"};
        for (const char* name : core::kComponents) c.emplace_back(name);
        for (const char* name : {"decision", "expected_decision", "decision_correct", "critical_errors",
                                 "critical_codes", "punctures", "forbidden_punctures", "duration_s", "contact_s",
                                 "warnings", "scoring_s", "course", "course_visit", "error"})
            c.emplace_back(name);
        return c;
    }();
    return columns;
}

std::optional<std::vector<std::string>> sessionFiles(const std::vector<std::string>& names, const std::string& command) {
    std::vector<std::string> files;
    for (const std::string& name : names) {
        std::error_code ec;
        if (fs::is_directory(name, ec)) {
            std::vector<std::string> found;
            for (auto it = fs::recursive_directory_iterator(name, fs::directory_options::skip_permission_denied, ec);
                 !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
                if (it->is_regular_file(ec) && it->path().extension() == ".pps") found.push_back(it->path().string());
            std::sort(found.begin(), found.end());
            if (found.empty()) std::cerr << "pinpoint " << command << ": warning: no *.pps files under " << name << "\n";
            files.insert(files.end(), found.begin(), found.end());
        } else if (fs::exists(name, ec)) {
            files.push_back(name);
        } else {
            std::cerr << "pinpoint " << command << ": " << name << ": no such file or folder\n";
            return std::nullopt;
        }
    }
    if (files.empty()) {
        std::cerr << "pinpoint " << command << ": no session files given\n";
        return std::nullopt;
    }
    return files;
}

int scoreBatch(const std::vector<std::string>& files, const TreatmentContext& context, const ScoringChoice& choice,
               const core::TrustedRecorders& trusted, std::ostream& out) {
    writeRow(out, batchColumns());
    ProgressBar progress(files.size());
    ScenarioChooser chooser(context, choice);
    std::size_t failed = 0, refused = 0;
    const auto unscored = [&](std::vector<std::string> cells, const std::string& error) {
        cells.resize(batchColumns().size());
        cells[kCertifiableColumn] = "no";
        cells.back() = error;
        writeRow(out, cells);
    };
    for (std::size_t i = 0; i < files.size(); ++i) {
        progress.show(i, files[i]);
        const auto start = std::chrono::steady_clock::now();
        core::Result<LoadedSession> loaded = loadSession(files[i], &context.tools);
        if (!loaded) {
            ++failed;
            std::vector<std::string> cells(kResultColumn + 1);
            cells.front() = files[i];
            cells[kResultColumn] = "error";
            unscored(cells, loaded.error().describe());
            continue;
        }
        const ChosenScenario chosen = chooser.choose(loaded->session);
        if (!chosen.scenario) {
            ++(chosen.refused ? refused : failed);
            std::string error;
            for (const core::Error& e : chosen.errors) error += (error.empty() ? "" : "; ") + e.describe();
            unscored(sessionCells(files[i], *loaded, chosen.refused ? "refused" : "error"), error);
            continue;
        }
        const core::SimulationOutput sim = core::simulateSession(*context.surface, context.tools, loaded->session);
        const core::ScoreResult result =
            core::scoreSession(*chosen.scenario, context.rubric, context.head, context.density, loaded->session, sim);
        const core::Evidence evidence = sessionEvidence(context, *loaded, chosen, trusted);
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        writeRow(out, row(files[i], *loaded, result, sim, evidence, chosen.scenario->id, seconds));
        out.flush();
    }
    progress.show(files.size(), "done");
    progress.clear();
    if (failed)
        std::cerr << "pinpoint score: " << failed << " of " << files.size() << " sessions could not be scored (see the error column)\n";
    if (refused)
        std::cerr << "pinpoint score: " << refused << " of " << files.size()
                  << " sessions were recorded for another scenario than --scenario and were refused (leave out --scenario to "
                     "score each against its own, or give --rescore-against)\n";
    return failed || refused ? kExitBadInput : kExitOk;
}

}  // namespace pinpoint::cli
