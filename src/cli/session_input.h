#pragma once
// Reading a session for score, review and report: the events and whether the file is signed and intact.
#include "core/session/session_file.h"
#include "core/session/session_signing.h"

#include <optional>
#include <string>

namespace pinpoint::cli {

struct LoadedSession {
    core::Session session;
    core::SignatureCheck signature;
    bool namesDemoKey = false;  // the file holds the demo key (core/session/demo_key.h)
    std::string sha256;         // of the file's bytes, as read
};

// The session and its signature check, or the located error.
core::Result<LoadedSession> loadSession(const std::string& path, const core::ToolCatalogue* tools);
// The same from a session's text (the centre holds lines, not files); `name` locates its errors.
core::Result<LoadedSession> loadSessionText(const std::string& text, const std::string& name, const core::ToolCatalogue* tools);

// On failure prints the located error to stderr and returns nullopt. Warnings (a line cut off by a
// crash) go to stderr when `quiet` is false.
std::optional<LoadedSession> loadSessionOrReport(const std::string& path, const core::ToolCatalogue* tools,
                                                 bool quiet = false);

}  // namespace pinpoint::cli
