// Sessions streamed line by line: in order, resent, in conflict, with a gap, tampered, interleaved.
#include "store_test_support.h"

using namespace store_test;

namespace {

struct Fixture {
    TestDatabase database;
    std::unique_ptr<Store> store = database.open();
    Id station = require(store->addStation("bay 1")).station.id;

    StoreError refused(const std::string& key, int first, const std::vector<std::string>& lines) {
        Result<AppendResult> r = store->appendLines(station, key, first, lines);
        REQUIRE_FALSE(r.ok());
        return r.error();
    }
    int stored(const std::string& key) {
        const std::optional<SessionRecord> s = require(store->findSession(key));
        return s ? s->lines : 0;
    }
};

bool mentions(const StoreError& e, const std::string& part) { return e.message.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("a session sent in order in batches is stored whole, its header read and its chain intact") {
    Fixture f;
    const TestSession s = makeSession("trainee-7", "cheek-scars", 120);
    const int n = static_cast<int>(s.lines.size());
    AppendResult last;
    for (int from = 0; from < n; from += 7) {
        last = require(f.store->appendLines(f.station, s.key, from, s.slice(from, 7)));
        CHECK(last.stored == std::min(from + 7, n));
        CHECK(last.added == last.stored - from);
    }
    const SessionRecord record = *require(f.store->findSession(s.key));
    CHECK(record.id == last.session);
    CHECK(record.station == f.station);
    CHECK(record.trainee == "trainee-7");
    CHECK(record.scenario == "cheek-scars");
    CHECK(record.scenarioSha256 == std::string(64, 'a'));
    CHECK(record.headerLine == s.lines[0]);
    CHECK(record.lines == n);
    CHECK(record.finished.has_value());
    CHECK_FALSE(record.witnessed);
    CHECK(require(f.store->sessionLines(record.id, 0, n + 5)) == s.lines);
    CHECK(require(f.store->sessionLines(record.id, 10, 3)) == s.slice(10, 3));
    CHECK(core::verifySessionText(storedText(*f.store, record.id)).status == core::SignatureStatus::Intact);

    // A batch longer than one INSERT statement takes (200 lines), in one go.
    const TestSession big = makeSession("trainee-8", "cheek-scars", 450);
    const AppendResult all = require(f.store->appendLines(f.station, big.key, 0, big.lines));
    CHECK(all.stored == static_cast<int>(big.lines.size()));
    CHECK(all.added == all.stored);
    CHECK(require(f.store->sessionLines(all.session, 0, 1000)) == big.lines);
}

TEST_CASE("lines sent again are accepted without being stored twice") {
    Fixture f;
    const TestSession s = makeSession("trainee-7", "cheek-scars", 40);
    require(f.store->appendLines(f.station, s.key, 0, s.slice(0, 10)));
    const AppendResult overlap = require(f.store->appendLines(f.station, s.key, 5, s.slice(5, 10)));
    CHECK(overlap.stored == 15);
    CHECK(overlap.added == 5);
    const AppendResult same = require(f.store->appendLines(f.station, s.key, 0, s.slice(0, 10)));
    CHECK(same.stored == 15);
    CHECK(same.added == 0);
    CHECK(require(f.store->appendLines(f.station, s.key, 15, {})).stored == 15);
    CHECK(require(f.store->sessionLines(overlap.session, 0, 100)) == s.slice(0, 15));
    auto raw = f.database.raw();
    CHECK(sql::integer(require(raw->query("SELECT COUNT(*) FROM session_lines")).at(0).at(0)) == 15);
}

TEST_CASE("a different line at a stored index is a conflict and stores nothing of its batch") {
    Fixture f;
    const TestSession s = makeSession("trainee-7", "cheek-scars", 40);
    const TestSession other = makeSession("trainee-8", "cheek-scars", 40);
    require(f.store->appendLines(f.station, s.key, 0, s.slice(0, 10)));
    std::vector<std::string> batch = s.slice(8, 6);  // lines 8..13: 8 and 9 stored, the rest new
    batch[1] = other.lines[9];
    const StoreError e = f.refused(s.key, 8, batch);
    CHECK(e.problem == Problem::Conflict);
    CHECK(e.storedLines == 10);
    CHECK(mentions(e, "line index 9 differs"));
    CHECK(f.stored(s.key) == 10);
    // Another station cannot add to this session, even with the right lines.
    const Id second = require(f.store->addStation("bay 2")).station.id;
    Result<AppendResult> r = f.store->appendLines(second, s.key, 10, s.slice(10, 5));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().problem == Problem::Conflict);
    CHECK(f.stored(s.key) == 10);
}

TEST_CASE("a batch that starts past the stored lines is a gap, answered with where to resume") {
    Fixture f;
    const TestSession s = makeSession("trainee-7", "cheek-scars", 40);
    const StoreError fresh = f.refused(s.key, 3, s.slice(3, 5));
    CHECK(fresh.problem == Problem::Gap);
    CHECK(fresh.storedLines == 0);
    CHECK_FALSE(require(f.store->findSession(s.key)).has_value());
    require(f.store->appendLines(f.station, s.key, 0, s.slice(0, 5)));
    for (int first : {6, 7}) {
        const StoreError gap = f.refused(s.key, first, s.slice(first, 5));
        CHECK(gap.problem == Problem::Gap);
        CHECK(gap.storedLines == 5);
        CHECK(mentions(gap, "send from line index 5"));
    }
    CHECK(require(f.store->appendLines(f.station, s.key, 5, s.slice(5, 7))).stored == 12);
}

TEST_CASE("a changed line, a line after the closing signature and a bad header are refused") {
    Fixture f;
    const TestSession s = makeSession("trainee-7", "cheek-scars", 40);
    require(f.store->appendLines(f.station, s.key, 0, s.slice(0, 5)));
    std::vector<std::string> batch = s.slice(5, 5);
    batch[2].replace(batch[2].find("\"t\":"), 4, "\"t\": ");  // one byte more on line 7
    StoreError e = f.refused(s.key, 5, batch);
    CHECK(e.problem == Problem::Tampered);
    CHECK(mentions(e, "line index 7 (line 8 of the file): its chain hash does not follow"));
    CHECK(e.storedLines == 5);
    CHECK(f.stored(s.key) == 5);   // lines 5 and 6, good in themselves, are not kept either

    // Lines taken out: line 6 sent in the place of line 5.
    CHECK(f.refused(s.key, 5, s.slice(6, 3)).problem == Problem::Tampered);

    // Nothing follows the closing signature.
    require(f.store->appendLines(f.station, s.key, 5, s.slice(5, 1000)));
    const TestSession longer = makeSession("trainee-7", "cheek-scars", 60);
    e = f.refused(s.key, static_cast<int>(s.lines.size()), {longer.lines[45]});
    CHECK(e.problem == Problem::Tampered);
    CHECK(mentions(e, "after the closing signature"));

    // The key must be the header's seal, and line 0 a header.
    const TestSession t = makeSession("trainee-9", "cheek-scars", 10);
    CHECK(f.refused(std::string(16, '0'), 0, t.slice(0, 3)).problem == Problem::BadInput);
    CHECK(f.refused("NOT-A-KEY", 0, t.slice(0, 3)).problem == Problem::BadInput);
    core::SessionChain chain;
    const std::string notHeader = chain.seal(R"({"t":0.5,"type":"pose","p":[1,1500,80],"contact":false})");
    e = f.refused(notHeader.substr(notHeader.size() - 18, 16), 0, {notHeader});
    CHECK(e.problem == Problem::BadInput);
    CHECK(mentions(e, "not a session header"));
    CHECK(f.refused(t.key, 0, {core::withoutSeal(t.lines[0])}).problem == Problem::Tampered);
    CHECK(require(f.store->sessions({})).size() == 1);
}

TEST_CASE("two sessions streamed at once, their batches interleaved, are each stored whole") {
    Fixture f;
    const Id second = require(f.store->addStation("bay 2")).station.id;
    const TestSession a = makeSession("trainee-1", "forehead-basic", 90);
    const TestSession b = makeSession("trainee-2", "forehead-basic", 70);
    for (int from = 0; from < 120; from += 9) {
        if (from < static_cast<int>(a.lines.size())) require(f.store->appendLines(f.station, a.key, from, a.slice(from, 9)));
        if (from < static_cast<int>(b.lines.size())) require(f.store->appendLines(second, b.key, from, b.slice(from, 9)));
    }
    for (const TestSession* s : {&a, &b}) {
        const SessionRecord r = *require(f.store->findSession(s->key));
        CHECK(require(f.store->sessionLines(r.id, 0, 1000)) == s->lines);
        CHECK(core::verifySessionText(storedText(*f.store, r.id)).status == core::SignatureStatus::Intact);
    }
    CHECK(require(f.store->sessions({std::nullopt, second, std::nullopt})).at(0).key == b.key);
}
