#include "core/session/session_parse.h"

#include <cctype>
#include <charconv>

namespace pinpoint::core::session_detail {

namespace {

// A cursor over one line; every method returns false (and the caller gives up) at anything
// unexpected, so a line is either read exactly as nlohmann would read it or left to nlohmann.
class Scanner {
public:
    explicit Scanner(std::string_view s) : s_(s) {}

    void space() {
        while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\r')) ++i_;
    }
    bool literal(std::string_view text) {
        space();
        if (s_.substr(i_, text.size()) != text) return false;
        i_ += text.size();
        return true;
    }
    bool key(std::string_view name) {
        space();
        if (i_ >= s_.size() || s_[i_] != '"' || s_.substr(i_ + 1, name.size()) != name) return false;
        i_ += name.size() + 1;
        return literal("\"") && literal(":");
    }
    bool at(char ch) {
        space();
        return i_ < s_.size() && s_[i_] == ch;
    }
    bool atEnd() {
        space();
        return i_ == s_.size();
    }

    // A JSON number, read to the double nlohmann would give: a float token by correct rounding (as
    // strtod does), an integer token as a 64-bit integer converted to double.
    bool number(double& out) {
        space();
        const std::size_t start = i_;
        if (i_ < s_.size() && s_[i_] == '-') ++i_;
        const std::size_t digits = i_;
        if (i_ < s_.size() && s_[i_] == '0') {
            ++i_;
        } else {
            if (!digit()) return false;
            while (digit()) {}
        }
        const std::size_t intDigits = i_ - digits;
        bool isFloat = false;
        if (i_ < s_.size() && s_[i_] == '.') {
            ++i_;
            isFloat = true;
            if (!digit()) return false;
            while (digit()) {}
        }
        if (i_ < s_.size() && (s_[i_] == 'e' || s_[i_] == 'E')) {
            ++i_;
            isFloat = true;
            if (i_ < s_.size() && (s_[i_] == '+' || s_[i_] == '-')) ++i_;
            if (!digit()) return false;
            while (digit()) {}
        }
        // Long integers (where int64 and strtod could round differently) go to the general path.
        if (!isFloat && intDigits > 15) return false;
        const char* first = s_.data() + start;
        const char* last = s_.data() + i_;
        const auto r = std::from_chars(first, last, out);
        if (r.ec != std::errc() || r.ptr != last) return false;
        if (!isFloat && out == 0.0) out = 0.0;  // "-0" is the integer 0
        return true;
    }

    bool vector(glm::dvec3& v) {
        return literal("[") && number(v.x) && literal(",") && number(v.y) && literal(",") && number(v.z) && literal("]");
    }

    // A string of hexadecimal digits (no escapes can occur in one).
    bool hexString() {
        if (!literal("\"")) return false;
        while (i_ < s_.size() && std::isxdigit(static_cast<unsigned char>(s_[i_]))) ++i_;
        return literal("\"");
    }

private:
    bool digit() {
        if (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') {
            ++i_;
            return true;
        }
        return false;
    }

    std::string_view s_;
    std::size_t i_ = 0;
};

}  // namespace

std::optional<PoseEvent> readPoseFast(std::string_view line) {
    Scanner s(line);
    PoseEvent e;
    if (!(s.literal("{") && s.key("t") && s.number(e.t) && s.literal(",") && s.key("type") && s.literal("\"pose\"") &&
          s.literal(",") && s.key("p") && s.vector(e.p) && s.literal(",") && s.key("contact"))) {
        return std::nullopt;
    }
    if (s.literal("true")) {
        e.contact = true;
    } else if (!s.literal("false")) {
        return std::nullopt;
    }
    bool comma = s.literal(",");
    if (comma && s.key("axis")) {
        glm::dvec3 axis;
        if (!s.vector(axis)) return std::nullopt;
        e.axis = axis;
        comma = s.literal(",");
    }
    // The chain hash of a signed session (docs/session-format.md, "Signed sessions"): ignored here.
    if (comma && !(s.key("h") && s.hexString())) return std::nullopt;
    if (!(s.literal("}") && s.atEnd())) return std::nullopt;
    return e;
}

}  // namespace pinpoint::core::session_detail
