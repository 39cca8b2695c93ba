// The store on PostgreSQL (libpq): a writer connection with synchronous_commit=on for the
// group-commit thread, one reader; either reconnects when the server went away.
#include <libpq-fe.h>

#include <cstdlib>

#include "database.hpp"
#include "histogram.hpp"
#include "schema.hpp"
#include "store_writes.hpp"

namespace pepite::collector {

namespace {

class pg_row final : public sql_row {
 public:
  pg_row(const PGresult* r, int row) : r_(r), row_(row) {}
  bool is_null(int c) const override { return PQgetisnull(r_, row_, c) != 0; }
  std::string text(int c) const override {
    return std::string(PQgetvalue(r_, row_, c), static_cast<std::size_t>(PQgetlength(r_, row_, c)));
  }
  std::int64_t integer(int c) const override {
    return std::strtoll(PQgetvalue(r_, row_, c), nullptr, 10);
  }

 private:
  const PGresult* r_;
  int row_;
};

struct result_owner {
  PGresult* r;
  ~result_owner() { PQclear(r); }
};

// `?1` and `?` placeholders as PostgreSQL's `$1`. Our statements hold no `?` in literals.
std::string numbered(const std::string& sql) {
  std::string out;
  out.reserve(sql.size() + 8);
  int next = 0;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    if (sql[i] != '?') {
      out += sql[i];
      continue;
    }
    out += '$';
    if (i + 1 < sql.size() && sql[i + 1] >= '0' && sql[i + 1] <= '9') continue;
    out += std::to_string(++next);
  }
  return out;
}

// Every session: commits durable before they are acknowledged, days and times in UTC.
const char* const session_sql =
    "SET synchronous_commit = on; SET TimeZone = 'UTC'; SET client_encoding = 'UTF8'; "
    "SET client_min_messages = warning";

class pg_connection final : public sql_connection {
 public:
  explicit pg_connection(const std::string& url) : conn_(PQconnectdb(url.c_str())) {
    if (PQstatus(conn_) == CONNECTION_OK) {
      run_script(session_sql);
    } else {
      error_ = PQerrorMessage(conn_);
    }
  }
  ~pg_connection() override { PQfinish(conn_); }
  bool ok() const { return PQstatus(conn_) == CONNECTION_OK; }

  std::int64_t run(const std::string& sql, const std::vector<sql_value>& values,
                   const sql_row_fn& on_row) override {
    if (!reconnect()) return -1;
    std::vector<std::string> texts(values.size());
    std::vector<const char*> params(values.size(), nullptr);
    for (std::size_t i = 0; i < values.size(); ++i) {
      const sql_value& v = values[i];
      if (v.type == sql_value::kind::null) continue;
      texts[i] = v.type == sql_value::kind::integer ? std::to_string(v.integer) : v.text;
      params[i] = texts[i].c_str();
    }
    result_owner r{PQexecParams(conn_, numbered(sql).c_str(), static_cast<int>(params.size()),
                                nullptr, params.data(), nullptr, nullptr, 0)};
    const ExecStatusType status = PQresultStatus(r.r);
    if (status == PGRES_TUPLES_OK) {
      const int n = PQntuples(r.r);
      if (on_row) {
        for (int i = 0; i < n; ++i) on_row(pg_row(r.r, i));
      }
      return n;
    }
    if (status == PGRES_COMMAND_OK) return std::strtoll(PQcmdTuples(r.r), nullptr, 10);
    error_ = PQresultErrorMessage(r.r);
    return -1;
  }

  bool run_script(const std::string& sql) override {
    if (!reconnect()) return false;
    result_owner r{PQexec(conn_, sql.c_str())};
    const ExecStatusType status = PQresultStatus(r.r);
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return true;
    error_ = PQresultErrorMessage(r.r);
    return false;
  }
  std::string error() const override { return error_; }

 private:
  // After the server restarted or the network dropped, the next statement reconnects (a batch
  // cut in the middle was rolled back by the server and is retried by the store).
  bool reconnect() {
    if (PQstatus(conn_) == CONNECTION_OK) return true;
    PQreset(conn_);
    if (PQstatus(conn_) != CONNECTION_OK) {
      error_ = PQerrorMessage(conn_);
      return false;
    }
    return run_script(session_sql);
  }

  PGconn* conn_;
  std::string error_;
};

class pg_database final : public database {
 public:
  std::unique_ptr<pg_connection> writer, reader_;
  histogram h_exec;

  pg_database() {
    dialect_.postgres = true;
    dialect_.begin = "BEGIN";
    dialect_.for_update = " FOR UPDATE";
  }
  sql_connection& reader() override { return *reader_; }
  int apply(const std::vector<write_job*>& batch) override {
    auto t0 = histogram::clock::now();
    const int written = apply_batch(*writer, dialect_, batch);
    h_exec.add(histogram::clock::now() - t0);
    return written;
  }
  std::string journal_mode() override { return "postgresql"; }
  int synchronous_level() const override { return 2; }
  std::string timings() const override {
    return h_exec.summary("store: transaction (statements + commit)");
  }
};

std::unique_ptr<pg_connection> connect(const std::string& url, std::string* error) {
  auto c = std::make_unique<pg_connection>(url);
  if (!c->ok()) {
    *error = "cannot connect to PostgreSQL: " + c->error();
    return nullptr;
  }
  return c;
}

}  // namespace

bool is_postgres_url(const std::string& target) {
  return target.rfind("postgresql://", 0) == 0 || target.rfind("postgres://", 0) == 0;
}

std::string printable_target(const std::string& target) {
  if (!is_postgres_url(target)) return target;
  const std::size_t scheme = target.find("://") + 3;
  const std::size_t at = target.find('@', scheme);
  const std::size_t colon = target.find(':', scheme);
  if (at == std::string::npos || colon == std::string::npos || colon > at) return target;
  return target.substr(0, colon + 1) + "***" + target.substr(at);
}

std::unique_ptr<database> open_postgres(const std::string& url, const store_options&,
                                        std::string* error) {
  auto state = std::make_unique<pg_database>();
  state->writer = connect(url, error);
  if (!state->writer) return nullptr;
  if (!migrate(*state->writer, state->dialect(), "the PostgreSQL database", error)) return nullptr;
  state->reader_ = connect(url, error);
  if (!state->reader_) return nullptr;
  return state;
}

}  // namespace pepite::collector
