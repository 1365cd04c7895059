#include "io/share_dir.h"

#include <cstdlib>
#include <fstream>

namespace pinpoint::io {

namespace fs = std::filesystem;

namespace {

// The first line of a source-tree marker, without surrounding blanks; empty when there is none.
std::string markerTarget(const fs::path& marker) {
    std::ifstream in(marker);
    std::string line;
    if (!in || !std::getline(in, line)) return {};
    const auto first = line.find_first_not_of(" \t\r");
    const auto last = line.find_last_not_of(" \t\r");
    return first == std::string::npos ? std::string() : line.substr(first, last - first + 1);
}

}  // namespace

fs::path findShareDir(const fs::path& executable, const std::string& override) {
    if (!override.empty()) return override;
    std::error_code ec;
    const fs::path binDir = executable.parent_path();
    // An installed layout is checked first: a package never carries a marker, and a marker further up
    // (a package unpacked inside a build folder) must not pull the binary back to the source tree.
    const fs::path installed = binDir.parent_path() / "share" / "pinpoint";
    if (binDir.filename() == "bin" && fs::is_directory(installed / "assets", ec)) return installed;
    fs::path dir = binDir;
    for (int level = 0; level < 5 && !dir.empty(); ++level) {
        if (const std::string target = markerTarget(dir / kSourceTreeMarker); !target.empty()) return target;
        if (dir == dir.root_path()) break;
        dir = dir.parent_path();
    }
    return "/usr/share/pinpoint";
}

fs::path shareDir() {
    // The variable is read on every call, like PINPOINT_ASSETS; where the binary is cannot change.
    if (const char* given = std::getenv("PINPOINT_SHARE_DIR"); given && *given) return given;
    static const fs::path found = [] {
        std::error_code ec;
        return findShareDir(fs::read_symlink("/proc/self/exe", ec), "");
    }();
    return found;
}

}  // namespace pinpoint::io
