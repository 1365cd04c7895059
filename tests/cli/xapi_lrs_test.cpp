// `pinpoint xapi --lrs`: the statements reach a learning record store, retried until it acknowledges
// them. The LRS here is a test receiver on 127.0.0.1 that checks each statement against the spec's
// required properties (xapiProblems), the version header and the basic authentication, and that is
// busy (503) for the first request.
#include "run_command.h"
#include "trainee_session.h"

#include "core/scoring/xapi_statement.h"

#include <doctest/doctest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <mutex>
#include <thread>

using nlohmann::json;
using pinpoint::testing::runPinpoint;
using pinpoint::testing::slurp;
using pinpoint::testing::traineeSession;
using pinpoint::testing::Workspace;

namespace {

// A minimal LRS: POST /xapi/statements with a JSON array; answers 200 with the ids, or 409 for the
// whole batch when it holds one of them already (as LRSs do). PUT /xapi/statements?statementId=ID
// stores one statement: 204, or 409 when it holds that id already.
class TestLrs {
public:
    explicit TestLrs(int busyFirst) : busyLeft_(busyFirst) {
        server_.Put("/xapi/statements", [this](const httplib::Request& req, httplib::Response& res) {
            std::lock_guard lock(mutex_);
            ++requests_;
            const json s = json::parse(req.body, nullptr, false);
            if (!s.is_object() || !pinpoint::core::xapiProblems(s).empty() || s.value("id", "") != req.get_param_value("statementId")) {
                res.status = 400;
                return;
            }
            if (holds(s["id"])) {
                res.status = 409;
                return;
            }
            received_.push_back(s);
            res.status = 204;
        });
        server_.Post("/xapi/statements", [this](const httplib::Request& req, httplib::Response& res) {
            std::lock_guard lock(mutex_);
            ++requests_;
            if (busyLeft_ > 0) {
                --busyLeft_;
                res.status = 503;
                return;
            }
            // "lrs-user:s3cret pass" in base64
            if (req.get_header_value("Authorization") != "Basic bHJzLXVzZXI6czNjcmV0IHBhc3M=") {
                res.status = 401;
                return;
            }
            if (req.get_header_value("X-Experience-API-Version").rfind("1.0.", 0) != 0) {
                res.status = 400;
                res.set_content("missing X-Experience-API-Version", "text/plain");
                return;
            }
            const json body = json::parse(req.body, nullptr, false);
            json ids = json::array();
            if (!body.is_array()) {
                res.status = 400;
                return;
            }
            for (const json& s : body)
                if (s.is_object() && holds(s.value("id", ""))) {
                    res.status = 409;
                    res.set_content("a statement with id " + s.value("id", "") + " is held already", "text/plain");
                    return;
                }
            for (const json& s : body) {
                const std::vector<std::string> problems = pinpoint::core::xapiProblems(s);
                if (!problems.empty()) {
                    res.status = 400;
                    res.set_content(problems.front(), "text/plain");
                    return;
                }
                received_.push_back(s);
                ids.push_back(s["id"]);
            }
            res.set_content(ids.dump(), "application/json");
        });
        port_ = server_.bind_to_any_port("127.0.0.1");
        thread_ = std::thread([this] { server_.listen_after_bind(); });
        while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ~TestLrs() {
        server_.stop();
        thread_.join();
    }
    std::string endpoint() const { return "http://127.0.0.1:" + std::to_string(port_) + "/xapi"; }
    int requests() {
        std::lock_guard lock(mutex_);
        return requests_;
    }
    std::vector<json> received() {
        std::lock_guard lock(mutex_);
        return received_;
    }

private:
    bool holds(const std::string& id) const {
        for (const json& s : received_)
            if (s["id"] == id) return true;
        return false;
    }
    httplib::Server server_;
    std::thread thread_;
    int port_ = 0;
    std::mutex mutex_;
    int busyLeft_;
    int requests_ = 0;
    std::vector<json> received_;
};


}  // namespace

TEST_CASE("pinpoint xapi --lrs: sent with basic auth and the version header, retried while the LRS is busy") {
    Workspace w("cli-xapi-lrs");
    const std::string session = traineeSession(w, "forehead", "--zones forehead");
    TestLrs lrs(2);
    const std::string args = "xapi " + session + " --home-page https://academy.example.org --lrs " + lrs.endpoint() +
                             " --lrs-user lrs-user";
    const auto r = runPinpoint(args, "PINPOINT_LRS_PASSWORD='s3cret pass'");
    REQUIRE_MESSAGE(r.exitCode == 0, r.err);
    CHECK(r.err.find("1 statements acknowledged") != std::string::npos);
    CHECK(lrs.requests() == 3);  // busy twice, then acknowledged
    const std::vector<json> got = lrs.received();
    REQUIRE(got.size() == 1);
    CHECK(got[0]["actor"]["account"]["name"] == "trainee-007");

    // The wrong password: refused for good, exit 2, said so.
    const auto refused = runPinpoint(args, "PINPOINT_LRS_PASSWORD=wrong");
    CHECK(refused.exitCode == 2);
    CHECK(refused.err.find("HTTP 401") != std::string::npos);
}

TEST_CASE("pinpoint xapi --lrs: statements the LRS holds already (409) count as sent - the others in their batch are sent one by one") {
    Workspace w("cli-xapi-lrs-held");
    const std::string first = traineeSession(w, "forehead", "--zones forehead");
    const std::string second = traineeSession(w, "chin", "--zones chin");
    TestLrs lrs(0);
    const std::string common = " --home-page https://academy.example.org --lrs " + lrs.endpoint() + " --lrs-user lrs-user";
    const std::string password = "PINPOINT_LRS_PASSWORD='s3cret pass'";
    const auto once = runPinpoint("xapi " + first + common, password);
    REQUIRE_MESSAGE(once.exitCode == 0, once.err);
    REQUIRE(lrs.received().size() == 1);

    // Both now: the LRS refuses the batch for the one it holds; both end up there, nothing twice.
    const auto both = runPinpoint("xapi " + first + " " + second + common, password);
    REQUIRE_MESSAGE(both.exitCode == 0, both.err);
    CHECK_MESSAGE(both.err.find("2 statements acknowledged") != std::string::npos, both.err);
    CHECK_MESSAGE(both.err.find("1 of them it held already") != std::string::npos, both.err);
    const std::vector<json> got = lrs.received();
    REQUIRE(got.size() == 2);
    CHECK(got[0]["id"] != got[1]["id"]);
}

TEST_CASE("pinpoint xapi --lrs: an LRS that stays away is exit 1 after the retries, with what was acknowledged") {
    Workspace w("cli-xapi-lrs-away");
    const std::string session = traineeSession(w, "forehead", "--zones forehead");
    TestLrs lrs(100);  // busy for good
    const auto r = runPinpoint("xapi " + session + " --home-page https://academy.example.org --lrs " + lrs.endpoint() +
                               " --retries 2");
    CHECK(r.exitCode == 1);
    CHECK(r.err.find("did not acknowledge") != std::string::npos);
    CHECK(r.err.find("HTTP 503") != std::string::npos);
    CHECK(lrs.requests() == 3);
    // Nothing listening at all.
    const auto nobody = runPinpoint("xapi " + session + " --home-page https://academy.example.org --lrs http://127.0.0.1:1/xapi --retries 0");
    CHECK(nobody.exitCode == 1);
    const auto badUrl = runPinpoint("xapi " + session + " --home-page https://academy.example.org --lrs lrs.example.org");
    CHECK(badUrl.exitCode == 2);
    CHECK(badUrl.err.find("--lrs") != std::string::npos);
}
