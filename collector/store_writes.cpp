// The store's writes in SQL: see store_writes.hpp.
#include "store_writes.hpp"

#include <string>

#include "case_rules.hpp"
#include "case_writes.hpp"
#include "events.hpp"
#include "upsert_rules.hpp"

namespace pepite::collector {

namespace {

// ?1 id, ?2 survey, ?3 status, ?4-?6 scores, ?7 category, ?8 alert, ?9 priority, ?10 reasons,
// ?11 consent, ?12 order, ?13 comment, ?14 locale, ?15 submitted, ?16 received, ?17 payload,
// ?18 the sender's binding, ?19 the token's order (both written by the first version only).
const char* const insert_sql =
    "INSERT INTO responses (response_id, survey_id, status, nps, csat, ces, category, alert, "
    "alert_priority, alert_reasons, callback_consent, order_id, comment, locale, submitted_at, "
    "received_at, updated_at, payload, sender_key, token_order) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
    "?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?16, ?17, ?18, ?19) ON CONFLICT (response_id) "
    "DO NOTHING";

// Another response already stored for this token's order and survey.
const char* const order_taken_sql =
    "SELECT 1 FROM responses WHERE survey_id = ?1 AND token_order = ?2 AND response_id <> ?3";

// The same values, and ?18: 1 puts the follow-up back to `open`.
const char* const update_sql =
    "UPDATE responses SET survey_id = ?2, status = ?3, nps = ?4, csat = ?5, ces = ?6, category = "
    "?7, alert = ?8, alert_priority = ?9, alert_reasons = ?10, callback_consent = ?11, order_id = "
    "?12, comment = ?13, locale = ?14, submitted_at = ?15, updated_at = ?16, payload = ?17, "
    "follow_up = CASE WHEN ?18 = 1 THEN 'open' ELSE follow_up END WHERE response_id = ?1";

const char* const select_version_sql =
    "SELECT status, submitted_at, payload, alert_reasons, follow_up, sender_key FROM responses "
    "WHERE response_id = ?1";

std::vector<sql_value> upsert_values(const write_job& job) {
  const payload_summary& s = *job.summary;
  return {s.response_id,    s.survey_id,     s.status,           s.nps,
          s.csat,           s.ces,           s.category,         s.alert,
          s.alert_priority, s.alert_reasons, s.callback_consent, s.order_id,
          s.comment,        s.locale,        s.submitted_at,     job.received_at,
          job.payload};
}

const upsert_sender& sender_of(const write_job& job) {
  static const upsert_sender none;
  return job.sender ? *job.sender : none;
}

// The INSERT of a new id (ON CONFLICT DO NOTHING: 0 rows when the id is known).
sql_statement insert_statement(const write_job& job) {
  const upsert_sender& sender = sender_of(job);
  sql_statement insert{insert_sql, upsert_values(job)};
  insert.values.emplace_back(std::string(sender.binding));
  insert.values.emplace_back(std::string(sender.token_order));
  return insert;
}

// A detractor or an alert is a case (issue 16): created with the response, or when a later
// version of it becomes one.
// Not an "is it solved?" answer (issue 17): it belongs to the case it follows.
bool is_case(const write_job& job) {
  return !is_follow_up_id(job.summary->survey_id) &&
         (job.summary->category == "detractor" || job.summary->alert);
}

// A version written (inserted or updated): its outcome, and what goes with it in the same
// transaction, appended to `then`: its case, and `alert.created` (built before the transaction,
// store::upsert; its key, the response id, queues it once, on the first version with an
// alert). False when the event has no id.
bool version_written(write_job& job, std::vector<sql_statement>* then) {
  job.upserted.ok = true;
  job.upserted.status = job.summary->status;
  job.upserted.changed = true;
  if (is_case(job)) {
    then->push_back(ensure_case_statement(job.summary->response_id, job.due_at, job.received_at));
  }
  if (!job.alert_event) return true;
  if (job.alert_event->id.empty()) return false;
  then->push_back(insert_event_statement(*job.alert_event));
  return true;
}

// A known id: reads the stored version (locked against a second collector) and applies the
// upsert rules. Returns the rows written, -1 on failure.
int update_stored(sql_connection& db, const sql_dialect& dialect, write_job& job) {
  job.upserted.ok = true;
  job.upserted.status = job.summary->status;
  std::optional<stored_version> stored;
  if (db.run(std::string(select_version_sql) + dialect.for_update, {job.summary->response_id},
             [&](const sql_row& r) {
               stored =
                   stored_version{r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5)};
             }) < 0 ||
      !stored) {
    return -1;
  }
  const upsert_decision decision =
      decide_upsert(stored, *job.summary, job.payload, sender_of(job).binding);
  if (decision.what == upsert_decision::action::refuse) {
    job.upserted.status = stored->status;
    job.upserted.refused = upsert_result::refusal::not_owner;
    return 0;
  }
  if (decision.what == upsert_decision::action::keep) {
    job.upserted.status = stored->status;
    // A replay of the stored bytes is stored; anything else kept out is older than it.
    job.upserted.superseded = stored->payload != job.payload;
    return 0;
  }
  std::vector<sql_value> values = upsert_values(job);
  values.emplace_back(decision.reopen);
  if (db.run(update_sql, values) != 1) return -1;
  std::vector<sql_statement> then;
  std::vector<std::int64_t> changed;
  return version_written(job, &then) && db.run_all(then, &changed) ? 1 : -1;
}

// Upserts [first, last): their INSERTs sent together (one round trip on PostgreSQL), then, in
// the jobs' order, a new id's case and alert (sent together with those of the next new ids) or
// a known id's upsert rules. The same statements in the same order per response as one job at a
// time: only INSERTs of other ids (or a no-op INSERT of a known one) move ahead. Returns the rows
// written, -1 on failure.
int upserts(sql_connection& db, const sql_dialect& dialect, write_job* const* first,
            write_job* const* last) {
  std::vector<sql_statement> inserts;
  inserts.reserve(static_cast<std::size_t>(last - first));
  for (auto job = first; job != last; ++job) inserts.push_back(insert_statement(**job));
  std::vector<std::int64_t> inserted;
  if (!db.run_all(inserts, &inserted)) return -1;
  std::vector<sql_statement> then;
  std::vector<std::int64_t> changed;
  int rows = 0;
  for (std::size_t i = 0; i < inserted.size(); ++i) {
    write_job& job = *first[i];
    if (inserted[i] == 1) {
      if (!version_written(job, &then)) return -1;
      ++rows;
      continue;
    }
    // The statements of the new ids before this one first.
    if (!db.run_all(then, &changed)) return -1;
    then.clear();
    const int n = update_stored(db, dialect, job);
    if (n < 0) return -1;
    rows += n;
  }
  return db.run_all(then, &changed) ? rows : -1;
}

// An upsert with a token's order: refused when another response holds that order for the
// survey (checked in the transaction, so a job ahead of it in the batch counts).
int upsert_with_order(sql_connection& db, const sql_dialect& dialect, write_job& job) {
  bool taken = false;
  if (db.run(order_taken_sql,
             {job.summary->survey_id, sender_of(job).token_order, job.summary->response_id},
             [&](const sql_row&) { taken = true; }) < 0) {
    return -1;
  }
  if (taken) {
    job.upserted.ok = true;
    job.upserted.refused = upsert_result::refusal::order_taken;
    return 0;
  }
  write_job* const one = &job;
  return upserts(db, dialect, &one, &one + 1);
}

// Whether an upsert goes in a run of INSERTs sent together: no order to check first.
bool plain_upsert(const write_job& job) {
  return job.what == write_job::kind::upsert && sender_of(job).token_order.empty();
}

// One guarded UPDATE: a follow-up never moves back, even when another collector moved it
// between the page's read and this write. Zero rows: unknown id or a move backwards.
int follow_up(sql_connection& db, const sql_dialect& dialect, write_job& job) {
  // The state before, for the case's event (issue 16); locked against a second collector.
  std::optional<std::pair<std::string, std::string>> before;
  if (db.run(std::string("SELECT follow_up, received_at FROM responses WHERE response_id = ?1") +
                 dialect.for_update,
             {job.id}, [&](const sql_row& r) { before.emplace(r.text(0), r.text(1)); }) < 0) {
    return -1;
  }
  const std::string sql = std::string(
                              "UPDATE responses SET follow_up = ?2, note = COALESCE(?3, note), "
                              "follow_up_at = ?4 WHERE response_id = ?1 AND ") +
                          follow_up_rank_sql + " <= ?5";
  const std::int64_t changed =
      db.run(sql, {job.id, job.state, job.note, job.now, follow_up_rank(job.state)});
  if (changed < 0) return -1;
  if (changed == 1) {
    std::int64_t event_seq = 0;
    if (before && before->first != job.state &&
        record_follow_up(db, job.id, job.actor.empty() ? "admin" : job.actor, before->first,
                         job.state, before->second, job.now, &event_seq) < 0) {
      return -1;
    }
    // Webhooks: the move's `case.changed`, in its transaction.
    if (event_seq > 0 && job.events &&
        queue_case_changed(db, *job.events, event_seq, unix_ms_now()) < 0) {
      return -1;
    }
    job.followed = follow_up_outcome::ok;
    return 1;
  }
  job.followed = before ? follow_up_outcome::bad_transition : follow_up_outcome::not_found;
  return 0;
}

// Rows of the case tables copied as they are (`migrate`); the identities continue after them.
int import_tables(sql_connection& db, const sql_dialect& dialect, write_job& job) {
  const auto& tables = *static_cast<const std::vector<store::table_copy>*>(job.tables);
  int written = 0;
  for (const auto& t : tables) {
    std::string columns;
    std::string marks;
    for (std::size_t i = 0; i < t.columns.size(); ++i) {
      columns += (i ? ", " : "") + t.columns[i];
      marks += (i ? ", ?" : "?") + std::to_string(i + 1);
    }
    const std::string sql = "INSERT INTO " + t.table + " (" + columns + ") VALUES (" + marks + ")";
    for (const auto& row : t.rows) {
      if (db.run(sql, row) != 1) return -1;
      ++written;
    }
    if (dialect.postgres && t.columns.front() == "seq" && !t.rows.empty() &&
        db.run("SELECT setval(pg_get_serial_sequence('" + t.table +
               "', 'seq'), (SELECT max(seq) FROM " + t.table + "))") < 0) {
      return -1;
    }
  }
  job.meta_ok = true;
  return written;
}

int set_meta(sql_connection& db, write_job& job) {
  if (db.run("INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET "
             "value = excluded.value",
             {job.key, job.value}) < 0) {
    return -1;
  }
  job.meta_ok = true;
  return 1;
}

// A row copied as it is, its seq kept. PostgreSQL's identity then continues after the largest.
int import(sql_connection& db, const sql_dialect& dialect, write_job& job) {
  const response_row& r = *job.row;
  const std::int64_t n = db.run(
      "INSERT INTO responses (seq, response_id, survey_id, status, nps, csat, ces, category, "
      "alert, alert_priority, alert_reasons, callback_consent, order_id, comment, locale, "
      "submitted_at, received_at, updated_at, follow_up, note, follow_up_at, payload, "
      "sender_key, token_order) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
      "?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24) ON CONFLICT (response_id) DO "
      "NOTHING",
      {r.seq,          r.response_id,    r.survey_id,     r.status,
       r.nps,          r.csat,           r.ces,           r.category,
       r.alert,        r.alert_priority, r.alert_reasons, r.callback_consent,
       r.order_id,     r.comment,        r.locale,        r.submitted_at,
       r.received_at,  r.updated_at,     r.follow_up,     r.note,
       r.follow_up_at, r.payload,        r.sender_key,    r.token_order});
  if (n < 0) return -1;
  if (dialect.postgres && db.run("SELECT setval(pg_get_serial_sequence('responses', 'seq'), "
                                 "(SELECT max(seq) FROM responses))") < 0) {
    return -1;
  }
  job.meta_ok = true;
  return static_cast<int>(n);
}

}  // namespace

int apply_batch(sql_connection& db, const sql_dialect& dialect,
                const std::vector<write_job*>& batch) {
  if (db.run(dialect.begin) < 0) return -1;
  int written = 0;
  for (std::size_t i = 0; i < batch.size(); ++i) {
    write_job* job = batch[i];
    int n = -1;
    switch (job->what) {
      case write_job::kind::upsert:
        if (!plain_upsert(*job)) {
          n = upsert_with_order(db, dialect, *job);
        } else {
          // The run of plain upserts starting here, together.
          std::size_t end = i + 1;
          while (end < batch.size() && plain_upsert(*batch[end])) ++end;
          n = upserts(db, dialect, batch.data() + i, batch.data() + end);
          i = end - 1;
        }
        break;
      case write_job::kind::follow_up:
        n = follow_up(db, dialect, *job);
        break;
      case write_job::kind::meta:
        n = set_meta(db, *job);
        break;
      case write_job::kind::import:
        n = import(db, dialect, *job);
        break;
      case write_job::kind::custom:
        n = (*job->work)(db, dialect);
        job->meta_ok = n >= 0;
        break;
      case write_job::kind::case_change:
        n = apply_case_change(db, dialect, *job);
        // Webhooks: the change's `case.changed`, in its transaction.
        if (n > 0 && job->events && job->changed_case.outcome == case_outcome::ok &&
            queue_case_changed(db, *job->events, job->changed_case.event, unix_ms_now()) < 0) {
          n = -1;
        }
        break;
      case write_job::kind::user:
        n = add_user(db, *job);
        break;
      case write_job::kind::tables:
        n = import_tables(db, dialect, *job);
        break;
    }
    if (n < 0) {
      db.run("ROLLBACK");
      return -1;
    }
    written += n;
  }
  if (db.run("COMMIT") < 0) {
    db.run("ROLLBACK");
    return -1;
  }
  return written;
}

}  // namespace pepite::collector
