// The scenario library on the centre through the real server: the scenario folder imported at start,
// `pinpoint centre add-scenario` keeping every version, stations listing and fetching them with
// `pinpoint scenarios fetch` (a tampered file refused), and sessions scored against exactly the
// version their header names.
#include "centre/people.h"
#include "centre_server_support.h"
#include "resealed_session.h"
#include "core/common/sha256.h"

#include <cstdlib>
#include <fstream>
#include <thread>

using namespace centre_test;
namespace fs = std::filesystem;

namespace {

std::string readFile(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void writeFile(const fs::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
}

const fs::path kScenarios = fs::path(PINPOINT_SOURCE_DIR) / "scenarios";
const std::string kDefault = "full-face-rejuvenation";  // the id of scenarios/default.toml

// The default scenario with another title: a second version of scenario "default".
std::string revisedDefault() {
    std::string text = readFile(kScenarios / "default.toml");
    const std::size_t at = text.find("title = \"");
    REQUIRE(at != std::string::npos);
    text.insert(at + 9, "Revised: ");
    return text;
}

// PINPOINT_SCENARIOS for the processes this test starts, put back at the end.
struct ScenarioFolderForCentre {
    explicit ScenarioFolderForCentre(const fs::path& dir) { ::setenv("PINPOINT_SCENARIOS", dir.c_str(), 1); }
    ~ScenarioFolderForCentre() { ::unsetenv("PINPOINT_SCENARIOS"); }
};

// The forehead demo session as `trainee` recorded it for scenario `id` at version `sha256` (its header
// names both), re-sealed and signed with a key of its own; written to `path`.
std::vector<std::string> sessionRecordedFor(const std::string& trainee, const std::string& id, const std::string& sha256,
                                            const std::string& path) {
    const std::vector<std::string> out = resealed(demoSessionFor(trainee, path), [&](nlohmann::json& header) {
        header["scenario"] = id;
        header["scenario_sha256"] = sha256;
    });
    writeLines(path, out);
    return out;
}

std::vector<pinpoint::centre::ScoreReportRecord> reportsOf(const TestDatabase& db, const std::string& key) {
    auto store = db.open();
    const auto session = store_test::require(store->findSession(key));
    REQUIRE(session);
    std::vector<pinpoint::centre::ScoreReportRecord> reports;
    for (int i = 0; i < 600 && reports.empty(); ++i) {
        reports = store_test::require(store->scoreReports(session->id));
        if (reports.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return reports;
}

}  // namespace

TEST_CASE("the scenario library: the folder imported at start, versions added, listed and fetched - a tampered file refused") {
    TestDatabase db;
    Folder f;
    const std::string token = addStation(db.where(), "station-1");
    const fs::path library = f.dir / "library", station = f.dir / "station";
    fs::create_directories(library);
    fs::create_directories(station);
    fs::copy_file(kScenarios / "default.toml", library / "default.toml");
    fs::copy_file(kScenarios / "acne-scars-cheeks.toml", library / "acne-scars-cheeks.toml");
    const std::string firstSha = pinpoint::core::sha256Hex(readFile(kScenarios / "default.toml"));
    ScenarioFolderForCentre folder(library);
    CentreProcess centre(db.where(), f.path("keys"));
    httplib::Client client = clientFor(centre, token);

    json listed = json::parse(client.Get("/api/v1/scenarios")->body)["scenarios"];
    REQUIRE(listed.size() == 2);
    CHECK(listed[1]["id"] == kDefault);
    CHECK(listed[1]["sha256"] == firstSha);
    CHECK(listed[1]["added_ms"].get<std::int64_t>() > 0);
    CHECK(!listed[1]["title"].get<std::string>().empty());

    // A second version: current from now on; the first stays, by its SHA-256.
    writeFile(f.dir / "default-v2.toml", revisedDefault());
    const Run added = runPinpoint("centre add-scenario " + f.path("default-v2.toml") + " --db '" + db.where() + "'");
    REQUIRE_MESSAGE(added.exitCode == 0, added.err);
    CHECK(added.out.find("new version") != std::string::npos);
    const std::string secondSha = pinpoint::core::sha256Hex(revisedDefault());
    listed = json::parse(client.Get("/api/v1/scenarios")->body)["scenarios"];
    CHECK(listed[1]["sha256"] == secondSha);
    CHECK(client.Get("/api/v1/scenarios/" + kDefault)->body == revisedDefault());
    CHECK(client.Get("/api/v1/scenarios/" + kDefault + "?sha256=" + firstSha)->body == readFile(kScenarios / "default.toml"));
    CHECK(client.Get("/api/v1/scenarios/no-such-scenario")->status == 404);
    CHECK(client.Get("/api/v1/scenarios/acne-scars-cheeks?sha256=" + firstSha)->status == 404);  // another scenario's version
    CHECK(clientFor(centre, "").Get("/api/v1/scenarios")->status == 401);

    // A file with a problem is refused with its located reason; nothing is added.
    std::string broken = readFile(kScenarios / "default.toml");
    broken.replace(broken.find("title = \""), 9, "title = 12 #\"");
    writeFile(f.dir / "broken.toml", broken);
    const Run refused = runPinpoint("centre add-scenario " + f.path("broken.toml") + " --db '" + db.where() + "'");
    CHECK(refused.exitCode == 2);
    CHECK(refused.err.find(f.path("broken.toml") + ":") != std::string::npos);
    CHECK(store_test::require(db.open()->scenarioVersions(kDefault)).size() == 2);

    // A station takes the current versions into its folder; again, nothing changes.
    const std::string fetchArgs = "scenarios fetch --centre " + centre.url() + " --token " + token + " --into " + station.string();
    const Run fetched = runPinpoint(fetchArgs);
    REQUIRE_MESSAGE(fetched.exitCode == 0, fetched.err);
    CHECK(readFile(station / (kDefault + ".toml")) == revisedDefault());
    CHECK(readFile(station / "acne-scars-cheeks.toml") == readFile(kScenarios / "acne-scars-cheeks.toml"));
    const Run again = runPinpoint(fetchArgs);
    REQUIRE_MESSAGE(again.exitCode == 0, again.err);
    CHECK(again.out.find("(unchanged)") != std::string::npos);

    // The centre serves a file whose bytes are not the version it lists: refused, nothing replaced.
    writeFile(station / (kDefault + ".toml"), "# the station's own copy\n" + readFile(kScenarios / "default.toml"));
    const std::string before = readFile(station / (kDefault + ".toml"));
    auto raw = db.raw();
    store_test::require(raw->query("UPDATE scenario_versions SET toml_text = toml_text || ? WHERE sha256 = ?",
                                   {std::string("\n# changed on the way\n"), secondSha}));
    const Run tampered = runPinpoint(fetchArgs);
    CHECK(tampered.exitCode == 2);
    CHECK(tampered.err.find("SHA-256") != std::string::npos);
    CHECK(readFile(station / (kDefault + ".toml")) == before);
}

TEST_CASE("a version given by hand stays current when the centre starts again - the folder's file goes in only when newer") {
    TestDatabase db;
    Folder f;
    const fs::path library = f.dir / "library";
    fs::create_directories(library);
    const fs::path inFolder = library / "default.toml";
    fs::copy_file(kScenarios / "default.toml", inFolder);
    const auto now = fs::file_time_type::clock::now();
    fs::last_write_time(inFolder, now - std::chrono::hours(24));  // the folder's file, as a checkout left it
    const std::string folderSha = pinpoint::core::sha256Hex(readFile(inFolder));
    const auto current = [&] {
        for (const auto& v : store_test::require(db.open()->currentScenarios()))
            if (v.scenario == kDefault) return v.sha256;
        return std::string();
    };
    ScenarioFolderForCentre folder(library);
    {
        CentreProcess centre(db.where(), f.path("keys"));
        CHECK(centre.output().find(inFolder.string() + ": scenario " + kDefault + ", new version " + folderSha) !=
              std::string::npos);
    }
    REQUIRE(current() == folderSha);

    // An instructor's revision, given by hand: the centre's restart must not put the folder's older file back.
    writeFile(f.dir / "revised.toml", revisedDefault());
    const Run added = runPinpoint("centre add-scenario " + f.path("revised.toml") + " --db '" + db.where() + "'");
    REQUIRE_MESSAGE(added.exitCode == 0, added.err);
    const std::string revisedSha = pinpoint::core::sha256Hex(revisedDefault());
    REQUIRE(current() == revisedSha);
    {
        CentreProcess centre(db.where(), f.path("keys"));
        const std::string log = centre.output();
        CHECK(current() == revisedSha);
        CHECK_MESSAGE(log.find(inFolder.string() + ": scenario " + kDefault + ", left as it is: version " + revisedSha) !=
                          std::string::npos,
                      log);
    }

    // A file changed in the folder but older than the version given by hand: also left out, and said so.
    std::string edited = readFile(kScenarios / "default.toml");
    edited.insert(edited.find("title = \"") + 9, "Edited: ");
    writeFile(inFolder, edited);
    fs::last_write_time(inFolder, now - std::chrono::hours(24));
    {
        CentreProcess centre(db.where(), f.path("keys"));
        CHECK(current() == revisedSha);
        CHECK(centre.output().find("is newer than this file") != std::string::npos);
        CHECK(store_test::require(db.open()->scenarioVersions(kDefault)).size() == 2);
    }

    // Edited in the folder after it: the folder's file is the newest word, and becomes current.
    fs::last_write_time(inFolder, now + std::chrono::hours(1));
    {
        CentreProcess centre(db.where(), f.path("keys"));
        const std::string editedSha = pinpoint::core::sha256Hex(edited);
        CHECK(current() == editedSha);
        CHECK(centre.output().find(inFolder.string() + ": scenario " + kDefault + ", new version " + editedSha) !=
              std::string::npos);
    }
}

TEST_CASE("a session is scored against exactly the scenario version it names - a version the centre lacks gets an error report") {
    TestDatabase db;
    Folder f;
    const std::string token = addStation(db.where(), "station-1");
    // Sessions recorded with the shipped default scenario (made before the centre's folder is set).
    const std::string recordedSha = pinpoint::core::sha256Hex(readFile(kScenarios / "default.toml"));
    const std::vector<std::string> first = sessionRecordedFor("trainee-early", kDefault, recordedSha, f.path("early.pps"));
    const std::vector<std::string> second = sessionRecordedFor("trainee-late", kDefault, recordedSha, f.path("late.pps"));
    const Run expected = runPinpoint("score --json " + f.path("late.pps"));
    REQUIRE_MESSAGE(expected.exitCode == 0, expected.err);

    // The centre's folder holds only a revised default: the recorded version is not in its library.
    const fs::path library = f.dir / "library";
    fs::create_directories(library);
    writeFile(library / "default.toml", revisedDefault());
    ScenarioFolderForCentre folder(library);
    CentreProcess centre(db.where(), f.path("keys"));
    upload(centre, token, f.path("early.pps"));
    const auto missing = reportsOf(db, sessionKey(first));
    REQUIRE(missing.size() == 1);
    const json error = json::parse(missing[0].reportJson);
    REQUIRE_MESSAGE(error.contains("error"), missing[0].reportJson.substr(0, 300));
    CHECK(error["error"].get<std::string>().find("does not have the version") != std::string::npos);
    CHECK(error["error"].get<std::string>().find(recordedSha) != std::string::npos);
    CHECK(missing[0].scenarioVersion.empty());

    // Given that version, the next session is scored against it, not against the current one.
    const Run added = runPinpoint("centre add-scenario " + (kScenarios / "default.toml").string() + " --db '" + db.where() + "'");
    REQUIRE_MESSAGE(added.exitCode == 0, added.err);
    const Run current = runPinpoint("centre add-scenario " + (library / "default.toml").string() + " --db '" + db.where() + "'");
    REQUIRE_MESSAGE(current.exitCode == 0, current.err);
    CHECK(current.out.find("made current again") != std::string::npos);
    upload(centre, token, f.path("late.pps"));
    const auto scored = reportsOf(db, sessionKey(second));
    REQUIRE(scored.size() == 1);
    CHECK(scored[0].scenarioVersion == recordedSha);
    CHECK(json::parse(scored[0].reportJson) == json::parse(expected.out));

    // The session the centre could not score is scored when it starts again, now that it has the
    // version: a second report, the error kept before it.
    CHECK(centre.stop() == 0);
    CentreProcess restarted(db.where(), f.path("keys"));
    std::vector<pinpoint::centre::ScoreReportRecord> both;
    for (int i = 0; i < 600 && both.size() < 2; ++i) {
        both = store_test::require(db.open()->scoreReports(store_test::require(db.open()->findSession(sessionKey(first)))->id));
        if (both.size() < 2) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    REQUIRE(both.size() == 2);
    CHECK(both[0].scenarioVersion.empty());
    CHECK(both[1].scenarioVersion == recordedSha);
    CHECK(store_test::require(db.open()->scoreReports(store_test::require(db.open()->findSession(sessionKey(second)))->id)).size() == 1);

    // A person reviewing it gets the same version from the centre (`pinpoint review` scores with it).
    const std::string hash = store_test::require(pinpoint::centre::hashPassword("correct horse battery"));
    store_test::require(db.open()->addPerson({0, "root", "Root", pinpoint::centre::Role::Admin, hash, "", 0, {}}));
    httplib::Client person = clientFor(restarted, "");
    person.set_basic_auth("root", "correct horse battery");
    const auto scenario = person.Get("/api/v1/sessions/" + sessionKey(second) + "/scenario");
    REQUIRE(scenario);
    CHECK(scenario->status == 200);
    CHECK(scenario->body == readFile(kScenarios / "default.toml"));
    CHECK(scenario->get_header_value("X-Scenario-Sha256") == recordedSha);
}
