// The store's interface over either database: opening it, its reader and write queue
// (store::impl), the row reader and WHERE builders the queries share, the writes, the responses'
// list and lookup, users and meta. The figures are in store_figures.cpp, the cases'
// queries in store_cases.cpp, the private declarations in store_impl.hpp.
#include "store.hpp"

#include <mutex>

#include "database.hpp"
#include "follow_up.hpp"
#include "store_impl.hpp"
#include "write_queue.hpp"

namespace pepite::collector {

const char* const row_columns =
    "seq, response_id, survey_id, status, nps, csat, ces, category, alert, alert_priority, "
    "alert_reasons, callback_consent, order_id, comment, locale, submitted_at, received_at, "
    "updated_at, follow_up, note, follow_up_at, sender_key, token_order";

response_row read_row(const sql_row& s, bool with_payload) {
  response_row r;
  r.seq = s.integer(0);
  r.response_id = s.text(1);
  r.survey_id = s.text(2);
  r.status = s.text(3);
  r.nps = s.optional_int(4);
  r.csat = s.optional_int(5);
  r.ces = s.optional_int(6);
  r.category = s.text(7);
  r.alert = s.integer(8) != 0;
  r.alert_priority = s.text(9);
  r.alert_reasons = s.text(10);
  r.callback_consent = s.integer(11) != 0;
  r.order_id = s.text(12);
  r.comment = s.text(13);
  r.locale = s.text(14);
  r.submitted_at = s.text(15);
  r.received_at = s.text(16);
  r.updated_at = s.text(17);
  r.follow_up = s.text(18);
  r.note = s.text(19);
  r.follow_up_at = s.text(20);
  r.sender_key = s.text(21);
  r.token_order = s.text(22);
  if (with_payload) r.payload = s.text(payload_column);
  return r;
}

namespace {

// One survey, or every survey a shop sends: "is it solved?" answers (issue 17) are shown on
// their case and in its own figures, not in the unfiltered lists and figures (rows or rollups).
void add_survey(where_clause& w, const response_filter& f) {
  if (!f.survey.empty()) {
    w.add("survey_id = ?", f.survey);
  } else {
    w.add("survey_id NOT LIKE '%--solved'");
  }
}

}  // namespace

where_clause build_where(const response_filter& f) {
  where_clause w;
  add_survey(w, f);
  if (!f.category.empty()) w.add("category = ?", f.category);
  if (!f.status.empty()) w.add("status = ?", f.status);
  if (!f.follow_up.empty()) w.add("follow_up = ?", f.follow_up);
  // `2026-11-25` and full timestamps are both inclusive bounds, as prefixes: `to` lets in every
  // time that starts with it (DEL sorts after every character of an ISO time). Plain
  // comparisons on the column, so the database can search `responses_received`.
  if (!f.from.empty()) w.add("received_at >= ?", f.from);
  if (!f.to.empty()) w.add("received_at < ?", f.to + "\x7f");
  if (f.alert_only) w.add("alert = 1");
  // Written as the call-back index's WHERE, so that the database searches that index;
  // detractors are all in it, so a category filter on them says so too.
  if (f.callback || f.category == "detractor") w.add("(category = 'detractor' OR alert = 1)");
  return w;
}

// The rollups (schema version 7) answer a filter when it asks for nothing they do not keep:
// any survey, category, status, alert or call-back filter, `from` / `to` prefixes down to the
// hour (`YYYY-MM-DDTHH:`: a bucket starts with the same characters as the times in it), days of
// a clock a whole number of quarters of an hour from UTC. The follow-up changes with the cases
// and is not in them; those filters, and finer times, read the rows.
std::optional<where_clause> rollup_where(const response_filter& f, int minutes) {
  constexpr std::size_t bucket_prefix = 14;
  if (!f.follow_up.empty() || f.from.size() > bucket_prefix || f.to.size() > bucket_prefix ||
      minutes % 15 != 0) {
    return std::nullopt;
  }
  where_clause w;
  add_survey(w, f);
  if (!f.category.empty()) w.add("category = ?", f.category);
  if (!f.status.empty()) w.add("status = ?", f.status);
  if (!f.from.empty()) w.add("bucket >= ?", f.from);
  if (!f.to.empty()) w.add("bucket < ?", f.to + "\x7f");
  if (f.alert_only) w.add("alert = 1");
  if (f.callback || f.category == "detractor") w.add("(category = 'detractor' OR alert = 1)");
  return w;
}

// One batch in one transaction; when it fails (a row the database refuses, a connection cut,
// a deadlock with another collector), each write is tried alone, so one bad write fails
// alone.
int store::impl::run_batch(const std::vector<write_job*>& batch) {
  int written = db->apply(batch);
  if (written >= 0 || batch.size() == 1) return written;
  written = 0;
  std::vector<write_job*> one(1);
  for (write_job* job : batch) {
    one[0] = job;
    const int n = db->apply(one);
    if (n < 0) {
      job->fail("write failed");
    } else {
      written += n;
    }
  }
  return written;
}

// Runs a query on the replica when the thread allows it (replica_reads) and the replica is
// usable, else on the primary's reader connection.
std::int64_t store::impl::read(const std::string& sql, const std::vector<sql_value>& values,
                               const sql_row_fn& on_row) {
  if (replica_reads::active()) {
    if (const auto n = db->read_replica(sql, values, on_row)) return *n;
  }
  return read_primary(sql, values, on_row);
}

std::int64_t store::impl::read_primary(const std::string& sql, const std::vector<sql_value>& values,
                                       const sql_row_fn& on_row) {
  std::lock_guard<std::mutex> lock(reader_mutex);
  return db->reader().run(sql, values, on_row);
}

store::store(std::unique_ptr<impl> state) : impl_(std::move(state)) {}
store::~store() = default;

std::unique_ptr<store> store::open(const std::string& target, std::string* error,
                                   const store_options& options) {
  std::string ignored;
  std::string& message = error ? *error : ignored;
  auto state = std::make_unique<impl>();
  state->db = is_postgres_url(target) ? open_postgres(target, options, &message)
                                      : open_sqlite(target, options, &message);
  if (!state->db) return nullptr;
  state->events = options.events;
  impl* raw = state.get();
  state->queue = std::make_unique<write_queue>(
      options.max_batch,
      [raw](const std::vector<write_job*>& batch) { return raw->run_batch(batch); });
  return std::unique_ptr<store>(new store(std::move(state)));
}

bool store::transact(const sql_work& work) {
  write_job job;
  job.what = write_job::kind::custom;
  job.work = &work;
  impl_->queue->submit(job);
  return job.meta_ok;
}

std::int64_t store::query(const std::string& sql, const std::vector<sql_value>& values,
                          const sql_row_fn& on_row) {
  return impl_->read(sql, values, on_row);
}

upsert_result store::upsert(const payload_summary& summary, std::string_view payload_json,
                            std::string_view received_at, int callback_delay_hours,
                            const upsert_sender& sender) {
  const std::string due = add_hours(received_at, callback_delay_hours);
  write_job job;
  job.due_at = due.empty() ? received_at : std::string_view(due);
  // The alert's event (its id and time; its body is built from the response when it is sent) is
  // prepared here, so the writer's transaction only inserts it (and only when this version is the
  // first with an alert: its key).
  prepared_event alert_event;
  if (impl_->events.enabled && summary.alert && !is_follow_up_id(summary.survey_id)) {
    alert_event = prepare_alert_created(summary, unix_ms_now());
    job.alert_event = &alert_event;
  }
  job.what = write_job::kind::upsert;
  job.sender = &sender;
  job.summary = &summary;
  job.payload = payload_json;
  job.received_at = received_at;
  impl_->queue->submit(job);
  return job.upserted;
}

follow_up_outcome store::set_follow_up(std::string_view response_id, std::string_view state,
                                       std::optional<std::string_view> note, std::string_view now,
                                       response_row* row, std::string_view actor) {
  if (follow_up_rank(state) < 0) return follow_up_outcome::bad_transition;
  write_job job;
  job.what = write_job::kind::follow_up;
  if (impl_->events.enabled) job.events = &impl_->events;
  job.actor = actor;
  job.id = response_id;
  job.state = state;
  job.note = note;
  job.now = now;
  impl_->queue->submit(job);
  if (job.followed == follow_up_outcome::ok && row) {
    if (auto found = find(response_id, true)) *row = *found;
  }
  return job.followed;
}

std::vector<response_row> store::list(const response_filter& filter, int limit,
                                      std::int64_t after_seq, int offset, bool with_payload,
                                      bool* more) {
  where_clause w = build_where(filter);
  if (after_seq > 0) w.add("seq < ?", after_seq);
  std::string sql = std::string("SELECT ") + row_columns + (with_payload ? ", payload" : "") +
                    " FROM responses" + w.sql + " ORDER BY seq DESC LIMIT " +
                    std::to_string(limit + 1) + " OFFSET " + std::to_string(offset);
  std::vector<response_row> rows;
  impl_->read(sql, w.values, [&](const sql_row& r) { rows.push_back(read_row(r, with_payload)); });
  bool has_more = static_cast<int>(rows.size()) > limit;
  if (has_more) rows.pop_back();
  if (more) *more = has_more;
  return rows;
}

std::optional<response_row> store::find(std::string_view response_id, bool with_payload) {
  std::string sql = std::string("SELECT ") + row_columns + (with_payload ? ", payload" : "") +
                    " FROM responses WHERE response_id = ?1";
  std::optional<response_row> row;
  impl_->read(sql, {response_id}, [&](const sql_row& r) { row = read_row(r, with_payload); });
  return row;
}

case_result store::change_case(const case_change& change) {
  write_job job;
  job.what = write_job::kind::case_change;
  job.change = &change;
  if (impl_->events.enabled) job.events = &impl_->events;
  impl_->queue->submit(job);
  return job.changed_case;
}

bool store::add_user(std::string_view name, std::string_view token_hash, std::string_view now) {
  write_job job;
  job.what = write_job::kind::user;
  job.key = name;
  job.value = token_hash;
  job.now = now;
  impl_->queue->submit(job);
  return job.meta_ok;
}

std::optional<std::string> store::user_by_token_hash(std::string_view token_hash) {
  std::optional<std::string> name;
  impl_->read_primary("SELECT name FROM users WHERE token_hash = ?1", {token_hash},
                      [&](const sql_row& r) { name = r.text(0); });
  return name;
}

std::vector<std::string> store::user_names() {
  std::vector<std::string> out;
  impl_->read("SELECT name FROM users ORDER BY name", {},
              [&](const sql_row& r) { out.push_back(r.text(0)); });
  return out;
}

bool store::order_answered(std::string_view survey_id, std::string_view order_id) {
  bool found = false;
  impl_->read("SELECT 1 FROM responses WHERE survey_id = ?1 AND token_order = ?2",
              {survey_id, order_id}, [&](const sql_row&) { found = true; });
  return found;
}

bool store::import_rows(const std::vector<response_row>& rows) {
  std::vector<write_job> jobs(rows.size());
  std::vector<write_job*> queued;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    jobs[i].what = write_job::kind::import;
    jobs[i].row = &rows[i];
    queued.push_back(&jobs[i]);
  }
  impl_->queue->submit_all(queued);
  for (const write_job& job : jobs) {
    if (!job.meta_ok) return false;
  }
  return true;
}

std::vector<std::pair<std::string, std::string>> store::meta_entries() {
  std::vector<std::pair<std::string, std::string>> out;
  impl_->read("SELECT key, value FROM meta WHERE key <> 'schema_version' ORDER BY key", {},
              [&](const sql_row& r) { out.emplace_back(r.text(0), r.text(1)); });
  return out;
}

std::string store::meta(std::string_view key) {
  std::string value;
  impl_->read("SELECT value FROM meta WHERE key = ?1", {key},
              [&](const sql_row& r) { value = r.text(0); });
  return value;
}

bool store::set_meta(std::string_view key, std::string_view value) {
  write_job job;
  job.what = write_job::kind::meta;
  job.key = key;
  job.value = value;
  impl_->queue->submit(job);
  return job.meta_ok;
}

int store::take_token(std::string_view client, double rate, double burst,
                      int* retry_after_seconds) {
  return impl_->db->take_token(client, rate, burst, retry_after_seconds);
}

int store::user_version() {
  std::lock_guard<std::mutex> lock(impl_->reader_mutex);
  return read_schema_version(impl_->db->reader(), impl_->db->dialect());
}

std::string store::journal_mode() {
  std::lock_guard<std::mutex> lock(impl_->reader_mutex);
  return impl_->db->journal_mode();
}

std::string store::read_side() const {
  return impl_->db->read_side();
}

int store::synchronous_level() const {
  return impl_->db->synchronous_level();
}
std::int64_t store::commits() const {
  return impl_->queue->commits();
}
std::int64_t store::committed_writes() const {
  return impl_->queue->committed_writes();
}
std::int64_t store::wal_restarts() const {
  return impl_->db->wal_restarts();
}
std::string store::timings() const {
  return impl_->queue->timings() + "\n" + impl_->db->timings();
}

}  // namespace pepite::collector
