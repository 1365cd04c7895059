// `pinpoint scenarios fetch --centre URL --token TOKEN [--into DIR]`: the station takes the current
// version of every scenario in the centre's library into its scenario folder. Every file is downloaded,
// checked against the SHA-256 the centre lists and by the same reader as `pinpoint validate` before
// anything in the folder is replaced; each file is then replaced by a rename (never half-written).
// Exit 0 done; 2 when anything is refused (nothing replaced); 1 when the centre did not answer.
#include "cli/commands.h"
#include "core/common/safe_file.h"
#include "station/http_retry.h"
#include "cli/scenario_import.h"
#include "cli/treatment_context.h"
#include "core/common/sha256.h"
#include "core/scoring/scenario_library.h"
#include "io/paths.h"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

namespace pinpoint::cli {

using station::httpTarget;
using station::HttpTarget;
using station::requestWithRetries;

namespace {

using nlohmann::json;
namespace fs = std::filesystem;

struct FetchOptions {
    std::string centre;
    std::string token;
    std::string into;
    int retries = 6;
    HeadOptions head;
};

struct Fetched {
    std::string id, sha256, text;
    fs::path target;
    bool unchanged = false;
};

bool safeFileName(const std::string& id) {
    if (id.empty() || id.size() > 100 || id.front() == '.') return false;
    for (char c : id)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.')) return false;
    return true;
}

// GET with retries; the body of a 200, or nullopt after a message (`code` says which exit).
std::optional<std::string> fetch(httplib::Client& client, const std::string& path, const FetchOptions& o, int& code) {
    std::string problem;
    const auto res = requestWithRetries([&] { return client.Get(path); }, o.retries, problem);
    if (!res) {
        std::cerr << "pinpoint scenarios fetch: the centre at " << o.centre << " did not answer (" << problem << ")\n";
        code = kExitUnreachable;
        return std::nullopt;
    }
    if (res->status != 200) {
        const json answer = json::parse(res->body, nullptr, false);
        std::cerr << "pinpoint scenarios fetch: " << path << ": HTTP " << res->status << ": "
                  << (answer.is_object() ? answer.value("message", res->body) : res->body) << "\n";
        code = kExitBadInput;
        return std::nullopt;
    }
    return res->body;
}

int fetchScenarios(const FetchOptions& o) {
    const std::optional<HttpTarget> target = httpTarget(o.centre);
    if (!target) {
        std::cerr << "pinpoint scenarios fetch: --centre " << o.centre << ": give a URL starting http:// or https://\n";
        return kExitBadInput;
    }
    const fs::path into = o.into.empty() ? io::scenarioDir() : o.into;
    std::error_code ec;
    if (!fs::is_directory(into, ec)) {
        std::cerr << "pinpoint scenarios fetch: " << into.string() << ": not a folder (make it first)\n";
        return kExitBadInput;
    }
    httplib::Client client(target->origin);
    client.set_connection_timeout(5, 0);
    client.set_read_timeout(30, 0);
    client.set_bearer_token_auth(o.token);
    int code = kExitOk;
    const std::optional<std::string> listed = fetch(client, target->prefix + "/api/v1/scenarios", o, code);
    if (!listed) return code;
    const json list = json::parse(*listed, nullptr, false);
    if (!list.is_object() || !list.value("scenarios", json()).is_array()) {
        std::cerr << "pinpoint scenarios fetch: the centre's list of scenarios is not {\"scenarios\": [...]}\n";
        return kExitBadInput;
    }
    const std::unique_ptr<TreatmentContext> context = loadTreatmentContext(o.head);
    if (!context) return kExitBadInput;
    const std::vector<core::LibraryScenario> present = core::scanScenarioLibrary(into.string());
    std::vector<Fetched> all;
    for (const json& entry : list["scenarios"]) {
        Fetched f{entry.value("id", ""), entry.value("sha256", ""), "", {}, false};
        if (!safeFileName(f.id) || f.sha256.size() != 64) {
            std::cerr << "pinpoint scenarios fetch: the centre lists a scenario with id '" << f.id
                      << "' or SHA-256 '" << f.sha256 << "' this station cannot take; nothing replaced\n";
            return kExitBadInput;
        }
        const std::optional<std::string> text =
            fetch(client, target->prefix + "/api/v1/scenarios/" + f.id + "?sha256=" + f.sha256, o, code);
        if (!text) return code;
        f.text = *text;
        // The bytes must be the version listed: a file changed on the way (or in the centre's store) is refused.
        if (core::sha256Hex(f.text) != f.sha256) {
            std::cerr << "pinpoint scenarios fetch: scenario " << f.id << ": the file received has SHA-256 "
                      << core::sha256Hex(f.text) << ", not " << f.sha256 << " as listed; refused, nothing replaced\n";
            return kExitBadInput;
        }
        std::vector<core::Error> errors;
        const std::optional<core::Scenario> scenario =
            checkScenarioText(f.text, "centre:" + f.id + ".toml", ScenarioCheck{&context->rubric, &context->surface->bvh}, errors);
        if (scenario && scenario->id != f.id)
            errors.push_back(core::Error{"centre:" + f.id + ".toml", 1, 1, "its [scenario] id is '" + scenario->id +
                                         "', not '" + f.id + "' as the centre lists it", {}});
        if (!errors.empty()) {
            for (const core::Error& e : errors) std::cerr << "pinpoint scenarios fetch: " << e.describe() << "\n";
            std::cerr << "pinpoint scenarios fetch: refused; nothing replaced\n";
            return kExitBadInput;
        }
        f.target = into / (f.id + ".toml");
        for (const core::LibraryScenario& s : present)
            if (s.id == f.id) f.target = s.file;  // the file that holds it now, so the id stays once in the folder
        f.unchanged = core::sha256HexOfFile(f.target.string()).value_or("") == f.sha256;
        all.push_back(std::move(f));
    }
    // Everything checked: every new version written and flushed beside its place first (a failure
    // there replaces nothing), then each put in place (safe_file.h).
    std::vector<core::FileReplacement> written;
    for (const Fetched& f : all) {
        if (f.unchanged) continue;
        core::Result<core::FileReplacement> replacement = core::FileReplacement::write(f.target.string(), f.text);
        if (!replacement) {
            std::cerr << "pinpoint scenarios fetch: " << replacement.error().describe() << "; nothing replaced\n";
            return kExitBadInput;
        }
        written.push_back(std::move(*replacement));
    }
    std::size_t next = 0;
    for (const Fetched& f : all) {
        if (!f.unchanged) {
            const bool existed = fs::exists(f.target, ec);
            if (const core::Result<bool> placed = written[next++].commit(); !placed) {
                std::cerr << "pinpoint scenarios fetch: " << placed.error().describe() << "\n";
                return kExitBadInput;
            }
            std::cout << f.target.string() << ": scenario " << f.id << ", version " << f.sha256 << (existed ? " (updated)" : " (new)")
                      << "\n";
        } else {
            std::cout << f.target.string() << ": scenario " << f.id << ", version " << f.sha256 << " (unchanged)\n";
        }
    }
    return kExitOk;
}

}  // namespace

Runner addScenariosCommand(CLI::App& app) {
    auto o = std::make_shared<FetchOptions>();
    CLI::App* cmd = app.add_subcommand("scenarios", "The scenario library at the training centre");
    cmd->require_subcommand(1);
    CLI::App* fetchCmd = cmd->add_subcommand("fetch", "Take the current version of every scenario from the centre");
    fetchCmd->add_option("--centre", o->centre, "The centre's URL, e.g. https://centre.example")->required();
    fetchCmd->add_option("--token", o->token, "This station's token (pinpoint centre add-station)")
        ->envname("PINPOINT_CENTRE_TOKEN")
        ->required();
    fetchCmd->add_option("--into", o->into, "The scenario folder to update (default: " + io::scenarioDir() + ")");
    fetchCmd->add_option("--retries", o->retries, "Retries when the centre does not answer or is busy")
        ->capture_default_str()
        ->check(CLI::Range(0, 20));
    addHeadOptions(*fetchCmd, o->head);
    return [o]() { return fetchScenarios(*o); };
}

}  // namespace pinpoint::cli
