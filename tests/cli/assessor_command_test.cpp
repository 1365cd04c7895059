// The assessor's commands: verify, key, score --csv, report, render --session.
#include "run_command.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

using pinpoint::testing::runPinpoint;
using pinpoint::testing::slurp;
namespace fs = std::filesystem;

namespace {

const pinpoint::testing::Workspace& workspace() {
    static const pinpoint::testing::Workspace w("cli-assessor");
    return w;
}

const std::string& demoSession() {
    static const std::string path = [] {
        const std::string p = workspace().path("nose.pps");
        const auto r = runPinpoint("demo --zones nose --out " + p);
        REQUIRE_MESSAGE(r.exitCode == 0, r.err);
        return p;
    }();
    return path;
}

std::string writeFile(const std::string& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
    return path;
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("pinpoint key: made on first use, private, exportable") {
    const std::string keys = workspace().path("fresh-keys");
    const auto r = runPinpoint("key --export", "PINPOINT_KEY_DIR=" + keys);
    REQUIRE_MESSAGE(r.exitCode == 0, r.err);
    CHECK(r.out.substr(0, 8) == "ed25519:");
    CHECK(r.out.size() == 8 + 64 + 1);
    struct stat st {};
    REQUIRE(::stat((keys + "/session-signing.key").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    CHECK(runPinpoint("key --export", "PINPOINT_KEY_DIR=" + keys).out == r.out);  // the same key every time
    ::chmod((keys + "/session-signing.key").c_str(), 0644);
    const auto open = runPinpoint("key", "PINPOINT_KEY_DIR=" + keys);
    CHECK(open.exitCode == 2);
    CHECK(contains(open.err, "chmod 600"));
}

TEST_CASE("pinpoint verify: a demo session is signed and intact, with the right key and not with another") {
    const auto r = runPinpoint("verify " + demoSession());
    CHECK_MESSAGE(r.exitCode == 0, r.err);
    CHECK(contains(r.out, "signed and intact"));
    CHECK(contains(r.out, "signed with the demo key"));
    const std::string pub = writeFile(workspace().path("demo.pub"), runPinpoint("key --demo").out);
    CHECK(runPinpoint("verify --key " + pub + " " + demoSession()).exitCode == 0);
    const std::string ours = writeFile(workspace().path("our.pub"), runPinpoint("key --export").out);
    CHECK(runPinpoint("verify --key " + ours + " " + demoSession()).exitCode == 2);  // never the recorder's key
    const auto other = runPinpoint("key --export", "PINPOINT_KEY_DIR=" + workspace().path("other-keys"));
    const auto wrong = runPinpoint("verify --key " + other.out.substr(0, other.out.size() - 1) + " " + demoSession());
    CHECK(wrong.exitCode == 2);
    CHECK(contains(wrong.err, "not by the trusted key"));
    CHECK(runPinpoint("verify --key nonsense " + demoSession()).exitCode == 2);
    const auto json = runPinpoint("verify --json " + demoSession());
    CHECK(nlohmann::json::parse(json.out)["status"] == "intact");
}

TEST_CASE("pinpoint verify: an edited byte fails at its line, unsigned and truncated files are not valid") {
    const std::string text = slurp(demoSession());
    std::string edited = text;
    const std::size_t at = text.find("\"p\":[") + 6;  // a digit of the first pose's position
    edited[at] = edited[at] == '1' ? '2' : '1';
    const int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
    const auto r = runPinpoint("verify " + writeFile(workspace().path("edited.pps"), edited));
    CHECK(r.exitCode == 2);
    CHECK_MESSAGE(contains(r.err, "line " + std::to_string(line) + " was changed"), r.err);

    const std::string plain = std::string(PINPOINT_TEST_DATA_DIR) + "/sessions/valid.pps";
    if (fs::exists(plain)) {
        const auto u = runPinpoint("verify " + plain);
        CHECK(u.exitCode == 2);
        CHECK(contains(u.err, "not signed"));
    }
}

TEST_CASE("a recording cut off at a random byte (kill -9) still loads and scores, and verify says truncated") {
    const std::string text = slurp(demoSession());
    std::mt19937 random(42);
    for (int i = 0; i < 3; ++i) {
        const std::size_t cut = std::uniform_int_distribution<std::size_t>(text.size() / 4, text.size() - 2)(random);
        CAPTURE(cut);
        const std::string path = writeFile(workspace().path("killed.pps"), text.substr(0, cut));
        const auto score = runPinpoint("score --json " + path);
        REQUIRE_MESSAGE(score.exitCode == 0, score.err);
        const nlohmann::json j = nlohmann::json::parse(score.out);
        CHECK(j["session"]["signature"]["status"] == "truncated");
        CHECK(j["zones"]["nose"]["punctures"].get<int>() > 0);
        const auto verify = runPinpoint("verify " + path);
        CHECK(verify.exitCode == 2);
        CHECK(contains(verify.err, "without a signature: truncated or unsigned"));
    }
}

TEST_CASE("pinpoint score --csv: one row per session, files and folders, unreadable ones get an error row") {
    const std::string folder = workspace().path("cohort");
    fs::create_directories(folder + "/week2");
    fs::copy_file(demoSession(), folder + "/a.pps");
    fs::copy_file(demoSession(), folder + "/week2/b.pps");
    writeFile(folder + "/notes.txt", "not a session");
    const auto r = runPinpoint("score --csv " + folder + " " + demoSession());
    REQUIRE_MESSAGE(r.exitCode == 0, r.err);
    std::vector<std::string> rows;
    std::istringstream lines(r.out);
    for (std::string l; std::getline(lines, l);) rows.push_back(l);
    REQUIRE(rows.size() == 4);
    CHECK(rows[0].substr(0, 40) == "file,trainee,scenario,signature,signatur");
    CHECK(contains(rows[1], "a.pps"));
    CHECK(contains(rows[2], "week2/b.pps"));
    CHECK(contains(rows[3], ",intact,"));
    CHECK_FALSE(contains(r.err, "["));  // no progress bar when stderr is not a terminal

    writeFile(folder + "/broken.pps", "{\"type\":\"header\"}\n");
    const auto bad = runPinpoint("score --csv " + folder);
    CHECK(bad.exitCode == 2);
    CHECK(contains(bad.out, "broken.pps"));
    CHECK(contains(bad.out, ",error,"));
    CHECK(std::count(bad.out.begin(), bad.out.end(), '\n') == 4);
    CHECK(runPinpoint("score " + demoSession() + " " + demoSession()).exitCode == 2);  // several need --csv
}

TEST_CASE("pinpoint report: HTML with pictures, timeline, zones and the assessor's review, and score.json") {
    const std::string out = workspace().path("report");
    const std::string review = writeFile(workspace().path("nose.review.json"), R"({
  "format": "pinpoint-review", "version": 1,
  "assessor": "Dr Test Assessor",
  "ratings": [{"item": "respect_for_tissue", "score": 4}, {"item": "patient_safety", "score": 2}],
  "comments": [{"t": 30.5, "text": "Too close to the nostril <here>"}],
  "sign_off": {"result": "fail", "by": "Dr Test Assessor", "at": "2024-05-02T10:00:00Z"}
})");
    const auto r = runPinpoint("report " + demoSession() + " --out " + out + " --picture-size 160x180");
    REQUIRE_MESSAGE(r.exitCode == 0, r.err);
    CHECK(contains(r.out, "signed and intact"));
    const std::string html = slurp(out + "/report.html");
    CHECK(contains(html, "<!DOCTYPE html>"));
    int images = 0;
    for (std::size_t at = html.find("data:image/png;base64,"); at != std::string::npos; at = html.find("data:image/png;base64,", at + 1)) ++images;
    CHECK(images == 4);  // three heatmap views and the skin as treated
    CHECK(contains(html, "The skin as treated"));
    CHECK(contains(html, "<svg class='timeline'"));
    CHECK(contains(html, "Recording signed and intact"));
    CHECK(contains(html, "Dr Test Assessor"));  // the review beside the session is picked up
    CHECK(contains(html, "Too close to the nostril &lt;here&gt;"));
    CHECK(contains(html, "<td>Nose</td>"));
    // The pictures' legend: the landmarks the score measures by (the default rubric's pen, as
    // core::heatmapScale gives them), in the colours the shader gets (render/density_colours.h).
    CHECK(contains(html, "id='density-legend'"));
    CHECK(contains(html, ">target 1000<"));
    CHECK(contains(html, ">maximum 4000<"));
    CHECK(contains(html, "stop-color='#fde725'"));  // the target's yellow
    CHECK(contains(html, "stop-color='#d62f96'"));  // over-treated
    CHECK_FALSE(contains(html, "a target and maximum of their own"));  // every zone has the legend's numbers
    // A scenario's own targets for its first plan zone are the legend's numbers, as in score.json.
    const std::string own = writeFile(workspace().path("own-targets.toml"),
                                      slurp(std::string(PINPOINT_SOURCE_DIR) + "/scenarios/default.toml") +
                                          "\n[zones.forehead]\ntarget_density_per_cm2 = 800.0\nmax_density_per_cm2 = 2400.0\n");
    const auto o = runPinpoint("report " + demoSession() + " --rescore-against " + own + " --out " + out + "-own --picture-size 64x64");
    REQUIRE_MESSAGE(o.exitCode == 0, o.err);
    const std::string ownHtml = slurp(out + "-own/report.html");
    CHECK(contains(ownHtml, ">target 800<"));
    CHECK(contains(ownHtml, ">maximum 2400<"));
    CHECK(contains(ownHtml, "a target and maximum of their own"));  // the other zones keep the rubric's
    const nlohmann::json ownScore = nlohmann::json::parse(slurp(out + "-own/score.json"));
    CHECK(ownScore["zones"]["forehead"]["density_per_cm2"]["target"] == 800.0);
    CHECK_FALSE(contains(html, "<script"));
    CHECK_FALSE(contains(html, "src='http"));
    const nlohmann::json score = nlohmann::json::parse(slurp(out + "/score.json"));
    CHECK(score["session"]["signature"]["status"] == "intact");
    CHECK(score["zones"]["nose"]["punctures"].get<int>() > 0);

    // An unsigned session is reported as such.
    const std::string text = slurp(demoSession());
    const std::string plain = workspace().path("plain.pps");
    std::string unsigned_;
    for (std::size_t start = 0; start < text.size();) {
        const std::size_t end = text.find('\n', start);
        std::string line = text.substr(start, end - start);
        start = end + 1;
        if (contains(line, "\"type\":\"signature\"")) continue;
        unsigned_ += line.substr(0, line.rfind(",\"h\":\"")) + "}\n";
    }
    writeFile(plain, unsigned_);
    const auto u = runPinpoint("report " + plain + " --no-pictures --review " + review + " --out " + out + "-plain");
    REQUIRE_MESSAGE(u.exitCode == 0, u.err);
    CHECK(contains(slurp(out + "-plain/report.html"), "Recording NOT signed"));
    CHECK(runPinpoint("report " + plain + " --review /no/such.review.json --out " + out + "-x").exitCode == 2);

    // The same session with a live warning the trainee needled through: a marker on the report's
    // timeline and a row in its events table; the score is the same.
    std::vector<std::string> lines;
    for (std::size_t start = 0; start < unsigned_.size();) {
        const std::size_t end = unsigned_.find('\n', start);
        lines.push_back(unsigned_.substr(start, end - start));
        start = end + 1;
    }
    const std::size_t on = lines.size() / 2, off = on + 40;
    REQUIRE(off < lines.size());
    const auto timeOf = [&](std::size_t i) { return nlohmann::json::parse(lines[i])["t"].get<double>(); };
    const double t0 = timeOf(on), t1 = timeOf(off);
    lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(off) + 1,
                 R"({"t":)" + nlohmann::json(t1).dump() + R"(,"type":"warning_end","kind":"too_fast","zone":"nose","duration_s":)" +
                     nlohmann::json(t1 - t0 - 0.01).dump() + "}");
    lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(on) + 1,
                 R"({"t":)" + nlohmann::json(t0).dump() + R"x(,"type":"warning","kind":"too_fast","zone":"nose","text":"Moving too fast: 190 mm/s (max 150)"})x");
    std::string warnedText;
    for (const std::string& l : lines) warnedText += l + "\n";
    const std::string warned = writeFile(workspace().path("warned.pps"), warnedText);
    const auto w = runPinpoint("report " + warned + " --no-pictures --out " + out + "-warned");
    REQUIRE_MESSAGE(w.exitCode == 0, w.err);
    const std::string warnedHtml = slurp(out + "-warned/report.html");
    CHECK(contains(warnedHtml, "Live warnings"));
    CHECK(contains(warnedHtml, "<g class='marker marker-warning'><title>"));
    CHECK(contains(warnedHtml, "too fast, nose: Moving too fast: 190 mm/s (max 150) (on for "));
    CHECK(contains(warnedHtml, "<tr class='event-warning'>"));
    CHECK_FALSE(contains(slurp(out + "-plain/report.html"), "marker-warning"));
    auto scored = [](const std::string& session) {
        const auto r = runPinpoint("score --json " + session);
        REQUIRE_MESSAGE(r.exitCode == 0, r.err);
        nlohmann::json j = nlohmann::json::parse(r.out);
        j.erase("session");  // the number of events, and the file's signature status
        return j.dump();
    };
    CHECK(scored(warned) == scored(plain));
}

TEST_CASE("pinpoint render --session: the session's treatment on the head") {
    const std::string png = workspace().path("nose.png");
    const auto r = runPinpoint("render --session " + demoSession() + " --view front --size 160x120 --out " + png);
    REQUIRE_MESSAGE(r.exitCode == 0, r.err);
    CHECK(fs::file_size(png) > 1000);
    const auto at = runPinpoint("render --session " + demoSession() + " --at 5 --size 160x120 --out " + png);
    CHECK_MESSAGE(at.exitCode == 0, at.err);
}
