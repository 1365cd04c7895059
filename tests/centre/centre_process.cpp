#include "centre_process.h"

#include "resealed_session.h"

#include "core/session/session_signing.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

namespace centre_test {

namespace {

// Every command the tests run uses the build's cache and a test key folder, never the user's.
const bool testFolders = [] {
    ::setenv("PINPOINT_CACHE_DIR", PINPOINT_TEST_CACHE_DIR, 1);
    ::setenv("PINPOINT_KEY_DIR", PINPOINT_TEST_KEY_DIR, 1);
    return true;
}();

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string scratch(const std::string& what) {
    static int counter = 0;
    return (std::filesystem::temp_directory_path() /
            ("pinpoint-centre-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + "." + what))
        .string();
}

// Waits for `pid` up to `seconds`; its raw wait status, or -1 when it is still running.
int waitFor(pid_t pid, double seconds) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    for (;;) {
        int status = 0;
        if (::waitpid(pid, &status, WNOHANG) == pid) return status;
        if (std::chrono::steady_clock::now() > until) return -1;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

}  // namespace

CentreProcess::CentreProcess(const std::string& where, const std::string& keyFolder, int port,
                             const std::vector<std::string>& args)
    : outPath_(scratch("out")) {
    std::vector<std::string> argv = {PINPOINT_BINARY, "centre", "serve", "--db", where, "--listen",
                                     "127.0.0.1:" + std::to_string(port), "--key-folder", keyFolder};
    argv.insert(argv.end(), args.begin(), args.end());
    pid_ = ::fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
        const int out = ::open(outPath_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        ::dup2(out, 1);
        std::vector<char*> raw;
        for (std::string& a : argv) raw.push_back(a.data());
        raw.push_back(nullptr);
        ::execv(raw[0], raw.data());
        ::_exit(127);
    }
    const std::regex listening(R"(listening on http://127\.0\.0\.1:([0-9]+))");
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < until) {
        std::smatch m;
        const std::string out = slurp(outPath_);
        if (std::regex_search(out, m, listening)) {
            port_ = std::stoi(m[1]);
            return;
        }
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            FAIL("the centre stopped before it listened: " << out);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    kill();
    FAIL("the centre did not say where it listens within 20 s");
}

std::string CentreProcess::output() const { return slurp(outPath_); }

CentreProcess::~CentreProcess() {
    if (pid_ > 0) stop();
    std::remove(outPath_.c_str());
}

int CentreProcess::stop() {
    if (pid_ <= 0) return -1;
    ::kill(pid_, SIGTERM);
    int status = waitFor(pid_, 10);
    if (status == -1) {
        kill();
        return -1;
    }
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

void CentreProcess::kill() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
}

PinpointProcess::PinpointProcess(const std::vector<std::string>& args) : outPath_(scratch("out")), errPath_(scratch("err")) {
    std::vector<std::string> argv = {PINPOINT_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    pid_ = ::fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
        ::dup2(::open(outPath_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600), 1);
        ::dup2(::open(errPath_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600), 2);
        std::vector<char*> raw;
        for (std::string& a : argv) raw.push_back(a.data());
        raw.push_back(nullptr);
        ::execv(raw[0], raw.data());
        ::_exit(127);
    }
}

PinpointProcess::~PinpointProcess() {
    kill();
    std::remove(outPath_.c_str());
    std::remove(errPath_.c_str());
}

int PinpointProcess::wait(double seconds) {
    if (pid_ <= 0) return -1;
    const int status = waitFor(pid_, seconds);
    if (status == -1) {
        kill();
        return -1;
    }
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

void PinpointProcess::kill() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
}

std::string PinpointProcess::err() const { return slurp(errPath_); }

Run runPinpoint(const std::string& args) {
    const std::string out = scratch("stdout"), err = scratch("stderr");
    const int status = std::system((std::string(PINPOINT_BINARY) + " " + args + " >" + out + " 2>" + err).c_str());
    Run r{WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(out), slurp(err)};
    std::remove(out.c_str());
    std::remove(err.c_str());
    return r;
}

std::string addStation(const std::string& where, const std::string& name) {
    const Run r = runPinpoint("centre add-station " + name + " --db '" + where + "'");
    REQUIRE_MESSAGE(r.exitCode == 0, r.err);
    std::string token = r.out;
    while (!token.empty() && token.back() == '\n') token.pop_back();
    REQUIRE(token.size() == 64);
    return token;
}

std::vector<std::string> fileLines(const std::string& path) {
    std::vector<std::string> lines;
    std::istringstream in(slurp(path));
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

void writeLines(const std::string& path, const std::vector<std::string>& lines) {
    std::ofstream out(path, std::ios::binary);
    for (const std::string& line : lines) out << line << "\n";
}

std::vector<std::string> demoSessionFor(const std::string& trainee, const std::string& path) {
    static const std::vector<std::string> demo = [] {
        const std::string file = scratch("pps");
        const Run r = runPinpoint("demo --zones forehead --out " + file);
        REQUIRE_MESSAGE(r.exitCode == 0, r.err);
        std::vector<std::string> lines = fileLines(file);
        std::remove(file.c_str());
        return lines;
    }();
    const std::vector<std::string> out = resealed(demo, [&](nlohmann::json& header) { header["trainee"] = trainee; });
    writeLines(path, out);
    return out;
}

}  // namespace centre_test
