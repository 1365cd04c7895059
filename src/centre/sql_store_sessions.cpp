// The store: sessions as they stream in line by line, and the centre's receipts.
#include "centre/sql_store.h"

#include "centre/live_witness.h"
#include "core/session/session_file.h"
#include "core/session/session_signing.h"

#include <nlohmann/json.hpp>

namespace pinpoint::centre {

namespace {

const char* kSessionColumns = "id, session_key, station_id, trainee, scenario_id, scenario_sha256, header_line, "
                              "started_ms, finished_ms, line_count, witnessed, chain_head, receipt_count, receipts_in_step, receipts_out_of_step";

SessionRecord sessionFrom(const sql::Row& row) {
    SessionRecord s;
    s.id = sql::integer(row[0]);
    s.key = sql::text(row[1]);
    s.station = sql::integer(row[2]);
    s.trainee = sql::text(row[3]);
    s.scenario = sql::text(row[4]);
    s.scenarioSha256 = sql::text(row[5]);
    s.headerLine = sql::text(row[6]);
    s.started = sql::integer(row[7]);
    s.finished = sql::maybeInteger(row[8]);
    s.lines = static_cast<int>(sql::integer(row[9]));
    s.witnessed = sql::integer(row[10]) != 0;
    s.chainHead = sql::text(row[11]);
    s.receipts = static_cast<int>(sql::integer(row[12]));
    s.receiptsInStep = static_cast<int>(sql::integer(row[13]));
    s.receiptsOutOfStep = static_cast<int>(sql::integer(row[14]));
    return s;
}

bool isSessionKey(const std::string& key) {
    if (key.size() != 16) return false;
    for (char c : key)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    return true;
}

StoreError withCount(Problem problem, std::string message, int stored) {
    return StoreError{problem, std::move(message), stored};
}

// "line index 7 (line 8 of the file): ..." from the core's "line 8: ...": the station counts from 0.
std::string fileLine(int index, std::string message) {
    const std::string core = "line " + std::to_string(index + 1);
    if (message.rfind(core, 0) == 0) message.erase(0, core.size());
    if (message.rfind(": ", 0) != 0 && message.rfind(' ', 0) != 0) message = ": " + message;
    return "line index " + std::to_string(index) + " (" + core + " of the file)" + message;
}

// The state of a session that lines are being added to, read under its row lock.
struct Open {
    Id id = 0;
    Id station = 0;
    int lines = 0;
    core::ChainState chain{};
    std::optional<std::int64_t> finished;
};

// Creates the session from its header line (line 0), with no line stored yet.
Result<Done> createSession(sql::Connection& db, Id station, const std::string& key, const std::string& header) {
    core::Result<core::ChainLink> link = core::continueChain(core::chainAtStart(), 1, header);
    if (!link) return storeError(Problem::Tampered, "session " + key + ", " + fileLine(0, link.error().message));
    if (link->seal != key)
        return storeError(Problem::BadInput, "the header line's seal is " + link->seal + ", not the session key " + key);
    core::Result<core::Session> read = core::parseSession(header + "\n", "session " + key);
    if (!read) return storeError(Problem::BadInput, "line index 0 is not a session header: " + read.error().describe());
    const core::SessionHeader& h = read->header;
    Result<sql::Rows> r = db.query(
        "INSERT INTO sessions (session_key, station_id, trainee, scenario_id, scenario_sha256, header_line, started_ms, "
        "line_count, chain_head) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?) ON CONFLICT (session_key) DO NOTHING",
        {key, station, h.trainee, h.scenarioId, h.scenarioSha256, header, sql::nowMillis(), core::toHex(core::chainAtStart())});
    if (!r) return r.error();
    return Done{};
}

constexpr std::size_t kLineColumns = 5;

// Inserts session_lines rows (kLineColumns values each), up to 200 rows per statement: well inside
// both databases' limits on parameters.
Result<Done> insertLines(sql::Connection& db, const std::vector<sql::Value>& values) {
    constexpr std::size_t kRowsPerStatement = 200;
    const std::size_t rows = values.size() / kLineColumns;
    for (std::size_t first = 0; first < rows; first += kRowsPerStatement) {
        const std::size_t count = std::min(kRowsPerStatement, rows - first);
        std::string sql = "INSERT INTO session_lines (session_id, line_index, line_text, seal, received_ms) VALUES ";
        for (std::size_t i = 0; i < count; ++i) sql += i ? ", (?, ?, ?, ?, ?)" : "(?, ?, ?, ?, ?)";
        const auto begin = values.begin() + static_cast<std::ptrdiff_t>(first * kLineColumns);
        Result<sql::Rows> r = db.query(sql, std::vector<sql::Value>(begin, begin + static_cast<std::ptrdiff_t>(count * kLineColumns)));
        if (!r) return r.error();
    }
    return Done{};
}

}  // namespace

Result<AppendResult> SqlStore::appendLines(Id station, const std::string& key, int firstIndex,
                                           const std::vector<std::string>& lines) {
    if (!isSessionKey(key))
        return storeError(Problem::BadInput, "a session key is the 16 lower-case hex digits of its header line's seal");
    if (firstIndex < 0) return storeError(Problem::BadInput, "a batch cannot start before line 0");
    for (std::size_t i = 0; i < lines.size(); ++i)
        if (lines[i].empty() || lines[i].find('\n') != std::string::npos)
            return storeError(Problem::BadInput, "line " + std::to_string(firstIndex + static_cast<int>(i)) +
                                                     " is empty or holds a line break");
    return transaction<AppendResult>([&](sql::Connection& db) -> Result<AppendResult> {
        Result<sql::Rows> who = db.query("SELECT revoked_ms FROM stations WHERE id = ?", {station});
        if (!who) return who.error();
        if (who->empty()) return storeError(Problem::NotFound, "no station " + std::to_string(station));
        if (who->front()[0]) return storeError(Problem::Refused, "station " + std::to_string(station) + " was revoked");

        const std::string select = "SELECT id, station_id, line_count, chain_head, finished_ms FROM sessions "
                                   "WHERE session_key = ?" + forUpdate();
        Result<sql::Rows> found = db.query(select, {key});
        if (!found) return found.error();
        if (found->empty()) {
            if (firstIndex > 0)
                return withCount(Problem::Gap, "the centre holds no line of session " + key + ": send it from line index 0", 0);
            if (lines.empty()) return AppendResult{};
            if (Result<Done> made = createSession(db, station, key, lines[0]); !made) return made.error();
            found = db.query(select, {key});  // ours, or one another connection made just before
            if (!found) return found.error();
        }
        const sql::Row& row = found->at(0);
        Open s{sql::integer(row[0]), sql::integer(row[1]), static_cast<int>(sql::integer(row[2])),
               core::fromHex<32>(sql::text(row[3])).value_or(core::ChainState{}), sql::maybeInteger(row[4])};
        if (s.station != station)
            return withCount(Problem::Conflict, "session " + key + " is streamed by another station", s.lines);
        if (firstIndex > s.lines)
            return withCount(Problem::Gap, "session " + key + " has " + std::to_string(s.lines) + " lines stored; the batch starts at line index " +
                                               std::to_string(firstIndex) + ": send from line index " + std::to_string(s.lines), s.lines);

        // Lines the centre holds already: a resend of the same line is fine, any other line is not.
        const int batchEnd = firstIndex + static_cast<int>(lines.size());
        if (firstIndex < s.lines) {
            Result<sql::Rows> held = db.query("SELECT line_index, line_text, seal FROM session_lines WHERE session_id = ? "
                                              "AND line_index >= ? AND line_index < ? ORDER BY line_index",
                                              {s.id, std::int64_t{firstIndex}, std::int64_t{std::min(batchEnd, s.lines)}});
            if (!held) return held.error();
            for (const sql::Row& h : *held) {
                const int index = static_cast<int>(sql::integer(h[0]));
                const std::string& sent = lines[static_cast<std::size_t>(index - firstIndex)];
                if (sent != sql::text(h[1]))
                    return withCount(Problem::Conflict, "session " + key + ", line index " + std::to_string(index) +
                                                            " differs from the line stored there (seal " + sql::text(h[2]) + ")",
                                     s.lines);
            }
        }

        // Every new line is checked first; then they go in with a few multi-row INSERTs (one statement
        // per line costs a round trip each on PostgreSQL).
        std::vector<sql::Value> rows;
        const std::int64_t now = sql::nowMillis();
        for (int index = std::max(firstIndex, s.lines); index < batchEnd; ++index) {
            const std::string& line = lines[static_cast<std::size_t>(index - firstIndex)];
            if (s.finished)
                return withCount(Problem::Tampered, "session " + key + ", line index " + std::to_string(index) +
                                                        " comes after the closing signature", s.lines);
            core::Result<core::ChainLink> link = core::continueChain(s.chain, index + 1, line);
            if (!link) return withCount(Problem::Tampered, "session " + key + ", " + fileLine(index, link.error().message),
                                        s.lines);
            rows.insert(rows.end(), {s.id, std::int64_t{index}, line, link->seal, now});
            s.chain = link->chain;
            if (link->final) s.finished = now;
        }
        if (Result<Done> r = insertLines(db, rows); !r) return r.error();
        const int added = static_cast<int>(rows.size() / kLineColumns);
        const int stored = std::max(s.lines, batchEnd);
        if (added > 0) {
            Result<sql::Rows> r = db.query("UPDATE sessions SET line_count = ?, chain_head = ?, finished_ms = ? WHERE id = ?",
                                           {std::int64_t{stored}, core::toHex(s.chain),
                                            s.finished ? sql::Value(*s.finished) : sql::Value(nullptr), s.id});
            if (!r) return r.error();
        }
        return AppendResult{s.id, stored, added};
    });
}

Result<std::optional<SessionRecord>> SqlStore::findSession(const std::string& key) {
    return transaction<std::optional<SessionRecord>>([&](sql::Connection& db) -> Result<std::optional<SessionRecord>> {
        Result<sql::Rows> r = db.query(std::string("SELECT ") + kSessionColumns + " FROM sessions WHERE session_key = ?", {key});
        if (!r) return r.error();
        if (r->empty()) return std::optional<SessionRecord>();
        return std::optional<SessionRecord>(sessionFrom(r->front()));
    }, Access::Read);
}

std::string sessionsWhere(const SessionFilter& filter, std::vector<sql::Value>& params) {
    std::string sql = " WHERE 1 = 1";
    if (filter.trainee) sql += " AND s.trainee = ?", params.emplace_back(*filter.trainee);
    if (filter.station) sql += " AND s.station_id = ?", params.emplace_back(*filter.station);
    if (filter.scenario) sql += " AND s.scenario_id = ?", params.emplace_back(*filter.scenario);
    return sql;
}

Result<std::vector<SessionRecord>> SqlStore::sessions(const SessionFilter& filter) {
    std::vector<sql::Value> params;
    const std::string sql =
        std::string("SELECT ") + kSessionColumns + " FROM sessions s" + sessionsWhere(filter, params) + " ORDER BY s.started_ms, s.id";
    return transaction<std::vector<SessionRecord>>([&](sql::Connection& db) -> Result<std::vector<SessionRecord>> {
        Result<sql::Rows> r = db.query(sql, params);
        if (!r) return r.error();
        std::vector<SessionRecord> out;
        for (const sql::Row& row : *r) out.push_back(sessionFrom(row));
        return out;
    }, Access::Read);
}

Result<std::vector<std::string>> SqlStore::sessionLines(Id session, int from, int count) {
    if (from < 0 || count < 0) return storeError(Problem::BadInput, "lines are asked for from index 0 on");
    return transaction<std::vector<std::string>>([&](sql::Connection& db) -> Result<std::vector<std::string>> {
        if (Result<Done> e = sessionExists(db, session); !e) return e.error();
        Result<sql::Rows> r = db.query("SELECT line_text FROM session_lines WHERE session_id = ? AND line_index >= ? "
                                       "AND line_index < ? ORDER BY line_index",
                                       {session, std::int64_t{from}, std::int64_t{from} + count});
        if (!r) return r.error();
        std::vector<std::string> out;
        for (const sql::Row& row : *r) out.push_back(sql::text(row[0]));
        return out;
    }, Access::Read);
}

namespace {

// A stored line's recording time in ms: its "t" (seconds from the recording's start), 0 for the header;
// none when the line has no time.
std::optional<UnixMillis> recordingTimeOf(const std::string& lineText) {
    const nlohmann::json line = nlohmann::json::parse(lineText, nullptr, false);
    if (!line.is_object()) return std::nullopt;
    if (line.value("type", "") == "header") return UnixMillis{0};
    const auto t = line.find("t");
    if (t == line.end() || !t->is_number() || !(t->get<double>() >= 0.0) || t->get<double>() > 1e9) return std::nullopt;
    return static_cast<UnixMillis>(t->get<double>() * 1000.0 + 0.5);
}

}  // namespace

Result<Receipt> SqlStore::recordReceipt(Id session, int lineIndex, UnixMillis receivedAt, const std::string& signature) {
    if (signature.empty()) return storeError(Problem::BadInput, "a receipt needs the centre's signature");
    return transaction<Receipt>([&](sql::Connection& db) -> Result<Receipt> {
        Result<sql::Rows> line = db.query("SELECT seal, line_text FROM session_lines WHERE session_id = ? AND line_index = ?",
                                          {session, std::int64_t{lineIndex}});
        if (!line) return line.error();
        if (line->empty())
            return storeError(Problem::NotFound, "session " + std::to_string(session) + " has no stored line " +
                                                     std::to_string(lineIndex) + " to witness");
        const std::optional<UnixMillis> recorded = recordingTimeOf(sql::text(line->front()[1]));
        Result<sql::Rows> r = db.query("INSERT INTO receipts (session_id, line_index, seal, received_ms, signature, recorded_ms) "
                                       "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (session_id, line_index) DO NOTHING "
                                       "RETURNING line_index",
                                       {session, std::int64_t{lineIndex}, sql::text(line->front()[0]), receivedAt, signature,
                                        recorded ? sql::Value(*recorded) : sql::Value(nullptr)});
        if (!r) return r.error();
        if (!r->empty()) {  // a new receipt: counted by what it shows (a resend's receipt was counted once)
            Result<sql::Rows> header = db.query("SELECT started_ms FROM sessions WHERE id = ?", {session});
            if (!header) return header.error();
            Receipt made;
            made.receivedAt = receivedAt;
            made.recordedMs = recorded;
            const ReceiptStep step = receiptStep(sql::integer(header->at(0).at(0)), made);
            std::string counts = "receipt_count = receipt_count + 1";
            if (step == ReceiptStep::InStep) counts += ", receipts_in_step = receipts_in_step + 1";
            if (step == ReceiptStep::OutOfStep) counts += ", receipts_out_of_step = receipts_out_of_step + 1";
            if (Result<sql::Rows> w = db.query("UPDATE sessions SET witnessed = 1, " + counts + " WHERE id = ?", {session}); !w)
                return w.error();
        }
        Result<sql::Rows> kept = db.query("SELECT seal, received_ms, signature, recorded_ms FROM receipts WHERE session_id = ? "
                                          "AND line_index = ?", {session, std::int64_t{lineIndex}});
        if (!kept) return kept.error();
        const sql::Row& k = kept->at(0);
        return Receipt{session, lineIndex, sql::text(k[0]), sql::integer(k[1]), sql::text(k[2]), sql::maybeInteger(k[3])};
    });
}

Result<std::vector<Receipt>> SqlStore::receipts(Id session) {
    return transaction<std::vector<Receipt>>([&](sql::Connection& db) -> Result<std::vector<Receipt>> {
        if (Result<Done> e = sessionExists(db, session); !e) return e.error();
        Result<sql::Rows> r = db.query("SELECT line_index, seal, received_ms, signature, recorded_ms FROM receipts "
                                       "WHERE session_id = ? ORDER BY line_index", {session});
        if (!r) return r.error();
        std::vector<Receipt> out;
        for (const sql::Row& row : *r)
            out.push_back({session, static_cast<int>(sql::integer(row[0])), sql::text(row[1]), sql::integer(row[2]),
                           sql::text(row[3]), sql::maybeInteger(row[4])});
        return out;
    }, Access::Read);
}

}  // namespace pinpoint::centre
