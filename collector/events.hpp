// The durable event queue of the webhooks (issue 16, "Alerts out"): an event is a row of `events`
// written in the same transaction as what it tells (a new alert is queued with its response), then
// delivered by the worker (webhook_worker.hpp) to each URL, each attempt in `webhook_deliveries`.
// Written once for SQLite and PostgreSQL against sql.hpp.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "pepite/payload.hpp"
#include "sql.hpp"
#include "webhook.hpp"

namespace pepite::collector {

struct response_row;
class store;

/// Whether writes queue events (only when webhooks are configured: no queue grows unread) and in
/// which language their `text` is.
struct event_options {
  bool enabled = false;
  text_language language = text_language::en;
  /// `--public-url` (issue 17): the collector's address as shoppers reach it, without a trailing
  /// `/`; with `token_secret`, the events of a response sent with an order token carry the
  /// shopper's status page, `statusUrl`. Empty: no link.
  std::string public_url;
  std::string token_secret;
};

/// The shopper's status page of `survey_id` for `token` (`<public_url>/s/<survey>/status?t=…`),
/// empty without a public URL or a token.
std::string status_url(const event_options& options, std::string_view survey_id,
                       std::string_view token);

/// The clock of the queue: ms since the epoch.
std::int64_t unix_ms_now();

/// A new event id: `evt_` and 32 random hex digits (OpenSSL's generator).
std::string new_event_id();

/// An event ready to insert: its id, time and body built (on the caller's thread, not in the
/// writer's transaction).
struct prepared_event {
  std::string id;
  std::string type;
  std::string dedupe_key;  ///< empty: none
  std::string created_at;
  std::int64_t created_ms = 0;
  std::string body;
};

/// Builds an event: `data` the case or the response; `text` what a Slack incoming webhook shows;
/// `dedupe_key` non-empty makes it once only (a second event with the same key is not queued).
prepared_event prepare_event(std::string_view type, const json& data, std::string_view text,
                             std::string_view dedupe_key, std::int64_t now_ms);

/// Inserts a prepared event in the caller's open transaction, so it commits (or rolls back) with
/// what it tells. Returns 1 queued, 0 already queued under its key, -1 on failure.
int insert_event(sql_connection& db, const prepared_event& event);
/// The statement insert_event() runs, to send with others (sql_connection::run_all); the event
/// must have its id.
sql_statement insert_event_statement(const prepared_event& event);

/// prepare_event() then insert_event(): queues one event in the caller's open transaction. `type`
/// e.g. `case.changed`. This is the function the cases' writes call for `case.changed` and
/// `case.overdue`.
int queue_event(sql_connection& db, std::string_view type, const json& data, std::string_view text,
                std::string_view dedupe_key, std::int64_t now_ms);

/// `alert.created` for a response stored with an alert, keyed by the response id so it is queued
/// once, with its first alert. Queued by reference: its body stays empty in the row (the
/// response's payload is not written twice on the POST's path); the worker builds it from the
/// response when it first sends it (build_alert_bodies()), and stores it only if that attempt
/// fails, so every retry sends the same bytes.
prepared_event prepare_alert_created(const payload_summary& s, std::int64_t now_ms);

/// The prefix of an `alert.created` event's key; the rest is the response id.
inline constexpr std::string_view alert_key_prefix = "alert.created:";

/// `digest.weekly` of the ISO week before the one holding `now_ms`: every detractor of that week
/// (score, comment as stored, order id, time), once per week whatever the restarts and the
/// number of collectors (its key is the week). Nothing for a week without responses. The first
/// call ever (no digest key in the queue yet) queues nothing: it marks that week skipped, so the
/// first digest is sent at the first week boundary after webhooks were turned on, not at once
/// for a week that passed before. Returns 1 queued, 0 nothing to do, -1 on failure.
int queue_weekly_digest(sql_connection& db, const event_options& options, std::int64_t now_ms);

/// `case.changed` for the case event `event_seq` just recorded (a status move, an assignment, a
/// note or an undo), in the transaction of the change. Returns 1 queued, -1 on failure.
int queue_case_changed(sql_connection& db, const event_options& options, std::int64_t event_seq,
                       std::int64_t now_ms);

/// `case.overdue` for every open case whose due time has passed, once per case and due time
/// (its key), at most `limit` a call. Returns how many were queued, -1 on failure.
int queue_overdue_cases(sql_connection& db, const event_options& options, std::int64_t now_ms,
                        int limit = 100);

/// What a worker holds of an event it leased: per URL, how far delivery went.
struct event_target {
  std::string url;
  int attempts = 0;
  std::int64_t next_ms = 0;
  bool done = false;  ///< delivered (2xx) or given up
};
struct leased_event {
  std::string id;
  std::string type;
  std::string body;  ///< empty for an `alert.created` not sent yet: build_alert_bodies()
  std::string dedupe_key;
  std::int64_t created_ms = 0;
  bool built = false;  ///< the body was built in this lease (stored only if a retry is due)
  std::vector<event_target> targets;  ///< the URLs tried before; the others have no row yet
};

/// Leases up to `limit` due, undelivered events to `owner` until `now_ms + lease_ms`, the oldest
/// due first. PostgreSQL: `FOR UPDATE SKIP LOCKED`, so two collectors never lease one event;
/// SQLite: one writer already. Call in a transaction. Returns how many, -1 on failure.
int lease_events(sql_connection& db, const sql_dialect& dialect, std::string_view owner,
                 std::int64_t now_ms, std::int64_t lease_ms, int limit,
                 std::vector<leased_event>* out);

/// Builds the body of each leased `alert.created` queued by reference (empty body): `data` the
/// response as `GET /v1/responses` lists it now, payload included. Reads only (call it outside
/// the writer's transaction). An event whose response is gone keeps an empty body (not sent).
void build_alert_bodies(store& db, const event_options& options, std::vector<leased_event>* events);

/// One POST and what came of it.
struct delivery_attempt {
  std::string event_id;
  std::string event_type;
  std::string url;
  std::int64_t at_ms = 0;
  int attempt = 0;  ///< 1 for the first try to this URL
  int status = 0;   ///< the HTTP status, 0 when none came back
  std::string error;
  std::int64_t duration_ms = 0;
};

/// The outcome of a lease: each attempt logged, each URL's state, then the event released
/// (`delivered` when every URL is done, else due again at `next_ms`). Only while `owner` still
/// holds the lease. Call in a transaction. Returns rows written, -1 on failure.
struct lease_outcome {
  std::string event_id;
  std::string body;  ///< a body built in this lease, stored with a retry (empty: nothing to store)
  std::vector<event_target> targets;
  bool delivered = false;
  std::int64_t next_ms = 0;
};
int record_deliveries(sql_connection& db, std::string_view owner, std::int64_t now_ms,
                      const std::vector<delivery_attempt>& attempts,
                      const std::vector<lease_outcome>& outcomes);

/// `GET /v1/webhooks/deliveries`: the newest `limit` attempts (URLs shortened by url_for_log()),
/// and the events still to deliver.
json deliveries_json(store& db, int limit);

}  // namespace pepite::collector
