// `pinpoint validate`: every shipped scenario is valid; every malformed file in
// tests/data/scenarios/bad gives exit 2 and a message located at the line its first-line comment
// names ("# what is wrong -- line N: expected message").
#include "run_command.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using pinpoint::testing::runPinpoint;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> tomlFiles(const std::string& folder) {
    std::vector<std::string> files;
    for (const fs::directory_entry& e : fs::directory_iterator(folder))
        if (e.path().extension() == ".toml") files.push_back(e.path().string());
    std::sort(files.begin(), files.end());
    return files;
}

struct Expectation {
    int line = 0;
    std::string message;
};

// "# what is wrong -- line N: message"
Expectation expectationOf(const std::string& file) {
    std::ifstream in(file);
    std::string first;
    std::getline(in, first);
    const auto at = first.find(" -- line ");
    REQUIRE_MESSAGE(first.rfind("# ", 0) == 0, file);
    REQUIRE_MESSAGE(at != std::string::npos, file);
    const auto colon = first.find(": ", at);
    REQUIRE(colon != std::string::npos);
    return {std::stoi(first.substr(at + 9, colon - at - 9)), first.substr(colon + 2)};
}

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

const std::string kBad = std::string(PINPOINT_TEST_DATA_DIR) + "/scenarios/bad";
const std::string kLibrary = std::string(PINPOINT_SOURCE_DIR) + "/scenarios";

}  // namespace

TEST_CASE("every shipped scenario validates, one ok line per file") {
    const std::vector<std::string> files = tomlFiles(kLibrary);
    REQUIRE(files.size() >= 10);
    std::string args = "validate";
    for (const std::string& f : files) args += " " + f;
    const auto r = runPinpoint(args);
    CHECK_MESSAGE(r.exitCode == 0, r.err);
    CHECK(r.err.empty());
    const std::vector<std::string> out = lines(r.out);
    REQUIRE(out.size() == files.size());
    for (std::size_t i = 0; i < files.size(); ++i) CHECK(out[i] == files[i] + ": ok");
    CHECK(std::find(files.begin(), files.end(), kLibrary + "/default.toml") != files.end());
}

TEST_CASE("at least 30 malformed scenarios, each exit 2 with a message at the line it names") {
    const std::vector<std::string> files = tomlFiles(kBad);
    CHECK(files.size() >= 30);
    for (const std::string& file : files) {
        CAPTURE(file);
        const Expectation expected = expectationOf(file);
        const auto r = runPinpoint("validate " + file);
        CHECK(r.exitCode == 2);
        CHECK(r.out.empty());
        const std::string located = file + ":" + std::to_string(expected.line) + ":";
        bool found = false;
        for (const std::string& line : lines(r.err)) {
            CHECK_MESSAGE(line.rfind(file + ":", 0) == 0, line);  // every message is located
            found = found || (line.rfind(located, 0) == 0 && line.find(expected.message) != std::string::npos);
        }
        CHECK_MESSAGE(found, "expected " << located << " ... " << expected.message << "\ngot:\n" << r.err);
    }
}

TEST_CASE("validate reports every problem in a file, in line order, not only the first") {
    const std::string file = kBad + "/many_errors.toml";
    const auto r = runPinpoint("validate " + file);
    CHECK(r.exitCode == 2);
    const std::vector<std::string> err = lines(r.err);
    REQUIRE(err.size() == 5);
    CHECK(err[0].rfind(file + ":5:", 0) == 0);
    CHECK(err[0].find("unknown key 'auther'") != std::string::npos);
    CHECK(err[1].rfind(file + ":14:", 0) == 0);
    CHECK(err[1].find("age 200 is out of range") != std::string::npos);
    CHECK(err[2].rfind(file + ":19:", 0) == 0);
    CHECK(err[2].find("unknown decision 'maybe'") != std::string::npos);
    CHECK(err[3].rfind(file + ":22:", 0) == 0);
    CHECK(err[3].find("lists 'forehead' twice") != std::string::npos);
    CHECK(err[4].rfind(file + ":25:", 0) == 0);
    CHECK(err[4].find("pass_mark") != std::string::npos);
}

TEST_CASE("validate with good and bad files: exit 2, the good ones still ok") {
    const std::string good = kLibrary + "/default.toml";
    const std::string bad = kBad + "/weights_sum.toml";
    const auto r = runPinpoint("validate " + good + " " + bad);
    CHECK(r.exitCode == 2);
    CHECK(r.out == good + ": ok\n");
    CHECK(r.err.find(bad + ":") == 0);
}

TEST_CASE("validate: a file that cannot be read is bad input") {
    const auto r = runPinpoint("validate no-such-scenario.toml");
    CHECK(r.exitCode == 2);
    CHECK(r.err.find("no-such-scenario.toml: cannot read the scenario file") != std::string::npos);
}
