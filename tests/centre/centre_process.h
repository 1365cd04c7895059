#pragma once
// The real `pinpoint centre serve` for the server tests: started on a free port (or a given one) over a
// test database, read for the address it prints, and stopped by SIGTERM (or killed by SIGKILL).
#include <sys/types.h>

#include <string>
#include <vector>

namespace centre_test {

class CentreProcess {
public:
    // Starts `pinpoint centre serve --db WHERE --listen 127.0.0.1:PORT --key-folder KEYS ARGS...` and
    // waits (at most 20 s) until it prints the address it listens on.
    CentreProcess(const std::string& where, const std::string& keyFolder, int port = 0,
                  const std::vector<std::string>& args = {});
    ~CentreProcess();
    CentreProcess(const CentreProcess&) = delete;
    CentreProcess& operator=(const CentreProcess&) = delete;

    int port() const { return port_; }
    // What it has printed on its standard output so far (its log).
    std::string output() const;
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
    // SIGTERM and wait: the exit status (0 for a clean stop), -1 when it had to be killed.
    int stop();
    // SIGKILL and wait: the centre dies between two instructions, as a power cut would leave it.
    void kill();

private:
    pid_t pid_ = -1;
    int port_ = 0;
    std::string outPath_;
};

// Runs `pinpoint ARGS` (through the shell) and gives its exit code and output.
struct Run {
    int exitCode = -1;
    std::string out, err;
};
Run runPinpoint(const std::string& args);

// `pinpoint ARGS...` started in the background (output to files): a station that can be killed.
class PinpointProcess {
public:
    explicit PinpointProcess(const std::vector<std::string>& args);
    ~PinpointProcess();
    PinpointProcess(const PinpointProcess&) = delete;
    PinpointProcess& operator=(const PinpointProcess&) = delete;
    // Waits up to `seconds`: the exit code, or -1 (after killing it) when it ran past them.
    int wait(double seconds);
    void kill();
    std::string err() const;

private:
    pid_t pid_ = -1;
    std::string outPath_, errPath_;
};

// `pinpoint centre add-station NAME --db WHERE`: the token it prints (REQUIREd to work).
std::string addStation(const std::string& where, const std::string& name);

// A `pinpoint demo` session (forehead only: some 13,000 lines) re-signed as `trainee`'s with a key of
// its own, so that each test has a session of its own; written to `path`. Its lines are returned.
std::vector<std::string> demoSessionFor(const std::string& trainee, const std::string& path);

std::vector<std::string> fileLines(const std::string& path);
void writeLines(const std::string& path, const std::vector<std::string>& lines);

}  // namespace centre_test
