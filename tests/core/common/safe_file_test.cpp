// Replacing a file whole (src/core/common/safe_file.h).
#include "core/common/safe_file.h"

#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace pinpoint;
namespace fs = std::filesystem;

namespace {

struct Folder {
    fs::path path = fs::temp_directory_path() / ("pinpoint-safe-file-" + std::to_string(::getpid()));
    Folder() { fs::create_directories(path); }
    ~Folder() { fs::remove_all(path); }
    std::string file(const std::string& name) const { return (path / name).string(); }
    std::size_t entries() const { return static_cast<std::size_t>(std::distance(fs::directory_iterator(path), {})); }
};

std::string contents(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

TEST_CASE("a file is replaced whole, and nothing is left beside it") {
    Folder f;
    const std::string path = f.file("case.toml");
    REQUIRE(core::replaceFile(path, "first\n"));
    CHECK(contents(path) == "first\n");
    REQUIRE(core::replaceFile(path, "second, longer\n"));
    CHECK(contents(path) == "second, longer\n");
    CHECK(f.entries() == 1);
}

TEST_CASE("until it is committed the old file stands whole, and a replacement dropped leaves no trace") {
    Folder f;
    const std::string path = f.file("review.json");
    REQUIRE(core::replaceFile(path, "old"));
    {
        auto replacement = core::FileReplacement::write(path, std::string_view("new"));
        REQUIRE(replacement);
        CHECK(contents(path) == "old");
        CHECK(contents(replacement->temporaryPath()) == "new");
        CHECK(f.entries() == 2);
    }  // never committed
    CHECK(contents(path) == "old");
    CHECK(f.entries() == 1);
}

TEST_CASE("a writer that fails abandons the new version and the old file is kept") {
    Folder f;
    const std::string path = f.file("cache.bin");
    REQUIRE(core::replaceFile(path, "kept"));
    auto failed = core::FileReplacement::write(path, [](std::ostream& out) {
        out << "half";
        return false;
    });
    CHECK_FALSE(failed);
    CHECK(contents(path) == "kept");
    CHECK(f.entries() == 1);
}

TEST_CASE("a folder that does not exist is a located error, not a crash") {
    Folder f;
    const std::string path = f.file("no-such-folder/station.toml");
    const core::Result<bool> r = core::replaceFile(path, "x");
    REQUIRE_FALSE(r);
    CHECK(r.error().file == path);
    CHECK(r.error().message.find("cannot write") != std::string::npos);
}

TEST_CASE("a new file holding a secret is created readable by its owner only") {
    Folder f;
    const std::string path = f.file("station.toml");
    REQUIRE(core::replaceFile(path, "token = \"secret\"\n", 0600));
    struct stat st{};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
}
