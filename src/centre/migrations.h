#pragma once
// Internal to the store: the schema, as an ordered list of versions, and the code that brings a
// database up to the latest one when a store is opened (docs/centre.md, "Migrations").
#include "centre/sql_connection.h"

#include <string>
#include <vector>

namespace pinpoint::centre {

// One version of the schema: statements that take the database from version-1 to version. The SQL
// is shared by both databases; `{id}` stands for an auto-numbered primary key column, the one
// place their dialects differ here.
struct Migration {
    int version = 0;
    std::string description;
    std::vector<std::string> statements;
};

const std::vector<Migration>& schemaMigrations();  // versions 1, 2, ... in order
int latestSchemaVersion();

// Applies the steps the database lacks, all in one transaction (a failed step leaves the database as
// it was), and returns the version it is at. Safe to run again and from several processes at once.
// A database newer than `steps` is refused: an older Pinpoint must not write to it.
Result<int> migrate(sql::Connection& db, const std::vector<Migration>& steps = schemaMigrations());

}  // namespace pinpoint::centre
