// The durable event queue: see events.hpp.
#include "events.hpp"

#include <openssl/rand.h>

#include <algorithm>
#include <chrono>
#include <optional>

#include "detail/iso_time.hpp"
#include "rows.hpp"
#include "store.hpp"
#include "token.hpp"
#include "webhook.hpp"

namespace pepite::collector {

namespace {

constexpr std::int64_t week_ms = 7 * 86400000LL;
constexpr int digest_max_items = 1000;

}  // namespace

std::int64_t unix_ms_now() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string new_event_id() {
  unsigned char bytes[16];
  if (RAND_bytes(bytes, sizeof bytes) != 1) return {};
  static const char digits[] = "0123456789abcdef";
  std::string id = "evt_";
  for (const unsigned char b : bytes) {
    id += digits[b >> 4];
    id += digits[b & 15];
  }
  return id;
}

prepared_event prepare_event(std::string_view type, const json& data, std::string_view text,
                             std::string_view dedupe_key, std::int64_t now_ms) {
  prepared_event e;
  e.id = new_event_id();
  e.type = std::string(type);
  e.dedupe_key = std::string(dedupe_key);
  e.created_ms = now_ms;
  e.created_at = iso_from_ms(now_ms);
  e.body = event_body(e.id, type, e.created_at, text, data);
  return e;
}

sql_statement insert_event_statement(const prepared_event& e) {
  return {
      "INSERT INTO events (id, dedupe_key, type, created_at, created_ms, body, "
      "next_attempt_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?5) ON CONFLICT DO NOTHING",
      {e.id, e.dedupe_key.empty() ? sql_value() : sql_value(e.dedupe_key), e.type, e.created_at,
       e.created_ms, e.body}};
}

int insert_event(sql_connection& db, const prepared_event& e) {
  if (e.id.empty()) return -1;
  const sql_statement s = insert_event_statement(e);
  const std::int64_t n = db.run(s.sql, s.values);
  return n < 0 ? -1 : static_cast<int>(n);
}

int queue_event(sql_connection& db, std::string_view type, const json& data, std::string_view text,
                std::string_view dedupe_key, std::int64_t now_ms) {
  return insert_event(db, prepare_event(type, data, text, dedupe_key, now_ms));
}

std::string status_url(const event_options& options, std::string_view survey_id,
                       std::string_view token) {
  if (options.public_url.empty() || token.empty()) return {};
  return options.public_url + "/s/" + std::string(survey_id) + "/status?t=" + std::string(token);
}

namespace {

// The event's text with the shopper's status page on a line of its own (Slack shows it as a
// link); unchanged without one.
std::string with_status_line(std::string text, const std::string& url, text_language lang) {
  if (url.empty()) return text;
  return text +
         (lang == text_language::fr ? "\nSuivi côté client : " : "\nShopper's status page: ") + url;
}

// The status page of a response sent with an order token (issue 17), with a token the collector
// signs for the same order and locale, valid 30 days: the shopper's own token is never stored.
// Empty without `--public-url`, a token secret or a token order.
std::string signed_status_url(const event_options& options, const std::string& survey_id,
                              const std::string& token_order, const std::string& locale,
                              std::int64_t now_ms) {
  if (token_order.empty() || options.token_secret.empty() || options.public_url.empty()) {
    return {};
  }
  token_claims claims;
  claims.survey_id = survey_id;
  claims.order_id = token_order;
  claims.expires = now_ms / 1000 + 30LL * 86400;
  claims.locale = locale;
  if (!token_claims_problem(claims).empty()) claims.locale.clear();
  if (!token_claims_problem(claims).empty()) return {};
  return status_url(options, claims.survey_id, sign_token(claims, options.token_secret));
}

}  // namespace

prepared_event prepare_alert_created(const payload_summary& s, std::int64_t now_ms) {
  prepared_event e;
  e.id = new_event_id();
  e.type = "alert.created";
  e.dedupe_key = std::string(alert_key_prefix) + s.response_id;
  e.created_ms = now_ms;
  e.created_at = iso_from_ms(now_ms);
  return e;  // body: built from the response when first sent
}

void build_alert_bodies(store& db, const event_options& options,
                        std::vector<leased_event>* events) {
  for (leased_event& e : *events) {
    if (!e.body.empty() || e.type != "alert.created" ||
        e.dedupe_key.rfind(alert_key_prefix, 0) != 0) {
      continue;
    }
    const std::optional<response_row> row =
        db.find(std::string_view(e.dedupe_key).substr(alert_key_prefix.size()), true);
    if (!row) continue;
    json data = row_json(*row, true);
    const std::string url =
        signed_status_url(options, row->survey_id, row->token_order, row->locale, e.created_ms);
    if (!url.empty()) data["statusUrl"] = url;
    e.body = event_body(e.id, e.type, iso_from_ms(e.created_ms),
                        with_status_line(alert_text(data, options.language), url, options.language),
                        data);
    e.built = true;
  }
}

int queue_weekly_digest(sql_connection& db, const event_options& options, std::int64_t now_ms) {
  const iso_week week = iso_week_of(now_ms - week_ms);
  const std::string key = "digest.weekly:" + week.label;
  bool queued = false;
  if (db.run("SELECT 1 FROM events WHERE dedupe_key = ?1", {key},
             [&](const sql_row&) { queued = true; }) < 0) {
    return -1;
  }
  if (queued) return 0;
  // The first check ever with webhooks on (no digest key at all yet) does not send last week's
  // digest at once: it marks that week skipped (`digest.skipped`, delivered, never sent), so the
  // first digest goes out at the first week boundary after the start. Durable: a restart, or a
  // second collector, sees the mark.
  bool any_digest = false;
  if (db.run("SELECT 1 FROM events WHERE dedupe_key >= 'digest.weekly:' AND dedupe_key < "
             "'digest.weekly;' LIMIT 1",
             {}, [&](const sql_row&) { any_digest = true; }) < 0) {
    return -1;
  }
  if (!any_digest) {
    const std::string at = iso_from_ms(now_ms);
    return db.run(
               "INSERT INTO events (id, dedupe_key, type, created_at, created_ms, body, "
               "delivered_at) VALUES (?1, ?2, 'digest.skipped', ?3, ?4, '', ?3) ON CONFLICT "
               "DO NOTHING",
               {new_event_id(), key, at, now_ms}) < 0
               ? -1
               : 0;
  }
  const std::string from = iso_from_ms(week.monday_ms);
  const std::string to = iso_from_ms(week.monday_ms + week_ms);
  std::int64_t responses = 0;
  if (db.run("SELECT count(*) FROM responses WHERE received_at >= ?1 AND received_at < ?2",
             {from, to}, [&](const sql_row& r) { responses = r.integer(0); }) < 0) {
    return -1;
  }
  if (responses == 0) return 0;
  json items = json::array();
  std::int64_t detractors = 0;
  if (db.run("SELECT nps, comment, order_id, received_at, response_id FROM responses WHERE "
             "category = 'detractor' AND received_at >= ?1 AND received_at < ?2 ORDER BY "
             "received_at, seq",
             {from, to}, [&](const sql_row& r) {
               if (++detractors <= digest_max_items)
                 items.push_back(
                     digest_item(r.optional_int(0), r.text(1), r.text(2), r.text(3), r.text(4)));
             }) < 0) {
    return -1;
  }
  json data = json::object();
  data["week"] = week.label;
  data["from"] = from;
  data["to"] = to;
  data["responseCount"] = responses;
  data["detractorCount"] = detractors;
  data["detractors"] = std::move(items);
  data["truncated"] = detractors > digest_max_items;
  return queue_event(db, "digest.weekly", data, digest_text(data, options.language), key, now_ms);
}

int lease_events(sql_connection& db, const sql_dialect& dialect, std::string_view owner,
                 std::int64_t now_ms, std::int64_t lease_ms, int limit,
                 std::vector<leased_event>* out) {
  out->clear();
  // One statement leases them all (a writer's transaction is shared with the responses' writes:
  // the fewer statements, the sooner they commit).
  const std::string lease =
      std::string(
          "UPDATE events SET lease_owner = ?1, lease_until_ms = ?2 WHERE id IN (SELECT id FROM "
          "events WHERE delivered_at IS NULL AND next_attempt_ms <= ?3 AND lease_until_ms <= ?3 "
          "ORDER BY next_attempt_ms LIMIT ?4") +
      (dialect.postgres ? " FOR UPDATE SKIP LOCKED" : "") +
      ") RETURNING id, type, body, created_ms, COALESCE(dedupe_key, '')";
  if (db.run(lease, {owner, now_ms + lease_ms, now_ms, limit}, [&](const sql_row& r) {
        leased_event e;
        e.id = r.text(0);
        e.type = r.text(1);
        e.body = r.text(2);
        e.created_ms = r.integer(3);
        e.dedupe_key = r.text(4);
        out->push_back(std::move(e));
      }) < 0) {
    return -1;
  }
  if (out->empty()) return 0;
  // The URLs tried before, for all of them at once.
  std::string targets =
      "SELECT event_id, url, attempts, next_attempt_ms, done FROM event_targets WHERE event_id "
      "IN (";
  std::vector<sql_value> ids;
  for (const leased_event& e : *out) {
    targets += ids.empty() ? "?" : ", ?";
    ids.emplace_back(e.id);
  }
  targets += ")";
  if (db.run(targets, ids, [&](const sql_row& r) {
        const std::string id = r.text(0);
        for (leased_event& e : *out) {
          if (e.id == id) {
            e.targets.push_back(
                {r.text(1), static_cast<int>(r.integer(2)), r.integer(3), r.integer(4) != 0});
          }
        }
      }) < 0) {
    return -1;
  }
  return static_cast<int>(out->size());
}

namespace {

// `(?, ?, …), (?, ?, …)…`: `rows` tuples of `width` placeholders, for a multi-row INSERT.
std::string tuples(std::size_t rows, std::size_t width) {
  std::string tuple = "(?";
  for (std::size_t i = 1; i < width; ++i) tuple += ", ?";
  tuple += ")";
  std::string out;
  for (std::size_t i = 0; i < rows; ++i) out += (i ? ", " : "") + tuple;
  return out;
}

// Rows per multi-row statement: well under both databases' limits on bound values.
constexpr std::size_t rows_per_statement = 200;

}  // namespace

int record_deliveries(sql_connection& db, std::string_view owner, std::int64_t now_ms,
                      const std::vector<delivery_attempt>& attempts,
                      const std::vector<lease_outcome>& outcomes) {
  // Few statements, as in lease_events(): the attempts in multi-row INSERTs, the delivered events
  // released in one UPDATE, the others one by one (each has its own next attempt).
  for (std::size_t from = 0; from < attempts.size(); from += rows_per_statement) {
    const std::size_t n = std::min(rows_per_statement, attempts.size() - from);
    std::vector<sql_value> values;
    for (std::size_t i = from; i < from + n; ++i) {
      const delivery_attempt& a = attempts[i];
      for (sql_value v : {sql_value(a.event_id), sql_value(a.event_type), sql_value(a.url),
                          sql_value(iso_from_ms(a.at_ms)), sql_value(a.attempt),
                          sql_value(a.status), sql_value(a.error), sql_value(a.duration_ms)}) {
        values.push_back(std::move(v));
      }
    }
    if (db.run("INSERT INTO webhook_deliveries (event_id, event_type, url, at, attempt, status, "
               "error, duration_ms) VALUES " +
                   tuples(n, 8),
               values) < 0) {
      return -1;
    }
  }
  // Released only by the lease's owner: a lease that ran out belongs to whoever took it next.
  std::vector<const lease_outcome*> released;
  std::vector<sql_value> delivered = {iso_from_ms(now_ms), owner};
  std::string delivered_sql =
      "UPDATE events SET delivered_at = ?, next_attempt_ms = 0, attempts = attempts + 1, "
      "lease_owner = '', lease_until_ms = 0 WHERE lease_owner = ? AND id IN (";
  for (const lease_outcome& o : outcomes) {
    if (o.delivered) {
      delivered_sql += delivered.size() == 2 ? "?" : ", ?";
      delivered.emplace_back(o.event_id);
      continue;
    }
    // A body built for this lease is kept for the retries: they send the same bytes.
    const std::int64_t n = db.run(
        "UPDATE events SET next_attempt_ms = ?3, attempts = attempts + 1, lease_owner = '', "
        "lease_until_ms = 0, body = CASE WHEN body = '' THEN ?4 ELSE body END WHERE id = ?1 AND "
        "lease_owner = ?2",
        {o.event_id, owner, o.next_ms, o.body});
    if (n < 0) return -1;
    if (n == 1) released.push_back(&o);
  }
  if (delivered.size() > 2) {
    std::vector<std::string> ids;
    if (db.run(delivered_sql + ") RETURNING id", delivered,
               [&](const sql_row& r) { ids.push_back(r.text(0)); }) < 0) {
      return -1;
    }
    for (const lease_outcome& o : outcomes) {
      if (o.delivered && std::find(ids.begin(), ids.end(), o.event_id) != ids.end())
        released.push_back(&o);
    }
  }
  // Each URL's progress, for the events this collector still held and will lease again (a
  // delivered event is never leased again: its URLs' rows would never be read).
  std::vector<std::pair<const lease_outcome*, const event_target*>> targets;
  for (const lease_outcome* o : released) {
    if (o->delivered) continue;
    for (const event_target& t : o->targets) targets.emplace_back(o, &t);
  }
  for (std::size_t from = 0; from < targets.size(); from += rows_per_statement) {
    const std::size_t n = std::min(rows_per_statement, targets.size() - from);
    std::vector<sql_value> values;
    for (std::size_t i = from; i < from + n; ++i) {
      const auto& [o, t] = targets[i];
      for (sql_value v : {sql_value(o->event_id), sql_value(t->url), sql_value(t->attempts),
                          sql_value(t->next_ms), sql_value(t->done ? 1 : 0)}) {
        values.push_back(std::move(v));
      }
    }
    if (db.run(
            "INSERT INTO event_targets (event_id, url, attempts, next_attempt_ms, done) VALUES " +
                tuples(n, 5) +
                " ON CONFLICT (event_id, url) DO UPDATE SET attempts = excluded.attempts, "
                "next_attempt_ms = excluded.next_attempt_ms, done = excluded.done",
            values) < 0) {
      return -1;
    }
  }
  return static_cast<int>(attempts.size() + released.size());
}

json deliveries_json(store& db, int limit) {
  json items = json::array();
  db.query(
      "SELECT d.event_id, d.event_type, d.url, d.at, d.attempt, d.status, d.error, "
      "d.duration_ms FROM webhook_deliveries d ORDER BY d.seq DESC LIMIT ?1",
      {limit}, [&](const sql_row& r) {
        json item = json::object();
        item["eventId"] = r.text(0);
        item["type"] = r.text(1);
        item["url"] = url_for_log(r.text(2));
        item["at"] = r.text(3);
        item["attempt"] = r.integer(4);
        item["status"] = r.integer(5) == 0 ? json(nullptr) : json(r.integer(5));
        item["error"] = r.text(6);
        item["durationMs"] = r.integer(7);
        item["ok"] = r.integer(5) >= 200 && r.integer(5) < 300;
        items.push_back(std::move(item));
      });
  std::int64_t pending = -1;
  db.query("SELECT count(*) FROM events WHERE delivered_at IS NULL", {},
           [&](const sql_row& r) { pending = r.integer(0); });
  json out = json::object();
  out["items"] = std::move(items);
  out["pending"] = pending;
  return out;
}

}  // namespace pepite::collector

namespace pepite::collector {

int queue_case_changed(sql_connection& db, const event_options& options, std::int64_t event_seq,
                       std::int64_t now_ms) {
  json data;
  std::string token_order;
  std::string locale;
  const std::int64_t found = db.run(
      "SELECT e.response_id, e.at, e.actor, e.kind, e.from_value, e.to_value, e.note, "
      "r.order_id, r.survey_id, r.follow_up, COALESCE(c.assignee, ''), COALESCE(c.due_at, ''), "
      "r.token_order, r.locale "
      "FROM case_events e JOIN responses r ON r.response_id = e.response_id "
      "LEFT JOIN cases c ON c.response_id = e.response_id WHERE e.seq = ?1",
      {event_seq}, [&](const sql_row& r) {
        data = json::object();
        data["responseId"] = r.text(0);
        data["eventId"] = event_seq;
        data["at"] = r.text(1);
        data["actor"] = r.text(2);
        data["change"] = r.text(3);
        data["from"] = r.text(4);
        data["to"] = r.text(5);
        if (r.text(3) == "note" || r.text(3) == "resolution") data["note"] = r.text(6);
        data["orderId"] = r.text(7);
        data["surveyId"] = r.text(8);
        data["status"] = r.text(9);
        data["assignee"] = r.text(10);
        data["dueAt"] = r.text(11);
        token_order = r.text(12);
        locale = r.text(13);
      });
  if (found < 0) return -1;
  if (data.is_null()) return 0;
  const std::string url = signed_status_url(options, data.value("surveyId", std::string()),
                                            token_order, locale, now_ms);
  if (!url.empty()) data["statusUrl"] = url;
  return queue_event(db, "case.changed", data,
                     with_status_line(case_text("case.changed", data, options.language), url,
                                      options.language),
                     "case.changed:" + std::to_string(event_seq), now_ms) < 0
             ? -1
             : 1;
}

int queue_overdue_cases(sql_connection& db, const event_options& options, std::int64_t now_ms,
                        int limit) {
  std::vector<json> due;
  if (db.run("SELECT c.response_id, c.due_at, r.order_id, r.survey_id, c.assignee, r.nps "
             "FROM cases c JOIN responses r ON r.response_id = c.response_id "
             "WHERE r.follow_up = 'open' AND c.due_at <> '' AND c.due_at < ?1 "
             "ORDER BY c.due_at LIMIT ?2",
             {detail::format_iso_ms(now_ms), static_cast<std::int64_t>(limit)},
             [&](const sql_row& r) {
               json d = json::object();
               d["responseId"] = r.text(0);
               d["dueAt"] = r.text(1);
               d["orderId"] = r.text(2);
               d["surveyId"] = r.text(3);
               d["assignee"] = r.text(4);
               d["nps"] = r.is_null(5) ? json(nullptr) : json(r.integer(5));
               d["status"] = "open";
               due.push_back(std::move(d));
             }) < 0) {
    return -1;
  }
  int queued = 0;
  for (const json& d : due) {
    // Once per case and due time: a reopened case that falls due again is told again.
    const int n = queue_event(
        db, "case.overdue", d, case_text("case.overdue", d, options.language),
        "case.overdue:" + d["responseId"].get<std::string>() + ":" + d["dueAt"].get<std::string>(),
        now_ms);
    if (n < 0) return -1;
    queued += n;
  }
  return queued;
}

}  // namespace pepite::collector
