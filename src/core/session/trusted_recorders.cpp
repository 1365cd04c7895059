#include "core/session/trusted_recorders.h"

#include "core/session/demo_key.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace pinpoint::core {

namespace {

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\r'; }

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && isSpace(s.front())) s.remove_prefix(1);
    while (!s.empty() && isSpace(s.back())) s.remove_suffix(1);
    return s;
}

}  // namespace

const TrustedRecorder* TrustedRecorders::find(std::string_view id) const {
    for (const TrustedRecorder& r : recorders)
        if (r.keyId == id) return &r;
    return nullptr;
}

Result<TrustedRecorders> parseTrustedRecorders(std::string_view text, const std::string& sourceName) {
    TrustedRecorders out;
    out.file = sourceName;
    int number = 0;
    for (std::size_t start = 0; start < text.size();) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view raw = text.substr(start, end - start);
        start = end + 1;
        ++number;
        std::size_t indent = 0;
        while (indent < raw.size() && isSpace(raw[indent])) ++indent;
        const std::string_view line = trimmed(raw);
        if (line.empty() || line.front() == '#') continue;
        std::size_t keyEnd = 0;
        while (keyEnd < line.size() && !isSpace(line[keyEnd])) ++keyEnd;
        const std::string_view keyText = line.substr(0, keyEnd);
        const std::optional<PublicKey> key = parsePublicKey(keyText);
        const int column = static_cast<int>(indent) + 1;
        if (!key)
            return Error{sourceName, number, column, "'" + std::string(keyText.substr(0, 80)) + "' is not a public key",
                         "each line holds one key as `pinpoint key --export` prints it, 'ed25519:<64 hex digits>', "
                         "then an optional name; '#' starts a comment line"};
        if (isDemoKey(*key))
            return Error{sourceName, number, column, "this is the demo key, which can never be trusted",
                         "`pinpoint demo` signs with it and anyone can: remove the line"};
        out.recorders.push_back({*key, keyId(*key), std::string(trimmed(line.substr(keyEnd))), number});
    }
    return out;
}

Result<TrustedRecorders> readTrustedRecorders(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Error{path, 0, 0, std::string("cannot read the trusted recorders file: ") + std::strerror(errno),
                        "give the file the assessor keeps the recorders' public keys in"};
    std::ostringstream s;
    s << in.rdbuf();
    return parseTrustedRecorders(s.str(), path);
}

}  // namespace pinpoint::core
