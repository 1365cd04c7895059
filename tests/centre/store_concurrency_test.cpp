// Several stations streaming at once, each through its own connection and through one shared store:
// every line stored exactly once, every chain intact.
#include "store_test_support.h"

#include <random>
#include <thread>

using namespace store_test;

namespace {

// Sends `s` in batches of 1 to 25 lines, resending the last batch now and then as a station does
// when an acknowledgement is lost.
void stream(Store& store, Id station, const TestSession& s, unsigned seed, std::vector<std::string>& errors) {
    std::mt19937 random(seed);
    const int n = static_cast<int>(s.lines.size());
    int from = 0, previous = 0;
    while (from < n) {
        const bool resend = from > 0 && random() % 5 == 0;
        const int first = resend ? previous : from;
        const int count = 1 + static_cast<int>(random() % 25);
        Result<AppendResult> r = store.appendLines(station, s.key, first, s.slice(first, count));
        if (!r) {
            errors.push_back(r.error().describe());
            return;
        }
        previous = first;
        from = r->stored;
    }
}

void checkAllStored(Store& store, const std::vector<TestSession>& sessions) {
    for (const TestSession& s : sessions) {
        const std::optional<SessionRecord> r = require(store.findSession(s.key));
        REQUIRE(r);
        CHECK(r->lines == static_cast<int>(s.lines.size()));
        CHECK(require(store.sessionLines(r->id, 0, 1 << 20)) == s.lines);
        CHECK(core::verifySessionText(storedText(store, r->id)).status == core::SignatureStatus::Intact);
    }
}

}  // namespace

TEST_CASE("eight stations streaming at once, each with its own connection, lose and duplicate no line") {
    TestDatabase database;
    constexpr int kStations = 8;
    std::vector<TestSession> sessions;
    std::vector<Id> stations;
    {
        auto setup = database.open();
        for (int i = 0; i < kStations; ++i) {
            sessions.push_back(makeSession("trainee-" + std::to_string(i), "forehead-basic", 150, true, 40));
            stations.push_back(require(setup->addStation("bay " + std::to_string(i))).station.id);
        }
    }
    std::vector<std::vector<std::string>> errors(kStations);
    std::vector<std::unique_ptr<Store>> stores;
    for (int i = 0; i < kStations; ++i) stores.push_back(database.open());
    std::vector<std::thread> threads;
    for (int i = 0; i < kStations; ++i)
        threads.emplace_back([&, i] { stream(*stores[i], stations[i], sessions[i], 100 + i, errors[i]); });
    for (std::thread& t : threads) t.join();
    for (const auto& e : errors) CHECK_MESSAGE(e.empty(), (e.empty() ? "" : e.front()));
    auto store = database.open();
    checkAllStored(*store, sessions);
    auto raw = database.raw();
    std::size_t total = 0;
    for (const TestSession& s : sessions) total += s.lines.size();
    CHECK(sql::integer(require(raw->query("SELECT COUNT(*) FROM session_lines")).at(0).at(0)) == static_cast<long long>(total));
}

TEST_CASE("four stations sharing one store object from four threads, and two racing on one session's header") {
    TestDatabase database;
    auto store = database.open();
    std::vector<TestSession> sessions;
    std::vector<Id> stations;
    for (int i = 0; i < 4; ++i) {
        sessions.push_back(makeSession("trainee-" + std::to_string(i), "cheek-scars", 100, true, 30));
        stations.push_back(require(store->addStation("bay " + std::to_string(i))).station.id);
    }
    std::vector<std::vector<std::string>> errors(4);
    std::vector<std::thread> threads;
    for (int i = 0; i < 4; ++i)
        threads.emplace_back([&, i] { stream(*store, stations[i], sessions[i], 7 * i, errors[i]); });
    for (std::thread& t : threads) t.join();
    for (const auto& e : errors) CHECK_MESSAGE(e.empty(), (e.empty() ? "" : e.front()));
    checkAllStored(*store, sessions);

    // One station whose retry overtakes its first try: both send the header batch at once, on two
    // connections. One creates the session, the other finds it made and is a resend.
    const TestSession s = makeSession("trainee-9", "cheek-scars", 30);
    auto other = database.open();
    Result<AppendResult> a = storeError(Problem::Database, "not run"), b = a;
    std::thread first([&] { a = store->appendLines(stations[0], s.key, 0, s.slice(0, 10)); });
    std::thread second([&] { b = other->appendLines(stations[0], s.key, 0, s.slice(0, 10)); });
    first.join();
    second.join();
    REQUIRE_MESSAGE(a.ok(), (a.ok() ? "" : a.error().describe()));
    REQUIRE_MESSAGE(b.ok(), (b.ok() ? "" : b.error().describe()));
    CHECK(a->added + b->added == 10);
    CHECK(a->session == b->session);
    CHECK(require(store->findSession(s.key))->lines == 10);
}
