// SQLite store of the collector: migrations, a group-commit writer thread, queries.
#include "store.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

#include "histogram.hpp"

namespace pepite::collector {

const char* const schema_v1_sql = R"sql(
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE responses (
  seq INTEGER PRIMARY KEY,
  response_id TEXT NOT NULL UNIQUE,
  survey_id TEXT NOT NULL,
  status TEXT NOT NULL,
  nps INTEGER, csat INTEGER, ces INTEGER,
  category TEXT NOT NULL DEFAULT '',
  alert INTEGER NOT NULL DEFAULT 0,
  alert_priority TEXT NOT NULL DEFAULT '',
  alert_reasons TEXT NOT NULL DEFAULT '',
  callback_consent INTEGER NOT NULL DEFAULT 0,
  order_id TEXT NOT NULL DEFAULT '',
  comment TEXT NOT NULL DEFAULT '',
  locale TEXT NOT NULL DEFAULT '',
  submitted_at TEXT NOT NULL DEFAULT '',
  received_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  payload TEXT NOT NULL
);
CREATE INDEX responses_received ON responses(received_at);
)sql";

namespace {

// Version 2: the follow-up loop of the call-back list (status, note, when it changed).
const char* const migration_v2_sql = R"sql(
ALTER TABLE responses ADD COLUMN follow_up TEXT NOT NULL DEFAULT 'open';
ALTER TABLE responses ADD COLUMN note TEXT NOT NULL DEFAULT '';
ALTER TABLE responses ADD COLUMN follow_up_at TEXT NOT NULL DEFAULT '';
CREATE INDEX responses_callback ON responses(category, follow_up, seq);
)sql";

// Version 3: the call-back list holds detractors and any response with an alert (an urgent
// comment from a passive). Its index, partial, holds exactly those rows: one index to update per
// insert instead of a second one on `alert`, and a search of 0.05 ms at 200,000 rows where a
// plain OR scanned the table in 55 ms.
const char* const migration_v3_sql = R"sql(
DROP INDEX responses_callback;
CREATE INDEX responses_callback ON responses(follow_up, seq) WHERE category = 'detractor' OR alert = 1;
)sql";

// migrations[v] takes a file from user_version v to v + 1.
const char* const migrations[] = {schema_v1_sql, migration_v2_sql, migration_v3_sql};
static_assert(sizeof(migrations) / sizeof(migrations[0]) == schema_version);

const char* const row_columns =
    "seq, response_id, survey_id, status, nps, csat, ces, category, alert, alert_priority, "
    "alert_reasons, callback_consent, order_id, comment, locale, submitted_at, received_at, "
    "updated_at, follow_up, note, follow_up_at";

// Owns a prepared statement; reset on destruction so it can be reused.
class statement {
 public:
  statement(sqlite3* db, const std::string& sql) {
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt_, nullptr) != SQLITE_OK) stmt_ = nullptr;
  }
  ~statement() { sqlite3_finalize(stmt_); }
  statement(const statement&) = delete;
  statement& operator=(const statement&) = delete;
  sqlite3_stmt* get() const { return stmt_; }
  bool ok() const { return stmt_ != nullptr; }

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

void bind_text(sqlite3_stmt* s, int i, std::string_view v) {
  sqlite3_bind_text(s, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
}

void bind_opt(sqlite3_stmt* s, int i, const std::optional<int>& v) {
  if (v) {
    sqlite3_bind_int(s, i, *v);
  } else {
    sqlite3_bind_null(s, i);
  }
}

std::string column_text(sqlite3_stmt* s, int i) {
  const unsigned char* p = sqlite3_column_text(s, i);
  return p ? std::string(reinterpret_cast<const char*>(p),
                         static_cast<std::size_t>(sqlite3_column_bytes(s, i)))
           : std::string();
}

std::optional<int> column_opt(sqlite3_stmt* s, int i) {
  if (sqlite3_column_type(s, i) == SQLITE_NULL) return std::nullopt;
  return sqlite3_column_int(s, i);
}

response_row read_row(sqlite3_stmt* s, bool with_payload) {
  response_row r;
  r.seq = sqlite3_column_int64(s, 0);
  r.response_id = column_text(s, 1);
  r.survey_id = column_text(s, 2);
  r.status = column_text(s, 3);
  r.nps = column_opt(s, 4);
  r.csat = column_opt(s, 5);
  r.ces = column_opt(s, 6);
  r.category = column_text(s, 7);
  r.alert = sqlite3_column_int(s, 8) != 0;
  r.alert_priority = column_text(s, 9);
  r.alert_reasons = column_text(s, 10);
  r.callback_consent = sqlite3_column_int(s, 11) != 0;
  r.order_id = column_text(s, 12);
  r.comment = column_text(s, 13);
  r.locale = column_text(s, 14);
  r.submitted_at = column_text(s, 15);
  r.received_at = column_text(s, 16);
  r.updated_at = column_text(s, 17);
  r.follow_up = column_text(s, 18);
  r.note = column_text(s, 19);
  r.follow_up_at = column_text(s, 20);
  if (with_payload) r.payload = column_text(s, 21);
  return r;
}

bool exec(sqlite3* db, const char* sql, std::string* error = nullptr) {
  char* message = nullptr;
  int rc = sqlite3_exec(db, sql, nullptr, nullptr, &message);
  if (rc != SQLITE_OK && error) *error = message ? message : sqlite3_errstr(rc);
  sqlite3_free(message);
  return rc == SQLITE_OK;
}

int pragma_int(sqlite3* db, const char* sql) {
  statement s(db, sql);
  if (!s.ok() || sqlite3_step(s.get()) != SQLITE_ROW) return -1;
  return sqlite3_column_int(s.get(), 0);
}

// True when the `now` alert reasons hold one the `before` ones have not.
bool adds_reason(std::string_view before, std::string_view now) {
  const std::vector<std::string> had = split_reasons(before);
  for (const std::string& reason : split_reasons(now)) {
    if (std::find(had.begin(), had.end(), reason) == had.end()) return true;
  }
  return false;
}

int follow_up_rank(std::string_view state) {
  if (state == "open") return 0;
  if (state == "contacted") return 1;
  if (state == "resolved") return 2;
  return -1;
}

// WHERE clause and its bound values (one `?` per value, bound in order from index 1).
struct where_clause {
  std::string sql;
  std::vector<std::string> values;
  void add(const char* condition) {
    sql += sql.empty() ? " WHERE " : " AND ";
    sql += condition;
  }
  void add(const char* condition, const std::string& value, int uses = 1) {
    add(condition);
    for (int i = 0; i < uses; ++i) values.push_back(value);
  }
};

where_clause build_where(const response_filter& f) {
  where_clause w;
  if (!f.survey.empty()) w.add("survey_id = ?", f.survey);
  if (!f.category.empty()) w.add("category = ?", f.category);
  if (!f.status.empty()) w.add("status = ?", f.status);
  if (!f.follow_up.empty()) w.add("follow_up = ?", f.follow_up);
  // `2026-11-25` and full timestamps are both inclusive bounds, as prefixes: `to` lets in every
  // time that starts with it (DEL sorts after every character of an ISO time). Plain
  // comparisons on the column, so SQLite can search `responses_received`.
  if (!f.from.empty()) w.add("received_at >= ?", f.from);
  if (!f.to.empty()) w.add("received_at < ?", f.to + "\x7f");
  if (f.alert_only) w.add("alert = 1");
  // Written as the call-back index's WHERE, so that SQLite searches that index; detractors are
  // all in it, so a category filter on them says so too.
  if (f.callback || f.category == "detractor") w.add("(category = 'detractor' OR alert = 1)");
  return w;
}

void bind_where(sqlite3_stmt* s, const where_clause& w) {
  for (std::size_t i = 0; i < w.values.size(); ++i) {
    bind_text(s, static_cast<int>(i + 1), w.values[i]);
  }
}

}  // namespace

// A write waiting for the writer thread; lives on the requesting thread's stack. The writer
// wakes exactly this thread when the transaction holding the write is committed.
struct write_job {
  enum class kind { upsert, follow_up, meta } what = kind::upsert;
  const payload_summary* summary = nullptr;
  std::string_view payload;
  std::string_view received_at;
  std::string_view id;
  std::string_view state;
  std::optional<std::string_view> note;  ///< nullopt keeps the stored note
  std::string_view now;
  std::string_view key;
  std::string_view value;
  upsert_result upserted;
  follow_up_outcome followed = follow_up_outcome::failed;
  bool meta_ok = false;
  std::chrono::steady_clock::time_point queued;

  std::mutex mutex;
  std::condition_variable cv;
  bool done = false;

  void finish() {
    {
      std::lock_guard<std::mutex> lock(mutex);
      done = true;
    }
    cv.notify_one();
  }
  void wait() {
    std::unique_lock<std::mutex> lock(mutex);
    cv.wait(lock, [&] { return done; });
  }
};

struct store::impl {
  sqlite3* writer = nullptr;
  sqlite3* reader = nullptr;
  std::mutex reader_mutex;
  store_options options;
  int synchronous = -1;

  std::mutex mutex;
  std::condition_variable wake;  // the writer: jobs arrived or stop
  std::vector<write_job*> queue;
  bool stopping = false;
  std::thread thread;
  std::atomic<std::int64_t> commit_count{0};
  std::atomic<std::int64_t> write_count{0};
  std::atomic<std::int64_t> wal_restarts{0};
  // The commit path, for `--timings`: a write's wait in the queue until its transaction begins,
  // the statements of a batch, the COMMIT (WAL write + fsync), the time between two
  // transactions, a write's whole wait, a background checkpoint pass, the writer's pause for a
  // WAL restart.
  histogram h_queue, h_exec, h_commit, h_cycle, h_roundtrip, h_checkpoint, h_pause;

  // Checkpoints run on their own connection and thread, so the copy of WAL pages into the
  // database file (and its fsync) never sits on the commit path of a waiting request.
  sqlite3* checkpointer = nullptr;
  int db_fd = -1;  // read-only descriptors of the database and WAL files, only to fdatasync
  int wal_fd = -1;
  std::string wal_path;
  std::thread checkpoint_thread;
  std::condition_variable checkpoint_wake;
  std::int64_t limit_frames = 1;  // options.wal_limit_bytes in WAL frames
  bool wal_full = false;          // set by on_wal_commit(), under `mutex`

  // The WAL restarts from its beginning only when a write transaction begins with every frame
  // already copied into the database. Under a steady stream of commits a concurrent (PASSIVE)
  // checkpoint never catches up with the last frame, so the WAL would grow without end. When it
  // is over options.wal_limit_bytes, the checkpointer holds the writer between two
  // transactions (`gate`) for a last, short pass; the writer's next transaction restarts it.
  std::mutex gate_mutex;
  std::condition_variable gate_cv;
  bool writer_busy = false;
  bool checkpoint_holds = false;

  ~impl() {
    {
      std::lock_guard<std::mutex> lock(mutex);
      stopping = true;
    }
    wake.notify_all();
    checkpoint_wake.notify_all();
    if (thread.joinable()) thread.join();
    if (checkpoint_thread.joinable()) checkpoint_thread.join();
    if (checkpointer)
      sqlite3_wal_checkpoint_v2(checkpointer, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    sqlite3_close(checkpointer);
    if (db_fd >= 0) close(db_fd);
    if (wal_fd >= 0) close(wal_fd);
    sqlite3_close(reader);
    sqlite3_close(writer);
  }

  // Every 250 ms, copies the WAL into the database file without blocking anyone (PASSIVE).
  // Such a pass fsyncs the database only when it reaches the WAL's last frame, which a steady
  // stream of commits never lets it do. When the WAL is over options.wal_limit_bytes: more
  // passes shrink what is left to copy, the pages copied so far are flushed (fdatasync, still
  // without blocking), and only then is the writer held between two transactions for a last
  // pass: a few frames and two flushes with little to write. The writer's next transaction
  // finds every frame copied and starts the WAL over from its beginning.
  void run_checkpoints() {
    std::unique_lock<std::mutex> lock(mutex);
    while (!stopping) {
      checkpoint_wake.wait_for(lock, std::chrono::milliseconds(250),
                               [&] { return stopping || wal_full; });
      if (stopping) break;
      wal_full = false;
      lock.unlock();
      auto t0 = histogram::clock::now();
      int log = 0;
      int copied = 0;
      sqlite3_wal_checkpoint_v2(checkpointer, nullptr, SQLITE_CHECKPOINT_PASSIVE, &log, &copied);
      h_checkpoint.add(histogram::clock::now() - t0);
      if (log >= limit_frames) restart_wal(log);
      lock.lock();
    }
  }

  // Called by SQLite on the writer thread after each commit, with the WAL's frame count: wakes
  // the checkpointer as soon as the WAL passes its limit, instead of at its next tick.
  static int on_wal_commit(void* self, sqlite3*, const char*, int frames) {
    auto* state = static_cast<impl*>(self);
    if (frames >= state->limit_frames) {
      std::lock_guard<std::mutex> lock(state->mutex);
      state->wal_full = true;
      state->checkpoint_wake.notify_one();
    }
    return SQLITE_OK;
  }

  // `log`: the WAL's frame count when the last pass began (the writer kept appending since).
  void restart_wal(int log) {
    int copied = 0;
    for (int i = 0; i < 4; ++i) {
      int before = log;
      sqlite3_wal_checkpoint_v2(checkpointer, nullptr, SQLITE_CHECKPOINT_PASSIVE, &log, &copied);
      if (log < before || log - before <= 64) break;  // restarted meanwhile, or little left
    }
    if (wal_fd < 0) wal_fd = ::open(wal_path.c_str(), O_RDONLY | O_CLOEXEC);
    if (wal_fd >= 0) fdatasync(wal_fd);  // a no-op with FULL; the bulk of it with NORMAL
    if (db_fd >= 0) fdatasync(db_fd);
    {
      std::unique_lock<std::mutex> gate(gate_mutex);
      checkpoint_holds = true;
      gate_cv.wait(gate, [&] { return !writer_busy; });
    }
    auto t0 = histogram::clock::now();
    sqlite3_wal_checkpoint_v2(checkpointer, nullptr, SQLITE_CHECKPOINT_PASSIVE, &log, &copied);
    h_pause.add(histogram::clock::now() - t0);
    if (copied == log) wal_restarts.fetch_add(1);
    {
      std::lock_guard<std::mutex> gate(gate_mutex);
      checkpoint_holds = false;
    }
    gate_cv.notify_all();
  }

  void submit(write_job& job) {
    job.queued = histogram::clock::now();
    {
      std::lock_guard<std::mutex> lock(mutex);
      queue.push_back(&job);
    }
    wake.notify_one();
    job.wait();
    h_roundtrip.add(histogram::clock::now() - job.queued);
  }

  void run_writer() {
    statement select(writer,
                     "SELECT status, submitted_at, payload, alert_reasons, follow_up FROM "
                     "responses WHERE response_id = ?1");
    statement insert(writer,
                     "INSERT INTO responses (response_id, survey_id, status, nps, csat, ces, "
                     "category, alert, alert_priority, alert_reasons, callback_consent, order_id, "
                     "comment, locale, submitted_at, received_at, updated_at, payload) VALUES "
                     "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, "
                     "?16, ?17)");
    statement update(writer,
                     "UPDATE responses SET survey_id = ?2, status = ?3, nps = ?4, csat = ?5, "
                     "ces = ?6, category = ?7, alert = ?8, alert_priority = ?9, alert_reasons = "
                     "?10, callback_consent = ?11, order_id = ?12, comment = ?13, locale = ?14, "
                     "submitted_at = ?15, updated_at = ?16, payload = ?17, follow_up = CASE WHEN "
                     "?18 = 1 THEN 'open' ELSE follow_up END WHERE response_id = ?1");
    statement select_follow(writer, "SELECT follow_up FROM responses WHERE response_id = ?1");
    statement update_follow(writer,
                            "UPDATE responses SET follow_up = ?2, note = COALESCE(?3, note), "
                            "follow_up_at = ?4 WHERE response_id = ?1");
    statement set_meta(writer, "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)");
    statement begin(writer, "BEGIN IMMEDIATE");
    statement commit(writer, "COMMIT");

    std::vector<write_job*> batch;
    std::vector<write_job*> taken;
    std::size_t next = 0;  // first job of `taken` not yet in a batch
    auto last_cycle = histogram::clock::now();
    for (;;) {
      if (next == taken.size()) {
        taken.clear();
        next = 0;
        std::unique_lock<std::mutex> lock(mutex);
        wake.wait(lock, [&] { return stopping || !queue.empty(); });
        if (queue.empty()) return;
        taken.swap(queue);
      }
      std::size_t end = std::min(taken.size(), next + static_cast<std::size_t>(options.max_batch));
      batch.assign(taken.begin() + static_cast<std::ptrdiff_t>(next),
                   taken.begin() + static_cast<std::ptrdiff_t>(end));
      next = end;
      {
        std::unique_lock<std::mutex> gate(gate_mutex);
        gate_cv.wait(gate, [&] { return !checkpoint_holds; });
        writer_busy = true;
      }
      auto t0 = histogram::clock::now();
      h_cycle.add(t0 - last_cycle);
      last_cycle = t0;
      for (write_job* job : batch) h_queue.add(t0 - job->queued);
      bool began = sqlite3_step(begin.get()) == SQLITE_DONE;
      sqlite3_reset(begin.get());
      int writes = 0;
      for (write_job* job : batch) {
        if (!began) break;
        switch (job->what) {
          case write_job::kind::upsert:
            writes += run_upsert(*job, select.get(), insert.get(), update.get());
            break;
          case write_job::kind::follow_up:
            writes += run_follow_up(*job, select_follow.get(), update_follow.get());
            break;
          case write_job::kind::meta:
            bind_text(set_meta.get(), 1, job->key);
            bind_text(set_meta.get(), 2, job->value);
            job->meta_ok = sqlite3_step(set_meta.get()) == SQLITE_DONE;
            sqlite3_reset(set_meta.get());
            ++writes;
            break;
        }
      }
      auto t1 = histogram::clock::now();
      h_exec.add(t1 - t0);
      bool committed = began && sqlite3_step(commit.get()) == SQLITE_DONE;
      h_commit.add(histogram::clock::now() - t1);
      sqlite3_reset(commit.get());
      if (began && !committed) exec(writer, "ROLLBACK");
      {
        std::lock_guard<std::mutex> gate(gate_mutex);
        writer_busy = false;
      }
      gate_cv.notify_all();
      commit_count.fetch_add(1);
      if (committed) write_count.fetch_add(writes);
      // Collect what arrived during the commit before waking anyone, so the next transaction
      // does not wait behind the woken threads for the queue's lock.
      if (next == taken.size()) {
        taken.clear();
        next = 0;
        std::lock_guard<std::mutex> lock(mutex);
        taken.swap(queue);
      }
      for (write_job* job : batch) {
        if (!committed) {
          job->upserted = upsert_result{};
          job->upserted.error = began ? "commit failed" : "begin failed";
          job->followed = follow_up_outcome::failed;
          job->meta_ok = false;
        }
        job->finish();
      }
      batch.clear();
    }
  }

  // Applies the upsert rules; returns 1 when a row was written.
  static int run_upsert(write_job& job, sqlite3_stmt* select, sqlite3_stmt* insert,
                        sqlite3_stmt* update) {
    const payload_summary& s = *job.summary;
    bind_text(select, 1, s.response_id);
    int rc = sqlite3_step(select);
    bool exists = rc == SQLITE_ROW;
    std::string stored_status = exists ? column_text(select, 0) : std::string();
    std::string stored_stamp = exists ? column_text(select, 1) : std::string();
    bool same_payload = exists && column_text(select, 2) == job.payload;
    std::string stored_reasons = exists ? column_text(select, 3) : std::string();
    std::string stored_follow_up = exists ? column_text(select, 4) : std::string();
    sqlite3_reset(select);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
      job.upserted.error = "select failed";
      return 0;
    }
    if (exists) {
      // A complete response is never downgraded and always replaces a partial (the shopper's
      // clock may have moved between the two); otherwise an older version never replaces a newer
      // one; a replay (same bytes) writes nothing.
      bool downgrade = stored_status == "complete" && s.status != "complete";
      bool upgrade = stored_status != "complete" && s.status == "complete";
      bool older = !upgrade && s.submitted_at < stored_stamp;
      if (downgrade || older || same_payload) {
        job.upserted.ok = true;
        job.upserted.status = stored_status;
        return 0;
      }
    }
    sqlite3_stmt* write = exists ? update : insert;
    bind_text(write, 1, s.response_id);
    bind_text(write, 2, s.survey_id);
    bind_text(write, 3, s.status);
    bind_opt(write, 4, s.nps);
    bind_opt(write, 5, s.csat);
    bind_opt(write, 6, s.ces);
    bind_text(write, 7, s.category);
    sqlite3_bind_int(write, 8, s.alert ? 1 : 0);
    bind_text(write, 9, s.alert_priority);
    bind_text(write, 10, s.alert_reasons);
    sqlite3_bind_int(write, 11, s.callback_consent ? 1 : 0);
    bind_text(write, 12, s.order_id);
    bind_text(write, 13, s.comment);
    bind_text(write, 14, s.locale);
    bind_text(write, 15, s.submitted_at);
    bind_text(write, 16, job.received_at);
    bind_text(write, 17, job.payload);
    // A response already called back (or closed) comes back to the list when the new version
    // carries an alert reason the old one had not (a complete whose comment threatens to sue,
    // after the call about the score): the manager's note stays.
    if (exists) {
      sqlite3_bind_int(
          write, 18,
          stored_follow_up != "open" && adds_reason(stored_reasons, s.alert_reasons) ? 1 : 0);
    }
    rc = sqlite3_step(write);
    sqlite3_reset(write);
    sqlite3_clear_bindings(write);
    if (rc != SQLITE_DONE) {
      job.upserted.error = "write failed";
      return 0;
    }
    job.upserted.ok = true;
    job.upserted.status = s.status;
    job.upserted.changed = true;
    return 1;
  }

  static int run_follow_up(write_job& job, sqlite3_stmt* select, sqlite3_stmt* update) {
    bind_text(select, 1, job.id);
    int rc = sqlite3_step(select);
    std::string current = rc == SQLITE_ROW ? column_text(select, 0) : std::string();
    sqlite3_reset(select);
    if (rc != SQLITE_ROW) {
      job.followed = rc == SQLITE_DONE ? follow_up_outcome::not_found : follow_up_outcome::failed;
      return 0;
    }
    if (follow_up_rank(job.state) < follow_up_rank(current)) {
      job.followed = follow_up_outcome::bad_transition;
      return 0;
    }
    bind_text(update, 1, job.id);
    bind_text(update, 2, job.state);
    if (job.note) {
      bind_text(update, 3, *job.note);
    } else {
      sqlite3_bind_null(update, 3);
    }
    bind_text(update, 4, job.now);
    rc = sqlite3_step(update);
    sqlite3_reset(update);
    job.followed = rc == SQLITE_DONE ? follow_up_outcome::ok : follow_up_outcome::failed;
    return rc == SQLITE_DONE ? 1 : 0;
  }
};

std::vector<std::string> split_reasons(std::string_view reasons) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < reasons.size()) {
    std::size_t comma = reasons.find(',', start);
    if (comma == std::string_view::npos) comma = reasons.size();
    if (comma > start) out.emplace_back(reasons.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

store::store(std::unique_ptr<impl> state) : impl_(std::move(state)) {}
store::~store() = default;

std::unique_ptr<store> store::open(const std::string& path, std::string* error,
                                   const store_options& options) {
  auto state = std::make_unique<impl>();
  state->options = options;
  std::string ignored;
  std::string& message = error ? *error : ignored;
  const std::string& sync = options.synchronous;
  if (sync != "OFF" && sync != "NORMAL" && sync != "FULL" && sync != "EXTRA") {
    message = "synchronous must be OFF, NORMAL, FULL or EXTRA";
    return nullptr;
  }
  if (sqlite3_open_v2(path.c_str(), &state->writer, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                      nullptr) != SQLITE_OK) {
    message = "cannot open " + path + ": " + sqlite3_errmsg(state->writer);
    return nullptr;
  }
  // SQLite opens a write-protected file read-only without a word; every POST would then fail
  // while /healthz says ok. Refuse to start instead.
  if (sqlite3_db_readonly(state->writer, "main") == 1) {
    message = "cannot write to " + path + ": the file is read-only for this user";
    return nullptr;
  }
  sqlite3_busy_timeout(state->writer, 5000);
  if (!exec(state->writer, "PRAGMA journal_mode=WAL", &message)) return nullptr;
  std::string pragma = "PRAGMA synchronous=" + sync;
  if (!exec(state->writer, pragma.c_str(), &message)) return nullptr;
  state->synchronous = pragma_int(state->writer, "PRAGMA synchronous");

  int version = pragma_int(state->writer, "PRAGMA user_version");
  if (version < 0) {
    message = "cannot read the schema version of " + path;
    return nullptr;
  }
  if (version > schema_version) {
    message = path + " has schema version " + std::to_string(version) +
              ", newer than this collector's " + std::to_string(schema_version);
    return nullptr;
  }
  for (int v = version; v < schema_version; ++v) {
    // One transaction per step: a crash mid-migration leaves the file at the previous version.
    std::string sql = std::string("BEGIN IMMEDIATE;") + migrations[v] +
                      "PRAGMA user_version=" + std::to_string(v + 1) + ";COMMIT;";
    if (!exec(state->writer, sql.c_str(), &message)) {
      exec(state->writer, "ROLLBACK");
      message = "migration to schema version " + std::to_string(v + 1) + " failed: " + message;
      return nullptr;
    }
  }

  if (sqlite3_open_v2(path.c_str(), &state->reader, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    message = "cannot open a reader on " + path;
    return nullptr;
  }
  sqlite3_busy_timeout(state->reader, 5000);
  exec(state->reader, "PRAGMA query_only=1");
  if (sqlite3_open_v2(path.c_str(), &state->checkpointer, SQLITE_OPEN_READWRITE, nullptr) !=
      SQLITE_OK) {
    message = "cannot open a checkpointer on " + path;
    return nullptr;
  }
  pragma = "PRAGMA synchronous=" + sync;
  exec(state->checkpointer, pragma.c_str());
  exec(state->writer, "PRAGMA wal_autocheckpoint=0");
  int page_size = pragma_int(state->writer, "PRAGMA page_size");
  state->limit_frames = std::max<std::int64_t>(
      1, options.wal_limit_bytes / ((page_size > 0 ? page_size : 4096) + 24));
  sqlite3_wal_hook(state->writer, &impl::on_wal_commit, state.get());
  state->db_fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  state->wal_path = path + "-wal";
  impl* raw = state.get();
  state->thread = std::thread([raw] { raw->run_writer(); });
  state->checkpoint_thread = std::thread([raw] { raw->run_checkpoints(); });
  return std::unique_ptr<store>(new store(std::move(state)));
}

upsert_result store::upsert(const payload_summary& summary, std::string_view payload_json,
                            std::string_view received_at) {
  write_job job;
  job.what = write_job::kind::upsert;
  job.summary = &summary;
  job.payload = payload_json;
  job.received_at = received_at;
  impl_->submit(job);
  return job.upserted;
}

follow_up_outcome store::set_follow_up(std::string_view response_id, std::string_view state,
                                       std::optional<std::string_view> note, std::string_view now,
                                       response_row* row) {
  if (follow_up_rank(state) < 0) return follow_up_outcome::bad_transition;
  write_job job;
  job.what = write_job::kind::follow_up;
  job.id = response_id;
  job.state = state;
  job.note = note;
  job.now = now;
  impl_->submit(job);
  if (job.followed == follow_up_outcome::ok && row) {
    if (auto found = find(response_id, true)) *row = *found;
  }
  return job.followed;
}

std::vector<response_row> store::list(const response_filter& filter, int limit,
                                      std::int64_t after_seq, int offset, bool with_payload,
                                      bool* more) {
  where_clause w = build_where(filter);
  if (after_seq > 0) w.add("seq < ?", std::to_string(after_seq));
  std::string sql = std::string("SELECT ") + row_columns + (with_payload ? ", payload" : "") +
                    " FROM responses" + w.sql + " ORDER BY seq DESC LIMIT " +
                    std::to_string(limit + 1) + " OFFSET " + std::to_string(offset);
  std::vector<response_row> rows;
  std::lock_guard<std::mutex> lock(impl_->reader_mutex);
  statement s(impl_->reader, sql);
  if (!s.ok()) return rows;
  bind_where(s.get(), w);
  while (sqlite3_step(s.get()) == SQLITE_ROW) rows.push_back(read_row(s.get(), with_payload));
  bool has_more = static_cast<int>(rows.size()) > limit;
  if (has_more) rows.pop_back();
  if (more) *more = has_more;
  return rows;
}

std::optional<response_row> store::find(std::string_view response_id, bool with_payload) {
  std::string sql = std::string("SELECT ") + row_columns + (with_payload ? ", payload" : "") +
                    " FROM responses WHERE response_id = ?1";
  std::lock_guard<std::mutex> lock(impl_->reader_mutex);
  statement s(impl_->reader, sql);
  if (!s.ok()) return std::nullopt;
  bind_text(s.get(), 1, response_id);
  if (sqlite3_step(s.get()) != SQLITE_ROW) return std::nullopt;
  return read_row(s.get(), with_payload);
}

stats store::compute_stats(const response_filter& filter, int utc_offset_minutes) {
  where_clause w = build_where(filter);
  // received_at is UTC ("2026-11-25T23:30:00.000Z"); SQLite's date() shifts it by whole minutes.
  const std::string day =
      utc_offset_minutes == 0
          ? std::string("substr(received_at, 1, 10)")
          : "date(received_at, '" + std::string(utc_offset_minutes < 0 ? "-" : "+") +
                std::to_string(utc_offset_minutes < 0 ? -utc_offset_minutes : utc_offset_minutes) +
                " minutes')";
  std::string sql = "SELECT " + day + ", nps, csat, ces FROM responses" + w.sql;
  aggregator agg;
  std::lock_guard<std::mutex> lock(impl_->reader_mutex);
  statement s(impl_->reader, sql);
  if (!s.ok()) return agg.result();
  bind_where(s.get(), w);
  while (sqlite3_step(s.get()) == SQLITE_ROW) {
    score_record r;
    r.day = column_text(s.get(), 0);
    r.nps = column_opt(s.get(), 1);
    r.csat = column_opt(s.get(), 2);
    r.ces = column_opt(s.get(), 3);
    agg.add(r);
  }
  return agg.result();
}

std::int64_t store::count() {
  std::lock_guard<std::mutex> lock(impl_->reader_mutex);
  statement s(impl_->reader, "SELECT count(*) FROM responses");
  if (!s.ok() || sqlite3_step(s.get()) != SQLITE_ROW) return -1;
  return sqlite3_column_int64(s.get(), 0);
}

std::int64_t store::count(const response_filter& filter) {
  where_clause w = build_where(filter);
  std::string sql = "SELECT count(*) FROM responses" + w.sql;
  std::lock_guard<std::mutex> lock(impl_->reader_mutex);
  statement s(impl_->reader, sql);
  if (!s.ok()) return -1;
  bind_where(s.get(), w);
  if (sqlite3_step(s.get()) != SQLITE_ROW) return -1;
  return sqlite3_column_int64(s.get(), 0);
}

std::vector<std::pair<std::string, std::int64_t>> store::survey_counts() {
  std::vector<std::pair<std::string, std::int64_t>> out;
  std::lock_guard<std::mutex> lock(impl_->reader_mutex);
  statement s(impl_->reader,
              "SELECT survey_id, count(*) FROM responses GROUP BY survey_id ORDER BY survey_id");
  if (!s.ok()) return out;
  while (sqlite3_step(s.get()) == SQLITE_ROW) {
    out.emplace_back(column_text(s.get(), 0), sqlite3_column_int64(s.get(), 1));
  }
  return out;
}

std::string store::meta(std::string_view key) {
  std::lock_guard<std::mutex> lock(impl_->reader_mutex);
  statement s(impl_->reader, "SELECT value FROM meta WHERE key = ?1");
  if (!s.ok()) return {};
  bind_text(s.get(), 1, key);
  if (sqlite3_step(s.get()) != SQLITE_ROW) return {};
  return column_text(s.get(), 0);
}

bool store::set_meta(std::string_view key, std::string_view value) {
  write_job job;
  job.what = write_job::kind::meta;
  job.key = key;
  job.value = value;
  impl_->submit(job);
  return job.meta_ok;
}

int store::user_version() {
  std::lock_guard<std::mutex> lock(impl_->reader_mutex);
  return pragma_int(impl_->reader, "PRAGMA user_version");
}

std::string store::journal_mode() {
  std::lock_guard<std::mutex> lock(impl_->reader_mutex);
  statement s(impl_->reader, "PRAGMA journal_mode");
  if (!s.ok() || sqlite3_step(s.get()) != SQLITE_ROW) return {};
  return column_text(s.get(), 0);
}

int store::synchronous_level() const {
  return impl_->synchronous;
}
std::int64_t store::commits() const {
  return impl_->commit_count.load();
}
std::int64_t store::wal_restarts() const {
  return impl_->wal_restarts.load();
}
std::string store::timings() const {
  const impl& i = *impl_;
  return i.h_roundtrip.summary("store: write waited") + "\n" + i.h_queue.summary("store: queued") +
         "\n" + i.h_exec.summary("store: statements") + "\n" + i.h_commit.summary("store: commit") +
         "\n" + i.h_cycle.summary("store: between commits") + "\n" +
         i.h_checkpoint.summary("store: checkpoint pass") + "\n" +
         i.h_pause.summary("store: restart pause") + "\nwal restarts " +
         std::to_string(i.wal_restarts.load());
}
std::int64_t store::committed_writes() const {
  return impl_->write_count.load();
}

}  // namespace pepite::collector
