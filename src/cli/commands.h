#pragma once
// The `pinpoint` subcommands. Each registers its options on the CLI11 app and returns the exit code:
// 0 done, 2 bad input (a located message has been printed to stderr).
#include <CLI/CLI.hpp>

#include <functional>

namespace pinpoint::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitBadInput = 2;
// A server (the training centre, a learning record store) stayed out of reach: nothing was refused, run again.
inline constexpr int kExitUnreachable = 1;

// Shared options for finding the head.
struct HeadOptions {
    std::string model;
    std::string zones;
    bool noCache = false;
};
void addHeadOptions(CLI::App& command, HeadOptions& options);

// A window's --size (WIDTHxHEIGHT, from minWidth x minHeight to 8192 each way) into `width` and
// `height`; false, after one line on stderr naming `command`, when it is not one.
bool parseWindowSize(const std::string& command, const std::string& text, unsigned minWidth, unsigned minHeight,
                     int& width, int& height);

using Runner = std::function<int()>;
Runner addModelCommand(CLI::App& app);
Runner addStartCommand(CLI::App& app);
Runner addScoreCommand(CLI::App& app);
Runner addDemoCommand(CLI::App& app);
Runner addValidateCommand(CLI::App& app);
Runner addRenderCommand(CLI::App& app);
Runner addVerifyCommand(CLI::App& app);
Runner addKeyCommand(CLI::App& app);
Runner addReportCommand(CLI::App& app);
Runner addReviewCommand(CLI::App& app);
Runner addEditCommand(CLI::App& app);
Runner addXapiCommand(CLI::App& app);
Runner addCentreCommand(CLI::App& app);
Runner addUploadCommand(CLI::App& app);
Runner addUploadReviewCommand(CLI::App& app);
Runner addScenariosCommand(CLI::App& app);

}  // namespace pinpoint::cli
