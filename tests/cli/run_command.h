#pragma once
#include <string>

namespace pinpoint::testing {

struct CommandResult {
    int exitCode = -1;
    std::string out;  // stdout
    std::string err;  // stderr
};

// Runs `pinpoint ARGS` through the shell with optional environment assignments before it.
CommandResult runPinpoint(const std::string& args, const std::string& environment = "");

}  // namespace pinpoint::testing
