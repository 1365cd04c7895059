// The binary finds assets/ and scenarios/ from where it is: installed under any root, from a build
// folder through its marker, or where PINPOINT_SHARE_DIR says; never through a compiled-in path.
#include "io/paths.h"
#include "io/share_dir.h"

#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;
using pinpoint::io::findShareDir;

namespace {

// A throw-away folder under the system's temporary folder, removed at the end of the test.
struct Scratch {
    fs::path dir = fs::temp_directory_path() / ("pinpoint-share-dir-test-" + std::to_string(::getpid()));
    Scratch() {
        fs::remove_all(dir);
        fs::create_directories(dir);
    }
    ~Scratch() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
    fs::path file(const fs::path& relative, const std::string& text = "") const {
        fs::create_directories((dir / relative).parent_path());
        std::ofstream(dir / relative) << text;
        return dir / relative;
    }
};

}  // namespace

TEST_CASE("share dir: an installed binary finds PREFIX/share/pinpoint, whatever the prefix") {
    Scratch s;
    const fs::path binary = s.file("root/usr/bin/pinpoint");
    s.file("root/usr/share/pinpoint/assets/zones.toml");
    CHECK(findShareDir(binary, "") == s.dir / "root/usr/share/pinpoint");

    const fs::path moved = s.file("opt/pinpoint/bin/pinpoint");
    s.file("opt/pinpoint/share/pinpoint/assets/zones.toml");
    CHECK(findShareDir(moved, "") == s.dir / "opt/pinpoint/share/pinpoint");
}

TEST_CASE("share dir: a build folder's marker names the source tree, from the binary or below it") {
    Scratch s;
    s.file("build/pinpoint-data-dir", "/src/pinpoint-checkout\n");
    CHECK(findShareDir(s.file("build/pinpoint"), "") == "/src/pinpoint-checkout");
    CHECK(findShareDir(s.file("build/tests/cli/cli_tests"), "") == "/src/pinpoint-checkout");
    // Blanks around the path (an editor's trailing space, a CRLF) are not part of it.
    s.file("other/pinpoint-data-dir", "  /src/with-blanks \r\n");
    CHECK(findShareDir(s.file("other/pinpoint"), "") == "/src/with-blanks");
}

TEST_CASE("share dir: an installed layout wins over a marker further up") {
    // A package unpacked inside a build folder must use its own data, not the source tree's.
    Scratch s;
    s.file("build/pinpoint-data-dir", "/src/pinpoint-checkout\n");
    const fs::path binary = s.file("build/unpacked/usr/bin/pinpoint");
    s.file("build/unpacked/usr/share/pinpoint/assets/zones.toml");
    CHECK(findShareDir(binary, "") == s.dir / "build/unpacked/usr/share/pinpoint");
}

TEST_CASE("share dir: a bin folder without data beside it is not an installation") {
    Scratch s;
    s.file("build/pinpoint-data-dir", "/src/pinpoint-checkout\n");
    s.file("build/share/pinpoint/scenarios/default.toml");  // no assets/: not an installed layout
    CHECK(findShareDir(s.file("build/bin/pinpoint"), "") == "/src/pinpoint-checkout");
}

TEST_CASE("share dir: the override wins, and with nothing found it is the usual system folder") {
    Scratch s;
    s.file("build/pinpoint-data-dir", "/src/pinpoint-checkout\n");
    CHECK(findShareDir(s.file("build/pinpoint"), "/elsewhere") == "/elsewhere");
    CHECK(findShareDir(s.file("lonely/pinpoint"), "") == "/usr/share/pinpoint");
    CHECK(findShareDir("", "") == "/usr/share/pinpoint");
}

TEST_CASE("share dir: this test program, run from the build folder, finds the checkout's data") {
    // The path comes from the build folder's marker, not from anything compiled into the program.
    CHECK(fs::exists(fs::path(pinpoint::io::assetDir()) / "zones.toml"));
    CHECK(fs::exists(fs::path(pinpoint::io::scenarioDir()) / "default.toml"));
    CHECK(fs::equivalent(pinpoint::io::shareDir(), PINPOINT_SOURCE_DIR));
}
