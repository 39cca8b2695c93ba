// The collector's store, on SQLite (default) or PostgreSQL: versioned schema, group-committed
// upserts, follow-ups, queries. Its parts: schema.hpp (migrations), write_queue.hpp (group
// commit), upsert_rules.hpp (pure rules), store_writes.cpp (the writes in SQL), sqlite_db.cpp and
// postgres_db.cpp (the two databases), store.cpp (this interface and the queries).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "case_rules.hpp"
#include "events.hpp"
#include "pepite/aggregate.hpp"
#include "pepite/complaints.hpp"
#include "pepite/payload.hpp"
#include "schema.hpp"
#include "sql.hpp"
#include "upsert_rules.hpp"

namespace pepite::collector {

/// Filters shared by the list, the stats and the CSV export. Empty means "any". `from` / `to`
/// are inclusive prefixes of the received time: `2026-11-25` or a full ISO timestamp.
struct response_filter {
  std::string survey;
  std::string category;   ///< `detractor`, `passive`, `promoter`
  std::string status;     ///< `partial`, `complete`
  std::string follow_up;  ///< `open`, `contacted`, `resolved`
  std::string from;
  std::string to;
  bool alert_only = false;
  /// The call-back list: detractors, and any response with an alert (an urgent comment from a
  /// passive or a promoter, a low CSAT).
  bool callback = false;
};

/// One stored response, as listed on the dashboard and exported.
struct response_row {
  std::int64_t seq = 0;  ///< insertion order; the pagination cursor
  std::string response_id;
  std::string survey_id;
  std::string status;
  std::optional<int> nps;
  std::optional<int> csat;
  std::optional<int> ces;
  std::string category;
  bool alert = false;
  std::string alert_priority;
  std::string alert_reasons;
  bool callback_consent = false;
  std::string order_id;
  std::string comment;
  std::string locale;
  std::string submitted_at;
  std::string received_at;
  std::string updated_at;
  std::string follow_up;
  std::string note;
  std::string follow_up_at;
  /// The sender's binding (a hash) and the token's order (issue 17): copied by `migrate`, never
  /// listed, exported nor shown.
  std::string sender_key;
  std::string token_order;
  std::string payload;  ///< the full payload JSON, as received (filled when asked for)
};

/// Who sends a version (issue 17). `binding`: the hash (auth.hpp token_hash) of the sender's
/// secret, its `senderKey` or its order token; the first version of a response stores it, later
/// ones must bring the same. Empty: an unbound sender (an older widget, curl), accepted only on a
/// response whose first version was unbound too. `token_order`: the order id of a valid token:
/// one response per order and survey.
struct upsert_sender {
  std::string_view binding;
  std::string_view token_order;
};

/// What an upsert did. `status` is the status now stored (a `complete` is never downgraded).
struct upsert_result {
  bool ok = false;
  std::string status;
  bool changed = false;  ///< false for a replay, an older partial, or a downgrade attempt
  /// The version is not stored because the stored one is newer (an older partial, a downgrade):
  /// a later version from the same sender supersedes it. False when stored (or a replay of it).
  bool superseded = false;
  /// Refused, nothing changed: `not_owner` (the response is bound to another sender),
  /// `order_taken` (another response holds this token's order). `ok` is true with a refusal.
  enum class refusal { none, not_owner, order_taken } refused = refusal::none;
  std::string error;
};

enum class follow_up_outcome { ok, not_found, bad_transition, failed };

/// One change to a case (issue 16), signed by `actor` (a user's name, or `admin`).
struct case_change {
  enum class kind { status, assign, note, undo } what = kind::status;
  std::string response_id;
  std::string actor;
  std::string value;         ///< the new status, the assignee (empty: nobody), the note's text
  bool for_shopper = false;  ///< a note meant for the shopper's status page (later)
  /// undo: the event the screen shows as the last change; 0 undoes whatever is last. Another
  /// change made since (a colleague's) makes the undo a conflict, not a surprise.
  std::int64_t expected_event = 0;
  std::string now;
  std::string due_at;  ///< when the case is created by this change
};

enum class case_outcome { ok, not_found, bad_transition, nothing_to_undo, conflict, failed };

/// What a case change did: the event it recorded.
struct case_result {
  case_outcome outcome = case_outcome::failed;
  std::int64_t event = 0;
};

/// A case as the queues list it: the response, and its case when it has one.
struct case_row {
  response_row response;
  bool has_case = false;
  std::string assignee;
  std::string due_at;
  std::string created_at;
  std::string contacted_at;
  std::string resolved_at;
  std::int64_t last_event = 0;  ///< the change an undo would revert (0: none)
};

/// A recorded change of a case.
struct case_event {
  std::int64_t seq = 0;
  std::string at, actor, kind, from, to, note;
  bool undone = false;
  std::int64_t undoes = 0;
};

/// A note on a case.
struct case_note {
  std::int64_t seq = 0;
  std::string at, author, text;
  bool for_shopper = false;
};

/// The work queues of the inbox: `callback` (open, consented, detractors or alerts: most urgent
/// first, then the earliest due), `read` (open, without consent: detractors, alerts, and every
/// response with a comment; newest first), `history` (contacted or resolved; latest change
/// first; `search` looks in comments, order ids, assignees and notes).
struct case_query {
  std::string queue = "callback";
  std::string search;
  response_filter filter;
  int limit = 50;
  int offset = 0;
};

/// `target` (a file path or a `postgresql://` URL) as logs may show it: a URL's password hidden.
std::string printable_target(const std::string& target);

/// Options with their defaults (the SQLite ones are ignored on PostgreSQL, where every commit is
/// durable: synchronous_commit=on). `synchronous` is `FULL`: a commit is on disk (WAL fsynced)
/// before any request waiting on it is answered.
struct store_options {
  std::string synchronous = "FULL";
  int max_batch = 2048;  ///< most writes committed in one transaction
  /// When the WAL holds more than this, the checkpointer pauses the writer between two
  /// transactions for a short last pass, so the next transaction starts the WAL over.
  std::int64_t wal_limit_bytes = 64 << 20;
  /// Whether upserts queue `alert.created` (webhooks configured), and the events' language.
  event_options events;
  /// `--read-db`: a PostgreSQL streaming replica of `--db` for the reads that may lag (see
  /// replica_reads); empty: every read on the primary. Not used while it lags more than
  /// `read_max_lag_seconds`, is down or is not a standby: those reads go to the primary.
  std::string read_db;
  double read_max_lag_seconds = 10;
  /// Told what the open is doing while it may last: connecting, waiting for another collector's
  /// migration, migrating (schema.hpp, migrate). The collector's /healthz says it (issue 18).
  open_phase_fn on_phase;
};

/// While one lives, this thread's reads may go to the replica (`--read-db`, when usable): the
/// dashboard's listings, figures, counts and exports, which a second of lag only delays. Every
/// other read (one that checks before a write, shows what a request wrote, a token, a webhook's)
/// and every write go to the primary.
class replica_reads {
 public:
  replica_reads();
  ~replica_reads();
  replica_reads(const replica_reads&) = delete;
  replica_reads& operator=(const replica_reads&) = delete;
  /// True on a thread holding one.
  static bool active();

 private:
  bool outer_;
};

/// Work run in a writer transaction (store::transact): returns rows written, -1 to fail.
using sql_work = std::function<int(sql_connection&, const sql_dialect&)>;

/// The store owns two connections: one writer, driven by a dedicated thread that commits every
/// write queued while the previous commit was syncing in one transaction (group commit), and one
/// reader for queries (WAL lets it read while the writer commits). All methods are thread-safe.
/// On PostgreSQL, several collectors may share one database: a new id is inserted with `INSERT …
/// ON CONFLICT DO NOTHING`, an existing one is read `FOR UPDATE` before the rules apply, and a
/// follow-up is one guarded UPDATE, so two collectors never lose each other's writes.
class store {
 public:
  /// Opens (creating or migrating) the database at `target`: a SQLite file path, or a
  /// `postgresql://` URL. Null with `*error` set on failure.
  static std::unique_ptr<store> open(const std::string& target, std::string* error,
                                     const store_options& options = {});
  ~store();
  store(const store&) = delete;
  store& operator=(const store&) = delete;

  /// Upserts by `summary.response_id`; returns once the transaction holding it is committed.
  /// A detractor or a response with an alert gets its case (issue 16), due
  /// `callback_delay_hours` after `received_at`.
  upsert_result upsert(const payload_summary& summary, std::string_view payload_json,
                       std::string_view received_at,
                       int callback_delay_hours = default_callback_delay_hours,
                       const upsert_sender& sender = {});

  /// Applies one case change in one transaction (the case is created when it has none yet).
  case_result change_case(const case_change& change);
  /// A page of a queue; `*more` when another page exists.
  std::vector<case_row> list_cases(const case_query& query, bool* more);
  std::optional<case_row> find_case(std::string_view response_id);
  /// How many cases each queue holds under `filter` (`GET /v1/cases/counts`): to call back, of
  /// which overdue at `now` (ISO), to read, history. Each count stops at `cap` (a queue that
  /// long reads "cap+"), so the counts stay cheap whatever the store's size.
  struct queue_counts {
    std::int64_t callback = 0, overdue = 0, read = 0, history = 0;
  };
  queue_counts count_queues(const response_filter& filter, std::string_view now, std::int64_t cap);
  /// Like list() (newest first, `after_seq` continues), each response with its case: the export.
  std::vector<case_row> list_with_cases(const response_filter& filter, int limit,
                                        std::int64_t after_seq, bool* more);
  /// Other responses with the same order id (any of `order_ids`), newest first.
  std::vector<response_row> same_order(const std::vector<std::string>& order_ids);
  std::vector<case_event> case_events(std::string_view response_id);
  /// The latest response to `survey_id` for `order_id`, a token's order before an order id a page
  /// gave, with its case (issue 17: the shopper's status page).
  std::optional<case_row> order_case(std::string_view survey_id, std::string_view order_id);
  /// The "is it solved?" response (survey `<survey>--solved`) stored for `base`'s token order,
  /// payload included; nullopt when none (or `base` has no token order).
  std::optional<response_row> follow_up_of(const response_row& base);
  /// Records on `response_id`'s case, once, the shopper's answer to "is it solved?": an event
  /// of kind `resolution` by `shopper`, `to` the answer, `note` the comment. True when recorded
  /// now or before; false on failure.
  bool record_resolution(std::string_view response_id, std::string_view answer,
                         std::string_view comment, std::string_view at);
  std::vector<case_note> case_notes(std::string_view response_id);
  /// The notes of several cases in one query (a queue's page), by response id.
  std::map<std::string, std::vector<case_note>> case_notes(
      const std::vector<std::string>& response_ids);

  /// The complaints (responses with an alert) matching `filter`, with their case's times: the
  /// KPIs of complaint handling. Times the collector wrote, in seconds since the epoch.
  std::vector<complaint_case> complaint_cases(const response_filter& filter);
  /// What the complaint KPIs add up over `filter` at `now` (seconds since the epoch): from the
  /// complaint rollups (schema v8) when the filter allows it (as the overview's rollups), else
  /// from complaint_cases().
  pepite::complaint_counts complaint_counts(const response_filter& filter, long long now);
  /// The complaints matching `filter` whose shopper answered "is it solved?" (issue 17), with
  /// the answer and the NPS before and after (the only fields set): found from the answers.
  std::vector<complaint_case> complaint_confirmations(const response_filter& filter);
  /// How many matching responses name each topic (`topics` of the stored payload).
  std::vector<std::pair<std::string, std::int64_t>> topic_counts(const response_filter& filter);

  /// Adds a user whose token hashes to `token_hash`; false when the name is taken.
  bool add_user(std::string_view name, std::string_view token_hash, std::string_view now);
  /// The user whose token hashes to `token_hash`, or nullopt.
  std::optional<std::string> user_by_token_hash(std::string_view token_hash);
  /// Every user's name, sorted.
  std::vector<std::string> user_names();

  /// Moves a response's follow-up forward (`open` -> `contacted` -> `resolved`; staying in the
  /// same state only updates the note). `note`: nullopt keeps the stored one (read and written in
  /// the same transaction, so a colleague's note is never lost to a stale page). Returns once
  /// committed; `row` gets the updated row, payload included.
  /// A move to another state is also recorded on the response's case (issue 16): an event
  /// signed by `actor`, the first-contact or resolution time.
  follow_up_outcome set_follow_up(std::string_view response_id, std::string_view state,
                                  std::optional<std::string_view> note, std::string_view now,
                                  response_row* row, std::string_view actor = "admin");

  /// Newest first. `after_seq` > 0 continues a listing (rows with a smaller seq); `offset`
  /// skips rows. Fills `*more` when another page exists.
  std::vector<response_row> list(const response_filter& filter, int limit, std::int64_t after_seq,
                                 int offset, bool with_payload, bool* more);

  std::optional<response_row> find(std::string_view response_id, bool with_payload);

  /// Aggregates over the matching responses, one day per `received_at` date (UTC).
  /// Figures of the matching responses; the series' days are those of a clock
  /// `utc_offset_minutes` east of UTC (the dashboard sends its manager's), UTC days by default.
  stats compute_stats(const response_filter& filter, int utc_offset_minutes = 0);

  std::int64_t count();
  /// How many responses match `filter` (-1 on a read error), without reading their rows. The
  /// call-back list's count (`callback` + `follow_up`) is answered from the partial call-back
  /// index alone.
  std::int64_t count(const response_filter& filter);

  /// True when a response carrying a valid token for this order and survey is stored (the
  /// hosted page then says so instead of drawing the card again).
  bool order_answered(std::string_view survey_id, std::string_view order_id);

  /// Every survey id with stored responses and how many, by id (for the dashboard's filter).
  std::vector<std::pair<std::string, std::int64_t>> survey_counts();

  /// Copies rows as they are (seq, follow-up, note included) in transactions of up to
  /// `max_batch` rows; an id already stored is left as it is. For `pepite-collector migrate`.
  bool import_rows(const std::vector<response_row>& rows);
  /// The rows of every table but `responses`, `meta` and the rollups (which the triggers rebuild
  /// from the copied rows): the cases (issue 16: `users`, `cases`, `case_events`, `case_notes`)
  /// and the webhooks' queue and log (`events`, `event_targets`, `webhook_deliveries`), for
  /// `pepite-collector migrate`: one table at a time, every column, in key order.
  struct table_copy {
    std::string table;
    std::vector<std::string> columns;
    std::vector<bool> integer;  ///< which columns are integers (the others are text)
    std::vector<std::vector<sql_value>> rows;
  };
  std::vector<table_copy> case_tables();
  /// Inserts them into this (empty) store in one transaction; false on failure.
  bool import_tables(const std::vector<table_copy>& tables);
  /// Every `meta` row but the schema version.
  std::vector<std::pair<std::string, std::string>> meta_entries();

  /// A token from `client`'s bucket (`rate` per second, up to `burst`) kept in the database, so
  /// that every collector on it counts the same requests: 1 taken, 0 refused
  /// (`*retry_after_seconds` set), -1 when the database keeps no buckets (SQLite: one collector,
  /// its own in-memory buckets) or cannot answer now.
  int take_token(std::string_view client, double rate, double burst, int* retry_after_seconds);

  /// Runs `work` in a transaction of the writer thread, group-committed with the other writes
  /// (the webhooks' leases and their outcomes). True when `work` succeeded and it committed.
  bool transact(const sql_work& work);
  /// A read on the reader connection: `on_row` for each row; -1 on failure.
  std::int64_t query(const std::string& sql, const std::vector<sql_value>& values,
                     const sql_row_fn& on_row);

  /// A value from the `meta` table (empty when absent) and its setter (committed at once).
  std::string meta(std::string_view key);
  bool set_meta(std::string_view key, std::string_view value);

  /// For tests and /healthz: the schema version, journal mode (`wal`, or `postgresql`), the
  /// writer's synchronous level (2 = FULL, or PostgreSQL's synchronous_commit=on), and how many
  /// transactions / writes the writer committed.
  int user_version();
  std::string journal_mode();
  /// Where replica_reads go now, for /healthz: `replica`, `primary (fallback: why)`; empty
  /// without `--read-db`.
  std::string read_side() const;
  int synchronous_level() const;
  std::int64_t commits() const;
  std::int64_t committed_writes() const;
  /// How many times the WAL was started over after reaching `wal_limit_bytes`.
  std::int64_t wal_restarts() const;
  /// Latency percentiles of the commit path (one line each), for `--timings`.
  std::string timings() const;

 private:
  struct impl;
  explicit store(std::unique_ptr<impl> state);
  std::vector<std::int64_t> callback_page(const std::string& where,
                                          const std::vector<sql_value>& values, std::size_t wanted);
  std::unique_ptr<impl> impl_;
};

}  // namespace pepite::collector
