#pragma once
// Where the files Pinpoint ships with (assets/ and scenarios/) are: found from where the binary is, so
// an installed or moved copy needs no path compiled into it.
#include <filesystem>
#include <string>

namespace pinpoint::io {

// The name of the file a build folder holds (written by CMake): one line, the source tree's root.
inline constexpr const char* kSourceTreeMarker = "pinpoint-data-dir";

// The folder that holds assets/ and scenarios/, for a program at `executable`:
// 1. `override` when it is not empty (PINPOINT_SHARE_DIR);
// 2. PREFIX/share/pinpoint when the program is PREFIX/bin/NAME and that folder has assets/
//    (an installed package, wherever its root is);
// 3. the folder named in a `pinpoint-data-dir` file beside the program or in one of the four folders
//    above it (a build folder: the binary at build/, tests and benchmarks further down);
// 4. else /usr/share/pinpoint, so that a message about a missing file names the usual place.
std::filesystem::path findShareDir(const std::filesystem::path& executable, const std::string& override);

// findShareDir for this process: $PINPOINT_SHARE_DIR, else from /proc/self/exe.
std::filesystem::path shareDir();

}  // namespace pinpoint::io
