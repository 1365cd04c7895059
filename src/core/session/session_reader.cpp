#include "core/session/session_file.h"
#include "core/session/session_parse.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace pinpoint::core {

namespace {

using nlohmann::json;
using session_detail::LineContext;
using session_detail::LineProblem;

constexpr std::string_view kHeaderExample = "{\"type\":\"header\",\"format\":\"pinpoint-session\",\"version\":1}";

bool blank(std::string_view line) {
    return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

// The start of a dropped line, for the warning.
std::string preview(std::string_view line) {
    constexpr std::size_t kMax = 60;
    std::string out(line.substr(0, kMax));
    if (line.size() > kMax) out += "...";
    return out;
}

// nlohmann's message without its "[json.exception.parse_error.101] parse error at line 1, column 7: " prefix.
std::string parserMessage(const json::exception& e) {
    std::string what = e.what();
    const auto bracket = what.find("] ");
    if (bracket != std::string::npos) what.erase(0, bracket + 2);
    const auto column = what.find("column ");
    const auto colon = column == std::string::npos ? std::string::npos : what.find(": ", column);
    if (colon != std::string::npos) what.erase(0, colon + 2);
    return what;
}

Error invalidJson(const std::string& file, int lineNumber, std::string_view line, const json::exception& e) {
    std::size_t column = 1;
    if (const auto* p = dynamic_cast<const json::parse_error*>(&e)) column = std::clamp<std::size_t>(p->byte, 1, line.size() + 1);
    Error error{file, lineNumber, static_cast<int>(column), "invalid JSON: " + parserMessage(e),
                "each line must be one complete JSON object"};
    if (e.id == 406 || line.find("NaN") != std::string_view::npos || line.find("Infinity") != std::string_view::npos) {
        error.hint = "NaN, Infinity and numbers too large for a double are not allowed; every number must be finite";
    }
    return error;
}

class SessionParser {
public:
    SessionParser(const std::string& text, const std::string& file, const ToolCatalogue* catalogue)
        : text_(text), catalogue_(catalogue) {
        session_.file = file;
    }

    Result<Session> run() {
        if (blank(text_)) {
            return Error{session_.file, 0, 0, "the session file is empty",
                         "a session file starts with a header line such as " + std::string(kHeaderExample)};
        }
        const bool endsWithNewline = text_.back() == '\n';
        // One event a line at most, and no event line is shorter than 16 bytes: room for all of them at
        // once, not grown (and copied) as they come, and no more room than the text could fill.
        const auto lines = std::min(static_cast<std::size_t>(std::count(text_.begin(), text_.end(), '\n')) + 1,
                                    text_.size() / 16 + 1);
        session_.events.reserve(lines);
        session_.eventLines.reserve(lines);
        std::size_t start = 0;
        int lineNumber = 0;
        while (start < text_.size()) {
            std::size_t end = text_.find('\n', start);
            const bool lastLine = end == std::string::npos;
            if (lastLine) end = text_.size();
            std::string_view line(text_.data() + start, end - start);
            start = end + 1;
            ++lineNumber;
            if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
            if (lineNumber == 1 && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);  // a UTF-8 byte order mark
            if (blank(line)) {
                if (lineNumber == 1) {
                    return Error{session_.file, 1, 1, "the first line is empty",
                                 "a session file starts with its header, " + std::string(kHeaderExample)};
                }
                continue;
            }
            if (lineNumber > 1) {
                if (std::optional<PoseEvent> pose = session_detail::readPoseFast(line)) {
                    try {
                        add(session_detail::checkPose(*pose, LineContext{line, catalogue_, previousT_}), lineNumber);
                    } catch (const LineProblem& p) {
                        return Error{session_.file, lineNumber, p.column, p.message, p.hint};
                    }
                    continue;
                }
            }
            json j;
            try {
                j = json::parse(line.begin(), line.end());
            } catch (const json::exception& e) {
                if (lastLine && !endsWithNewline) {
                    if (lineNumber == 1) {
                        return Error{session_.file, 1, 1, "the header line is incomplete (the recording stopped mid-line)",
                                     "the file holds no complete line"};
                    }
                    session_.warnings.push_back(
                        {lineNumber, "line " + std::to_string(lineNumber) +
                                         " is incomplete (the recording stopped mid-line) and was dropped: " +
                                         std::to_string(line.size()) + " bytes, '" + preview(line) + "'"});
                    break;
                }
                return invalidJson(session_.file, lineNumber, line, e);
            }
            if (!j.is_object()) {
                return Error{session_.file, lineNumber, 1, "the line is not a JSON object",
                             "each line is one object such as {\"t\":1.5,\"type\":\"step\",\"step\":\"cleanse\"}"};
            }
            const LineContext context{line, catalogue_, previousT_};
            try {
                if (lineNumber == 1) {
                    session_.header = session_detail::parseHeader(j, context);
                } else {
                    add(session_detail::parseEvent(j, context), lineNumber);
                }
            } catch (const LineProblem& p) {
                return Error{session_.file, lineNumber, p.column, p.message, p.hint};
            } catch (const json::exception& e) {
                return Error{session_.file, lineNumber, 1, std::string("unexpected value: ") + e.what(), ""};
            }
        }
        return std::move(session_);
    }

private:
    void add(SessionEvent event, int lineNumber) {
        previousT_ = eventTime(event);
        session_.events.push_back(std::move(event));
        session_.eventLines.push_back(lineNumber);
    }

    const std::string& text_;
    const ToolCatalogue* catalogue_;
    Session session_;
    double previousT_ = 0.0;
};

}  // namespace

Result<Session> parseSession(const std::string& text, const std::string& sourceName, const ToolCatalogue* catalogue) {
    try {
        return SessionParser(text, sourceName, catalogue).run();
    } catch (const std::exception& e) {
        return Error{sourceName, 0, 0, std::string("could not read the session: ") + e.what(), ""};
    } catch (...) {
        return Error{sourceName, 0, 0, "could not read the session", ""};
    }
}

Result<Session> readSessionFile(const std::string& path, const ToolCatalogue* catalogue) {
    try {
        namespace fs = std::filesystem;
        std::error_code ec;
        const fs::file_status status = fs::status(path, ec);
        if (!fs::exists(status)) {
            return Error{path, 0, 0, "session file not found",
                         "check the path; session recordings are *.pps files"};
        }
        if (fs::is_directory(status)) return Error{path, 0, 0, "this is a folder, not a session file", "give the path of a *.pps file"};
        std::ifstream in(path, std::ios::binary);
        if (!in) return Error{path, 0, 0, std::string("cannot open the session file: ") + std::strerror(errno), "check its permissions"};
        // Read whole, in one piece the size of the file (a stream's buffer would grow and be copied).
        std::string text;
        if (const auto size = fs::file_size(path, ec); !ec) text.reserve(static_cast<std::size_t>(size));
        std::array<char, 1 << 16> chunk{};
        while (in.read(chunk.data(), chunk.size()) || in.gcount() > 0) text.append(chunk.data(), static_cast<std::size_t>(in.gcount()));
        if (in.bad()) return Error{path, 0, 0, "cannot read the session file", ""};
        return parseSession(text, path, catalogue);
    } catch (const std::exception& e) {
        return Error{path, 0, 0, std::string("could not read the session: ") + e.what(), ""};
    }
}

}  // namespace pinpoint::core
