// The store's schema and its migrations: see schema.hpp.
#include "schema.hpp"

#include <chrono>
#include <cstdio>

#include "case_rules.hpp"

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

// Version 4: the webhooks' durable queue (docs/webhooks.md). An event is written in the
// transaction of what it tells; `dedupe_key` (NULL for most) makes an event once-only (an alert
// per response, a digest per ISO week, whatever the restarts and collectors). `next_attempt_ms`
// and the lease (`lease_owner` until `lease_until_ms`) in ms since the epoch; `event_targets`
// keeps each URL's progress so a failing URL neither blocks nor repeats another; every attempt
// goes to `webhook_deliveries`.
const char* const webhook_events_sql = R"sql(
CREATE TABLE events (
  id TEXT PRIMARY KEY,
  dedupe_key TEXT UNIQUE,
  type TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_ms BIGINT NOT NULL,
  body TEXT NOT NULL,
  next_attempt_ms BIGINT NOT NULL DEFAULT 0,
  attempts INTEGER NOT NULL DEFAULT 0,
  delivered_at TEXT,
  lease_owner TEXT NOT NULL DEFAULT '',
  lease_until_ms BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX events_due ON events(next_attempt_ms) WHERE delivered_at IS NULL;
CREATE TABLE event_targets (
  event_id TEXT NOT NULL,
  url TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_ms BIGINT NOT NULL DEFAULT 0,
  done INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (event_id, url)
);
CREATE TABLE webhook_deliveries (
  seq INTEGER PRIMARY KEY,
  event_id TEXT NOT NULL,
  event_type TEXT NOT NULL,
  url TEXT NOT NULL,
  at TEXT NOT NULL,
  attempt INTEGER NOT NULL,
  status INTEGER NOT NULL DEFAULT 0,
  error TEXT NOT NULL DEFAULT '',
  duration_ms BIGINT NOT NULL DEFAULT 0
);
)sql";

// Version 5: Cases (issue 16): a case per alert response, its status kept in `responses.follow_up`
// (so the call-back index still finds open ones) and the rest here: assignee, due time, first
// contact, resolution. Every change is an event (undo included, as an event of its own that marks
// the one it reverts `undone`); notes are kept apart for a later shopper-facing page
// (`for_shopper`); users sign changes with their own token, kept as its SHA-256 like the admin
// token. Responses stored before this version get their case now, due at their receipt (no delay
// was promised). `responses_overview` covers what the overview reads (scores, alerts, status by day
// of receipt): its figures scan that index, never the rows and their payloads (728 MB at 1,000,000
// rows). `responses_history`, partial (a new response is open: no cost on insert), orders the
// history.
const char* const migration_cases_sql = R"sql(
CREATE TABLE cases (
  response_id TEXT PRIMARY KEY,
  assignee TEXT NOT NULL DEFAULT '',
  due_at TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  contacted_at TEXT NOT NULL DEFAULT '',
  resolved_at TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL
);
CREATE TABLE case_events (
  seq INTEGER PRIMARY KEY,
  response_id TEXT NOT NULL,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  kind TEXT NOT NULL,
  from_value TEXT NOT NULL DEFAULT '',
  to_value TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  undone INTEGER NOT NULL DEFAULT 0,
  undoes BIGINT
);
CREATE INDEX case_events_response ON case_events(response_id, seq);
CREATE TABLE case_notes (
  seq INTEGER PRIMARY KEY,
  response_id TEXT NOT NULL,
  at TEXT NOT NULL,
  author TEXT NOT NULL,
  text TEXT NOT NULL,
  for_shopper INTEGER NOT NULL DEFAULT 0,
  removed INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX case_notes_response ON case_notes(response_id, seq);
CREATE TABLE users (
  name TEXT PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
);
CREATE INDEX responses_order ON responses(order_id);
CREATE INDEX responses_overview ON responses(received_at, survey_id, category, alert, nps, csat, ces, follow_up, response_id);
CREATE INDEX responses_history ON responses(follow_up_at) WHERE follow_up <> 'open';
INSERT INTO cases (response_id, due_at, created_at, updated_at)
  SELECT response_id, received_at, received_at, received_at FROM responses
  WHERE category = 'detractor' OR alert = 1;
)sql";

// Version 6: Issue 17, nobody rewrites someone else's answer: the hash of the secret the first
// version of a response was sent with (its `senderKey`, or its order token), which later versions
// must bring; and the order id of a valid token, one response per order and survey.
const char* const migration_sender_binding_sql = R"sql(
ALTER TABLE responses ADD COLUMN sender_key TEXT NOT NULL DEFAULT '';
ALTER TABLE responses ADD COLUMN token_order TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX responses_token_order ON responses(survey_id, token_order) WHERE token_order <> '';
)sql";

// Version 7: Issue 16 at scale, the overview's rollups. `response_rollups` holds, per quarter of
// an hour of receipt (UTC, `YYYY-MM-DDTHH:MM`: a quarter serves every time zone's days), survey,
// status, category and alert, what the overview adds up: responses, NPS answers per score, CSAT
// and CES counts and sums; `topic_rollups` the topics named. Triggers keep them in the
// transaction of every write to `responses` (a later version subtracts the one it replaces;
// versions kept out write nothing), so every path (upserts, `migrate`, a retention DELETE)
// keeps them exact; existing rows are added up first. `writer`: 0 on SQLite (one writer); on
// PostgreSQL the writing connection's pid, so that two collectors never wait on (nor deadlock
// over) the same rollup row; readers add the writers up. The sums are INTEGER: a quarter of an
// hour never holds 2^31 responses, and PostgreSQL adds integers up in int8 (bigints in numeric,
// slower). `responses_complaints` and `cases_kpis` let the complaint KPIs read indexes only;
// `responses_callback_queue` gives the call-back queue its open consented cases by urgency and
// receipt (store::list_cases).
const char* const rollup_columns =
    "bucket, survey_id, status, category, alert, writer, responses, nps0, nps1, nps2, nps3, nps4, "
    "nps5, nps6, nps7, nps8, nps9, nps10, csat_responses, csat_satisfied, ces_responses, ces_sum";
const char* const rollup_key = "bucket, survey_id, status, category, alert, writer";

// The quarter of an hour of an ISO time `at`, in the same SQL on both databases.
std::string bucket_of(const std::string& at) {
  const std::string minute = "substr(" + at + ", 15, 2)";
  return "substr(" + at + ", 1, 14) || CASE WHEN " + minute + " < '15' THEN '00' WHEN " + minute +
         " < '30' THEN '15' WHEN " + minute + " < '45' THEN '30' ELSE '45' END";
}

// The rollups' values of row `r` counted `sign` times (1, -1, or `1` summed by a GROUP BY
// with `total` = "sum").
std::string rollup_values(const std::string& r, const std::string& sign, const std::string& total) {
  auto when = [&](const std::string& condition, const std::string& value) {
    return total + "(CASE WHEN " + condition + " THEN " + value + " ELSE 0 END)";
  };
  std::string out = total + "(" + sign + ")";
  for (int score = 0; score <= 10; ++score)
    out += ", " + when(r + "nps = " + std::to_string(score), sign);
  out += ", " + when(r + "csat BETWEEN 1 AND 5", sign);
  out += ", " + when(r + "csat BETWEEN 4 AND 5", sign);
  out += ", " + when(r + "ces BETWEEN 1 AND 7", sign);
  out += ", " + when(r + "ces BETWEEN 1 AND 7", sign + " * " + r + "ces");
  return out;
}

std::string rollup_update_set() {
  std::string out;
  const std::string_view columns = rollup_columns;
  std::string_view values = columns.substr(columns.find("responses"));
  while (!values.empty()) {
    const auto comma = values.find(", ");
    const std::string c(values.substr(0, comma));
    out += (out.empty() ? "" : ", ") + c + " = response_rollups." + c + " + excluded." + c;
    if (comma == std::string_view::npos) break;
    values.remove_prefix(comma + 2);
  }
  return out;
}

// The elements of row `r`'s `topics` array (payloads naming none are not parsed): `t` on
// PostgreSQL (jsonb), `j` on SQLite (json_each: its `key` is an integer in an array).
std::string topics_pg(const std::string& r) {
  return "jsonb_array_elements(CASE WHEN " + r + "payload LIKE '%\"topics\"%' AND jsonb_typeof(" +
         r + "payload::jsonb -> 'topics') = 'array' THEN " + r +
         "payload::jsonb -> 'topics' ELSE '[]'::jsonb END) AS t";
}
std::string topics_sqlite(const std::string& r) {
  return "json_each(CASE WHEN " + r + "payload LIKE '%\"topics\"%' THEN " + r +
         "payload ELSE '{}' END, '$.topics') AS j";
}

// The rollups' key of row `r` (`NEW.`, `OLD.`, `r.`), as `writer`.
std::string rollup_row_key(const std::string& r, const std::string& writer) {
  return bucket_of(r + "received_at") + ", " + r + "survey_id, " + r + "status, " + r +
         "category, " + r + "alert, " + writer;
}

// Adds row `r` counted `sign` times to the overview's rollup (not the topics), as `writer`.
std::string rollup_upsert(const std::string& r, const std::string& sign,
                          const std::string& writer) {
  return std::string("INSERT INTO response_rollups (") + rollup_columns + ") VALUES (" +
         rollup_row_key(r, writer) + ", " + rollup_values(r, sign, "") + ") ON CONFLICT (" +
         rollup_key + ") DO UPDATE SET " + rollup_update_set() + ";\n";
}

// Adds the topics named by row `r` counted `sign` times to topic_rollups, as `writer`.
std::string topics_upsert(const sql_dialect& dialect, const std::string& r, const std::string& sign,
                          const std::string& writer) {
  const std::string topics_into = std::string("INSERT INTO topic_rollups (") + rollup_key +
                                  ", topic, responses) SELECT " + rollup_row_key(r, writer);
  const std::string topics_conflict =
      std::string(" ON CONFLICT (") + rollup_key +
      ", topic) DO UPDATE SET responses = topic_rollups.responses + excluded.responses;\n";
  if (dialect.postgres) {
    return topics_into + ", t #>> '{}', " + sign + " FROM " + topics_pg(r) +
           " WHERE jsonb_typeof(t) = 'string'" + topics_conflict;
  }
  return topics_into + ", j.value, " + sign + " FROM " + topics_sqlite(r) +
         " WHERE j.type = 'text' AND typeof(j.key) = 'integer'" + topics_conflict;
}

// Adds row `r` (`NEW.`, `OLD.`, `r.`) counted `sign` times to both rollups, as `writer`.
std::string rollup_add(const sql_dialect& dialect, const std::string& r, const std::string& sign,
                       const std::string& writer) {
  return rollup_upsert(r, sign, writer) + topics_upsert(dialect, r, sign, writer);
}

std::string migration_rollups_sql(const sql_dialect& dialect) {
  const std::string pg = dialect.postgres ? "" : " WITHOUT ROWID";
  std::string sql = std::string(R"sql(
CREATE TABLE response_rollups (
  bucket TEXT NOT NULL, survey_id TEXT NOT NULL, status TEXT NOT NULL, category TEXT NOT NULL,
  alert INTEGER NOT NULL, writer INTEGER NOT NULL,
  responses INTEGER NOT NULL, nps0 INTEGER NOT NULL, nps1 INTEGER NOT NULL, nps2 INTEGER NOT NULL,
  nps3 INTEGER NOT NULL, nps4 INTEGER NOT NULL, nps5 INTEGER NOT NULL, nps6 INTEGER NOT NULL,
  nps7 INTEGER NOT NULL, nps8 INTEGER NOT NULL, nps9 INTEGER NOT NULL, nps10 INTEGER NOT NULL,
  csat_responses INTEGER NOT NULL, csat_satisfied INTEGER NOT NULL,
  ces_responses INTEGER NOT NULL, ces_sum INTEGER NOT NULL,
  PRIMARY KEY (bucket, survey_id, status, category, alert, writer)))sql") +
                    pg + R"sql(;
CREATE TABLE topic_rollups (
  bucket TEXT NOT NULL, survey_id TEXT NOT NULL, status TEXT NOT NULL, category TEXT NOT NULL,
  alert INTEGER NOT NULL, writer INTEGER NOT NULL, topic TEXT NOT NULL, responses INTEGER NOT NULL,
  PRIMARY KEY (bucket, survey_id, status, category, alert, writer, topic)))sql" +
                    pg + R"sql(;
CREATE INDEX responses_complaints ON responses(received_at, survey_id, category, status, follow_up, response_id) WHERE alert = 1;
CREATE INDEX cases_kpis ON cases(response_id, due_at, contacted_at);
CREATE INDEX responses_callback_queue ON responses(alert_priority, received_at, seq) WHERE follow_up = 'open' AND (category = 'detractor' OR alert = 1) AND callback_consent = 1;
)sql";
  const std::string bucket = bucket_of("received_at");
  sql += std::string("INSERT INTO response_rollups (") + rollup_columns + ") SELECT " + bucket +
         ", survey_id, status, category, alert, 0, " + rollup_values("", "1", "sum") +
         " FROM responses GROUP BY 1, 2, 3, 4, 5;\n";
  sql += std::string("INSERT INTO topic_rollups (") + rollup_key + ", topic, responses) SELECT " +
         bucket + ", survey_id, status, category, alert, 0, " +
         (dialect.postgres ? "t #>> '{}', count(*) FROM responses, " + topics_pg("") +
                                 " WHERE jsonb_typeof(t) = 'string'"
                           : "j.value, count(*) FROM responses, " + topics_sqlite("") +
                                 " WHERE j.type = 'text' AND typeof(j.key) = 'integer'") +
         " GROUP BY 1, 2, 3, 4, 5, 7;\n";
  // Only the columns the rollups read wake the triggers (not a follow-up, nor a case change).
  const char* const watched =
      "UPDATE OF survey_id, status, category, alert, nps, csat, ces, received_at, payload";
  // PL/pgSQL, not SQL: a session plans its statements once (a SQL function's were planned again
  // at every row: 2,545 POSTs/s became 1,132 on PostgreSQL).
  if (dialect.postgres) {
    sql +=
        "CREATE FUNCTION pepite_rollup_add(r responses, s integer) RETURNS void LANGUAGE "
        "plpgsql AS $rollup$\nBEGIN\n" +
        rollup_add(dialect, "r.", "s", "pg_backend_pid()") + "END\n$rollup$;\n";
    sql += R"sql(CREATE FUNCTION pepite_rollup() RETURNS trigger LANGUAGE plpgsql AS $rollup$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM pepite_rollup_add(OLD, -1); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM pepite_rollup_add(NEW, 1); END IF;
  RETURN NULL;
END
$rollup$;
)sql";
    sql += std::string("CREATE TRIGGER responses_rollup AFTER INSERT OR DELETE OR ") + watched +
           " ON responses FOR EACH ROW EXECUTE FUNCTION pepite_rollup();\n";
    return sql;
  }
  sql += "CREATE TRIGGER responses_rollup_insert AFTER INSERT ON responses BEGIN\n" +
         rollup_add(dialect, "NEW.", "1", "0") + "END;\n";
  sql += std::string("CREATE TRIGGER responses_rollup_update AFTER ") + watched +
         " ON responses BEGIN\n" + rollup_add(dialect, "OLD.", "-1", "0") +
         rollup_add(dialect, "NEW.", "1", "0") + "END;\n";
  sql += "CREATE TRIGGER responses_rollup_delete AFTER DELETE ON responses BEGIN\n" +
         rollup_add(dialect, "OLD.", "-1", "0") + "END;\n";
  return sql;
}

// Version 8: Issue 18, the complaint KPIs from a rollup. `complaint_rollups` holds, per quarter
// of an hour of receipt, survey, status and category of the complaints (responses with an alert;
// `alert` is always 1, so that the overview's filters read it as they read response_rollups), and
// `writer` as there: how many complaints, how many contacted by the promised time (`kept`), how
// many resolved, by `minutes` to the first contact (the bin of pepite::contact_minutes_bin: to the
// minute up to 72 h, to the hour up to 30 days, to the day beyond; -1 when not contacted) and, for
// the complaints not contacted, the quarter of an hour their call-back is due (`due_bucket`; ''
// once contacted), which tells at any time which of them are past due. A complaint's figures
// come from its response and its case: triggers on both tables keep the rollup in the
// transaction of the write that changes them (an upsert, a case created, a status moved, undone
// or reopened: the first contact can go back to none), subtracting what the row counted before.
// A complaint without a case counts as due `default_callback_delay_hours` after its receipt, as
// the rows' figures count it. `responses_solved` finds the "is it solved?" answers of a period
// (a few) without reading its complaints.
const char* const complaint_columns =
    "bucket, survey_id, status, category, alert, writer, minutes, due_bucket, complaints, kept, "
    "resolved";
const char* const complaint_key =
    "bucket, survey_id, status, category, alert, writer, minutes, due_bucket";

// The due time of a complaint received at `received` without a case (an ISO time), the seconds
// from `received` to `contacted` (0 if before), and the bin of `m` minutes to the first contact.
std::string complaint_default_due(const sql_dialect& dialect, const std::string& received) {
  const std::string hours = std::to_string(default_callback_delay_hours);
  return dialect.postgres
             ? "to_char((" + received + "::timestamptz + interval '" + hours +
                   " hours') AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')"
             : "strftime('%Y-%m-%dT%H:%M:%fZ', " + received + ", '+" + hours + " hours')";
}
std::string complaint_seconds(const sql_dialect& dialect, const std::string& contacted,
                              const std::string& received) {
  return dialect.postgres
             ? "GREATEST(0, floor(extract(epoch FROM " + contacted +
                   "::timestamptz))::bigint - floor(extract(epoch FROM " + received +
                   "::timestamptz))::bigint)"
             : "max(0, CAST(strftime('%s', " + contacted + ") AS INTEGER) - CAST(strftime('%s', " +
                   received + ") AS INTEGER))";
}
std::string complaint_minutes(const std::string& m) {
  return "CASE WHEN " + m + " < 0 THEN -1 WHEN " + m + " < 4320 THEN " + m + " WHEN " + m +
         " < 43200 THEN " + m + " - " + m + " % 60 ELSE " + m + " - " + m + " % 1440 END";
}

// The complaint rollup's row of each complaint of `source` (a SELECT of received_at, survey_id,
// status, category, follow_up, due_at and contacted_at, the last two NULL without a case),
// counted `sign` times; `total` "sum" adds up a GROUP BY (the migration's backfill).
std::string complaint_select(const sql_dialect& dialect, const std::string& source,
                             const std::string& sign, const std::string& writer,
                             const std::string& total) {
  const std::string default_due = complaint_default_due(dialect, "received_at");
  const std::string seconds = complaint_seconds(dialect, "contacted_at", "received_at");
  const std::string minutes = complaint_minutes("m");
  const std::string due_bucket = "CASE WHEN m < 0 THEN " + bucket_of("due") + " ELSE '' END";
  const std::string count = [&](const std::string& condition) {
    return total + "(CASE WHEN " + condition + " THEN " + sign + " ELSE 0 END)";
  }("m >= 0 AND substr(contacted_at, 1, 19) <= substr(due, 1, 19)");
  std::string sql = "SELECT " + bucket_of("received_at") + ", survey_id, status, category, 1, " +
                    writer + ", " + minutes + ", " + due_bucket + ", " + total + "(" + sign +
                    "), " + count + ", " + total + "(CASE WHEN follow_up = 'resolved' THEN " +
                    sign + " ELSE 0 END) FROM (SELECT received_at, survey_id, status, category, " +
                    "follow_up, contacted_at, due, CASE WHEN contacted_at = '' THEN -1 ELSE " +
                    seconds + " / 60 END AS m FROM (SELECT received_at, survey_id, status, " +
                    "category, follow_up, COALESCE(contacted_at, '') AS contacted_at, CASE WHEN " +
                    "COALESCE(due_at, '') = '' THEN " + default_due +
                    " ELSE due_at END AS due FROM (" + source + ") src) x) y WHERE true";
  if (!total.empty()) sql += " GROUP BY 1, 2, 3, 4, 5, 6, 7, 8";
  return sql;
}

const char* const complaint_conflict =
    " DO UPDATE SET complaints = complaint_rollups.complaints + excluded.complaints, kept = "
    "complaint_rollups.kept + excluded.kept, resolved = complaint_rollups.resolved + "
    "excluded.resolved;\n";

// Adds the complaint of `source` counted `sign` times, as `writer`.
std::string complaint_add(const sql_dialect& dialect, const std::string& source,
                          const std::string& sign, const std::string& writer) {
  return std::string("INSERT INTO complaint_rollups (") + complaint_columns + ") " +
         complaint_select(dialect, source, sign, writer, "") + " ON CONFLICT (" + complaint_key +
         ")" + complaint_conflict;
}

// Takes the complaint of `before` out and adds the one of `after`, as `writer`, in one statement:
// where both fall in the same rollup row (a case created with the default delay, a response
// updated without a change the rollup sees), nothing is written.
std::string complaint_move(const sql_dialect& dialect, const std::string& before,
                           const std::string& after, const std::string& writer) {
  return std::string("INSERT INTO complaint_rollups (") + complaint_columns + ") SELECT " +
         complaint_key + ", sum(complaints), sum(kept), sum(resolved) FROM (" +
         complaint_select(dialect, before, "-1", writer, "") + " UNION ALL " +
         complaint_select(dialect, after, "1", writer, "") + ") AS d (" + complaint_columns +
         ") GROUP BY " + complaint_key +
         " HAVING sum(complaints) <> 0 OR sum(kept) <> 0 OR sum(resolved) <> 0 ON CONFLICT (" +
         complaint_key + ")" + complaint_conflict;
}

// A response `p` (`NEW`, `OLD`, a PL/pgSQL row) with its case, if it is a complaint.
std::string complaint_of_response(const std::string& p) {
  return "SELECT " + p + ".received_at AS received_at, " + p + ".survey_id AS survey_id, " + p +
         ".status AS status, " + p + ".category AS category, " + p +
         ".follow_up AS follow_up, c.due_at AS due_at, c.contacted_at AS contacted_at FROM "
         "(SELECT 1 AS one) one LEFT JOIN cases c ON c.response_id = " +
         p + ".response_id WHERE " + p + ".alert = 1";
}

// The complaint of response `id` with the case times `due` and `contacted` (NULL: no case).
std::string complaint_of_case(const std::string& id, const std::string& due,
                              const std::string& contacted) {
  return "SELECT r.received_at, r.survey_id, r.status, r.category, r.follow_up, " + due +
         " AS due_at, " + contacted +
         " AS contacted_at FROM responses r WHERE r.response_id = " + id + " AND r.alert = 1";
}

std::string migration_complaints_sql(const sql_dialect& dialect) {
  std::string sql = std::string(R"sql(
CREATE TABLE complaint_rollups (
  bucket TEXT NOT NULL, survey_id TEXT NOT NULL, status TEXT NOT NULL, category TEXT NOT NULL,
  alert INTEGER NOT NULL, writer INTEGER NOT NULL, minutes INTEGER NOT NULL,
  due_bucket TEXT NOT NULL, complaints INTEGER NOT NULL, kept INTEGER NOT NULL,
  resolved INTEGER NOT NULL,
  PRIMARY KEY (bucket, survey_id, status, category, alert, writer, minutes, due_bucket)))sql") +
                    (dialect.postgres ? "" : " WITHOUT ROWID") + R"sql(;
CREATE INDEX responses_solved ON responses(received_at) WHERE survey_id LIKE '%--solved';
)sql";
  sql += std::string("INSERT INTO complaint_rollups (") + complaint_columns + ") " +
         complaint_select(dialect,
                          "SELECT r.received_at, r.survey_id, r.status, r.category, r.follow_up, "
                          "c.due_at, c.contacted_at FROM responses r LEFT JOIN cases c ON "
                          "c.response_id = r.response_id WHERE r.alert = 1",
                          "1", "0", "sum") +
         ";\n";
  const char* const watched =
      "UPDATE OF survey_id, status, category, alert, received_at, follow_up ON responses";
  if (dialect.postgres) {
    const std::string writer = "pg_backend_pid()";
    sql +=
        "CREATE FUNCTION pepite_complaint_response(p responses, p_sign integer) RETURNS void "
        "LANGUAGE plpgsql AS $complaint$\nBEGIN\n" +
        complaint_add(dialect, complaint_of_response("p"), "p_sign", writer) +
        "END\n$complaint$;\n";
    sql +=
        "CREATE FUNCTION pepite_complaint_case(p_id text, p_due text, p_contacted text, p_sign "
        "integer) "
        "RETURNS void LANGUAGE plpgsql AS $complaint$\nBEGIN\n" +
        complaint_add(dialect, complaint_of_case("p_id", "p_due", "p_contacted"), "p_sign",
                      writer) +
        "END\n$complaint$;\n";
    sql += R"sql(CREATE FUNCTION pepite_complaint() RETURNS trigger LANGUAGE plpgsql AS $complaint$
BEGIN
  IF TG_TABLE_NAME = 'responses' THEN
    IF TG_OP <> 'INSERT' AND OLD.alert = 1 THEN PERFORM pepite_complaint_response(OLD, -1); END IF;
    IF TG_OP <> 'DELETE' AND NEW.alert = 1 THEN PERFORM pepite_complaint_response(NEW, 1); END IF;
  ELSE
    IF TG_OP = 'INSERT' THEN PERFORM pepite_complaint_case(NEW.response_id, NULL, NULL, -1);
    ELSE PERFORM pepite_complaint_case(OLD.response_id, OLD.due_at, OLD.contacted_at, -1); END IF;
    IF TG_OP = 'DELETE' THEN PERFORM pepite_complaint_case(OLD.response_id, NULL, NULL, 1);
    ELSE PERFORM pepite_complaint_case(NEW.response_id, NEW.due_at, NEW.contacted_at, 1); END IF;
  END IF;
  RETURN NULL;
END
$complaint$;
CREATE TRIGGER responses_complaint_insert AFTER INSERT ON responses FOR EACH ROW WHEN (NEW.alert = 1) EXECUTE FUNCTION pepite_complaint();
CREATE TRIGGER responses_complaint_delete AFTER DELETE ON responses FOR EACH ROW WHEN (OLD.alert = 1) EXECUTE FUNCTION pepite_complaint();
CREATE TRIGGER cases_complaint AFTER INSERT OR DELETE OR UPDATE OF due_at, contacted_at ON cases FOR EACH ROW EXECUTE FUNCTION pepite_complaint();
)sql";
    sql += std::string("CREATE TRIGGER responses_complaint_update AFTER ") + watched +
           " FOR EACH ROW WHEN (OLD.alert = 1 OR NEW.alert = 1) EXECUTE FUNCTION "
           "pepite_complaint();\n";
    return sql;
  }
  sql +=
      "CREATE TRIGGER responses_complaint_insert AFTER INSERT ON responses WHEN NEW.alert = 1 "
      "BEGIN\n" +
      complaint_add(dialect, complaint_of_response("NEW"), "1", "0") + "END;\n";
  sql += std::string("CREATE TRIGGER responses_complaint_update AFTER ") + watched +
         " WHEN OLD.alert = 1 OR NEW.alert = 1 BEGIN\n" +
         complaint_add(dialect, complaint_of_response("OLD"), "-1", "0") +
         complaint_add(dialect, complaint_of_response("NEW"), "1", "0") + "END;\n";
  sql +=
      "CREATE TRIGGER responses_complaint_delete AFTER DELETE ON responses WHEN OLD.alert = 1 "
      "BEGIN\n" +
      complaint_add(dialect, complaint_of_response("OLD"), "-1", "0") + "END;\n";
  sql +=
      "CREATE TRIGGER cases_complaint_insert AFTER INSERT ON cases BEGIN\n" +
      complaint_add(dialect, complaint_of_case("NEW.response_id", "NULL", "NULL"), "-1", "0") +
      complaint_add(dialect, complaint_of_case("NEW.response_id", "NEW.due_at", "NEW.contacted_at"),
                    "1", "0") +
      "END;\n";
  sql +=
      "CREATE TRIGGER cases_complaint_update AFTER UPDATE OF due_at, contacted_at ON cases "
      "BEGIN\n" +
      complaint_add(dialect, complaint_of_case("OLD.response_id", "OLD.due_at", "OLD.contacted_at"),
                    "-1", "0") +
      complaint_add(dialect, complaint_of_case("NEW.response_id", "NEW.due_at", "NEW.contacted_at"),
                    "1", "0") +
      "END;\n";
  sql +=
      "CREATE TRIGGER cases_complaint_delete AFTER DELETE ON cases BEGIN\n" +
      complaint_add(dialect, complaint_of_case("OLD.response_id", "OLD.due_at", "OLD.contacted_at"),
                    "-1", "0") +
      complaint_add(dialect, complaint_of_case("OLD.response_id", "NULL", "NULL"), "1", "0") +
      "END;\n";
  return sql;
}

// Version 9: Issue 18, the rollups' triggers cheaper on PostgreSQL (SQLite: nothing changes). The
// trigger functions hold their statements instead of calling a function per row and rollup
// (`pepite_rollup_add`, `pepite_complaint_response`, `pepite_complaint_case`: a PL/pgSQL call
// each), and the complaint rollup's change is one statement that takes the row's complaint out
// and adds its new one (OLD and NEW are NULL where the operation has none: no row), writing
// nothing when they cancel. Measured per POST of the load benchmark (two complaints in three),
// CPU of PostgreSQL: docs/benchmarks.md.
std::string migration_cheaper_triggers_sql(const sql_dialect& dialect) {
  if (!dialect.postgres) return "";
  const std::string writer = "pg_backend_pid()";
  return "CREATE OR REPLACE FUNCTION pepite_rollup() RETURNS trigger LANGUAGE plpgsql AS "
         "$rollup$\nBEGIN\nIF TG_OP <> 'INSERT' THEN\n" +
         rollup_add(dialect, "OLD.", "-1", writer) + "END IF;\nIF TG_OP <> 'DELETE' THEN\n" +
         rollup_add(dialect, "NEW.", "1", writer) +
         "END IF;\nRETURN NULL;\nEND\n$rollup$;\nDROP FUNCTION pepite_rollup_add;\n"
         "CREATE OR REPLACE FUNCTION pepite_complaint() RETURNS trigger LANGUAGE plpgsql AS "
         "$complaint$\nBEGIN\nIF TG_TABLE_NAME = 'responses' THEN\n" +
         complaint_move(dialect, complaint_of_response("OLD"), complaint_of_response("NEW"),
                        writer) +
         "ELSE\n" +
         complaint_move(dialect,
                        complaint_of_case("COALESCE(OLD.response_id, NEW.response_id)",
                                          "OLD.due_at", "OLD.contacted_at"),
                        complaint_of_case("COALESCE(NEW.response_id, OLD.response_id)",
                                          "NEW.due_at", "NEW.contacted_at"),
                        writer) +
         "END IF;\nRETURN NULL;\nEND\n$complaint$;\nDROP FUNCTION pepite_complaint_response, "
         "pepite_complaint_case;\n";
}

// Version 10: Issue 18, the rollups' triggers at half their cost on PostgreSQL (SQLite: nothing
// changes). One row trigger function on `responses`, `pepite_rollups()`, keeps the three rollups
// (one PL/pgSQL call a row where v9 made two for a complaint), and `pepite_case_complaint()` the
// complaint rollup on `cases`. Both compute a complaint's rollup row in PL/pgSQL variables (simple
// expressions, evaluated without the executor) and write it with one `INSERT … VALUES … ON
// CONFLICT`, instead of a statement that read the response and its case in subqueries, grouped
// the old and new rows and filtered them with HAVING; a row whose old and new complaint fall in
// the same rollup row (a case created due at the default delay: every POST's case, a follow-up
// that changes no figure) writes nothing; the topics' statement runs only for a payload that
// names topics. WHEN clauses keep updates that change no rollup from calling the functions.
// Measured per POST: docs/benchmarks.md.

// PL/pgSQL assignments of the complaint rollup's values of a complaint received at `received`,
// with the case times `due_at` and `contacted_at` (NULL: no case) and the follow-up `follow_up`,
// into the variables `v`_bucket, _minutes, _due_bucket, _kept, _resolved (`v`_due, _contacted,
// _m: the steps). The same figures as complaint_select.
std::string complaint_assign(const sql_dialect& dialect, const std::string& v,
                             const std::string& received, const std::string& due_at,
                             const std::string& contacted_at, const std::string& follow_up) {
  return v + "_bucket := " + bucket_of(received) + ";\n" + v + "_due := CASE WHEN COALESCE(" +
         due_at + ", '') = '' THEN " + complaint_default_due(dialect, received) + " ELSE " +
         due_at + " END;\n" + v + "_contacted := COALESCE(" + contacted_at + ", '');\n" + v +
         "_m := CASE WHEN " + v + "_contacted = '' THEN -1 ELSE " +
         complaint_seconds(dialect, v + "_contacted", received) + " / 60 END;\n" + v +
         "_minutes := " + complaint_minutes(v + "_m") + ";\n" + v + "_due_bucket := CASE WHEN " +
         v + "_m < 0 THEN " + bucket_of(v + "_due") + " ELSE '' END;\n" + v +
         "_kept := CASE WHEN " + v + "_m >= 0 AND substr(" + v + "_contacted, 1, 19) <= substr(" +
         v + "_due, 1, 19) THEN 1 ELSE 0 END;\n" + v + "_resolved := CASE WHEN " + follow_up +
         " = 'resolved' THEN 1 ELSE 0 END;\n";
}

std::string complaint_declare(const std::string& v) {
  return v + "_bucket text; " + v + "_due text; " + v + "_contacted text; " + v + "_m bigint; " +
         v + "_minutes integer; " + v + "_due_bucket text; " + v + "_kept integer; " + v +
         "_resolved integer;\n";
}

// Adds the complaint of the variables `v`_* (complaint_assign) of survey, status and category
// counted `sign` times, as this connection.
std::string complaint_upsert(const std::string& v, const std::string& survey,
                             const std::string& status, const std::string& category,
                             const std::string& sign) {
  return std::string("INSERT INTO complaint_rollups (") + complaint_columns + ") VALUES (" + v +
         "_bucket, " + survey + ", " + status + ", " + category + ", 1, pg_backend_pid(), " + v +
         "_minutes, " + v + "_due_bucket, " + sign + ", " + sign + " * " + v + "_kept, " + sign +
         " * " + v + "_resolved) ON CONFLICT (" + complaint_key + ")" + complaint_conflict;
}

// True when the complaints of `o`_* and `n`_* (of the same survey, status and category) count
// in the same rollup row with the same values.
std::string complaint_same(const std::string& o, const std::string& n) {
  return "(" + o + "_bucket, " + o + "_minutes, " + o + "_due_bucket, " + o + "_kept, " + o +
         "_resolved) IS NOT DISTINCT FROM (" + n + "_bucket, " + n + "_minutes, " + n +
         "_due_bucket, " + n + "_kept, " + n + "_resolved)";
}

std::string row_of(const std::string& r, const std::vector<std::string>& columns) {
  std::string out;
  for (const auto& c : columns) out += (out.empty() ? "(" : ", ") + r + c;
  return out + ")";
}

std::string migration_v10_sql(const sql_dialect& dialect) {
  if (!dialect.postgres) return "";
  const std::string writer = "pg_backend_pid()";
  const std::vector<std::string> rollup_read = {
      "survey_id", "status", "category", "alert", "nps", "csat", "ces", "received_at", "payload"};
  const std::vector<std::string> complaint_read = {"survey_id", "status",      "category",
                                                   "alert",     "received_at", "follow_up"};
  const std::string rollup_changed =
      row_of("OLD.", rollup_read) + " IS DISTINCT FROM " + row_of("NEW.", rollup_read);
  const std::string complaint_changed = "(OLD.alert = 1 OR NEW.alert = 1) AND " +
                                        row_of("OLD.", complaint_read) + " IS DISTINCT FROM " +
                                        row_of("NEW.", complaint_read);
  const auto add = [&](const std::string& r, const std::string& sign) {
    return rollup_upsert(r, sign, writer) + "IF " + r + "payload LIKE '%\"topics\"%' THEN\n" +
           topics_upsert(dialect, r, sign, writer) + "END IF;\n";
  };
  const auto complaint_of = [&](const std::string& v, const std::string& r) {
    return complaint_assign(dialect, v, r + "received_at", "c_due", "c_contacted", r + "follow_up");
  };
  const auto complaint_add = [&](const std::string& v, const std::string& r,
                                 const std::string& sign) {
    return complaint_upsert(v, r + "survey_id", r + "status", r + "category", sign);
  };
  const std::string the_case =
      "SELECT due_at, contacted_at INTO c_due, c_contacted FROM cases WHERE response_id = "
      "COALESCE(NEW.response_id, OLD.response_id);\n";
  std::string sql = R"sql(DROP TRIGGER responses_rollup ON responses;
DROP TRIGGER responses_complaint_insert ON responses;
DROP TRIGGER responses_complaint_update ON responses;
DROP TRIGGER responses_complaint_delete ON responses;
DROP TRIGGER cases_complaint ON cases;
DROP FUNCTION pepite_rollup(), pepite_complaint();
CREATE FUNCTION pepite_rollups() RETURNS trigger LANGUAGE plpgsql AS $rollups$
DECLARE
c_due text; c_contacted text;
)sql";
  sql += complaint_declare("o") + complaint_declare("n") + "BEGIN\nIF TG_OP = 'INSERT' THEN\n" +
         add("NEW.", "1") + "IF NEW.alert = 1 THEN\n" + the_case + complaint_of("n", "NEW.") +
         complaint_add("n", "NEW.", "1") + "END IF;\nRETURN NULL;\nEND IF;\n" +
         "IF TG_OP = 'DELETE' THEN\n" + add("OLD.", "-1") + "IF OLD.alert = 1 THEN\n" + the_case +
         complaint_of("o", "OLD.") + complaint_add("o", "OLD.", "-1") +
         "END IF;\nRETURN NULL;\nEND IF;\n" + "IF " + rollup_changed + " THEN\n" +
         add("OLD.", "-1") + add("NEW.", "1") + "END IF;\nIF " + complaint_changed + " THEN\n" +
         the_case + "IF OLD.alert = 1 THEN\n" + complaint_of("o", "OLD.") +
         "END IF;\nIF NEW.alert = 1 THEN\n" + complaint_of("n", "NEW.") + "END IF;\n" +
         "IF OLD.alert = 1 AND NEW.alert = 1 AND (OLD.survey_id, OLD.status, OLD.category) = "
         "(NEW.survey_id, NEW.status, NEW.category) AND " +
         complaint_same("o", "n") + " THEN\nRETURN NULL;\nEND IF;\nIF OLD.alert = 1 THEN\n" +
         complaint_add("o", "OLD.", "-1") + "END IF;\nIF NEW.alert = 1 THEN\n" +
         complaint_add("n", "NEW.", "1") + "END IF;\nEND IF;\nRETURN NULL;\nEND\n$rollups$;\n";
  sql +=
      "CREATE FUNCTION pepite_case_complaint() RETURNS trigger LANGUAGE plpgsql AS "
      "$complaint$\nDECLARE\nr_received text; r_survey text; r_status text; r_category text; "
      "r_follow_up text; r_alert integer;\n" +
      complaint_declare("o") + complaint_declare("n") +
      "BEGIN\nSELECT received_at, survey_id, status, category, follow_up, alert INTO "
      "r_received, r_survey, r_status, r_category, r_follow_up, r_alert FROM responses WHERE "
      "response_id = COALESCE(NEW.response_id, OLD.response_id);\nIF r_alert IS DISTINCT FROM 1 "
      "THEN\nRETURN NULL;\nEND IF;\n" +
      complaint_assign(dialect, "o", "r_received", "OLD.due_at", "OLD.contacted_at",
                       "r_follow_up") +
      complaint_assign(dialect, "n", "r_received", "NEW.due_at", "NEW.contacted_at",
                       "r_follow_up") +
      "IF " + complaint_same("o", "n") + " THEN\nRETURN NULL;\nEND IF;\n" +
      complaint_upsert("o", "r_survey", "r_status", "r_category", "-1") +
      complaint_upsert("n", "r_survey", "r_status", "r_category", "1") +
      "RETURN NULL;\nEND\n$complaint$;\n";
  sql +=
      std::string(
          R"sql(CREATE TRIGGER responses_rollups_insert AFTER INSERT ON responses FOR EACH ROW EXECUTE FUNCTION pepite_rollups();
CREATE TRIGGER responses_rollups_delete AFTER DELETE ON responses FOR EACH ROW EXECUTE FUNCTION pepite_rollups();
CREATE TRIGGER responses_rollups_update AFTER UPDATE OF survey_id, status, category, alert, nps, csat, ces, received_at, payload, follow_up ON responses FOR EACH ROW WHEN ()sql") +
      rollup_changed + " OR (" + complaint_changed +
      R"sql()) EXECUTE FUNCTION pepite_rollups();
CREATE TRIGGER cases_complaint_insert AFTER INSERT ON cases FOR EACH ROW EXECUTE FUNCTION pepite_case_complaint();
CREATE TRIGGER cases_complaint_delete AFTER DELETE ON cases FOR EACH ROW EXECUTE FUNCTION pepite_case_complaint();
CREATE TRIGGER cases_complaint_update AFTER UPDATE OF due_at, contacted_at ON cases FOR EACH ROW WHEN (OLD.due_at IS DISTINCT FROM NEW.due_at OR OLD.contacted_at IS DISTINCT FROM NEW.contacted_at) EXECUTE FUNCTION pepite_case_complaint();
)sql";
  return sql;
}

// migrations[v] takes a database from version v to v + 1 (the last four, the rollups, are
// written for each database by migration_rollups_sql, migration_complaints_sql,
// migration_cheaper_triggers_sql and migration_v10_sql).
const char* const migrations[] = {schema_v1_sql,       migration_v2_sql,
                                  migration_v3_sql,    webhook_events_sql,
                                  migration_cases_sql, migration_sender_binding_sql};
static_assert(sizeof(migrations) / sizeof(migrations[0]) + 4 == schema_version);

}  // namespace

// PostgreSQL numbers the rows with an identity column where SQLite uses the rowid; every other
// statement is the same.
std::string migration_sql(int from, const sql_dialect& dialect) {
  if (from == 6) return migration_rollups_sql(dialect);
  if (from == 7) return migration_complaints_sql(dialect);
  if (from == 8) return migration_cheaper_triggers_sql(dialect);
  if (from == 9) return migration_v10_sql(dialect);
  std::string sql = migrations[from];
  if (!dialect.postgres) return sql;
  const std::string sqlite_seq = "seq INTEGER PRIMARY KEY";
  const std::string identity = "seq BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY";
  for (auto at = sql.find(sqlite_seq); at != std::string::npos;
       at = sql.find(sqlite_seq, at + identity.size())) {
    sql.replace(at, sqlite_seq.size(), identity);
  }
  return sql;
}

namespace {

// Any lock id of our own: two collectors starting on one empty database migrate once.
const char* const migration_lock_sql = "SELECT pg_advisory_xact_lock(7461737400)";
const char* const migration_try_lock_sql = "SELECT pg_try_advisory_xact_lock(7461737400)";

std::string too_new(const std::string& name, int version) {
  return name + " has schema version " + std::to_string(version) +
         ", newer than this collector's " + std::to_string(schema_version);
}

std::string steps(int version) {
  return "schema version " + std::to_string(version) + " to " + std::to_string(schema_version);
}

// SQLite's lock is the database's write lock: BEGIN IMMEDIATE is tried at once (so the wait is
// said from its start), then waits the busy timeout (5 s), again and again for as long as another
// connection holds it (another collector migrating a large file takes minutes; giving up with
// "database is locked" would end this one).
bool begin_sqlite_step(sql_connection& db, const std::string& name, const open_phase_fn& on_phase,
                       bool* said) {
  db.run_script("PRAGMA busy_timeout=0");
  for (;;) {
    const bool begun = db.run_script("BEGIN IMMEDIATE");
    if (begun) break;
    const std::string why = db.error();
    if (why.find("locked") == std::string::npos && why.find("busy") == std::string::npos) {
      return false;
    }
    if (!*said) {
      std::fprintf(stderr, "store: waiting for another collector's migration of %s\n",
                   name.c_str());
      *said = true;
    }
    if (on_phase) on_phase("starting", "waiting for another collector's migration");
    db.run_script("PRAGMA busy_timeout=5000");
  }
  db.run_script("PRAGMA busy_timeout=5000");
  return true;
}

bool migrate_postgres(sql_connection& db, const sql_dialect& dialect, const std::string& name,
                      std::string* error, const open_phase_fn& on_phase) {
  bool locked = false;
  if (db.run("BEGIN") < 0 || db.run(migration_try_lock_sql, {},
                                    [&](const sql_row& r) { locked = r.text(0) == "t"; }) < 0) {
    *error = db.error();
    return false;
  }
  // Another collector migrates (a large database takes minutes): say why this one waits.
  if (!locked) {
    std::fprintf(stderr, "store: waiting for another collector's migration of %s\n", name.c_str());
    if (on_phase) on_phase("starting", "waiting for another collector's migration");
    if (db.run(migration_lock_sql) < 0) {
      *error = db.error();
      return false;
    }
  }
  const int version = read_schema_version(db, dialect);
  bool ok = version >= 0 && version <= schema_version;
  const auto started = std::chrono::steady_clock::now();
  if (ok && version > 0 && version < schema_version && on_phase)
    on_phase("migrating", steps(version));
  for (int v = version; ok && v < schema_version; ++v)
    ok = db.run_script(migration_sql(v, dialect));
  if (ok && version < schema_version) {
    ok = db.run(
             "INSERT INTO meta (key, value) VALUES ('schema_version', ?1) ON CONFLICT (key) "
             "DO UPDATE SET value = excluded.value",
             {std::to_string(schema_version)}) >= 0;
  }
  if (ok && db.run("COMMIT") >= 0) {
    if (version > 0 && version < schema_version) {
      std::fprintf(
          stderr, "store: %s migrated from schema version %d to %d in %.1f s\n", name.c_str(),
          version, schema_version,
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
    }
    return true;
  }
  *error = version > schema_version ? too_new(name, version)
                                    : "migration of " + name + " failed: " + db.error();
  db.run("ROLLBACK");
  return false;
}

}  // namespace

int read_schema_version(sql_connection& db, const sql_dialect& dialect) {
  int version = -1;
  if (!dialect.postgres) {
    db.run("PRAGMA user_version", {},
           [&](const sql_row& r) { version = static_cast<int>(r.integer(0)); });
    return version;
  }
  bool has_meta = false;
  if (db.run("SELECT to_regclass('meta') IS NOT NULL", {},
             [&](const sql_row& r) { has_meta = r.text(0) == "t"; }) < 0) {
    return -1;
  }
  if (!has_meta) return 0;
  version = 0;
  if (db.run("SELECT value FROM meta WHERE key = 'schema_version'", {},
             [&](const sql_row& r) { version = static_cast<int>(r.integer(0)); }) < 0) {
    return -1;
  }
  return version;
}

bool migrate(sql_connection& db, const sql_dialect& dialect, const std::string& name,
             std::string* error, const open_phase_fn& on_phase) {
  if (dialect.postgres) return migrate_postgres(db, dialect, name, error, on_phase);
  // One transaction a step, the version read inside it: a collector that waited for another's
  // migration finds the file at the current version and has nothing left to do.
  bool said = false;
  int first = -1;  // the steps this collector ran (another may run some between two of them)
  int last = -1;
  const auto started = std::chrono::steady_clock::now();
  for (;;) {
    if (!begin_sqlite_step(db, name, on_phase, &said)) {
      *error = "cannot migrate " + name + ": " + db.error();
      return false;
    }
    const int version = read_schema_version(db, dialect);
    if (version < 0 || version >= schema_version) {
      db.run("ROLLBACK");
      if (version < 0) *error = "cannot read the schema version of " + name;
      if (version > schema_version) *error = too_new(name, version);
      if (version < 0 || version > schema_version) return false;
      break;
    }
    if (version > 0 && on_phase) on_phase("migrating", steps(version));
    if (!db.run_script(migration_sql(version, dialect) +
                       "PRAGMA user_version=" + std::to_string(version + 1) + ";COMMIT;")) {
      *error =
          "migration to schema version " + std::to_string(version + 1) + " failed: " + db.error();
      db.run("ROLLBACK");
      return false;
    }
    if (first < 0) first = version;
    last = version + 1;
  }
  if (first > 0) {
    std::fprintf(stderr, "store: %s migrated from schema version %d to %d in %.1f s\n",
                 name.c_str(), first, last,
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  }
  return true;
}

}  // namespace pepite::collector
