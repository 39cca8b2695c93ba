// pepite-collector: receives survey responses, stores them in SQLite or PostgreSQL, serves the
// dashboard. Reads like a route table: each route is one line calling a named handler
// (handlers.cpp, the dashboard's in dashboard_routes.cpp) on the HTTP server of http_server.cpp.
#include <signal.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>

#include "case_routes.hpp"
#include "dashboard_routes.hpp"
#include "first_view_route.hpp"
#include "follow_up.hpp"
#include "handlers.hpp"
#include "hosted_page.hpp"
#include "http_server.hpp"
#include "migrate.hpp"
#include "startup.hpp"
#include "webhook_worker.hpp"

using namespace pepite::collector;

namespace {

// The path as a log line may hold it: control bytes (a decoded %0a forging a line, ESC
// colouring the terminal) are written as \xHH.
std::string log_safe(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto b = static_cast<unsigned char>(c);
    if (b < 0x20 || b == 0x7f || c == '\\') {
      char hex[5];
      std::snprintf(hex, sizeof hex, "\\x%02x", b);
      out += hex;
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1 && std::string(argv[1]) == "migrate") return run_migrate(argc - 1, argv + 1);
  if (argc > 1 && std::string(argv[1]) == "user") return run_user_command(argc - 1, argv + 1);
  if (argc > 1 && std::string(argv[1]) == "token") return run_token_command(argc - 1, argv + 1);
  app a;
  if (!parse_args(argc, argv, a.cfg)) {
    std::fputs(usage, stderr);
    return 2;
  }
  // SIGINT/SIGTERM are taken by a thread (sigwait) so the server stops cleanly.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  if (!load_surveys(a) || !load_webhooks(a)) return 1;
  // "Is it solved?" (issue 17): a follow-up survey for each, asked on the shopper's link.
  if (!a.cfg.token_secret.empty()) add_follow_up_surveys(a);
  load_dashboard(a);
  // The store opens (and migrates: minutes on a large database) once the server listens: /healthz
  // says 503 starting|migrating meanwhile, every other route 503 collector.starting (issue 18).
  a.opening.set("starting", "opening the store");
  store_options options;
  options.synchronous = a.cfg.synchronous;
  options.max_batch = a.cfg.max_batch;
  options.wal_limit_bytes = a.cfg.wal_limit_mb << 20;
  options.events.enabled = !a.cfg.webhooks.empty();
  options.events.language = a.cfg.language == "fr" ? text_language::fr : text_language::en;
  options.events.public_url = a.cfg.public_url;
  options.events.token_secret = a.cfg.token_secret;
  options.read_db = a.cfg.read_db;
  options.read_max_lag_seconds = a.cfg.read_max_lag_s;
  options.on_phase = [&a](const char* status, const std::string& detail) {
    a.opening.set(status, detail);
  };
  a.cors = cors_policy(a.cfg.allow_origins);
  a.limiter.configure(a.cfg.rate, a.cfg.burst);

  http::limits limits;
  limits.max_body = pepite::max_payload_bytes;
  limits.workers = a.cfg.threads;
  limits.io_threads = a.cfg.io_threads;
  limits.max_client_connections = a.cfg.max_client_connections;
  limits.header_timeout = std::chrono::seconds(a.cfg.header_timeout_s);
  limits.body_timeout = std::chrono::seconds(a.cfg.body_timeout_s);
  http::server svr(limits);
  const auto on = [&](const char* method, const char* pattern, auto handler) {
    svr.route(method, pattern, [&a, handler](const http::request& req, http::response& res) {
      handler(a, req, res);
    });
  };
  // The listings, figures, counts and exports read on `--read-db` when it is usable
  // (replica_reads): lag only delays them. Every other route reads on the primary.
  const auto on_replica = [&](const char* method, const char* pattern, auto handler) {
    on(method, pattern, [handler](app& a, const http::request& req, http::response& res) {
      const replica_reads may_lag;
      handler(a, req, res);
    });
  };
  on("POST", "/v1/responses", post_response);
  on("OPTIONS", "/v1/responses", preflight);
  on_replica("GET", "/v1/responses", list_responses);
  on("PATCH", R"(/v1/responses/([\w-]+))", patch_response);
  on_replica("GET", "/v1/stats", get_stats);
  on_replica("GET", "/v1/cases", list_cases);
  on("GET", "/v1/users", list_users);
  on_replica("GET", "/v1/cases/counts", count_cases);  // before a case id could take the word
  on("GET", R"(/v1/cases/([\w-]+))", get_case);
  on("POST", R"(/v1/cases/([\w-]+)/(status|assign|notes|undo))", change_case);
  on_replica("GET", "/v1/surveys", list_surveys);
  on_replica("GET", "/v1/export.csv", export_csv);
  on("GET", "/healthz", healthz);
  on("GET", "/v1/webhooks/deliveries", list_webhook_deliveries);
  on("GET", "/dashboard", dashboard_page);
  on("GET", R"(/dashboard/([\w.-]+))", dashboard_asset);
  on("GET", R"(/v1/surveys/([a-z0-9_-]+)/first-view)", get_first_view);
  on("GET", R"(/pepite/surveys/([a-z0-9_-]+)\.json)", survey_definition);
  on("GET", "/s/hosted.css", hosted_page_css);
  on("GET", "/s/status-link.js", status_link_script);
  on("GET", R"(/s/([a-z0-9_-]+))", hosted_page);
  on("GET", R"(/s/([a-z0-9_-]+)/status)", status_page);

  // Files: the widget build at /pepite/, then the demo shop at / (first match wins).
  // A shop on another origin runs pepite.js from here and fetches the wasm files and strings
  // beside it (CORS-mode fetches): they are public build files, readable from any origin, and
  // loadable under a page's `Cross-Origin-Embedder-Policy: require-corp`.
  if (!a.cfg.widget_dir.empty()) {
    svr.mount(
        "/pepite/", a.cfg.widget_dir,
        {{"Access-Control-Allow-Origin", "*"}, {"Cross-Origin-Resource-Policy", "cross-origin"}});
  }
  if (!a.cfg.static_dir.empty()) {
    // The demo shop runs under a strict policy too; the widget needs 'wasm-unsafe-eval'.
    svr.mount("/", a.cfg.static_dir,
              {{"Content-Security-Policy",
                "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
                "connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri "
                "'none'"}});
  }

  svr.pre_route = [&](const http::request& req, http::response& res) {
    return pre_route(a, req, res);
  };
  svr.on_error = [&](const http::request& req, http::response& res) { not_found(a, req, res); };
  // The access log: method, path, status, latency only. Never the body or query: comments stay
  // out of logs.
  if (a.cfg.access_log) {
    svr.on_logged = [](const http::request& req, const http::response& res, double ms) {
      std::printf("%s %s %d %.2fms\n", log_safe(req.method).c_str(), log_safe(req.path).c_str(),
                  res.status, ms);
    };
  }

  std::string bind_error;
  const int port = svr.bind(a.cfg.host, a.cfg.port, &bind_error);
  if (port == 0) {
    std::fprintf(stderr, "cannot listen on %s:%d (%s)\n", a.cfg.host.c_str(), a.cfg.port,
                 bind_error.c_str());
    return 1;
  }

  std::thread stopper([&] {
    int sig = 0;
    sigwait(&signals, &sig);
    svr.stop();
  });
  stopper.detach();

  std::printf("pepite-collector listening on http://%s:%d (dashboard: /dashboard)\n",
              a.cfg.host.c_str(), port);
  std::fflush(stdout);
  setvbuf(stdout, nullptr, _IOLBF, 0);

  // Delivery starts once the store is open; it stops (a lease in flight finished) before the
  // store closes.
  std::unique_ptr<webhook_worker> webhooks;
  std::string failure;
  enum : int { opening, ready, failed };
  std::atomic<int> outcome{opening};
  const auto open_started = std::chrono::steady_clock::now();
  std::thread opener([&] {
    std::string error;
    auto db = store::open(a.cfg.db, &error, options);
    if (!db) {
      failure = "store: " + error;
    } else {
      a.db = std::move(db);
      if (!load_token(a)) failure = "cannot create the admin token";
    }
    if (!failure.empty()) {
      outcome.store(failed);
      svr.stop();
      return;
    }
    // On PostgreSQL the buckets are in the database, shared by every collector on it.
    a.limiter.share([&a](const std::string& client, double rate, double burst, int* retry) {
      return a.db->take_token(client, rate, burst, retry);
    });
    if (!a.cfg.webhooks.empty()) {
      webhook_config w;
      w.urls = a.cfg.webhooks;
      w.secret = a.cfg.webhook_secret;
      w.timeout_ms = a.cfg.webhook_timeout_s * 1000LL;
      w.first_retry_ms = a.cfg.webhook_retry_ms;
      w.events = options.events;
      webhooks = std::make_unique<webhook_worker>(*a.db, std::move(w));
    }
    a.opening.ready.store(true, std::memory_order_release);
    outcome.store(ready);
    std::printf(
        "pepite-collector ready: %s open at schema version %d in %.1f s\n",
        printable_target(a.cfg.db).c_str(), a.db->user_version(),
        std::chrono::duration<double>(std::chrono::steady_clock::now() - open_started).count());
    std::fflush(stdout);
  });
  bool ok = svr.run();
  if (outcome.load() == opening) {
    // Stopped (SIGTERM) while the store was still opening: a migration in progress is rolled
    // back with the connection (one transaction per step on SQLite, one on PostgreSQL).
    std::printf("stopped before the store was open\n");
    std::fflush(stdout);
    std::_Exit(0);
  }
  opener.join();
  if (outcome.load() == failed) {
    std::fprintf(stderr, "%s\n", failure.c_str());
    return 1;
  }
  webhooks.reset();
  std::printf("stopped: %lld writes in %lld commits (group commit)\n",
              static_cast<long long>(a.db->committed_writes()),
              static_cast<long long>(a.db->commits()));
  if (a.cfg.timings) std::printf("%s\n", timings_report(a).c_str());
  return ok ? 0 : 1;
}
