// The centre's database goes away mid-stream (PostgreSQL restarted, or out of connections): a station
// is told 503 with the reason, nothing of the refused batch is stored, and once the database is back the
// same centre process takes the rest: every line stored once, the chain intact. PostgreSQL only: it is
// the database that can be away while the centre runs.
#include "centre_server_support.h"

#include <chrono>
#include <thread>

using namespace centre_test;

TEST_CASE("the database away mid-stream: 503 with the reason, nothing half-stored, and the station resumes when it is back") {
    TestDatabase db;
    Folder f;
    const std::string token = addStation(db.where(), "station-1");
    const auto session = store_test::makeSession("trainee-db-away", "default", 900);
    const std::string file = sessionFile(f, session);
    CentreProcess centre(db.where(), f.path("keys"));
    httplib::Client client = clientFor(centre, token);
    const std::string path = "/api/v1/sessions/" + session.key + "/lines";
    REQUIRE(client.Post(path, batch(0, session.lines, 0, 300).dump(), "application/json")->status == 200);

    db.refuseConnections(true);
    auto refused = client.Post(path, batch(300, session.lines, 300, 300).dump(), "application/json");
    REQUIRE(refused);
    CHECK(refused->status == 503);
    const json why = json::parse(refused->body);
    CHECK(why["error"] == "database");
    CHECK_FALSE(why["message"].get<std::string>().empty());
    // The centre itself is up and says so; only what needs the database is refused.
    CHECK(client.Get("/api/v1/health")->status == 200);

    // The database comes back while `pinpoint upload` is retrying (503 is "busy": it waits and resends).
    std::thread back([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(700));
        db.refuseConnections(false);
    });
    const std::string out = upload(centre, token, file);
    back.join();
    CHECK(out.find("(" + std::to_string(session.lines.size() - 300) + " new)") != std::string::npos);
    CHECK(storedLines(db, session.key) == session.lines);
}
