// What the store needs of a SQL database, whichever it is: run a statement with bound values and
// read its rows. SQLite (sqlite_db.cpp) and PostgreSQL (postgres_db.cpp) implement it; the
// schema, the writes and the queries are written once against it.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pepite::collector {

/// A bound value: NULL, an integer or text.
struct sql_value {
  enum class kind { null, integer, text } type = kind::null;
  std::int64_t integer = 0;
  std::string text;

  sql_value() = default;
  sql_value(std::int64_t v) : type(kind::integer), integer(v) {}
  sql_value(int v) : type(kind::integer), integer(v) {}
  sql_value(bool v) : type(kind::integer), integer(v ? 1 : 0) {}
  sql_value(std::string_view v) : type(kind::text), text(v) {}
  sql_value(const std::string& v) : type(kind::text), text(v) {}
  sql_value(const char* v) : type(kind::text), text(v) {}
  sql_value(const std::optional<int>& v) {
    if (v) *this = sql_value(*v);
  }
  sql_value(const std::optional<std::string_view>& v) {
    if (v) *this = sql_value(*v);
  }
};

/// One row of a result, columns counted from 0.
class sql_row {
 public:
  virtual ~sql_row() = default;
  virtual bool is_null(int column) const = 0;
  virtual std::string text(int column) const = 0;
  virtual std::int64_t integer(int column) const = 0;
  std::optional<int> optional_int(int column) const {
    if (is_null(column)) return std::nullopt;
    return static_cast<int>(integer(column));
  }
};

using sql_row_fn = std::function<void(const sql_row&)>;

/// A statement with its values, for sql_connection::run_all().
struct sql_statement {
  std::string sql;
  std::vector<sql_value> values;
};

/// One connection. Statements use `?1`, `?2`… or plain `?` placeholders (not both in one
/// statement); a PostgreSQL connection rewrites them to `$n`. Not thread-safe.
class sql_connection {
 public:
  virtual ~sql_connection() = default;
  /// Runs `sql`; calls `on_row` for each row it returns. Returns the rows it changed (or
  /// returned), -1 on failure with the database's message in `error()`.
  virtual std::int64_t run(const std::string& sql, const std::vector<sql_value>& values = {},
                           const sql_row_fn& on_row = {}) = 0;
  /// Runs `statements` in order, as many run() calls would (their rows are not read): the rows
  /// each changed in `changed`. False at the first failure (those after it are not run), with
  /// its message in `error()`. PostgreSQL sends them together (a pipeline: one round trip).
  virtual bool run_all(const std::vector<sql_statement>& statements,
                       std::vector<std::int64_t>* changed) {
    changed->clear();
    for (const sql_statement& s : statements) {
      changed->push_back(run(s.sql, s.values));
      if (changed->back() < 0) return false;
    }
    return true;
  }
  /// Runs several statements without values (migrations).
  virtual bool run_script(const std::string& sql) = 0;
  virtual std::string error() const = 0;
};

/// The few places where the two SQL dialects differ.
struct sql_dialect {
  bool postgres = false;
  /// `BEGIN IMMEDIATE` (SQLite takes the write lock at once) or `BEGIN`.
  const char* begin = "BEGIN IMMEDIATE";
  /// Appended to a SELECT that reads a row the transaction will write: PostgreSQL locks it
  /// against a second collector; SQLite has one writer already.
  const char* for_update = "";
};

}  // namespace pepite::collector
