// The store's interface over either database, and its queries (written once for both).
#include "store.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <mutex>

#include "database.hpp"
#include "follow_up.hpp"
#include "write_queue.hpp"

namespace pepite::collector {

namespace {

const char* const row_columns =
    "seq, response_id, survey_id, status, nps, csat, ces, category, alert, alert_priority, "
    "alert_reasons, callback_consent, order_id, comment, locale, submitted_at, received_at, "
    "updated_at, follow_up, note, follow_up_at, sender_key, token_order";

// The payload follows row_columns; a case's columns follow the payload (read_case_row).
constexpr int payload_column = 23;

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

// One survey, or every survey a shop sends: "is it solved?" answers (issue 17) are shown on
// their case and in its own figures, not in the unfiltered lists and figures (rows or rollups).
void add_survey(where_clause& w, const response_filter& f) {
  if (!f.survey.empty()) {
    w.add("survey_id = ?", f.survey);
  } else {
    w.add("survey_id NOT LIKE '%--solved'");
  }
}

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

// The day of a UTC `received_at` on a clock `minutes` east of UTC.
std::string day_sql(const sql_dialect& dialect, int minutes) {
  if (minutes == 0) return "substr(received_at, 1, 10)";
  const std::string shift =
      (minutes < 0 ? "-" : "+") + std::to_string(minutes < 0 ? -minutes : minutes) + " minutes";
  if (dialect.postgres) {
    return "to_char(received_at::timestamptz + interval '" + shift + "', 'YYYY-MM-DD')";
  }
  return "date(received_at, '" + shift + "')";
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

// Days since 1970-01-01 of a civil date, and back (proleptic Gregorian).
long long days_from_civil(long long y, long long m, long long d) {
  y -= m <= 2;
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const long long yoe = y - era * 400;
  const long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

std::string civil_from_days(long long z) {
  z += 719468;
  const long long era = (z >= 0 ? z : z - 146096) / 146097;
  const long long doe = z - era * 146097;
  const long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long long mp = (5 * doy + 2) / 153;
  const long long d = doy - (153 * mp + 2) / 5 + 1;
  const long long m = mp + (mp < 10 ? 3 : -9);
  const long long y = yoe + era * 400 + (m <= 2);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lld", y, m, d);
  return buf;
}

// The day of a bucket (`YYYY-MM-DDTHH:MM`, UTC) on a clock `minutes` east of UTC.
std::string bucket_day(const std::string& bucket, int minutes) {
  if (minutes == 0 || bucket.size() < 16) return bucket.substr(0, 10);
  auto number = [&](std::size_t at, std::size_t n) { return std::stoll(bucket.substr(at, n)); };
  const long long at = days_from_civil(number(0, 4), number(5, 2), number(8, 2)) * 1440 +
                       number(11, 2) * 60 + number(14, 2) + minutes;
  return civil_from_days(at >= 0 ? at / 1440 : (at - 1439) / 1440);
}

}  // namespace

struct store::impl {
  std::unique_ptr<database> db;
  std::mutex reader_mutex;
  std::unique_ptr<write_queue> queue;
  event_options events;

  // One batch in one transaction; when it fails (a row the database refuses, a connection cut,
  // a deadlock with another collector), each write is tried alone, so one bad write fails
  // alone.
  int run_batch(const std::vector<write_job*>& batch) {
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
  std::int64_t read(const std::string& sql, const std::vector<sql_value>& values,
                    const sql_row_fn& on_row) {
    if (replica_reads::active()) {
      if (const auto n = db->read_replica(sql, values, on_row)) return *n;
    }
    return read_primary(sql, values, on_row);
  }
  std::int64_t read_primary(const std::string& sql, const std::vector<sql_value>& values,
                            const sql_row_fn& on_row) {
    std::lock_guard<std::mutex> lock(reader_mutex);
    return db->reader().run(sql, values, on_row);
  }
};

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

stats store::compute_stats(const response_filter& filter, int utc_offset_minutes) {
  if (auto w = rollup_where(filter, utc_offset_minutes)) {
    // The same figures as the aggregator's over the rows, from the rollups' sums: days (or
    // quarters, when the days are not UTC ones) with their counts, then the totals.
    std::string sql = std::string("SELECT ") +
                      (utc_offset_minutes == 0 ? "substr(bucket, 1, 10)" : "bucket") +
                      ", sum(responses)";
    for (int score = 0; score <= 10; ++score) sql += ", sum(nps" + std::to_string(score) + ")";
    sql +=
        ", sum(csat_responses), sum(csat_satisfied), sum(ces_responses), sum(ces_sum) FROM "
        "response_rollups" +
        w->sql + " GROUP BY 1";
    stats out;
    std::map<std::string, day_stats> days;
    long long ces_sum = 0;
    if (impl_->read(sql, w->values, [&](const sql_row& r) {
          const auto n = static_cast<int>(r.integer(1));
          if (n == 0) return;  // every response of these buckets was replaced
          day_stats& day = days[bucket_day(r.text(0), utc_offset_minutes)];
          day.responses += n;
          out.responses += n;
          for (int score = 0; score <= 10; ++score) {
            const auto k = static_cast<int>(r.integer(2 + score));
            out.distribution[static_cast<std::size_t>(score)] += k;
            int& tier = score >= 9 ? day.nps.promoters
                                   : (score >= 7 ? day.nps.passives : day.nps.detractors);
            tier += k;
          }
          out.csat_responses += static_cast<int>(r.integer(13));
          out.csat_satisfied += static_cast<int>(r.integer(14));
          out.ces_responses += static_cast<int>(r.integer(15));
          ces_sum += r.integer(16);
        }) < 0) {
      return out;
    }
    const auto& d = out.distribution;
    out.nps =
        nps_from_counts(d[9] + d[10], d[7] + d[8], d[0] + d[1] + d[2] + d[3] + d[4] + d[5] + d[6]);
    out.csat_percent =
        out.csat_responses > 0 ? 100.0 * out.csat_satisfied / out.csat_responses : 0.0;
    out.ces_mean = out.ces_responses > 0 ? static_cast<double>(ces_sum) / out.ces_responses : 0.0;
    for (auto& [day, figures] : days) {
      figures.day = day;
      figures.nps =
          nps_from_counts(figures.nps.promoters, figures.nps.passives, figures.nps.detractors);
      out.series.push_back(figures);
    }
    return out;
  }
  where_clause w = build_where(filter);
  std::string sql = "SELECT " + day_sql(impl_->db->dialect(), utc_offset_minutes) +
                    ", nps, csat, ces FROM responses" + w.sql;
  aggregator agg;
  impl_->read(sql, w.values, [&](const sql_row& s) {
    score_record r;
    r.day = s.text(0);
    r.nps = s.optional_int(1);
    r.csat = s.optional_int(2);
    r.ces = s.optional_int(3);
    agg.add(r);
  });
  return agg.result();
}

case_result store::change_case(const case_change& change) {
  write_job job;
  job.what = write_job::kind::case_change;
  job.change = &change;
  if (impl_->events.enabled) job.events = &impl_->events;
  impl_->queue->submit(job);
  return job.changed_case;
}

namespace {

// The response's columns with the `r.` of the queues' join, then the case's.
std::string case_columns() {
  std::string out;
  std::string_view all = row_columns;
  while (!all.empty()) {
    const auto comma = all.find(", ");
    out += "r.";
    out += all.substr(0, comma);
    out += ", ";
    if (comma == std::string_view::npos) break;
    all.remove_prefix(comma + 2);
  }
  // A response copied by `migrate` may have no case row: due at its receipt.
  return out +
         "r.payload, CASE WHEN c.response_id IS NULL THEN 0 ELSE 1 END, COALESCE(c.assignee, ''), "
         "COALESCE(c.due_at, "
         "r.received_at), COALESCE(c.created_at, r.received_at), COALESCE(c.contacted_at, ''), "
         "COALESCE(c.resolved_at, ''), (SELECT max(e.seq) FROM case_events e WHERE "
         "e.response_id = r.response_id AND e.kind NOT IN ('undo', 'resolution') AND e.undone = "
         "0)";
}

case_row read_case_row(const sql_row& s) {
  case_row c;
  c.response = read_row(s, true);
  constexpr int at = payload_column + 1;
  c.has_case = s.integer(at) != 0;
  c.assignee = s.text(at + 1);
  c.due_at = s.text(at + 2);
  // A response without a case yet (a promoter's comment): due as its case would be made.
  if (!c.has_case) c.due_at = add_hours(c.response.received_at, default_callback_delay_hours);
  c.created_at = s.text(at + 3);
  c.contacted_at = s.text(at + 4);
  c.resolved_at = s.text(at + 5);
  c.last_event = s.is_null(at + 6) ? 0 : s.integer(at + 6);
  return c;
}

const char* const case_from =
    " FROM responses r LEFT JOIN cases c ON c.response_id = r.response_id";

}  // namespace

std::vector<case_row> store::list_cases(const case_query& q, bool* more) {
  where_clause w = build_where(q.filter);
  const char* const open_case = "(category = 'detractor' OR alert = 1)";
  std::string order;
  if (q.queue == "callback") {
    w.add("follow_up = 'open'");
    w.add(open_case);
    w.add("callback_consent = 1");
    // callback_page: by urgency_rank_sql, then COALESCE(c.due_at, r.received_at), then r.seq.
  } else if (q.queue == "read") {
    w.add("follow_up = 'open'");
    w.add("((category = 'detractor' OR alert = 1) AND callback_consent = 0 OR comment <> '')");
    w.add("NOT ((category = 'detractor' OR alert = 1) AND callback_consent = 1)");
    order = " ORDER BY r.seq DESC";
  } else {
    // Written as the history index's WHERE, so that the database searches it.
    w.add("follow_up <> 'open'");
    if (!q.search.empty()) {
      std::string like = "%";
      for (char ch : q.search) {
        if (ch == '%' || ch == '_' || ch == '\\') like += '\\';
        like += ch;
      }
      like += '%';
      w.add(
          "(lower(comment) LIKE lower(?) ESCAPE '\\' OR lower(order_id) LIKE lower(?) ESCAPE "
          "'\\' OR lower(COALESCE(c.assignee, '')) LIKE lower(?) ESCAPE '\\' OR EXISTS "
          "(SELECT 1 FROM case_notes n WHERE n.response_id = r.response_id AND n.removed = 0 "
          "AND lower(n.text) LIKE lower(?) ESCAPE '\\'))");
      w.values.insert(w.values.end(), {like, like, like, like});
    }
    order = " ORDER BY r.follow_up_at DESC, r.seq DESC";
  }
  // The page is chosen on the narrow columns first (sorting tens of thousands of open cases with
  // their payloads took 0.4 s at 1,000,000 responses), then only its rows are read whole.
  std::vector<std::int64_t> seqs;
  if (q.queue == "callback") {
    seqs = callback_page(w.sql, w.values, static_cast<std::size_t>(q.offset) + q.limit + 1);
    seqs.erase(seqs.begin(), seqs.begin() + static_cast<std::ptrdiff_t>(std::min(
                                                seqs.size(), static_cast<std::size_t>(q.offset))));
  } else {
    const std::string page = "SELECT r.seq" + std::string(case_from) + w.sql + order + " LIMIT " +
                             std::to_string(q.limit + 1) + " OFFSET " + std::to_string(q.offset);
    impl_->read(page, w.values, [&](const sql_row& r) { seqs.push_back(r.integer(0)); });
  }
  std::vector<case_row> rows;
  if (!seqs.empty()) {
    std::string in;
    std::vector<sql_value> values;
    for (const auto seq : seqs) {
      in += in.empty() ? "?" : ", ?";
      values.emplace_back(seq);
    }
    std::map<std::int64_t, case_row> by_seq;
    impl_->read("SELECT " + case_columns() + case_from + " WHERE r.seq IN (" + in + ")", values,
                [&](const sql_row& r) {
                  case_row c = read_case_row(r);
                  by_seq[c.response.seq] = std::move(c);
                });
    for (const auto seq : seqs) {
      if (auto it = by_seq.find(seq); it != by_seq.end()) rows.push_back(std::move(it->second));
    }
  }
  const bool has_more = static_cast<int>(rows.size()) > q.limit;
  if (has_more) rows.pop_back();
  if (more) *more = has_more;
  return rows;
}

// The call-back queue's first `wanted` rows in its order (urgency tier, the earliest due, seq)
// without sorting every open case (60,000 at 1,000,000 responses: 0.8 s): tier by tier, the
// `need` first received (the `responses_callback_queue` index, in order) bound the page, since
// a case is never due before its receipt (the promised delay is 0 h or more): whatever is due
// first was received no later than the latest due of those. Only the rows received up to that
// bound are sorted, about one delay's worth.
std::vector<std::int64_t> store::callback_page(const std::string& where,
                                               const std::vector<sql_value>& values,
                                               std::size_t wanted) {
  static const char* const tiers[] = {"alert_priority = 'high'", "alert_priority = 'medium'",
                                      "alert_priority = 'normal'", "alert_priority = 'low'",
                                      "alert_priority NOT IN ('high', 'medium', 'normal', 'low')"};
  static_assert(sizeof(tiers) / sizeof(tiers[0]) == 5, "one per rank of urgency_rank_sql");
  std::vector<std::int64_t> seqs;
  for (const char* tier : tiers) {
    if (seqs.size() >= wanted) break;
    const std::string need = std::to_string(wanted - seqs.size());
    where_clause in_tier{where, values};
    in_tier.add(tier);
    std::string bound;
    std::size_t found = 0;
    impl_->read("SELECT COALESCE(c.due_at, r.received_at)" + std::string(case_from) + in_tier.sql +
                    " ORDER BY r.received_at, r.seq LIMIT " + need,
                in_tier.values, [&](const sql_row& r) {
                  ++found;
                  bound = std::max(bound, r.text(0));
                });
    if (found == 0) continue;
    if (std::to_string(found) == need) in_tier.add("r.received_at <= ?", bound);
    impl_->read("SELECT r.seq" + std::string(case_from) + in_tier.sql +
                    " ORDER BY COALESCE(c.due_at, r.received_at), r.seq LIMIT " + need,
                in_tier.values, [&](const sql_row& r) { seqs.push_back(r.integer(0)); });
  }
  return seqs;
}

std::optional<case_row> store::find_case(std::string_view response_id) {
  std::optional<case_row> row;
  impl_->read("SELECT " + case_columns() + case_from + " WHERE r.response_id = ?1", {response_id},
              [&](const sql_row& r) { row = read_case_row(r); });
  return row;
}

store::queue_counts store::count_queues(const response_filter& filter, std::string_view now,
                                        std::int64_t cap) {
  // The conditions of list_cases()'s queues, each counted over at most `cap` rows (LIMIT in a
  // subquery: the database stops there), searched by the same indexes as the pages.
  queue_counts out;
  const std::string limit = " LIMIT " + std::to_string(cap) + ") x";
  const auto count = [&](const char* conditions, const char* select, const char* outer,
                         std::vector<sql_value> first, auto&& on_row) {
    where_clause w = build_where(filter);
    w.add(conditions);
    first.insert(first.end(), w.values.begin(), w.values.end());
    impl_->read(
        std::string("SELECT ") + outer + " FROM (SELECT " + select + case_from + w.sql + limit,
        first, on_row);
  };
  count("follow_up = 'open' AND (category = 'detractor' OR alert = 1) AND callback_consent = 1",
        "COALESCE(c.due_at, '') AS due",
        "count(*), COALESCE(sum(CASE WHEN due <> '' AND due < ? THEN 1 ELSE 0 END), 0)",
        {std::string(now)}, [&](const sql_row& r) {
          out.callback = r.integer(0);
          out.overdue = r.integer(1);
        });
  count(
      "follow_up = 'open' AND ((category = 'detractor' OR alert = 1) AND callback_consent = 0 OR "
      "comment <> '') AND NOT ((category = 'detractor' OR alert = 1) AND callback_consent = 1)",
      "1 AS one", "count(*)", {}, [&](const sql_row& r) { out.read = r.integer(0); });
  count("follow_up <> 'open'", "1 AS one", "count(*)", {},
        [&](const sql_row& r) { out.history = r.integer(0); });
  return out;
}

std::vector<case_row> store::list_with_cases(const response_filter& filter, int limit,
                                             std::int64_t after_seq, bool* more) {
  where_clause w = build_where(filter);
  if (after_seq > 0) w.add("r.seq < ?", after_seq);
  const std::string sql = "SELECT " + case_columns() + case_from + w.sql +
                          " ORDER BY r.seq DESC LIMIT " + std::to_string(limit + 1);
  std::vector<case_row> rows;
  impl_->read(sql, w.values, [&](const sql_row& r) { rows.push_back(read_case_row(r)); });
  const bool has_more = static_cast<int>(rows.size()) > limit;
  if (has_more) rows.pop_back();
  if (more) *more = has_more;
  return rows;
}

std::vector<response_row> store::same_order(const std::vector<std::string>& order_ids) {
  std::vector<response_row> rows;
  if (order_ids.empty()) return rows;
  std::string in;
  std::vector<sql_value> values;
  for (const auto& id : order_ids) {
    in += in.empty() ? "?" : ", ?";
    values.emplace_back(id);
  }
  impl_->read(std::string("SELECT ") + row_columns +
                  ", payload FROM responses WHERE order_id IN (" + in +
                  ") ORDER BY seq DESC LIMIT 500",
              values, [&](const sql_row& r) { rows.push_back(read_row(r, true)); });
  return rows;
}

std::vector<case_event> store::case_events(std::string_view response_id) {
  std::vector<case_event> out;
  impl_->read(
      "SELECT seq, at, actor, kind, from_value, to_value, note, undone, undoes FROM "
      "case_events WHERE response_id = ?1 ORDER BY seq",
      {response_id}, [&](const sql_row& r) {
        out.push_back({r.integer(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5),
                       r.text(6), r.integer(7) != 0, r.is_null(8) ? 0 : r.integer(8)});
      });
  return out;
}

std::optional<case_row> store::order_case(std::string_view survey_id, std::string_view order_id) {
  std::optional<case_row> row;
  impl_->read("SELECT " + case_columns() + case_from +
                  " WHERE r.survey_id = ?1 AND r.order_id = ?2 ORDER BY CASE WHEN r.token_order "
                  "= ?2 THEN 0 ELSE 1 END, r.seq DESC LIMIT 1",
              {survey_id, order_id}, [&](const sql_row& r) { row = read_case_row(r); });
  return row;
}

std::optional<response_row> store::follow_up_of(const response_row& base) {
  if (base.token_order.empty()) return std::nullopt;
  std::optional<response_row> row;
  impl_->read(std::string("SELECT ") + row_columns +
                  ", payload FROM responses WHERE survey_id = ?1 AND token_order = ?2",
              {base.survey_id + std::string(follow_up_suffix), base.token_order},
              [&](const sql_row& r) { row = read_row(r, true); });
  return row;
}

bool store::record_resolution(std::string_view response_id, std::string_view answer,
                              std::string_view comment, std::string_view at) {
  return transact([&](sql_connection& db, const sql_dialect&) {
    bool recorded = false;
    if (db.run("SELECT 1 FROM case_events WHERE response_id = ?1 AND kind = 'resolution'",
               {response_id}, [&](const sql_row&) { recorded = true; }) < 0) {
      return -1;
    }
    if (recorded) return 0;
    if (db.run("INSERT INTO case_events (response_id, at, actor, kind, from_value, to_value, "
               "note) VALUES (?1, ?2, 'shopper', 'resolution', '', ?3, ?4)",
               {response_id, at, answer, comment}) != 1) {
      return -1;
    }
    // Webhooks: a `case.changed` telling the team what the shopper said, in the same transaction.
    if (!impl_->events.enabled) return 1;
    std::int64_t seq = 0;
    if (db.run("SELECT seq FROM case_events WHERE response_id = ?1 AND kind = 'resolution'",
               {response_id}, [&](const sql_row& r) { seq = r.integer(0); }) < 0 ||
        seq == 0) {
      return -1;
    }
    return queue_case_changed(db, impl_->events, seq, unix_ms_now()) < 0 ? -1 : 1;
  });
}

std::vector<case_note> store::case_notes(std::string_view response_id) {
  std::vector<case_note> out;
  impl_->read(
      "SELECT seq, at, author, text, for_shopper FROM case_notes WHERE response_id = ?1 "
      "AND removed = 0 ORDER BY seq",
      {response_id}, [&](const sql_row& r) {
        out.push_back({r.integer(0), r.text(1), r.text(2), r.text(3), r.integer(4) != 0});
      });
  return out;
}

// The complete "is it solved?" response of `r`'s token order (a scalar subquery's FROM and
// WHERE: the unique index on survey and token order finds it).
const char* const follow_up_where =
    " FROM responses f WHERE r.token_order <> '' AND f.survey_id = r.survey_id || '--solved' AND "
    "f.token_order = r.token_order AND f.status = 'complete'";

std::map<std::string, std::vector<case_note>> store::case_notes(
    const std::vector<std::string>& response_ids) {
  std::map<std::string, std::vector<case_note>> out;
  if (response_ids.empty()) return out;
  std::string in;
  std::vector<sql_value> values;
  for (const auto& id : response_ids) {
    in += in.empty() ? "?" : ", ?";
    values.emplace_back(id);
  }
  impl_->read(
      "SELECT response_id, seq, at, author, text, for_shopper FROM case_notes WHERE response_id "
      "IN (" +
          in + ") AND removed = 0 ORDER BY response_id, seq",
      values, [&](const sql_row& r) {
        out[r.text(0)].push_back(
            {r.integer(1), r.text(2), r.text(3), r.text(4), r.integer(5) != 0});
      });
  return out;
}

namespace {

// A complaint's times from the first three columns (received_at, due_at or '', contacted_at or
// ''), as the figures read them; nullopt without a receipt time.
std::optional<complaint_case> complaint_times(const sql_row& r) {
  const auto received = iso_seconds(r.text(0));
  if (!received) return std::nullopt;
  complaint_case c;
  c.received = *received;
  // Every alert has its case row; without one, the default delay.
  c.due = iso_seconds(r.text(1)).value_or(c.received + default_callback_delay_hours * 3600LL);
  if (auto contacted = iso_seconds(r.text(2))) c.contacted = *contacted;
  return c;
}

// The quarter of an hour (`YYYY-MM-DDTHH:MM`, UTC) of `seconds` since the epoch.
std::string quarter_of(long long seconds) {
  const long long start = seconds - ((seconds % 900) + 900) % 900;
  const long long day = start >= 0 ? start / 86400 : (start - 86399) / 86400;
  const long long in_day = start - day * 86400;
  char time[48];
  std::snprintf(time, sizeof time, "T%02lld:%02lld", in_day / 3600, in_day % 3600 / 60);
  return civil_from_days(day) + time;
}

}  // namespace

std::vector<complaint_case> store::complaint_cases(const response_filter& filter) {
  where_clause w = build_where(filter);
  w.add("alert = 1");
  std::vector<complaint_case> out;
  // With the shopper's "is it solved?" answer (issue 17), when one is stored for the order.
  impl_->read(
      "SELECT r.received_at, COALESCE(c.due_at, ''), COALESCE(c.contacted_at, "
      "''), r.follow_up, r.nps, (SELECT f.nps" +
          std::string(follow_up_where) + "), (SELECT f.payload" + follow_up_where + ")" +
          case_from + w.sql,
      w.values, [&](const sql_row& r) {
        auto c = complaint_times(r);
        if (!c) return;
        c->resolved = r.text(3) == "resolved";
        if (!r.is_null(6)) {
          c->confirmation = read_resolution(r.text(6), {}).answer;
          c->nps_before = r.optional_int(4);
          c->nps_after = r.optional_int(5);
        }
        out.push_back(*c);
      });
  return out;
}

pepite::complaint_counts store::complaint_counts(const response_filter& filter, long long now) {
  const auto w = rollup_where(filter, 0);
  if (!w) return pepite::count_complaints(complaint_cases(filter), now);
  // The complaints not contacted are kept by the quarter they are due: those of earlier
  // quarters are past due now, those of later ones not; this quarter's are read one by one.
  const std::string quarter = quarter_of(now);
  std::vector<sql_value> values = {quarter, quarter};
  values.insert(values.end(), w->values.begin(), w->values.end());
  pepite::complaint_counts out;
  bool due_this_quarter = false;
  if (impl_->read("SELECT minutes, CASE WHEN due_bucket = '' THEN 0 WHEN due_bucket < ? THEN 1 "
                  "WHEN due_bucket = ? THEN 2 ELSE 3 END, sum(complaints), sum(kept), "
                  "sum(resolved) FROM complaint_rollups" +
                      w->sql + " GROUP BY 1, 2",
                  values,
                  [&](const sql_row& r) {
                    const auto n = static_cast<int>(r.integer(2));
                    out.complaints += n;
                    out.kept += static_cast<int>(r.integer(3));
                    out.resolved += static_cast<int>(r.integer(4));
                    if (n == 0) return;  // every complaint of these rows was replaced
                    if (r.integer(0) >= 0) {
                      out.contact_minutes[r.integer(0)] += n;
                      out.decided += n;
                    } else if (r.integer(1) == 1) {
                      out.decided += n;
                    } else if (r.integer(1) == 2) {
                      due_this_quarter = true;
                    }
                  }) < 0 ||
      !due_this_quarter) {
    return out;
  }
  // The hours received in that hold complaints due this quarter, then their rows.
  where_clause due_now = *w;
  due_now.add("due_bucket = ?", quarter);
  std::vector<std::string> hours;
  impl_->read("SELECT substr(bucket, 1, 14) FROM complaint_rollups" + due_now.sql +
                  " GROUP BY 1 HAVING sum(complaints) <> 0",
              due_now.values, [&](const sql_row& r) { hours.push_back(r.text(0)); });
  const long long quarter_start = now - ((now % 900) + 900) % 900;
  for (const auto& hour : hours) {
    where_clause rows = build_where(filter);
    rows.add("alert = 1");
    rows.add("received_at >= ?", hour);
    rows.add("received_at < ?", hour + "\x7f");
    impl_->read("SELECT r.received_at, COALESCE(c.due_at, ''), COALESCE(c.contacted_at, '')" +
                    std::string(case_from) + rows.sql,
                rows.values, [&](const sql_row& r) {
                  const auto c = complaint_times(r);
                  if (c && !c->contacted && now > c->due && c->due >= quarter_start &&
                      c->due < quarter_start + 900) {
                    ++out.decided;
                  }
                });
  }
  return out;
}

std::vector<complaint_case> store::complaint_confirmations(const response_filter& filter) {
  // From the "is it solved?" answers (`responses_solved`: received after their complaint, so
  // after the period's start) to their complaints, not from every complaint to its answer.
  std::string answers =
      "SELECT substr(survey_id, 1, length(survey_id) - 8) AS base_survey, token_order AS "
      "base_order, nps AS nps_after, payload AS answer FROM responses WHERE survey_id LIKE "
      "'%--solved' AND status = 'complete' AND token_order <> ''";
  std::vector<sql_value> values;
  if (!filter.from.empty()) {
    answers += " AND received_at >= ?";
    values.emplace_back(filter.from);
  }
  where_clause w = build_where(filter);
  w.add("alert = 1");
  // CROSS JOIN: SQLite takes the answers first (else it reads the period's complaints and builds
  // an index of the answers on every request); the token's unique index finds each complaint.
  w.add("responses.survey_id = answers.base_survey");
  w.add("responses.token_order = answers.base_order");
  w.add("token_order <> ''");
  values.insert(values.end(), w.values.begin(), w.values.end());
  std::vector<complaint_case> out;
  impl_->read("WITH answers AS (" + answers +
                  ") SELECT responses.nps, answers.nps_after, answers.answer FROM answers CROSS "
                  "JOIN responses" +
                  w.sql,
              values, [&](const sql_row& r) {
                complaint_case c;
                c.confirmation = read_resolution(r.text(2), {}).answer;
                c.nps_before = r.optional_int(0);
                c.nps_after = r.optional_int(1);
                out.push_back(c);
              });
  return out;
}

std::vector<std::pair<std::string, std::int64_t>> store::topic_counts(
    const response_filter& filter) {
  std::vector<std::pair<std::string, std::int64_t>> out;
  if (auto w = rollup_where(filter, 0)) {
    impl_->read("SELECT topic, sum(responses) FROM topic_rollups" + w->sql +
                    " GROUP BY topic HAVING sum(responses) <> 0 ORDER BY topic",
                w->values, [&](const sql_row& r) { out.emplace_back(r.text(0), r.integer(1)); });
    return out;
  }
  where_clause w = build_where(filter);
  // Only payloads that name topics are read; the database takes the array apart itself (no
  // payload crosses to the collector).
  w.add("payload LIKE '%\"topics\"%'");
  const std::string sql =
      impl_->db->dialect().postgres
          ? "SELECT t, count(*) FROM responses, jsonb_array_elements_text(CASE WHEN "
            "jsonb_typeof(payload::jsonb -> 'topics') = 'array' THEN payload::jsonb -> 'topics' "
            "ELSE '[]'::jsonb END) AS t" +
                w.sql + " GROUP BY t ORDER BY t"
          : "SELECT j.value, count(*) FROM responses, json_each(responses.payload, '$.topics') "
            "AS j" +
                w.sql +
                " AND json_type(responses.payload, '$.topics') = 'array' GROUP BY j.value "
                "ORDER BY j.value";
  impl_->read(sql, w.values, [&](const sql_row& r) { out.emplace_back(r.text(0), r.integer(1)); });
  return out;
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

std::int64_t store::count() {
  return count(response_filter{});
}

std::int64_t store::count(const response_filter& filter) {
  std::int64_t n = -1;
  if (auto w = rollup_where(filter, 0)) {
    impl_->read("SELECT COALESCE(sum(responses), 0) FROM response_rollups" + w->sql, w->values,
                [&](const sql_row& r) { n = r.integer(0); });
    return n;
  }
  where_clause w = build_where(filter);
  impl_->read("SELECT count(*) FROM responses" + w.sql, w.values,
              [&](const sql_row& r) { n = r.integer(0); });
  return n;
}

bool store::order_answered(std::string_view survey_id, std::string_view order_id) {
  bool found = false;
  impl_->read("SELECT 1 FROM responses WHERE survey_id = ?1 AND token_order = ?2",
              {survey_id, order_id}, [&](const sql_row&) { found = true; });
  return found;
}

std::vector<std::pair<std::string, std::int64_t>> store::survey_counts() {
  std::vector<std::pair<std::string, std::int64_t>> out;
  impl_->read("SELECT survey_id, count(*) FROM responses GROUP BY survey_id ORDER BY survey_id", {},
              [&](const sql_row& r) { out.emplace_back(r.text(0), r.integer(1)); });
  return out;
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

std::vector<store::table_copy> store::case_tables() {
  std::vector<table_copy> tables = {
      {"users", {"name", "token_hash", "created_at"}, {false, false, false}, {}},
      {"cases",
       {"response_id", "assignee", "due_at", "created_at", "contacted_at", "resolved_at",
        "updated_at"},
       {false, false, false, false, false, false, false},
       {}},
      {"case_events",
       {"seq", "response_id", "at", "actor", "kind", "from_value", "to_value", "note", "undone",
        "undoes"},
       {true, false, false, false, false, false, false, false, true, true},
       {}},
      {"case_notes",
       {"seq", "response_id", "at", "author", "text", "for_shopper", "removed"},
       {true, false, false, false, false, true, true},
       {}}};
  for (auto& t : tables) {
    std::string columns;
    for (const auto& c : t.columns) columns += (columns.empty() ? "" : ", ") + c;
    impl_->read("SELECT " + columns + " FROM " + t.table + " ORDER BY " + t.columns.front(), {},
                [&](const sql_row& r) {
                  std::vector<sql_value> row;
                  for (std::size_t i = 0; i < t.columns.size(); ++i) {
                    const int column = static_cast<int>(i);
                    if (r.is_null(column)) {
                      row.emplace_back();
                    } else if (t.integer[i]) {
                      row.emplace_back(r.integer(column));
                    } else {
                      row.emplace_back(r.text(column));
                    }
                  }
                  t.rows.push_back(std::move(row));
                });
  }
  return tables;
}

bool store::import_tables(const std::vector<table_copy>& tables) {
  write_job job;
  job.what = write_job::kind::tables;
  job.tables = &tables;
  impl_->queue->submit(job);
  return job.meta_ok;
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
