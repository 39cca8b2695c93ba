// Request handlers of the collector: one named function per route, over a shared app state.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "cors.hpp"
#include "histogram.hpp"
#include "http_server.hpp"
#include "pepite/definition.hpp"
#include "pepite/payload.hpp"
#include "rate_limit.hpp"
#include "store.hpp"

namespace pepite::collector {

/// Command-line configuration, with the defaults of issue 6.
struct config {
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string db = "pepite.db";
  std::string read_db;         ///< `--read-db`: a streaming replica for the dashboard's reads
  double read_max_lag_s = 10;  ///< `--read-max-lag`: beyond, those reads go to the primary
  std::string surveys_dir;
  std::string static_dir;
  std::string widget_dir = "dist";
  std::string dashboard_dir;  ///< default: the source tree's collector/dashboard
  std::vector<std::string> allow_origins;
  double rate = 10;  ///< shopper POSTs per second per client; 0 = off
  double burst = 30;
  bool trust_proxy = false;  ///< take the client address from X-Forwarded-For
  bool access_log = true;
  bool print_token = false;
  std::string synchronous = "FULL";
  int threads = 64;                   ///< workers running handlers (they wait on the store)
  int io_threads = 2;                 ///< threads of the event loop (sockets, parsing)
  int max_client_connections = 128;   ///< open connections per peer address; 0 = no cap
  int header_timeout_s = 10;          ///< the request line and headers must arrive within this
  int body_timeout_s = 10;            ///< and then the body within this
  int max_batch = 2048;               ///< writes per group commit; 1 = one transaction per request
  long long wal_limit_mb = 64;        ///< WAL size that triggers a restart (see store_options)
  bool timings = false;               ///< print where POST time went when stopping
  std::vector<std::string> webhooks;  ///< --webhook URL, repeatable (docs/webhooks.md)
  std::string webhook_secret;         ///< --webhook-secret, or read from --webhook-secret-file
  std::string webhook_secret_file;
  int webhook_timeout_s = 10;   ///< one POST's deadline
  int webhook_retry_ms = 5000;  ///< the first retry's delay (then doubled, at most 1 h)
  std::string language = "en";  ///< the language of the webhooks' `text`: en or fr
  std::string token_secret;     ///< the shop's secret signing order tokens (issue 17); empty = none
  bool require_token = false;   ///< store only responses carrying a valid order token
  /// `--public-url`: the collector's address as shoppers reach it (no trailing `/`), for the
  /// status links in webhook events (issue 17); empty: none.
  std::string public_url;
};

/// Where the time of each accepted `POST /v1/responses` goes, printed by `--timings`.
struct post_timings {
  histogram reanalyse;  ///< pepite::reanalyse_payload(): read, survey lookup, validation, analysis
  histogram store;      ///< waiting for the group commit holding the write
  histogram total;      ///< the whole handler
};

/// A survey definition the collector serves and validates against.
struct survey_entry {
  survey definition;
  std::string json;
  /// Hours promised to a detractor who consents (`thankYou.detractor.callbackDelay`, else 24).
  int callback_delay_hours = default_callback_delay_hours;
};

/// Everything the handlers share. Built once in main(), then read-only but for the store and
/// the rate limiter (both thread-safe).
/// The collector listens before its store is open (issue 18): until `ready`, /healthz answers 503
/// with what it does (`starting`: connecting or waiting for another collector's migration;
/// `migrating`) and since when, every other route 503 `collector.starting` with Retry-After.
struct opening_state {
  std::atomic<bool> ready{false};
  std::mutex mutex;
  std::string status = "starting";
  std::string detail = "opening the store";
  std::string since;  ///< ISO 8601, when `status` began
  std::chrono::steady_clock::time_point since_clock = std::chrono::steady_clock::now();

  /// Enters `status` (its `since` kept when it does not change), with `detail`.
  void set(const std::string& status, const std::string& detail);
};

struct app {
  config cfg;
  opening_state opening;
  std::unique_ptr<store> db;
  std::map<std::string, survey_entry> surveys;
  cors_policy cors{{}};
  rate_limiter limiter{0, 0};
  std::string token;
  std::map<std::string, std::string> dashboard_files;  ///< name -> content
  post_timings timings;
};

/// The name that signs what `req` does: `admin` for the admin token, a user's name for a user's
/// token; otherwise answers 401 and gives nullopt.
std::optional<std::string> signed_in(app& a, const http::request& req, http::response& res);

/// UTC now as ISO 8601 with milliseconds (`2026-11-25T19:57:54.123Z`): the system clock written by
/// the core's time code (the core has no clock).
std::string now_iso();

/// The client address used by the rate limit (X-Forwarded-For's last hop with --trust-proxy).
std::string client_address(const app& a, const http::request& req);

/// Runs before routing, before the body is read: 405 for a known path with another method, and
/// 413 for `POST /v1/responses` with a Content-Length over 32 KB (the body is never read; the
/// server ends the connection after the reply). True when it answered.
/// While the store opens, answers everything but a CORS preflight (503, see opening_state).
bool pre_route(app& a, const http::request& req, http::response& res);

void post_response(app& a, const http::request& req, http::response& res);
void preflight(app& a, const http::request& req, http::response& res);
void list_responses(app& a, const http::request& req, http::response& res);
void patch_response(app& a, const http::request& req, http::response& res);
void list_surveys(app& a, const http::request& req, http::response& res);
void get_stats(app& a, const http::request& req, http::response& res);
void export_csv(app& a, const http::request& req, http::response& res);
void healthz(app& a, const http::request& req, http::response& res);
/// `GET /v1/webhooks/deliveries?limit=100`: the newest delivery attempts and the events pending.
void list_webhook_deliveries(app& a, const http::request& req, http::response& res);
void not_found(app& a, const http::request& req, http::response& res);

/// The `--timings` report: the POST handler's split, then the store's commit path.
std::string timings_report(const app& a);

}  // namespace pepite::collector
