#include "cli/score_batch.h"

#include "cli/commands.h"
#include "cli/session_input.h"
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

std::vector<std::string> row(const std::string& file, const LoadedSession& loaded, const core::ScoreResult& r,
                             const core::SimulationOutput& sim, double seconds) {
    const core::Session& s = loaded.session;
    std::string codes;
    for (const core::CriticalError& e : r.criticalErrors)
        if (codes.find(e.code) == std::string::npos) codes += (codes.empty() ? "" : ";") + e.code;
    std::vector<std::string> cells = {file, s.header.trainee, s.header.scenarioId,
                                      core::signatureStatusName(loaded.signature.status),
                                      loaded.signature.status == core::SignatureStatus::Intact ? "" : std::to_string(loaded.signature.line),
                                      r.passed ? "pass" : "fail", number(r.score, 2)};
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
    cells.push_back("");
    return cells;
}

void writeRow(std::ostream& out, const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) out << (i ? "," : "") << csvField(cells[i]);
    out << "\n";
}

}  // namespace

const std::vector<std::string>& batchColumns() {
    static const std::vector<std::string> columns = [] {
        std::vector<std::string> c = {"file", "trainee", "scenario", "signature", "signature_line", "result", "score"};
        for (const char* name : core::kComponents) c.emplace_back(name);
        for (const char* name : {"decision", "expected_decision", "decision_correct", "critical_errors",
                                 "critical_codes", "punctures", "forbidden_punctures", "duration_s", "contact_s",
                                 "warnings", "scoring_s", "error"})
            c.emplace_back(name);
        return c;
    }();
    return columns;
}

std::optional<std::vector<std::string>> sessionFiles(const std::vector<std::string>& names) {
    std::vector<std::string> files;
    for (const std::string& name : names) {
        std::error_code ec;
        if (fs::is_directory(name, ec)) {
            std::vector<std::string> found;
            for (auto it = fs::recursive_directory_iterator(name, fs::directory_options::skip_permission_denied, ec);
                 !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
                if (it->is_regular_file(ec) && it->path().extension() == ".pps") found.push_back(it->path().string());
            std::sort(found.begin(), found.end());
            if (found.empty()) std::cerr << "pinpoint score: warning: no *.pps files under " << name << "\n";
            files.insert(files.end(), found.begin(), found.end());
        } else if (fs::exists(name, ec)) {
            files.push_back(name);
        } else {
            std::cerr << "pinpoint score: " << name << ": no such file or folder\n";
            return std::nullopt;
        }
    }
    if (files.empty()) {
        std::cerr << "pinpoint score: no session files to score\n";
        return std::nullopt;
    }
    return files;
}

int scoreBatch(const std::vector<std::string>& files, const TreatmentContext& context, const core::Scenario& scenario,
               std::ostream& out) {
    writeRow(out, batchColumns());
    ProgressBar progress(files.size());
    std::size_t failed = 0;
    for (std::size_t i = 0; i < files.size(); ++i) {
        progress.show(i, files[i]);
        const auto start = std::chrono::steady_clock::now();
        core::Result<LoadedSession> loaded = loadSession(files[i], &context.tools);
        if (!loaded) {
            ++failed;
            std::vector<std::string> cells(batchColumns().size());
            cells.front() = files[i];
            cells[5] = "error";
            cells.back() = loaded.error().describe();
            writeRow(out, cells);
            continue;
        }
        const core::SimulationOutput sim = core::simulateSession(*context.surface, context.tools, loaded->session);
        const core::ScoreResult result =
            core::scoreSession(scenario, context.rubric, context.head, context.density, loaded->session, sim);
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        writeRow(out, row(files[i], *loaded, result, sim, seconds));
        out.flush();
    }
    progress.show(files.size(), "done");
    progress.clear();
    if (failed) std::cerr << "pinpoint score: " << failed << " of " << files.size() << " sessions could not be read (see the error column)\n";
    return failed ? kExitBadInput : kExitOk;
}

}  // namespace pinpoint::cli
