#include "run_command.h"

#include <cstdio>
#include <fstream>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

namespace pinpoint::testing {

namespace {
std::string slurp(const std::string& path) {
    std::ifstream in(path);
    std::ostringstream s;
    s << in.rdbuf();
    std::remove(path.c_str());
    return s.str();
}
}  // namespace

CommandResult runPinpoint(const std::string& args, const std::string& environment) {
    const std::string stem = "cli-test-" + std::to_string(::getpid());
    const std::string command = environment + " " + PINPOINT_BINARY + " " + args + " >" + stem + ".out 2>" + stem + ".err";
    CommandResult r;
    const int status = std::system(command.c_str());
    r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = slurp(stem + ".out");
    r.err = slurp(stem + ".err");
    return r;
}

}  // namespace pinpoint::testing
