// The durable event queue: see events.hpp.
#include "events.hpp"

#include <openssl/rand.h>

#include <chrono>

#include "rows.hpp"
#include "store.hpp"

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

int insert_event(sql_connection& db, const prepared_event& e) {
  if (e.id.empty()) return -1;
  const std::int64_t n = db.run(
      "INSERT INTO events (id, dedupe_key, type, created_at, created_ms, body, next_attempt_ms) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?5) ON CONFLICT DO NOTHING",
      {e.id, e.dedupe_key.empty() ? sql_value() : sql_value(e.dedupe_key), e.type, e.created_at,
       e.created_ms, e.body});
  return n < 0 ? -1 : static_cast<int>(n);
}

int queue_event(sql_connection& db, std::string_view type, const json& data, std::string_view text,
                std::string_view dedupe_key, std::int64_t now_ms) {
  return insert_event(db, prepare_event(type, data, text, dedupe_key, now_ms));
}

prepared_event prepare_alert_created(const event_options& options, const payload_summary& s,
                                     std::string_view payload, std::string_view received_at,
                                     std::int64_t now_ms) {
  response_row r;
  r.response_id = s.response_id;
  r.survey_id = s.survey_id;
  r.status = s.status;
  r.nps = s.nps;
  r.csat = s.csat;
  r.ces = s.ces;
  r.category = s.category;
  r.alert = s.alert;
  r.alert_priority = s.alert_priority;
  r.alert_reasons = s.alert_reasons;
  r.callback_consent = s.callback_consent;
  r.order_id = s.order_id;
  r.comment = s.comment;
  r.locale = s.locale;
  r.submitted_at = s.submitted_at;
  r.received_at = std::string(received_at);
  r.updated_at = r.received_at;
  r.follow_up = "open";  // a response's first alert puts it on the list, open
  r.payload = std::string(payload);
  const json data = row_json(r, true);
  return prepare_event("alert.created", data, alert_text(data, options.language),
                       "alert.created:" + s.response_id, now_ms);
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
  const std::string select =
      std::string(
          "SELECT id, type, body, created_ms FROM events WHERE delivered_at IS NULL AND "
          "next_attempt_ms <= ?1 AND lease_until_ms <= ?1 ORDER BY next_attempt_ms "
          "LIMIT ?2") +
      (dialect.postgres ? " FOR UPDATE SKIP LOCKED" : "");
  if (db.run(select, {now_ms, limit}, [&](const sql_row& r) {
        leased_event e;
        e.id = r.text(0);
        e.type = r.text(1);
        e.body = r.text(2);
        e.created_ms = r.integer(3);
        out->push_back(std::move(e));
      }) < 0) {
    return -1;
  }
  for (leased_event& e : *out) {
    if (db.run("UPDATE events SET lease_owner = ?2, lease_until_ms = ?3 WHERE id = ?1",
               {e.id, owner, now_ms + lease_ms}) != 1 ||
        db.run("SELECT url, attempts, next_attempt_ms, done FROM event_targets WHERE event_id = "
               "?1",
               {e.id}, [&](const sql_row& r) {
                 e.targets.push_back(
                     {r.text(0), static_cast<int>(r.integer(1)), r.integer(2), r.integer(3) != 0});
               }) < 0) {
      return -1;
    }
  }
  return static_cast<int>(out->size());
}

int record_deliveries(sql_connection& db, std::string_view owner, std::int64_t now_ms,
                      const std::vector<delivery_attempt>& attempts,
                      const std::vector<lease_outcome>& outcomes) {
  int written = 0;
  for (const delivery_attempt& a : attempts) {
    if (db.run("INSERT INTO webhook_deliveries (event_id, event_type, url, at, attempt, status, "
               "error, duration_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
               {a.event_id, a.event_type, a.url, iso_from_ms(a.at_ms), a.attempt, a.status, a.error,
                a.duration_ms}) < 0) {
      return -1;
    }
    ++written;
  }
  for (const lease_outcome& o : outcomes) {
    // Released only by the lease's owner: a lease that ran out belongs to whoever took it next.
    const std::int64_t released = db.run(
        "UPDATE events SET delivered_at = CASE WHEN ?3 = 1 THEN ?4 ELSE NULL END, "
        "next_attempt_ms = ?5, attempts = attempts + 1, lease_owner = '', lease_until_ms = 0 "
        "WHERE id = ?1 AND lease_owner = ?2",
        {o.event_id, owner, o.delivered ? 1 : 0, iso_from_ms(now_ms), o.next_ms});
    if (released < 0) return -1;
    if (released == 0) continue;
    for (const event_target& t : o.targets) {
      if (db.run("INSERT INTO event_targets (event_id, url, attempts, next_attempt_ms, done) "
                 "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (event_id, url) DO UPDATE SET "
                 "attempts = excluded.attempts, next_attempt_ms = excluded.next_attempt_ms, "
                 "done = excluded.done",
                 {o.event_id, t.url, t.attempts, t.next_ms, t.done ? 1 : 0}) < 0) {
        return -1;
      }
    }
    written += 1;
  }
  return written;
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
