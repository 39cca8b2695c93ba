// The store on PostgreSQL (libpq): a writer connection with synchronous_commit=on for the
// group-commit thread, one reader; either reconnects when the server went away. With
// `--read-db`, a streaming replica for the reads that may lag (pg_replica).
#include <libpq-fe.h>
#include <poll.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <mutex>
#include <string_view>
#include <thread>
#include <unordered_map>

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

// A statement's values as libpq takes them: text, or null pointers for NULL.
struct bound_values {
  std::vector<std::string> texts;
  std::vector<const char*> params;
  explicit bound_values(const std::vector<sql_value>& values)
      : texts(values.size()), params(values.size(), nullptr) {
    for (std::size_t i = 0; i < values.size(); ++i) {
      const sql_value& v = values[i];
      if (v.type == sql_value::kind::null) continue;
      texts[i] = v.type == sql_value::kind::integer ? std::to_string(v.integer) : v.text;
      params[i] = texts[i].c_str();
    }
  }
  int count() const { return static_cast<int>(params.size()); }
};

class pg_connection final : public sql_connection {
 public:
  // `timeout_ms` > 0: a statement with no complete answer by then fails, and the connection is
  // dropped (a replica that accepts connections but has stopped answering; the next statement
  // connects again). `prepare`: each statement with values is parsed and planned once per
  // connection (a named prepared statement, kept until the connection is lost); `pipeline`:
  // run_all() sends its statements together (the writer, the rate limiter).
  explicit pg_connection(const std::string& url, int timeout_ms = 0, bool prepare = false,
                         bool pipeline = false)
      : url_(url),
        timeout_ms_(timeout_ms),
        prepare_(prepare),
        pipeline_(pipeline),
        conn_(PQconnectdb(url.c_str())) {
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
    drop_stale();
    const bound_values bound(values);
    const std::string text = numbered(sql);
    const std::string* name = nullptr;
    if (!values.empty() && !prepared_name(text, &name)) return -1;
    result_owner r{timeout_ms_ > 0 ? within_timeout(text, name, bound)
                   : name ? PQexecPrepared(conn_, name->c_str(), bound.count(), bound.params.data(),
                                           nullptr, nullptr, 0)
                          : PQexecParams(conn_, text.c_str(), bound.count(), nullptr,
                                         bound.params.data(), nullptr, nullptr, 0)};
    if (!r.r) return -1;
    const ExecStatusType status = PQresultStatus(r.r);
    if (status == PGRES_TUPLES_OK) {
      const int n = PQntuples(r.r);
      if (on_row) {
        for (int i = 0; i < n; ++i) on_row(pg_row(r.r, i));
      }
      return n;
    }
    if (status == PGRES_COMMAND_OK) return std::strtoll(PQcmdTuples(r.r), nullptr, 10);
    failed(r.r);
    return -1;
  }

  // A pipeline (libpq's pipeline mode): the statements sent together, then their results read,
  // one round trip for up to `pipeline_depth` statements instead of one each.
  bool run_all(const std::vector<sql_statement>& statements,
               std::vector<std::int64_t>* changed) override {
    if (!pipeline_ || timeout_ms_ > 0 || statements.size() < 2) {
      return sql_connection::run_all(statements, changed);
    }
    changed->clear();
    if (!reconnect()) return false;
    drop_stale();
    // A text seen for the first time is prepared before the pipeline (one round trip, once).
    std::vector<std::string> texts;
    std::vector<const std::string*> names(statements.size(), nullptr);
    texts.reserve(statements.size());
    for (std::size_t i = 0; i < statements.size(); ++i) {
      texts.push_back(numbered(statements[i].sql));
      if (!statements[i].values.empty() && !prepared_name(texts[i], &names[i])) return false;
    }
    for (std::size_t from = 0; from < statements.size(); from += pipeline_depth) {
      const std::size_t to = std::min(statements.size(), from + pipeline_depth);
      if (!PQenterPipelineMode(conn_)) return broken();
      for (std::size_t i = from; i < to; ++i) {
        const bound_values bound(statements[i].values);
        if (!send(texts[i], names[i], bound)) return broken();
      }
      if (!PQpipelineSync(conn_)) return broken();
      // Each statement's result, then a null; those after a failure come back aborted.
      bool all_ok = true;
      for (std::size_t i = from; i < to; ++i) {
        result_owner r{PQgetResult(conn_)};
        if (!r.r) return broken();
        while (PGresult* rest = PQgetResult(conn_)) PQclear(rest);
        const ExecStatusType status = PQresultStatus(r.r);
        if (status == PGRES_COMMAND_OK) {
          changed->push_back(std::strtoll(PQcmdTuples(r.r), nullptr, 10));
        } else if (status == PGRES_TUPLES_OK) {
          changed->push_back(PQntuples(r.r));
        } else if (all_ok) {
          failed(r.r);
          all_ok = false;
        }
      }
      result_owner sync{PQgetResult(conn_)};
      if (!sync.r || PQresultStatus(sync.r) != PGRES_PIPELINE_SYNC || !PQexitPipelineMode(conn_)) {
        return broken();
      }
      if (!all_ok) return false;
    }
    return true;
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
  // At most this many statements prepared per connection (the writer's are a dozen; a text built
  // with other values each time would otherwise grow the server's memory): past it, unprepared.
  static constexpr std::size_t max_prepared = 256;
  static constexpr std::size_t pipeline_depth = 256;

  // The name of the statement prepared for `text` on this connection (preparing it the first
  // time), or null when statements are not prepared here. False when it could not be prepared.
  bool prepared_name(const std::string& text, const std::string** name) {
    *name = nullptr;
    if (!prepare_) return true;
    const auto found = prepared_.find(text);
    if (found != prepared_.end()) {
      *name = &found->second;
      return true;
    }
    if (stale_ || prepared_.size() >= max_prepared) return true;
    const std::string id = "pepite_" + std::to_string(++prepared_count_);
    result_owner r{PQprepare(conn_, id.c_str(), text.c_str(), 0, nullptr)};
    if (PQresultStatus(r.r) != PGRES_COMMAND_OK) {
      error_ = r.r ? PQresultErrorMessage(r.r) : PQerrorMessage(conn_);
      return false;
    }
    *name = &prepared_.emplace(text, id).first->second;
    return true;
  }

  // A statement the server no longer knows, or whose plan changed its result's columns (a
  // migration by another collector): all are dropped, between two transactions (before the next
  // BEGIN), and prepared again as they are used. Meanwhile statements run unprepared.
  void drop_stale() {
    if (!stale_ || PQtransactionStatus(conn_) != PQTRANS_IDLE) return;
    result_owner r{PQexec(conn_, "DEALLOCATE ALL")};
    if (PQresultStatus(r.r) != PGRES_COMMAND_OK) return;
    prepared_.clear();
    stale_ = false;
  }

  // A statement's failure: its message, and whether the prepared statements went stale.
  void failed(const PGresult* r) {
    error_ = PQresultErrorMessage(r);
    const char* state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
    // 26000: no such prepared statement; 0A000: "cached plan must not change result type".
    if (prepare_ && state &&
        (std::string_view(state) == "26000" || std::string_view(state) == "0A000")) {
      stale_ = true;
    }
  }

  // The pipeline cut (the server gone): the connection is dropped, the next statement connects
  // again (the transaction was rolled back by the server).
  bool broken() {
    error_ = conn_ ? PQerrorMessage(conn_) : "no connection";
    PQfinish(conn_);
    conn_ = nullptr;
    return false;
  }

  // After the server restarted or the network dropped, the next statement reconnects (a batch
  // cut in the middle was rolled back by the server and is retried by the store).
  bool reconnect() {
    if (PQstatus(conn_) == CONNECTION_OK) return true;
    if (!conn_) {
      conn_ = PQconnectdb(url_.c_str());
    } else {
      PQreset(conn_);
    }
    // A new session: the statements prepared on the old one are gone with it.
    prepared_.clear();
    stale_ = false;
    if (PQstatus(conn_) != CONNECTION_OK) {
      error_ = PQerrorMessage(conn_);
      return false;
    }
    return run_script(session_sql);
  }

  // Sends a statement without waiting for its result: the prepared one when `name` is set.
  bool send(const std::string& text, const std::string* name, const bound_values& bound) {
    return name ? PQsendQueryPrepared(conn_, name->c_str(), bound.count(), bound.params.data(),
                                      nullptr, nullptr, 0)
                : PQsendQueryParams(conn_, text.c_str(), bound.count(), nullptr,
                                    bound.params.data(), nullptr, nullptr, 0);
  }

  // The statement sent, then its results awaited at most `timeout_ms_` in all: the last result,
  // or null (error_ set, the connection dropped) when the server did not answer in time.
  PGresult* within_timeout(const std::string& text, const std::string* name,
                           const bound_values& bound) {
    if (!send(text, name, bound)) {
      error_ = PQerrorMessage(conn_);
      return nullptr;
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms_);
    PGresult* last = nullptr;
    for (;;) {
      while (PQisBusy(conn_)) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                              deadline - std::chrono::steady_clock::now())
                              .count();
        pollfd fd{PQsocket(conn_), POLLIN, 0};
        if (left <= 0 || poll(&fd, 1, static_cast<int>(left)) == 0) {
          PQclear(last);
          error_ = "no answer within " + std::to_string(timeout_ms_ / 1000) + " s";
          PQfinish(conn_);
          conn_ = nullptr;
          return nullptr;
        }
        if (!PQconsumeInput(conn_)) break;
      }
      PGresult* next = PQgetResult(conn_);
      if (!next) return last;
      PQclear(last);
      last = next;
    }
  }

  const std::string url_;
  const int timeout_ms_;
  const bool prepare_;
  const bool pipeline_;
  PGconn* conn_;
  std::string error_;
  std::unordered_map<std::string, std::string> prepared_;  // numbered text -> name
  std::uint64_t prepared_count_ = 0;
  bool stale_ = false;
};

// How far behind the standby is, in one statement: whether it is one, whether a WAL receiver
// runs (its pid is visible without privileges), whether it replayed all it received, and the
// age of the last transaction replayed (-1: none since it started).
const char* const replica_probe_sql =
    "SELECT pg_is_in_recovery(), EXISTS (SELECT 1 FROM pg_stat_wal_receiver), "
    "COALESCE(pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn(), false), "
    "COALESCE(EXTRACT(EPOCH FROM clock_timestamp() - pg_last_xact_replay_timestamp()), -1)";

// `--read-db`: the streaming replica serving the reads that may lag. A probe thread asks it once
// a second whether it is a standby and how far behind; reads go there only while it answers, is
// a standby and lags at most `max_lag` seconds, else to the primary. Each switch is logged once.
class pg_replica {
 public:
  pg_replica(const std::string& url, double max_lag)
      : shown_(printable_target(url)),
        max_lag_(max_lag),
        reads_(std::make_unique<pg_connection>(with_connect_timeout(url), read_timeout_ms)),
        probe_(std::make_unique<pg_connection>(with_connect_timeout(url), probe_timeout_ms)) {
    check();
    thread_ = std::thread([this] { run(); });
  }
  ~pg_replica() {
    {
      std::lock_guard<std::mutex> lock(stop_mutex_);
      stopping_ = true;
    }
    stop_.notify_all();
    thread_.join();
  }

  std::optional<std::int64_t> read(const std::string& sql, const std::vector<sql_value>& values,
                                   const sql_row_fn& on_row) {
    if (!usable_.load()) return std::nullopt;
    std::lock_guard<std::mutex> lock(reads_mutex_);
    // Marked down while this read waited behind another (one that hung until its timeout).
    if (!usable_.load()) return std::nullopt;
    const std::int64_t n = reads_->run(sql, values, on_row);
    if (n >= 0) return n;
    // Retried on the primary (libpq passes rows only from a complete result, so none were):
    // a cut connection, a query cancelled by a conflict with recovery.
    if (!reads_->ok()) set_state(false, "unreachable: " + first_line(reads_->error()));
    return std::nullopt;
  }

  std::string side() const {
    std::lock_guard<std::mutex> lock(state_mutex_);
    return usable_.load() ? "replica" : "primary (fallback: replica " + why_ + ")";
  }

 private:
  // A replica gone silent must not hold a read (nor the probe) for minutes: connect within 2 s,
  // probe within 2 s, read within 30 s (a CSV export's page included); then it is marked down.
  static constexpr int probe_timeout_ms = 2000;
  static constexpr int read_timeout_ms = 30000;
  static std::string with_connect_timeout(const std::string& url) {
    if (url.find("connect_timeout=") != std::string::npos) return url;
    return url + (url.find('?') == std::string::npos ? "?" : "&") + "connect_timeout=2";
  }
  static std::string first_line(const std::string& text) {
    const std::string line = text.substr(0, text.find('\n'));
    return line.empty() ? "no answer" : line;
  }

  void run() {
    std::unique_lock<std::mutex> lock(stop_mutex_);
    while (!stop_.wait_for(lock, std::chrono::seconds(1), [this] { return stopping_; })) {
      lock.unlock();
      check();
      lock.lock();
    }
  }

  // One probe: is it usable now, and how far behind?
  void check() {
    bool standby = false, receiving = false, caught_up = false;
    double replayed_ago = -1;
    if (probe_->run(replica_probe_sql, {}, [&](const sql_row& r) {
          standby = r.text(0) == "t";
          receiving = r.text(1) == "t";
          caught_up = r.text(2) == "t";
          replayed_ago = std::strtod(r.text(3).c_str(), nullptr);
        }) != 1) {
      caught_up_known_ = false;
      set_state(false, "unreachable: " + first_line(probe_->error()));
      return;
    }
    if (!standby) {
      set_state(false, "is not a standby (pg_is_in_recovery() is false)");
      return;
    }
    // Replayed all it received from a live WAL receiver: current. Else it is at most as old as
    // its last transaction replayed, and as the last probe that found it current (an idle
    // primary sends no transactions: their age alone would grow).
    const auto now = std::chrono::steady_clock::now();
    double lag = std::numeric_limits<double>::infinity();
    if (receiving && caught_up) {
      lag = 0;
      caught_up_at_ = now;
      caught_up_known_ = true;
    } else {
      if (replayed_ago >= 0) lag = replayed_ago;
      if (caught_up_known_) {
        lag = std::min(lag, std::chrono::duration<double>(now - caught_up_at_).count());
      }
    }
    if (lag > max_lag_) {
      char why[96];
      std::snprintf(why, sizeof why, "lags %.0f s (more than --read-max-lag %g s)",
                    std::isinf(lag) ? 1e9 : lag, max_lag_);
      set_state(false, std::isinf(lag) ? "receives no WAL (no WAL receiver)" : why);
    } else {
      set_state(true, "");
    }
  }

  // Logs the first state and each switch, once.
  void set_state(bool usable, const std::string& why) {
    std::lock_guard<std::mutex> lock(state_mutex_);
    why_ = why;
    if (checked_ && usable_.load() == usable) return;
    if (usable) {
      std::printf("read-db: %sreads on the replica %s (at most %g s behind)\n",
                  checked_ ? "back: " : "", shown_.c_str(), max_lag_);
    } else {
      std::printf("read-db: the replica %s %s: %s\n", shown_.c_str(), why.c_str(),
                  checked_ ? "reads on the primary until it is back"
                           : "the collector starts with its reads on the primary");
    }
    std::fflush(stdout);
    checked_ = true;
    usable_ = usable;
  }

  const std::string shown_;
  const double max_lag_;
  std::mutex reads_mutex_;
  std::unique_ptr<pg_connection> reads_;
  std::unique_ptr<pg_connection> probe_;  // the probe thread's
  std::chrono::steady_clock::time_point caught_up_at_;
  bool caught_up_known_ = false;
  std::atomic<bool> usable_{false};
  mutable std::mutex state_mutex_;
  bool checked_ = false;
  std::string why_ = "not checked yet";
  std::mutex stop_mutex_;
  std::condition_variable stop_;
  bool stopping_ = false;
  std::thread thread_;
};

// The rate limit's buckets, shared by every collector on the database. UNLOGGED: not written to
// the WAL nor kept across a server crash (a bucket lost is a full bucket, as after a restart).
// One statement takes a token or refuses, under the row's lock, whichever collector asks.
const char* const buckets_sql =
    "CREATE UNLOGGED TABLE IF NOT EXISTS rate_buckets (client TEXT PRIMARY KEY, tokens FLOAT8 "
    "NOT NULL, at FLOAT8 NOT NULL, allowed BOOLEAN NOT NULL)";
// ?1 client, ?2 rate per second, ?3 burst, ?4 now (seconds since the epoch).
const char* const take_token_sql =
    "INSERT INTO rate_buckets AS b (client, tokens, at, allowed) VALUES (?1, ?3::float8 - 1, "
    "?4::float8, true) ON CONFLICT (client) DO UPDATE SET "
    "allowed = LEAST(?3::float8, b.tokens + GREATEST(0, ?4::float8 - b.at) * ?2::float8) >= 1, "
    "tokens = LEAST(?3::float8, b.tokens + GREATEST(0, ?4::float8 - b.at) * ?2::float8) - "
    "CASE WHEN LEAST(?3::float8, b.tokens + GREATEST(0, ?4::float8 - b.at) * ?2::float8) >= 1 "
    "THEN 1 ELSE 0 END, at = GREATEST(b.at, ?4::float8) RETURNING allowed, tokens";

class pg_database final : public database {
 public:
  std::unique_ptr<pg_connection> writer, reader_, limiter;
  std::mutex limiter_mutex;
  std::unique_ptr<pg_replica> replica;
  histogram h_exec;

  pg_database() {
    dialect_.postgres = true;
    dialect_.begin = "BEGIN";
    dialect_.for_update = " FOR UPDATE";
  }
  sql_connection& reader() override { return *reader_; }
  std::optional<std::int64_t> read_replica(const std::string& sql,
                                           const std::vector<sql_value>& values,
                                           const sql_row_fn& on_row) override {
    return replica ? replica->read(sql, values, on_row) : std::nullopt;
  }
  std::string read_side() const override { return replica ? replica->side() : ""; }
  int apply(const std::vector<write_job*>& batch) override {
    auto t0 = histogram::clock::now();
    const int written = apply_batch(*writer, dialect_, batch);
    h_exec.add(histogram::clock::now() - t0);
    return written;
  }
  int take_token(std::string_view client, double rate, double burst,
                 int* retry_after_seconds) override {
    const double now =
        std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
    char numbers[3][32];
    std::snprintf(numbers[0], sizeof numbers[0], "%.6f", rate);
    std::snprintf(numbers[1], sizeof numbers[1], "%.6f", burst);
    std::snprintf(numbers[2], sizeof numbers[2], "%.6f", now);
    int allowed = -1;
    double tokens = 0;
    std::lock_guard<std::mutex> lock(limiter_mutex);
    limiter->run(take_token_sql, {client, numbers[0], numbers[1], numbers[2]},
                 [&](const sql_row& r) {
                   allowed = r.text(0) == "t" ? 1 : 0;
                   tokens = std::strtod(r.text(1).c_str(), nullptr);
                 });
    if (allowed == 0 && retry_after_seconds) {
      *retry_after_seconds = std::max(1, static_cast<int>(std::ceil((1.0 - tokens) / rate)));
    }
    return allowed;
  }
  std::string journal_mode() override { return "postgresql"; }
  int synchronous_level() const override { return 2; }
  std::string timings() const override {
    return h_exec.summary("store: transaction (statements + commit)");
  }
};

// Prepared statements and pipelines, unless PEPITE_PG_PREPARE=off (a pooler in transaction mode
// that cannot keep a session's prepared statements) or PEPITE_PG_PIPELINE=off (for comparison).
bool env_on(const char* name) {
  const char* v = std::getenv(name);
  return !v || std::string_view(v) != "off";
}

std::unique_ptr<pg_connection> connect(const std::string& url, std::string* error,
                                       bool prepare = false) {
  auto c = std::make_unique<pg_connection>(url, 0, prepare && env_on("PEPITE_PG_PREPARE"),
                                           prepare && env_on("PEPITE_PG_PIPELINE"));
  if (!c->ok()) {
    *error = "cannot connect to PostgreSQL: " + c->error();
    return nullptr;
  }
  return c;
}

}  // namespace

namespace {
thread_local bool replica_allowed = false;
}  // namespace

replica_reads::replica_reads() : outer_(replica_allowed) {
  replica_allowed = true;
}
replica_reads::~replica_reads() {
  replica_allowed = outer_;
}
bool replica_reads::active() {
  return replica_allowed;
}

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

std::unique_ptr<database> open_postgres(const std::string& url, const store_options& options,
                                        std::string* error) {
  auto state = std::make_unique<pg_database>();
  if (options.on_phase) options.on_phase("starting", "connecting to the PostgreSQL database");
  state->writer = connect(url, error, true);
  if (!state->writer) return nullptr;
  if (!migrate(*state->writer, state->dialect(), "the PostgreSQL database", error,
               options.on_phase)) {
    return nullptr;
  }
  state->reader_ = connect(url, error);
  if (!state->reader_) return nullptr;
  state->limiter = connect(url, error, true);
  if (!state->limiter) return nullptr;
  // A bucket is not worth an fsync.
  if (!state->limiter->run_script(buckets_sql) ||
      !state->limiter->run_script("SET synchronous_commit = off")) {
    *error = "cannot create the rate-limit table: " + state->limiter->error();
    return nullptr;
  }
  if (!options.read_db.empty()) {
    state->replica = std::make_unique<pg_replica>(options.read_db, options.read_max_lag_seconds);
  }
  return state;
}

}  // namespace pepite::collector
