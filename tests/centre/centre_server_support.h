#pragma once
// Helpers shared by the centre's server tests (centre_server_test.cpp, centre_faults_test.cpp).
#include "centre_process.h"
#include "store_test_support.h"

#include <doctest/doctest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

namespace centre_test {

using nlohmann::json;
using store_test::TestDatabase;

// A folder for one test's files (session files, the centre's key), removed at the end.
struct Folder {
    std::filesystem::path dir;
    Folder() : dir(std::filesystem::temp_directory_path() / ("pinpoint-centre-server-" + std::to_string(::getpid()) + "-" +
                                                            std::to_string(next()))) {
        std::filesystem::create_directories(dir);
    }
    ~Folder() {
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
    std::string path(const std::string& name) const { return (dir / name).string(); }
    static int next() {
        static int n = 0;
        return n++;
    }
};

// The session written as a station's recording, session.pps in the test's folder; returns its path.
inline std::string sessionFile(const Folder& f, const store_test::TestSession& session) {
    const std::string file = f.path("session.pps");
    writeLines(file, session.lines);
    return file;
}

inline httplib::Client clientFor(const CentreProcess& centre, const std::string& token) {
    httplib::Client client(centre.url());
    client.set_connection_timeout(5, 0);
    client.set_read_timeout(20, 0);
    if (!token.empty()) client.set_bearer_token_auth(token);
    return client;
}

inline json batch(int first, const std::vector<std::string>& lines, int from, int count) {
    const int end = std::min<int>(from + count, static_cast<int>(lines.size()));
    return {{"first", first}, {"lines", std::vector<std::string>(lines.begin() + from, lines.begin() + end)}};
}

inline std::string sessionKey(const std::vector<std::string>& lines) { return json::parse(lines.front())["h"]; }

// The session's stored lines, read behind the server's back: what survives is what the database holds.
inline std::vector<std::string> storedLines(const TestDatabase& db, const std::string& key) {
    auto store = db.open();
    auto found = store_test::require(store->findSession(key));
    if (!found) return {};
    return store_test::require(store->sessionLines(found->id, 0, found->lines + 10));
}

inline std::string upload(const CentreProcess& centre, const std::string& token, const std::string& file,
                   const std::string& extra = "") {
    const Run r = runPinpoint("upload " + file + " --centre " + centre.url() + " --token " + token + " " + extra);
    REQUIRE_MESSAGE(r.exitCode == 0, r.err);
    return r.out;
}

}  // namespace centre_test
