// A store's database: its connections and what differs between SQLite and PostgreSQL beyond the
// SQL dialect (WAL checkpoints, retries, reconnection). The store (store.cpp) drives it.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sql.hpp"
#include "store.hpp"
#include "write_queue.hpp"

namespace pepite::collector {

class database {
 public:
  virtual ~database() = default;
  const sql_dialect& dialect() const { return dialect_; }
  /// The connection for queries; the store serialises its use.
  virtual sql_connection& reader() = 0;
  /// Runs a read that may lag on the replica (`--read-db`) when it is usable now: its rows to
  /// `on_row`, their count. Nullopt, with nothing passed to `on_row`, when the read belongs on
  /// reader(): no replica, or it is down, not a standby, lagging, or this query failed there.
  virtual std::optional<std::int64_t> read_replica(const std::string&,
                                                   const std::vector<sql_value>&,
                                                   const sql_row_fn&) {
    return std::nullopt;
  }
  /// Where those reads go now (store::read_side); empty without a replica.
  virtual std::string read_side() const { return {}; }
  /// Runs one batch of writes in one transaction on the writer connection (writer thread only).
  virtual int apply(const std::vector<write_job*>& batch) = 0;
  /// `wal` for SQLite, `postgresql` for PostgreSQL.
  virtual std::string journal_mode() = 0;
  /// 2 when a commit is durable before it is acknowledged (SQLite FULL, PostgreSQL
  /// synchronous_commit=on).
  virtual int synchronous_level() const = 0;
  virtual std::int64_t wal_restarts() const { return 0; }
  /// A rate-limit token from the bucket of `client` shared by every collector on this database:
  /// 1 taken, 0 refused (`*retry_after_seconds` set), -1 when the database keeps none.
  virtual int take_token(std::string_view, double, double, int*) { return -1; }
  /// The database's own lines for `--timings`.
  virtual std::string timings() const = 0;

 protected:
  sql_dialect dialect_;
};

/// `path` a SQLite file (created 0600 with its WAL files).
std::unique_ptr<database> open_sqlite(const std::string& path, const store_options& options,
                                      std::string* error);
/// `url` a libpq connection URI (`postgresql://user@host:port/db`).
std::unique_ptr<database> open_postgres(const std::string& url, const store_options& options,
                                        std::string* error);

/// True when `target` names a PostgreSQL database rather than a SQLite file.
bool is_postgres_url(const std::string& target);

}  // namespace pepite::collector
