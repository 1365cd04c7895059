// `pinpoint centre serve [--db WHERE] [--listen HOST:PORT] [--key-folder DIR] [--allow-remote]`: the
// training centre's server (docs/centre.md, "Running a centre").
// `pinpoint centre add-station NAME [--db WHERE]`: a station and its token, printed once.
// `pinpoint centre revoke-station NAME [--db WHERE]`: its token no longer works.
// `pinpoint centre add-scenario FILE... [--db WHERE]`: scenario versions into the centre's library.
// `pinpoint centre add-person` and `set-password`: centre_people.cpp.
#include "centre/centre_server.h"
#include "centre/store.h"
#include "cli/centre_people.h"
#include "cli/centre_scoring.h"
#include "cli/scenario_import.h"
#include "cli/commands.h"
#include "cli/scoring_choice.h"
#include "io/paths.h"
#include "io/signing_key_store.h"

#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <sstream>
#include <thread>

namespace pinpoint::cli {

std::unique_ptr<centre::Store> openCentreStore(const std::string& given) {
    std::string where = given;
    if (where.empty()) {
        where = io::defaultCentreDatabasePath();
        std::error_code ec;
        std::filesystem::create_directories(io::dataDir(), ec);
    }
    centre::Result<std::unique_ptr<centre::Store>> store = centre::openStore(where);
    if (!store) {
        std::cerr << "pinpoint centre: " << centre::storeNameWithoutPassword(where) << ": " << store.error().describe() << "\n";
        return nullptr;
    }
    return std::move(*store);
}

namespace {

struct CentreOptions {
    std::string db;
    std::string listen = "127.0.0.1:8750";
    std::string keyFolder;
    bool allowRemote = false;
    bool secureCookies = false;
    std::vector<std::string> trustedProxies;
    int signInWaitSeconds = 30;
    double requestsPerSecond = 50.0;
    double requestDeadlineSeconds = 30.0;
    std::size_t maxConnectionsPerAddress = 128;
    std::size_t maxConnections = 1000;
    std::string stationName;
    std::vector<std::string> scenarioFiles;
    HeadOptions head;
};

// HOST:PORT into its parts; false after a message.
bool parseListen(const std::string& text, std::string& host, int& port) {
    const std::size_t colon = text.rfind(':');
    if (colon == std::string::npos || colon == 0) {
        std::cerr << "pinpoint centre serve: --listen " << text << ": expected HOST:PORT, e.g. 127.0.0.1:8750\n";
        return false;
    }
    host = text.substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    try {
        std::size_t used = 0;
        port = std::stoi(text.substr(colon + 1), &used);
        if (used != text.size() - colon - 1 || port < 0 || port > 65535) throw std::out_of_range("port");
    } catch (const std::exception&) {
        std::cerr << "pinpoint centre serve: --listen " << text << ": the port must be a number from 0 to 65535\n";
        return false;
    }
    return true;
}

// The scorer, with the head and rubric loaded on first use: the centre answers at once, and a
// station's upload never waits for the head model.
centre::SessionScorer lazyScorer(HeadOptions head, centre::Store& library) {
    struct Loaded {
        std::unique_ptr<TreatmentContext> context;
        std::optional<core::TrustedRecorders> trusted;
        centre::SessionScorer scorer;
        bool tried = false;
    };
    auto loaded = std::make_shared<Loaded>();
    return [head, loaded, &library](const centre::SessionRecord& session, const std::string& text) -> centre::ScoreOutcome {
        if (!loaded->tried) {
            loaded->tried = true;
            loaded->trusted = loadTrustedRecordersOrReport("");
            loaded->context = loadTreatmentContext(head);
            if (loaded->context && loaded->trusted) loaded->scorer = centreSessionScorer(*loaded->context, *loaded->trusted, library);
        }
        if (!loaded->scorer)
            return {R"j({"error":"the centre could not load the head, rubric or trusted recorders (see its log)"})j", "", "",
                    std::string("pinpoint ") + PINPOINT_VERSION};
        return loaded->scorer(session, text);
    };
}

// The scenario folder's files into the library, at every start: a scenario edited in the folder becomes
// a new version, and the versions before it stay for the sessions recorded with them; a version given
// later by hand stays current (ImportRule::FolderAtStart). What it did goes to the log. Checked without
// the head (its loading is left to the first session scored); `add-scenario` checks a file fully.
bool importScenarioFolder(centre::Store& store) {
    const core::Result<core::Rubric> rubric = core::readRubric(io::assetDir() + "/rubric.toml");
    if (!rubric) {
        std::cerr << "pinpoint centre serve: " << rubric.error().describe() << "\n";
        return false;
    }
    std::ostringstream log;
    const int refused = importScenarioFiles(store, scenarioFilesIn(io::scenarioDir()), ScenarioCheck{&*rubric, nullptr}, log,
                                            ImportRule::FolderAtStart);
    std::istringstream lines(log.str());
    for (std::string line; std::getline(lines, line);) std::cout << "pinpoint centre serve: scenario folder: " << line << "\n";
    std::cout.flush();
    if (refused < 0) return false;
    if (refused > 0)
        std::cerr << "pinpoint centre serve: " << refused << " file(s) of " << io::scenarioDir()
                  << " left out of the scenario library (above)\n";
    return true;
}

int serve(const CentreOptions& o) {
    std::string host;
    int port = 0;
    if (!parseListen(o.listen, host, port)) return kExitBadInput;
    if (!centre::isLoopbackHost(host) && !o.allowRemote) {
        std::cerr << "pinpoint centre serve: " << host << " is not this machine's loopback address: stations would "
                     "reach the centre without TLS. Put it behind a TLS proxy (docs/centre.md) and add --allow-remote\n";
        return kExitBadInput;
    }
    for (const std::string& proxy : o.trustedProxies)
        if (proxy.empty() || proxy.size() > 45 || proxy.find_first_not_of("0123456789abcdefABCDEF:.") != std::string::npos) {
            std::cerr << "pinpoint centre serve: --trusted-proxy '" << proxy << "' is not an IP address (e.g. 127.0.0.1)\n";
            return kExitBadInput;
        }
    if (o.requestsPerSecond <= 0) {
        std::cerr << "pinpoint centre serve: --requests-per-second must be above 0\n";
        return kExitBadInput;
    }
    // SIGINT and SIGTERM are taken by one thread (below), never by the server's workers.
    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGINT);
    sigaddset(&stopSignals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);

    std::unique_ptr<centre::Store> store = openCentreStore(o.db);
    if (!store) return kExitBadInput;
    const std::string keyFolder = o.keyFolder.empty() ? io::keyDir() : o.keyFolder;
    core::Result<core::SigningKey> key = io::signingKeyIn(keyFolder, "centre-receipts");
    if (!key) {
        std::cerr << "pinpoint centre serve: " << key.error().describe() << "\n";
        return kExitBadInput;
    }
    const core::Result<core::RatingScale> ratingItems = core::readRatingScale(io::assetDir() + "/rating_items.toml");
    if (!ratingItems) {
        std::cerr << "pinpoint centre serve: " << ratingItems.error().describe() << "\n";
        return kExitBadInput;
    }
    if (!importScenarioFolder(*store)) return 1;
    centre::ServerLimits limits;
    limits.requestsPerSecond = o.requestsPerSecond;
    limits.burst = 2 * o.requestsPerSecond;
    limits.secureCookies = o.secureCookies;
    limits.trustedProxies = o.trustedProxies;
    limits.signInWaitSeconds = o.signInWaitSeconds;
    limits.requestDeadlineSeconds = o.requestDeadlineSeconds;
    limits.maxConnectionsPerAddress = o.maxConnectionsPerAddress;
    limits.maxConnections = o.maxConnections;
    centre::CentreServer server(*store, *key, limits, lazyScorer(o.head, *store), *ratingItems);
    std::string why;
    const std::optional<int> bound = server.bind(host, port, why);
    if (!bound) {
        std::cerr << "pinpoint centre serve: " << why << "\n";
        return 1;
    }
    std::atomic<bool> served{false};
    std::thread signals([&] {
        int signal = 0;
        sigwait(&stopSignals, &signal);
        if (!served) std::cerr << "pinpoint centre: stopping (" << (signal == SIGINT ? "SIGINT" : "SIGTERM") << ")\n";
        server.stop();
    });
    std::cout << "pinpoint centre: listening on http://" << (host.find(':') != std::string::npos ? "[" + host + "]" : host)
              << ":" << *bound << " (" << store->backend() << " store, receipts signed by "
              << core::publicKeyText(key->publicKey()) << ")" << std::endl;
    if (server.maxConnections() < o.maxConnections)
        std::cout << "pinpoint centre: at most " << server.maxConnections()
                  << " connections at once: the process may not open more files (ulimit -n)" << std::endl;
    const bool ok = server.run();
    served = true;
    pthread_kill(signals.native_handle(), SIGTERM);  // wakes the signal thread if no signal came
    signals.join();
    // A stop is not held up by a long scoring: what was stored is committed, and a session without its
    // report is scored again on the next start.
    if (!server.stopScoring(std::chrono::seconds(1))) {
        std::cerr << "pinpoint centre: stopped while scoring a session; it is scored when the centre starts again\n";
        std::cout.flush();
        std::_Exit(ok ? kExitOk : 1);
    }
    return ok ? kExitOk : 1;
}

int addStation(const CentreOptions& o) {
    std::unique_ptr<centre::Store> store = openCentreStore(o.db);
    if (!store) return kExitBadInput;
    centre::Result<centre::NewStation> made = store->addStation(o.stationName);
    if (!made) {
        std::cerr << "pinpoint centre add-station: " << made.error().describe() << "\n";
        return kExitBadInput;
    }
    std::cerr << "pinpoint centre: station '" << made->station.name << "' added; its token is shown only now, "
              << "give it to the station (pinpoint upload --token ...)\n";
    std::cout << made->token << std::endl;
    return kExitOk;
}

// `centre revoke-station NAME`: its token stops working at once; its sessions stay.
int revokeStation(const CentreOptions& o) {
    std::unique_ptr<centre::Store> store = openCentreStore(o.db);
    if (!store) return kExitBadInput;
    centre::Result<std::vector<centre::Station>> stations = store->stations();
    if (!stations) {
        std::cerr << "pinpoint centre revoke-station: " << stations.error().describe() << "\n";
        return 1;
    }
    for (const centre::Station& s : *stations) {
        if (s.name != o.stationName) continue;
        if (centre::Result<centre::Done> done = store->revokeStation(s.id); !done) {
            std::cerr << "pinpoint centre revoke-station: " << done.error().describe() << "\n";
            return 1;
        }
        std::cerr << "pinpoint centre: station '" << s.name << "' revoked; its sessions stay\n";
        return kExitOk;
    }
    std::cerr << "pinpoint centre revoke-station: no station named '" << o.stationName << "'\n";
    return kExitBadInput;
}

// `centre add-scenario FILE...`: each file checked as `pinpoint validate` checks it, then kept as a
// version of its scenario (the current one). Exit 2 when any file has a problem (the others go in).
int addScenarios(const CentreOptions& o) {
    std::unique_ptr<centre::Store> store = openCentreStore(o.db);
    if (!store) return kExitBadInput;
    const std::unique_ptr<TreatmentContext> context = loadTreatmentContext(o.head);
    if (!context) return kExitBadInput;
    const int refused = importScenarioFiles(*store, o.scenarioFiles, ScenarioCheck{&context->rubric, &context->surface->bvh},
                                            std::cout);
    return refused < 0 ? 1 : refused > 0 ? kExitBadInput : kExitOk;
}

}  // namespace

Runner addCentreCommand(CLI::App& app) {
    auto o = std::make_shared<CentreOptions>();
    CLI::App* cmd = app.add_subcommand("centre", "The training centre: one store for every station's sessions");
    cmd->require_subcommand(1);
    const std::string dbHelp = "The store: a SQLite file or postgresql://... (default: " +
                               io::defaultCentreDatabasePath() + ")";
    CLI::App* serveCmd = cmd->add_subcommand("serve", "Serve the centre's API to stations and its web dashboard");
    serveCmd->add_option("--db", o->db, dbHelp);
    serveCmd->add_option("--listen", o->listen, "HOST:PORT to listen on (port 0: a free one, printed)")->capture_default_str();
    serveCmd->add_option("--key-folder", o->keyFolder, "Folder of the key receipts are signed with (default: " +
                                                           io::keyDir() + ")");
    serveCmd->add_flag("--allow-remote", o->allowRemote, "Listen on an address other machines can reach (use a TLS proxy)");
    serveCmd->add_flag("--secure-cookies", o->secureCookies,
                       "Mark login cookies Secure always (else only for requests the proxy says came by https)");
    serveCmd->add_option("--requests-per-second", o->requestsPerSecond, "Requests a station token may make per second")
        ->capture_default_str();
    serveCmd->add_option("--trusted-proxy", o->trustedProxies,
                         "Address of a reverse proxy whose X-Real-IP header names the client (repeatable; e.g. 127.0.0.1 "
                         "behind the nginx site in docs/centre.md): sign-in limits then hold per client, not for everyone behind it");
    serveCmd->add_option("--sign-in-wait", o->signInWaitSeconds,
                         "Seconds a login (5 wrong passwords) or an address (20) waits before its next password check; "
                         "doubling with each further failure, up to 15 minutes or this wait")
        ->capture_default_str()
        ->check(CLI::Range(1, 24 * 3600));
    serveCmd->add_option("--request-deadline", o->requestDeadlineSeconds,
                         "Seconds a request may take to arrive whole (headers and body) from its first byte, or from "
                         "connecting; a slower one gets 408 and its connection is closed")
        ->capture_default_str()
        ->check(CLI::Range(0.1, 3600.0));
    serveCmd->add_option("--max-connections-per-address", o->maxConnectionsPerAddress,
                         "Connections one client address may hold open at once; more get 429. Not counted for a "
                         "--trusted-proxy address (the proxy caps its own clients: see the nginx site)")
        ->capture_default_str()
        ->check(CLI::Range(1, 1000000));
    serveCmd->add_option("--max-connections", o->maxConnections,
                         "Connections open at once in all; more get 503 (fewer when ulimit -n allows fewer)")
        ->capture_default_str()
        ->check(CLI::Range(1, 1000000));
    addHeadOptions(*serveCmd, o->head);
    CLI::App* addCmd = cmd->add_subcommand("add-station", "Add a station and print its token (once)");
    addCmd->add_option("name", o->stationName, "The station's name, unique in the centre")->required();
    addCmd->add_option("--db", o->db, dbHelp);
    CLI::App* revokeCmd = cmd->add_subcommand("revoke-station", "Stop a station's token from working");
    revokeCmd->add_option("name", o->stationName, "The station's name")->required();
    revokeCmd->add_option("--db", o->db, dbHelp);
    CLI::App* scenarioCmd = cmd->add_subcommand("add-scenario", "Add scenario files to the centre's library (every version is kept)");
    scenarioCmd->add_option("files", o->scenarioFiles, "Scenario files (*.toml)")->required();
    scenarioCmd->add_option("--db", o->db, dbHelp);
    addHeadOptions(*scenarioCmd, o->head);
    Runner people = addCentrePeopleCommands(*cmd, dbHelp);
    return [o, serveCmd, addCmd, revokeCmd, scenarioCmd, people]() {
        if (const int done = people(); done >= 0) return done;
        if (serveCmd->parsed()) return serve(*o);
        if (scenarioCmd->parsed()) return addScenarios(*o);
        if (addCmd->parsed()) return addStation(*o);
        if (revokeCmd->parsed()) return revokeStation(*o);
        return kExitBadInput;
    };
}

}  // namespace pinpoint::cli
