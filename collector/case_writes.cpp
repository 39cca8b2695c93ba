// The writes of cases in SQL: see case_writes.hpp.
#include "case_writes.hpp"

#include "case_rules.hpp"

namespace pepite::collector {

sql_statement ensure_case_statement(std::string_view response_id, std::string_view due_at,
                                    std::string_view now) {
  return {
      "INSERT INTO cases (response_id, due_at, created_at, updated_at) VALUES (?1, ?2, ?3, "
      "?3) ON CONFLICT (response_id) DO NOTHING",
      {response_id, due_at, now}};
}

int ensure_case(sql_connection& db, std::string_view response_id, std::string_view due_at,
                std::string_view now) {
  const sql_statement s = ensure_case_statement(response_id, due_at, now);
  return db.run(s.sql, s.values) < 0 ? -1 : 0;
}

namespace {

struct case_state {
  std::string status;
  std::string assignee;
  std::string contacted_at;
  std::string resolved_at;
};

// Records one event; its seq in `*seq`.
bool record_event(sql_connection& db, const case_change& c, const char* kind, std::string_view from,
                  std::string_view to, std::string_view note, std::int64_t undoes,
                  std::int64_t* seq) {
  if (db.run("INSERT INTO case_events (response_id, at, actor, kind, from_value, to_value, note, "
             "undoes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
             {c.response_id, c.now, c.actor, kind, from, to, note,
              undoes > 0 ? sql_value(undoes) : sql_value()}) < 0) {
    return false;
  }
  return db.run("SELECT max(seq) FROM case_events WHERE response_id = ?1", {c.response_id},
                [&](const sql_row& r) { *seq = r.integer(0); }) >= 0;
}

// Moves the status (kept in `responses.follow_up`) and the times it sets: the first contact
// stays the first; `resolved_at` is the time of the resolution in force.
bool set_status(sql_connection& db, const case_change& c, const case_state& s, std::string_view to,
                std::string_view resolved_at) {
  if (db.run("UPDATE responses SET follow_up = ?2, follow_up_at = ?3 WHERE response_id = ?1",
             {c.response_id, to, c.now}) != 1) {
    return false;
  }
  const std::string contacted =
      to == "contacted" && s.contacted_at.empty() ? c.now : s.contacted_at;
  return db.run(
             "UPDATE cases SET contacted_at = ?2, resolved_at = ?3, updated_at = ?4 WHERE "
             "response_id = ?1",
             {c.response_id, contacted, to == "resolved" ? resolved_at : "", c.now}) == 1;
}

// Reverts the last change still in force (or refuses: nothing left, or not the one expected).
int undo(sql_connection& db, const case_change& c, const case_state& s, case_result& out) {
  std::optional<case_event> last;
  if (db.run("SELECT seq, at, kind, from_value, to_value FROM case_events WHERE response_id = ?1 "
             "AND kind NOT IN ('undo', 'resolution') AND undone = 0 ORDER BY seq DESC LIMIT 1",
             {c.response_id}, [&](const sql_row& r) {
               last = case_event{r.integer(0), r.text(1), "",    r.text(2), r.text(3),
                                 r.text(4),    "",        false, 0};
             }) < 0) {
    return -1;
  }
  if (!last) {
    out.outcome = case_outcome::nothing_to_undo;
    return 0;
  }
  if (c.expected_event > 0 && c.expected_event != last->seq) {
    out.outcome = case_outcome::conflict;
    return 0;
  }
  bool ok = true;
  if (last->kind == "status") {
    // Back to the state before; a first contact made by this change is forgotten, and going back
    // to `resolved` takes the time of the resolution that is in force again.
    case_state before = s;
    if (before.contacted_at == last->at) before.contacted_at.clear();
    std::string resolved_at;
    if (last->from == "resolved") {
      db.run(
          "SELECT at FROM case_events WHERE response_id = ?1 AND kind = 'status' AND "
          "to_value = 'resolved' AND undone = 0 AND seq < ?2 ORDER BY seq DESC LIMIT 1",
          {c.response_id, last->seq}, [&](const sql_row& r) { resolved_at = r.text(0); });
    }
    ok = set_status(db, c, before, last->from, resolved_at);
  } else if (last->kind == "assign") {
    ok = db.run("UPDATE cases SET assignee = ?2, updated_at = ?3 WHERE response_id = ?1",
                {c.response_id, last->from, c.now}) == 1;
  } else if (last->kind == "note") {
    ok = db.run("UPDATE case_notes SET removed = 1 WHERE response_id = ?1 AND seq = ?2",
                {c.response_id, static_cast<std::int64_t>(std::stoll(last->to))}) == 1;
  }
  if (!ok || db.run("UPDATE case_events SET undone = 1 WHERE seq = ?1", {last->seq}) != 1 ||
      !record_event(db, c, "undo", last->kind, last->from, "", last->seq, &out.event)) {
    return -1;
  }
  out.outcome = case_outcome::ok;
  return 1;
}

}  // namespace

int record_follow_up(sql_connection& db, std::string_view response_id, std::string_view actor,
                     std::string_view from, std::string_view to, std::string_view received_at,
                     std::string_view now, std::int64_t* event_seq) {
  const std::string due = add_hours(received_at, default_callback_delay_hours);
  if (ensure_case(db, response_id, due.empty() ? received_at : std::string_view(due), now) < 0 ||
      db.run("UPDATE cases SET contacted_at = CASE WHEN ?2 = 'contacted' AND contacted_at = '' "
             "THEN ?3 ELSE contacted_at END, resolved_at = CASE WHEN ?2 = 'resolved' THEN ?3 "
             "ELSE resolved_at END, updated_at = ?3 WHERE response_id = ?1",
             {response_id, to, now}) != 1) {
    return -1;
  }
  case_change c;
  c.response_id = response_id;
  c.actor = actor;
  c.now = now;
  std::int64_t seq = 0;
  if (!record_event(db, c, "status", from, to, "", 0, &seq)) return -1;
  if (event_seq) *event_seq = seq;
  return 0;
}

int apply_case_change(sql_connection& db, const sql_dialect& dialect, write_job& job) {
  const case_change& c = *job.change;
  case_result& out = job.changed_case;
  std::optional<std::string> status;
  if (db.run(std::string("SELECT follow_up FROM responses WHERE response_id = ?1") +
                 dialect.for_update,
             {c.response_id}, [&](const sql_row& r) { status = r.text(0); }) < 0) {
    return -1;
  }
  if (!status) {
    out.outcome = case_outcome::not_found;
    return 0;
  }
  if (ensure_case(db, c.response_id, c.due_at, c.now) < 0) return -1;
  case_state s;
  s.status = *status;
  if (db.run(std::string("SELECT assignee, contacted_at, resolved_at FROM cases WHERE "
                         "response_id = ?1") +
                 dialect.for_update,
             {c.response_id}, [&](const sql_row& r) {
               s.assignee = r.text(0);
               s.contacted_at = r.text(1);
               s.resolved_at = r.text(2);
             }) < 0) {
    return -1;
  }
  switch (c.what) {
    case case_change::kind::status:
      if (!case_transition_allowed(s.status, c.value)) {
        out.outcome = case_outcome::bad_transition;
        return 0;
      }
      if (!set_status(db, c, s, c.value, c.now) ||
          !record_event(db, c, "status", s.status, c.value, "", 0, &out.event)) {
        return -1;
      }
      break;
    case case_change::kind::assign:
      if (db.run("UPDATE cases SET assignee = ?2, updated_at = ?3 WHERE response_id = ?1",
                 {c.response_id, c.value, c.now}) != 1 ||
          !record_event(db, c, "assign", s.assignee, c.value, "", 0, &out.event)) {
        return -1;
      }
      break;
    case case_change::kind::note: {
      std::int64_t note = 0;
      if (db.run("INSERT INTO case_notes (response_id, at, author, text, for_shopper) VALUES "
                 "(?1, ?2, ?3, ?4, ?5)",
                 {c.response_id, c.now, c.actor, c.value, c.for_shopper}) < 0 ||
          db.run("SELECT max(seq) FROM case_notes WHERE response_id = ?1", {c.response_id},
                 [&](const sql_row& r) { note = r.integer(0); }) < 0 ||
          !record_event(db, c, "note", "", std::to_string(note), c.value, 0, &out.event)) {
        return -1;
      }
      break;
    }
    case case_change::kind::undo:
      return undo(db, c, s, out);
  }
  out.outcome = case_outcome::ok;
  return 1;
}

int add_user(sql_connection& db, write_job& job) {
  const std::int64_t n = db.run(
      "INSERT INTO users (name, token_hash, created_at) VALUES (?1, ?2, ?3) ON CONFLICT DO "
      "NOTHING",
      {job.key, job.value, job.now});
  if (n < 0) return -1;
  job.meta_ok = n == 1;
  return static_cast<int>(n);
}

}  // namespace pepite::collector
