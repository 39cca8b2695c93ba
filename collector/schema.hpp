// The store's schema: versioned migrations, the same for SQLite and PostgreSQL.
#pragma once

#include <functional>
#include <string>

#include "sql.hpp"

namespace pepite::collector {

/// Schema version this build writes (SQLite: `PRAGMA user_version`; PostgreSQL: the `meta`
/// row `schema_version`); older databases are migrated on open.
inline constexpr int schema_version = 10;

/// The SQL of schema version 1 (SQLite), exposed so the migration tests can build an old file.
extern const char* const schema_v1_sql;

/// The SQL that takes a database from version `from` to `from + 1`, exposed so the migration
/// tests can build an old database of each version.
std::string migration_sql(int from, const sql_dialect& dialect);

/// The database's schema version (0 when empty), -1 when it cannot be read.
int read_schema_version(sql_connection& db, const sql_dialect& dialect);

/// Brings the database to `schema_version`, one transaction per step on SQLite (a crash
/// mid-migration leaves it at the previous version), one for all steps on PostgreSQL, under an
/// advisory lock so two collectors starting together migrate once. Refuses a newer database.
/// `name` names it in messages.
/// `on_phase` (may be empty) is told what the open is doing while it may last (issue 18):
/// `("starting", "waiting for …")` while another connection holds the migration's lock (it
/// waits, on SQLite too, instead of giving up), `("migrating", "schema version 6 to 9")`.
using open_phase_fn = std::function<void(const char* status, const std::string& detail)>;
bool migrate(sql_connection& db, const sql_dialect& dialect, const std::string& name,
             std::string* error, const open_phase_fn& on_phase = {});

}  // namespace pepite::collector
