#include "app/spawn_pinpoint.h"

#include <filesystem>
#include <spawn.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <algorithm>

extern char** environ;

namespace pinpoint::app {

namespace {
std::vector<pid_t> started;  // still running, as far as we know (the UI thread only)
}  // namespace

std::string pinpointBinary() {
    std::error_code ec;
    return std::filesystem::read_symlink("/proc/self/exe", ec).string();
}

bool spawnPinpoint(const std::string& binary, const std::vector<std::string>& args) {
    if (binary.empty()) return false;
    std::vector<std::string> all{binary};
    all.insert(all.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& a : all) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t child = 0;
    if (posix_spawn(&child, binary.c_str(), nullptr, nullptr, argv.data(), environ) != 0) return false;
    started.push_back(child);
    return true;
}

void reapSpawned() {
    started.erase(std::remove_if(started.begin(), started.end(), [](pid_t pid) { return ::waitpid(pid, nullptr, WNOHANG) != 0; }),
                  started.end());
}

}  // namespace pinpoint::app
