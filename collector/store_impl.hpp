// The store's private parts, shared by store.cpp, store_figures.cpp and store_cases.cpp: its
// state (store::impl: the database, the reader and the write queue) and the query helpers the
// three files share. Each is defined once, in the file named beside it.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "database.hpp"
#include "store.hpp"
#include "write_queue.hpp"

namespace pepite::collector {

/// The columns read_row reads, in its order (store.cpp).
extern const char* const row_columns;

// The payload follows row_columns; a case's columns follow the payload (read_case_row).
constexpr int payload_column = 23;

/// A response_row from a row of row_columns, then the payload when `with_payload` (store.cpp).
response_row read_row(const sql_row& s, bool with_payload);

// WHERE clause and its bound values (one `?` per value, bound in order).
struct where_clause {
  std::string sql;
  std::vector<sql_value> values;
  void add(const char* condition) {
    sql += sql.empty() ? " WHERE " : " AND ";
    sql += condition;
  }
  void add(const char* condition, sql_value value) {
    add(condition);
    values.push_back(std::move(value));
  }
};

/// The filter as a WHERE on `responses` (store.cpp).
where_clause build_where(const response_filter& f);

/// The filter as a WHERE on the rollups, or nullopt when they cannot answer it (store.cpp).
std::optional<where_clause> rollup_where(const response_filter& f, int minutes);

/// The responses joined with their cases, as `r` and `c` (store_cases.cpp).
extern const char* const case_from;

/// The store's state (store.cpp defines its methods).
struct store::impl {
  std::unique_ptr<database> db;
  std::mutex reader_mutex;
  std::unique_ptr<write_queue> queue;
  event_options events;

  int run_batch(const std::vector<write_job*>& batch);
  // A read the thread's route allows on the replica (replica_reads), else on the primary.
  std::int64_t read(const std::string& sql, const std::vector<sql_value>& values,
                    const sql_row_fn& on_row);
  // A read that must see the primary (the admin token, a row this request just wrote).
  std::int64_t read_primary(const std::string& sql, const std::vector<sql_value>& values,
                            const sql_row_fn& on_row);
};

}  // namespace pepite::collector
