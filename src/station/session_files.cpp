#include "station/session_files.h"
#include "core/common/safe_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>

namespace pinpoint::station {

using nlohmann::json;

bool GrowingSession::poll() {
    std::ifstream in(path_, std::ios::binary);
    if (!in) return why_ = "cannot read " + path_, false;
    in.seekg(static_cast<std::streamoff>(offset_));
    std::string chunk((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::size_t start = 0;
    for (std::size_t end; (end = chunk.find('\n', start)) != std::string::npos; start = end + 1) {
        std::string line = chunk.substr(start, end - start);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty()) continue;  // blank lines are not part of the session
        lines_.push_back(std::move(line));
        if (lines_.size() == 1) {
            const json header = json::parse(lines_.front(), nullptr, false);
            if (header.is_object() && header.contains("h") && header["h"].is_string()) key_ = header["h"].get<std::string>();
        }
    }
    offset_ += start;
    // A closing signature: {"t":..,"type":"signature",...,"final":true,...}
    const std::string& last = lines_.empty() ? std::string() : lines_.back();
    closed_ = last.find("\"type\":\"signature\"") != std::string::npos && last.find("\"final\":true") != std::string::npos;
    return true;
}

std::string acknowledgementPath(const std::string& sessionFile) { return sessionFile + ".centre"; }

std::optional<Acknowledgement> readAcknowledgement(const std::string& sessionFile) {
    std::ifstream in(acknowledgementPath(sessionFile), std::ios::binary);
    if (!in) return std::nullopt;
    const json j = json::parse(in, nullptr, false);
    if (!j.is_object() || !j.contains("session") || !j["session"].is_string() || !j.contains("stored") ||
        !j["stored"].is_number_integer())
        return std::nullopt;  // damaged: as if nothing were known (resending is harmless)
    Acknowledgement ack;
    ack.session = j["session"].get<std::string>();
    ack.stored = std::max(0, j["stored"].get<int>());
    ack.receipt = j.value("receipt", json::object());
    ack.refused = j.value("refused", "");
    return ack;
}

bool writeAcknowledgement(const std::string& sessionFile, const Acknowledgement& ack) {
    json j = {{"session", ack.session}, {"stored", ack.stored}, {"receipt", ack.receipt}};
    if (!ack.refused.empty()) j["refused"] = ack.refused;
    const std::string text = j.dump() + "\n";
    return core::replaceFile(acknowledgementPath(sessionFile), text).ok();
}

std::vector<std::string> pendingSessions(const std::string& folder) {
    std::vector<std::pair<std::filesystem::file_time_type, std::string>> found;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
        if (!entry.is_regular_file(ec) || entry.path().extension() != ".pps") continue;
        const std::string file = entry.path().string();
        GrowingSession session(file);
        if (!session.poll() || session.lines().empty()) continue;
        const std::optional<Acknowledgement> ack = readAcknowledgement(file);
        const bool known = ack && ack->session == session.key();
        if (known && !ack->refused.empty()) continue;
        if (known && ack->stored >= static_cast<int>(session.lines().size())) continue;
        found.emplace_back(entry.last_write_time(ec), file);
    }
    std::sort(found.begin(), found.end());
    std::vector<std::string> out;
    for (auto& f : found) out.push_back(std::move(f.second));
    return out;
}

}  // namespace pinpoint::station
