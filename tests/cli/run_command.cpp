#include "run_command.h"

#include <cstdio>
#include <fstream>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

namespace pinpoint::testing {

namespace {
std::string takeFile(const std::string& path) {  // read, then removed
    std::string text = slurp(path);
    std::remove(path.c_str());
    return text;
}
}  // namespace

CommandResult runPinpoint(const std::string& args, const std::string& environment) {
    const std::string stem = "cli-test-" + std::to_string(::getpid());
    // The test folders first, so that a test's own assignments (after them) win: sessions written by
    // tests are signed with a test key in the build folder, never the user's.
    const std::string folders = "PINPOINT_CACHE_DIR='" + std::string(PINPOINT_TEST_CACHE_DIR) + "' PINPOINT_KEY_DIR='" +
                                std::string(PINPOINT_TEST_KEY_DIR) + "' ";
    const std::string command =
        folders + environment + " " + PINPOINT_BINARY + " " + args + " >" + stem + ".out 2>" + stem + ".err";
    CommandResult r;
    const int status = std::system(command.c_str());
    r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = takeFile(stem + ".out");
    r.err = takeFile(stem + ".err");
    return r;
}

}  // namespace pinpoint::testing
