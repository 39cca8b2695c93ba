// The store on SQLite: WAL, one writer connection, one reader, and a checkpointer on its own
// connection and thread that keeps the WAL under its limit.
#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "database.hpp"
#include "histogram.hpp"
#include "schema.hpp"
#include "store_writes.hpp"

namespace pepite::collector {

namespace {

class sqlite_row final : public sql_row {
 public:
  explicit sqlite_row(sqlite3_stmt* s) : s_(s) {}
  bool is_null(int c) const override { return sqlite3_column_type(s_, c) == SQLITE_NULL; }
  std::string text(int c) const override {
    const unsigned char* p = sqlite3_column_text(s_, c);
    return p ? std::string(reinterpret_cast<const char*>(p),
                           static_cast<std::size_t>(sqlite3_column_bytes(s_, c)))
             : std::string();
  }
  std::int64_t integer(int c) const override { return sqlite3_column_int64(s_, c); }

 private:
  sqlite3_stmt* s_;
};

// One connection. With `cache`, prepared statements are kept by their SQL (the writer runs the
// same few statements all day); without it (the reader, whose SQL holds limits and offsets),
// each is finalized after use.
class sqlite_connection final : public sql_connection {
 public:
  sqlite_connection(sqlite3* db, bool cache) : db_(db), cache_(cache) {}
  ~sqlite_connection() override {
    for (auto& entry : statements_) sqlite3_finalize(entry.second);
    sqlite3_close(db_);
  }
  sqlite3* get() const { return db_; }

  std::int64_t run(const std::string& sql, const std::vector<sql_value>& values,
                   const sql_row_fn& on_row) override {
    sqlite3_stmt* s = prepare(sql);
    if (!s) return -1;
    for (std::size_t i = 0; i < values.size(); ++i) {
      const sql_value& v = values[i];
      const int at = static_cast<int>(i + 1);
      if (v.type == sql_value::kind::integer) {
        sqlite3_bind_int64(s, at, v.integer);
      } else if (v.type == sql_value::kind::text) {
        sqlite3_bind_text(s, at, v.text.data(), static_cast<int>(v.text.size()), SQLITE_TRANSIENT);
      } else {
        sqlite3_bind_null(s, at);
      }
    }
    std::int64_t rows = 0;
    int rc;
    sqlite_row row(s);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
      ++rows;
      if (on_row) on_row(row);
    }
    const bool ok = rc == SQLITE_DONE;
    if (!ok) error_ = sqlite3_errmsg(db_);
    if (ok && sqlite3_stmt_readonly(s) == 0) rows = sqlite3_changes(db_);
    release(sql, s);
    return ok ? rows : -1;
  }

  bool run_script(const std::string& sql) override {
    char* message = nullptr;
    const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) error_ = message ? message : sqlite3_errstr(rc);
    sqlite3_free(message);
    return rc == SQLITE_OK;
  }
  std::string error() const override { return error_; }

 private:
  sqlite3_stmt* prepare(const std::string& sql) {
    if (cache_) {
      if (auto found = statements_.find(sql); found != statements_.end()) return found->second;
    }
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &s, nullptr) != SQLITE_OK) {
      error_ = sqlite3_errmsg(db_);
      return nullptr;
    }
    if (cache_) statements_.emplace(sql, s);
    return s;
  }
  void release(const std::string&, sqlite3_stmt* s) {
    if (cache_) {
      sqlite3_reset(s);
      sqlite3_clear_bindings(s);
    } else {
      sqlite3_finalize(s);
    }
  }

  sqlite3* db_;
  bool cache_;
  std::map<std::string, sqlite3_stmt*> statements_;
  std::string error_;
};

class sqlite_database final : public database {
 public:
  std::unique_ptr<sqlite_connection> writer, reader_, checkpointer;
  store_options options;
  int synchronous = -1;
  std::atomic<std::int64_t> restarts{0};
  // The statements of a batch, its COMMIT (WAL write + fsync), a background checkpoint pass, the
  // writer's pause for a WAL restart.
  histogram h_exec, h_checkpoint, h_pause;

  int db_fd = -1;  // read-only descriptors of the database and WAL files, only to fdatasync
  int wal_fd = -1;
  std::string wal_path;
  std::int64_t limit_frames = 1;  // options.wal_limit_bytes in WAL frames

  std::mutex mutex;
  std::condition_variable checkpoint_wake;
  bool wal_full = false;
  bool stopping = false;
  std::thread checkpoint_thread;

  // The WAL restarts from its beginning only when a write transaction begins with every frame
  // already copied into the database. Under a steady stream of commits a concurrent (PASSIVE)
  // checkpoint never catches up with the last frame, so the WAL would grow without end. When it
  // is over options.wal_limit_bytes, the checkpointer holds the writer between two
  // transactions (`gate`) for a last, short pass; the writer's next transaction restarts it.
  std::mutex gate_mutex;
  std::condition_variable gate_cv;
  bool writer_busy = false;
  bool checkpoint_holds = false;

  sqlite_database() { dialect_ = sql_dialect{}; }
  ~sqlite_database() override {
    {
      std::lock_guard<std::mutex> lock(mutex);
      stopping = true;
    }
    checkpoint_wake.notify_all();
    if (checkpoint_thread.joinable()) checkpoint_thread.join();
    if (checkpointer) {
      sqlite3_wal_checkpoint_v2(checkpointer->get(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr,
                                nullptr);
    }
    if (db_fd >= 0) close(db_fd);
    if (wal_fd >= 0) close(wal_fd);
  }

  sql_connection& reader() override { return *reader_; }

  int apply(const std::vector<write_job*>& batch) override {
    {
      std::unique_lock<std::mutex> gate(gate_mutex);
      gate_cv.wait(gate, [&] { return !checkpoint_holds; });
      writer_busy = true;
    }
    auto t0 = histogram::clock::now();
    const int written = apply_batch(*writer, dialect_, batch);
    h_exec.add(histogram::clock::now() - t0);
    {
      std::lock_guard<std::mutex> gate(gate_mutex);
      writer_busy = false;
    }
    gate_cv.notify_all();
    return written;
  }

  std::string journal_mode() override {
    std::string mode;
    reader_->run("PRAGMA journal_mode", {}, [&](const sql_row& r) { mode = r.text(0); });
    return mode;
  }
  int synchronous_level() const override { return synchronous; }
  std::int64_t wal_restarts() const override { return restarts.load(); }
  std::string timings() const override {
    return h_exec.summary("store: transaction (statements + commit)") + "\n" +
           h_checkpoint.summary("store: checkpoint pass") + "\n" +
           h_pause.summary("store: restart pause") + "\nwal restarts " +
           std::to_string(restarts.load());
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
      sqlite3_wal_checkpoint_v2(checkpointer->get(), nullptr, SQLITE_CHECKPOINT_PASSIVE, &log,
                                &copied);
      h_checkpoint.add(histogram::clock::now() - t0);
      if (log >= limit_frames) restart_wal(log);
      lock.lock();
    }
  }

  // Called by SQLite on the writer thread after each commit, with the WAL's frame count: wakes
  // the checkpointer as soon as the WAL passes its limit, instead of at its next tick.
  static int on_wal_commit(void* self, sqlite3*, const char*, int frames) {
    auto* state = static_cast<sqlite_database*>(self);
    if (frames >= state->limit_frames) {
      std::lock_guard<std::mutex> lock(state->mutex);
      state->wal_full = true;
      state->checkpoint_wake.notify_one();
    }
    return SQLITE_OK;
  }

  // `log`: the WAL's frame count when the last pass began (the writer kept appending since).
  void restart_wal(int log) {
    sqlite3* c = checkpointer->get();
    int copied = 0;
    for (int i = 0; i < 4; ++i) {
      int before = log;
      sqlite3_wal_checkpoint_v2(c, nullptr, SQLITE_CHECKPOINT_PASSIVE, &log, &copied);
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
    sqlite3_wal_checkpoint_v2(c, nullptr, SQLITE_CHECKPOINT_PASSIVE, &log, &copied);
    h_pause.add(histogram::clock::now() - t0);
    if (copied == log) restarts.fetch_add(1);
    {
      std::lock_guard<std::mutex> gate(gate_mutex);
      checkpoint_holds = false;
    }
    gate_cv.notify_all();
  }
};

std::unique_ptr<sqlite_connection> connect(const std::string& path, int flags, bool cache,
                                           std::string* error) {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  auto c = std::make_unique<sqlite_connection>(raw, cache);
  if (rc != SQLITE_OK) {
    *error = "cannot open " + path + ": " + (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc));
    return nullptr;
  }
  sqlite3_busy_timeout(raw, 5000);
  return c;
}

// The database and its side files hold every comment and order id: readable by the collector's
// user only. A new file is created 0600 (SQLite gives the -wal and -shm files the database
// file's mode); an older one, created with the umask's mode, is narrowed at open.
bool make_private(const std::string& path, std::string* error) {
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return true;  // sqlite3_open_v2 says why (read-only file, missing folder…)
  close(fd);
  for (const std::string& file : {path, path + "-wal", path + "-shm"}) {
    struct stat st {};
    if (::stat(file.c_str(), &st) == 0 && (st.st_mode & 077) != 0 &&
        ::chmod(file.c_str(), st.st_mode & 0700) != 0) {
      *error = "cannot make " + file + " private (chmod 0600)";
      return false;
    }
  }
  return true;
}

}  // namespace

std::unique_ptr<database> open_sqlite(const std::string& path, const store_options& options,
                                      std::string* error) {
  const std::string& sync = options.synchronous;
  if (sync != "OFF" && sync != "NORMAL" && sync != "FULL" && sync != "EXTRA") {
    *error = "synchronous must be OFF, NORMAL, FULL or EXTRA";
    return nullptr;
  }
  // SQLite's in-memory database would be one per connection (the writer, the reader and the
  // checkpointer each another, empty one) and lost at exit: no place for responses.
  if (path.empty() || path == ":memory:") {
    *error =
        "--db needs a file path or a postgresql:// URL (an in-memory database would lose "
        "every response at exit)";
    return nullptr;
  }
  if (!make_private(path, error)) return nullptr;
  auto state = std::make_unique<sqlite_database>();
  state->options = options;
  state->writer = connect(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, true, error);
  if (!state->writer) return nullptr;
  sqlite_connection& w = *state->writer;
  // SQLite opens a write-protected file read-only without a word; every POST would then fail
  // while /healthz says ok. Refuse to start instead.
  if (sqlite3_db_readonly(w.get(), "main") == 1) {
    *error = "cannot write to " + path + ": the file is read-only for this user";
    return nullptr;
  }
  const std::string pragma = "PRAGMA synchronous=" + sync;
  if (!w.run_script("PRAGMA journal_mode=WAL") || !w.run_script(pragma)) {
    *error = w.error();
    return nullptr;
  }
  w.run("PRAGMA synchronous", {},
        [&](const sql_row& r) { state->synchronous = static_cast<int>(r.integer(0)); });
  if (!migrate(w, state->dialect(), path, error, options.on_phase)) return nullptr;

  state->reader_ = connect(path, SQLITE_OPEN_READWRITE, false, error);
  if (!state->reader_) return nullptr;
  state->reader_->run_script("PRAGMA query_only=1");
  state->checkpointer = connect(path, SQLITE_OPEN_READWRITE, false, error);
  if (!state->checkpointer) return nullptr;
  state->checkpointer->run_script(pragma);
  w.run_script("PRAGMA wal_autocheckpoint=0");
  int page_size = 4096;
  w.run("PRAGMA page_size", {},
        [&](const sql_row& r) { page_size = static_cast<int>(r.integer(0)); });
  state->limit_frames = std::max<std::int64_t>(
      1, options.wal_limit_bytes / ((page_size > 0 ? page_size : 4096) + 24));
  sqlite3_wal_hook(w.get(), &sqlite_database::on_wal_commit, state.get());
  state->db_fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  state->wal_path = path + "-wal";
  sqlite_database* raw = state.get();
  state->checkpoint_thread = std::thread([raw] { raw->run_checkpoints(); });
  return state;
}

}  // namespace pepite::collector
