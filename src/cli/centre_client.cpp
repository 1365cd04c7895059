#include "cli/centre_client.h"
#include "core/common/safe_file.h"

#include "cli/commands.h"
#include "core/common/sha256.h"
#include "core/session/session_signing.h"
#include "io/paths.h"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

namespace pinpoint::cli {

using station::httpTarget;
using station::HttpTarget;
using station::requestWithRetries;

namespace {

using nlohmann::json;

// One line read from the terminal (/dev/tty, not standard input), echoed or not; nullopt without one.
std::optional<std::string> askTerminal(const std::string& prompt, bool echo) {
    const int tty = ::open("/dev/tty", O_RDWR | O_NOCTTY);
    if (tty < 0) return std::nullopt;
    termios before{};
    const bool isTerminal = ::tcgetattr(tty, &before) == 0;
    if (!isTerminal) {
        ::close(tty);
        return std::nullopt;
    }
    if (!echo) {
        termios quiet = before;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        ::tcsetattr(tty, TCSAFLUSH, &quiet);
    }
    [[maybe_unused]] const ssize_t w = ::write(tty, prompt.data(), prompt.size());
    std::string line;
    char c = 0;
    while (::read(tty, &c, 1) == 1 && c != '\n' && line.size() < 4096) line += c;
    if (!echo) {
        ::tcsetattr(tty, TCSAFLUSH, &before);
        [[maybe_unused]] const ssize_t nl = ::write(tty, "\n", 1);
    }
    ::close(tty);
    return line;
}

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

bool writeAtomically(const std::string& path, const std::string& bytes) { return core::replaceFile(path, bytes).ok(); }

int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::optional<std::string> percentDecode(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '%') {
            out += text[i] == '+' ? ' ' : text[i];
            continue;
        }
        if (i + 2 >= text.size() || hexValue(text[i + 1]) < 0 || hexValue(text[i + 2]) < 0) return std::nullopt;
        out += static_cast<char>(hexValue(text[i + 1]) * 16 + hexValue(text[i + 2]));
        i += 2;
    }
    return out;
}

std::string percentEncode(const std::string& text) {
    static const char* digits = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') out += static_cast<char>(c);
        else out += std::string("%") + digits[c >> 4] + digits[c & 15];
    }
    return out;
}

httplib::Client clientFor(const HttpTarget& target, const CentreLogin& login) {
    httplib::Client client(target.origin);
    client.set_connection_timeout(5, 0);
    client.set_read_timeout(60, 0);
    client.set_write_timeout(30, 0);
    client.set_basic_auth(login.user, login.password);
    return client;
}

// The message of a centre's error body, or the body itself.
std::string centreMessage(const httplib::Response& res) {
    const json answer = json::parse(res.body, nullptr, false);
    return answer.is_object() && answer.contains("message") && answer["message"].is_string() ? answer["message"].get<std::string>()
                                                                                            : res.body;
}

std::string sentMarkerFor(const std::string& reviewPath) { return reviewPath + ".sent"; }

}  // namespace

std::string knownCentreUser(const std::string& user) {
    if (!user.empty()) return user;
    const char* env = std::getenv("PINPOINT_CENTRE_USER");
    return env ? env : "";
}

std::optional<CentreLogin> centreLogin(const std::string& user, const std::string& command, bool windowAsks) {
    CentreLogin login;
    login.user = knownCentreUser(user);
    if (const char* env = std::getenv("PINPOINT_CENTRE_PASSWORD")) login.password = env;
    if (login.user.empty()) {
        const std::optional<std::string> asked = askTerminal("Centre login: ", true);
        if (!asked) {
            if (!windowAsks)
                std::cerr << command << ": give your centre login with --user or PINPOINT_CENTRE_USER (there is no terminal to ask on)\n";
            return std::nullopt;
        }
        login.user = *asked;
    }
    if (login.password.empty()) {
        const std::optional<std::string> asked = askTerminal("Password for " + login.user + ": ", false);
        if (!asked) {
            if (!windowAsks)
                std::cerr << command << ": give your centre password in PINPOINT_CENTRE_PASSWORD (there is no terminal to ask on)\n";
            return std::nullopt;
        }
        login.password = *asked;
    }
    return login;
}

bool isSessionKey(const std::string& key) {
    return key.size() == 16 && std::all_of(key.begin(), key.end(), [](char c) { return hexValue(c) >= 0; });
}

bool isReviewLink(const std::string& text) { return text.rfind("pinpoint:", 0) == 0; }

std::optional<CentreSessionRef> parseReviewLink(const std::string& link, std::string& why) {
    const std::string prefix = "pinpoint://review/";
    if (link.rfind(prefix, 0) != 0) return why = "a review link starts pinpoint://review/", std::nullopt;
    const std::string rest = link.substr(prefix.size());
    const std::size_t query = rest.find('?');
    CentreSessionRef ref;
    ref.key = rest.substr(0, query);
    while (!ref.key.empty() && ref.key.back() == '/') ref.key.pop_back();
    if (!isSessionKey(ref.key)) return why = "'" + ref.key + "' is not a session key (16 hexadecimal digits)", std::nullopt;
    if (query != std::string::npos) {
        std::istringstream params(rest.substr(query + 1));
        for (std::string param; std::getline(params, param, '&');) {
            if (param.rfind("centre=", 0) != 0) continue;
            const std::optional<std::string> decoded = percentDecode(param.substr(7));
            if (!decoded) return why = "the link's centre= is not percent-encoded correctly", std::nullopt;
            ref.centre = *decoded;
        }
    }
    if (ref.centre.empty())
        return why = "the link names no centre (…?centre=<URL>); give it with --centre URL and the key", std::nullopt;
    if (!httpTarget(ref.centre)) return why = "the link's centre '" + ref.centre + "' is not an http:// or https:// URL", std::nullopt;
    return ref;
}

std::string reviewLinkFor(const std::string& centre, const std::string& key) {
    return "pinpoint://review/" + key + "?centre=" + percentEncode(centre);
}

std::string centreSessionFolder(const std::string& centre) {
    std::string name;
    for (char c : centre.substr(centre.find("://") == std::string::npos ? 0 : centre.find("://") + 3))
        name += std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' ? c : '_';
    while (!name.empty() && name.back() == '_') name.pop_back();
    return (std::filesystem::path(io::cacheDir()) / "centre-sessions" / name).string();
}

int downloadCentreSession(const CentreSessionRef& ref, const CentreLogin& login, const std::string& path, int retries,
                          bool* unauthorised) {
    const std::optional<HttpTarget> target = httpTarget(ref.centre);
    if (!target) {
        std::cerr << "pinpoint review: --centre " << ref.centre << ": give a URL starting http:// or https://\n";
        return kExitBadInput;
    }
    httplib::Client client = clientFor(*target, login);
    std::string problem;
    const auto res = requestWithRetries(
        [&] { return client.Get(target->prefix + "/api/v1/sessions/" + ref.key + "/file"); }, retries, problem);
    if (!res) {
        std::cerr << "pinpoint review: the centre at " << ref.centre << " did not answer (" << problem << ")\n";
        return kExitUnreachable;
    }
    if (unauthorised) *unauthorised = res->status == 401;
    if (res->status != 200) {
        std::cerr << "pinpoint review: session " << ref.key << " at " << ref.centre << ": " << centreMessage(*res) << " (HTTP "
                  << res->status << ")\n";
        return kExitBadInput;
    }
    // What the centre sent must be the session the key names, with its chain and signatures intact:
    // a centre (or anything between) cannot hand the assessor another recording.
    const core::SignatureCheck check = core::verifySessionText(res->body);
    if (check.status != core::SignatureStatus::Intact && check.status != core::SignatureStatus::Truncated) {
        std::cerr << "pinpoint review: session " << ref.key << " from " << ref.centre << ":" << std::max(check.line, 1) << ": "
                  << check.message << " (refused: the downloaded session does not verify)\n";
        return kExitBadInput;
    }
    const std::string header = res->body.substr(0, res->body.find('\n'));
    const json parsed = json::parse(header, nullptr, false);
    if (!parsed.is_object() || parsed.value("h", "") != ref.key) {
        std::cerr << "pinpoint review: the centre at " << ref.centre << " sent another session than " << ref.key
                  << " (its header's seal differs); refused\n";
        return kExitBadInput;
    }
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
    if (!writeAtomically(path, res->body)) {
        std::cerr << "pinpoint review: " << path << ": cannot write the downloaded session\n";
        return kExitBadInput;
    }
    return kExitOk;
}

bool downloadSessionScenario(const CentreSessionRef& ref, const CentreLogin& login, const std::string& sha256,
                             const std::string& path, int retries) {
    const std::optional<HttpTarget> target = httpTarget(ref.centre);
    if (!target) return false;
    httplib::Client client = clientFor(*target, login);
    std::string problem;
    const auto res = requestWithRetries(
        [&] { return client.Get(target->prefix + "/api/v1/sessions/" + ref.key + "/scenario"); }, retries, problem);
    if (!res || res->status != 200) {
        std::cerr << "pinpoint review: warning: the centre gave no scenario for session " << ref.key << " ("
                  << (res ? centreMessage(*res) : problem) << "); it is scored against this machine's scenario library\n";
        return false;
    }
    std::string named = sha256;  // a header may write its hash in capitals
    for (char& c : named) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (!named.empty() && core::sha256Hex(res->body) != named) {
        std::cerr << "pinpoint review: warning: the scenario the centre sent is not the version the session names (SHA-256 "
                  << sha256 << "); it is scored against this machine's scenario library\n";
        return false;
    }
    return writeAtomically(path, res->body);
}

ReviewSendResult sendReviewFile(const std::string& centre, const std::string& key, const CentreLogin& login,
                                const std::string& reviewPath, int retries) {
    ReviewSendResult out;
    const std::optional<HttpTarget> target = httpTarget(centre);
    if (!target) return {false, true, "the centre '" + centre + "' is not an http:// or https:// URL"};
    const std::string text = slurp(reviewPath);
    if (text.empty()) return {false, true, reviewPath + ": cannot read the review"};
    httplib::Client client = clientFor(*target, login);
    std::string problem;
    const auto res = requestWithRetries(
        [&] { return client.Post(target->prefix + "/api/v1/sessions/" + key + "/reviews", text, "application/json"); }, retries,
        problem);
    if (!res) return {false, false, "the centre did not answer (" + problem + "); the review is kept here and sent next time"};
    if (res->status != 201 && res->status != 200)
        return {false, true, "the centre refused the review (HTTP " + std::to_string(res->status) + "): " + centreMessage(*res)};
    // Had the marker not been written, the review would only be sent again, which the centre accepts.
    (void)core::replaceFile(sentMarkerFor(reviewPath), core::sha256Hex(text) + "\n");
    return {true, false, "the centre has the review"};
}

bool reviewWasSent(const std::string& reviewPath) {
    std::error_code ec;
    if (!std::filesystem::exists(reviewPath, ec)) return false;
    std::string sent = slurp(sentMarkerFor(reviewPath));
    while (!sent.empty() && (sent.back() == '\n' || sent.back() == '\r')) sent.pop_back();
    return !sent.empty() && sent == core::sha256Hex(slurp(reviewPath));
}

}  // namespace pinpoint::cli
