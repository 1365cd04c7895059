#pragma once
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <system_error>
#include <unistd.h>

namespace pinpoint::testing {

struct CommandResult {
    int exitCode = -1;
    std::string out;  // stdout
    std::string err;  // stderr
};

// Runs `pinpoint ARGS` through the shell with optional environment assignments before it.
CommandResult runPinpoint(const std::string& args, const std::string& environment = "");

// The whole file, as bytes ("" when it cannot be read).
inline std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// A folder for this test process (PREFIX-PID in the working directory), emptied when made and removed
// when the process ends.
struct Workspace {
    std::filesystem::path dir;
    explicit Workspace(const std::string& prefix)
        : dir(std::filesystem::current_path() / (prefix + "-" + std::to_string(::getpid()))) {
        std::filesystem::remove_all(dir);
        std::filesystem::create_directories(dir);
    }
    ~Workspace() {
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
    std::string path(const std::string& name) const { return (dir / name).string(); }
};

}  // namespace pinpoint::testing
