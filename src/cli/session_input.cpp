#include "cli/session_input.h"

#include "core/common/sha256.h"
#include "core/session/demo_key.h"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

namespace pinpoint::cli {

core::Result<LoadedSession> loadSession(const std::string& path, const core::ToolCatalogue* tools) {
    std::error_code ec;
    std::string text;
    bool readable = std::filesystem::is_regular_file(path, ec);
    if (readable) {
        std::ifstream in(path, std::ios::binary);
        std::ostringstream s;
        s << in.rdbuf();
        readable = in.good() || in.eof();
        text = s.str();
    }
    core::Result<core::Session> session =
        readable ? core::parseSession(text, path, tools) : core::readSessionFile(path, tools);  // the latter names the problem
    if (!session) return session.error();
    return LoadedSession{std::move(*session), core::verifySessionText(text), core::textNamesDemoKey(text), core::sha256Hex(text)};
}

core::Result<LoadedSession> loadSessionText(const std::string& text, const std::string& name, const core::ToolCatalogue* tools) {
    core::Result<core::Session> session = core::parseSession(text, name, tools);
    if (!session) return session.error();
    return LoadedSession{std::move(*session), core::verifySessionText(text), core::textNamesDemoKey(text), core::sha256Hex(text)};
}

std::optional<LoadedSession> loadSessionOrReport(const std::string& path, const core::ToolCatalogue* tools, bool quiet) {
    core::Result<LoadedSession> loaded = loadSession(path, tools);
    if (!loaded) {
        std::cerr << "pinpoint: " << loaded.error().describe() << "\n";
        return std::nullopt;
    }
    if (!quiet)
        for (const core::SessionWarning& w : loaded->session.warnings)
            std::cerr << "pinpoint: warning: " << path << ":" << w.line << ": " << w.message << "\n";
    return std::move(*loaded);
}

}  // namespace pinpoint::cli
