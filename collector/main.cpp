// pepite-collector: receives survey responses, stores them in SQLite, serves the dashboard.
// Reads like a route table: each route is one line calling a named handler in handlers.cpp.
#include <httplib.h>
#include <signal.h>
#include <sys/socket.h>

#include <dirent.h>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>

#include "auth.hpp"
#include "handlers.hpp"
#include "migrate.hpp"
#include "pepite/error.hpp"

#ifndef PEPITE_DASHBOARD_DIR
#define PEPITE_DASHBOARD_DIR "collector/dashboard"
#endif

using namespace pepite::collector;

namespace {

const char* const usage =
    "usage: pepite-collector [--host 127.0.0.1] [--port 8080] [--db pepite.db | postgresql://…]\n"
    "  [--surveys DIR] [--static DIR] [--widget DIR (default dist)] [--dashboard DIR]\n"
    "  [--allow-origin ORIGIN]... [--rate-limit 10/s | 0] [--trust-proxy]\n"
    "  [--synchronous FULL|NORMAL] [--max-batch 2048] [--threads 64] [--wal-limit 64 (MB)]\n"
    "  [--no-access-log] [--timings] [--print-token]\n"
    "       pepite-collector migrate --from pepite.db --to postgresql://user@host/db\n"
    "Admin token: PEPITE_ADMIN_TOKEN, else generated on first start and stored in the DB.\n";

// Request start time for the access log, set by the pre-routing handler of the same thread.
thread_local std::chrono::steady_clock::time_point request_start;

bool read_file(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  *out = buffer.str();
  return true;
}

std::vector<std::string> list_dir(const std::string& dir, const std::string& suffix) {
  std::vector<std::string> names;
  if (DIR* d = opendir(dir.c_str())) {
    while (dirent* e = readdir(d)) {
      std::string name = e->d_name;
      if (name.size() > suffix.size() &&
          name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
        names.push_back(name);
      }
    }
    closedir(d);
  }
  std::sort(names.begin(), names.end());
  return names;
}

bool parse_args(int argc, char** argv, config& cfg) {
  for (int i = 1; i < argc; ++i) {
    std::string flag = argv[i];
    auto value = [&](std::string& out) {
      if (i + 1 >= argc) return false;
      out = argv[++i];
      return true;
    };
    std::string v;
    if (flag == "--host") {
      if (!value(cfg.host)) return false;
    } else if (flag == "--port") {
      if (!value(v)) return false;
      cfg.port = std::atoi(v.c_str());
      if (cfg.port < 0 || cfg.port > 65535 || (cfg.port == 0 && v != "0")) return false;
    } else if (flag == "--db") {
      if (!value(cfg.db)) return false;
    } else if (flag == "--surveys") {
      if (!value(cfg.surveys_dir)) return false;
    } else if (flag == "--static") {
      if (!value(cfg.static_dir)) return false;
    } else if (flag == "--widget") {
      if (!value(cfg.widget_dir)) return false;
    } else if (flag == "--dashboard") {
      if (!value(cfg.dashboard_dir)) return false;
    } else if (flag == "--allow-origin") {
      if (!value(v)) return false;
      cfg.allow_origins.push_back(v);
    } else if (flag == "--rate-limit") {
      if (!value(v) || !parse_rate(v, &cfg.rate, &cfg.burst)) return false;
    } else if (flag == "--synchronous") {
      if (!value(cfg.synchronous)) return false;
    } else if (flag == "--threads") {
      if (!value(v)) return false;
      cfg.threads = std::atoi(v.c_str());
      if (cfg.threads < 1 || cfg.threads > 1024) return false;
    } else if (flag == "--max-batch") {
      if (!value(v)) return false;
      cfg.max_batch = std::atoi(v.c_str());
      if (cfg.max_batch < 1 || cfg.max_batch > 100000) return false;
    } else if (flag == "--wal-limit") {
      if (!value(v)) return false;
      cfg.wal_limit_mb = std::atoll(v.c_str());
      if (cfg.wal_limit_mb < 1 || cfg.wal_limit_mb > 65536) return false;
    } else if (flag == "--timings") {
      cfg.timings = true;
    } else if (flag == "--trust-proxy") {
      cfg.trust_proxy = true;
    } else if (flag == "--no-access-log") {
      cfg.access_log = false;
    } else if (flag == "--print-token") {
      cfg.print_token = true;
    } else {
      return false;
    }
  }
  if (cfg.dashboard_dir.empty()) cfg.dashboard_dir = PEPITE_DASHBOARD_DIR;
  return true;
}

// Loads every DIR/*.json definition; false (with the problems printed) when one is invalid.
bool load_surveys(app& a) {
  if (a.cfg.surveys_dir.empty()) return true;
  bool ok = true;
  for (const auto& name : list_dir(a.cfg.surveys_dir, ".json")) {
    std::string path = a.cfg.surveys_dir + "/" + name;
    std::string text;
    if (!read_file(path, &text)) {
      std::fprintf(stderr, "cannot read %s\n", path.c_str());
      ok = false;
      continue;
    }
    auto parsed = pepite::parse_definition(text);
    if (!parsed.ok()) {
      std::fprintf(stderr, "invalid survey definition %s:\n%s\n", path.c_str(),
                   pepite::issues_to_json(parsed.problems).c_str());
      ok = false;
      continue;
    }
    std::string id = parsed.value.id;
    a.surveys[id] = survey_entry{std::move(parsed.value), std::move(text)};
    std::printf("survey %s loaded from %s\n", id.c_str(), path.c_str());
  }
  return ok;
}

void load_dashboard(app& a) {
  for (const char* suffix : {".html", ".js", ".css", ".svg"}) {
    for (const auto& name : list_dir(a.cfg.dashboard_dir, suffix)) {
      std::string text;
      if (read_file(a.cfg.dashboard_dir + "/" + name, &text)) a.dashboard_files[name] = text;
    }
  }
}

// The admin token: the environment wins; else the one generated at first start, printed once and
// stored as its SHA-256 (auth.hpp). A token stored in clear by an older collector is replaced by
// its hash at start (--print-token shows it that last time). Only the hash stays in memory.
bool load_token(app& a) {
  const std::string stored = a.db->meta("admin_token");
  if (const char* env = std::getenv("PEPITE_ADMIN_TOKEN"); env && *env) {
    a.token = token_hash(env);
    // Unused while the environment sets one, but still a secret: no clear token stays at rest.
    if (!stored.empty() && !is_token_hash(stored))
      a.db->set_meta("admin_token", token_hash(stored));
    return !a.token.empty();
  }
  if (!stored.empty()) {
    if (is_token_hash(stored)) {
      a.token = stored;
      if (a.cfg.print_token) {
        std::printf(
            "admin token: stored as a SHA-256 hash, it cannot be shown; set "
            "PEPITE_ADMIN_TOKEN to choose one\n");
      }
      return true;
    }
    a.token = token_hash(stored);
    if (a.cfg.print_token) std::printf("admin token: %s\n", stored.c_str());
    return !a.token.empty() && a.db->set_meta("admin_token", a.token);
  }
  const std::string token = generate_token();
  a.token = token_hash(token);
  if (token.empty() || a.token.empty() || !a.db->set_meta("admin_token", a.token)) return false;
  std::printf("admin token (generated, its hash stored in %s; shown once): %s\n",
              printable_target(a.cfg.db).c_str(), token.c_str());
  return true;
}

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

  if (!load_surveys(a)) return 1;
  load_dashboard(a);
  std::string error;
  store_options options;
  options.synchronous = a.cfg.synchronous;
  options.max_batch = a.cfg.max_batch;
  options.wal_limit_bytes = a.cfg.wal_limit_mb << 20;
  a.db = store::open(a.cfg.db, &error, options);
  if (!a.db) {
    std::fprintf(stderr, "store: %s\n", error.c_str());
    return 1;
  }
  if (!load_token(a)) {
    std::fprintf(stderr, "cannot create the admin token\n");
    return 1;
  }
  a.cors = cors_policy(a.cfg.allow_origins);
  a.limiter.configure(a.cfg.rate, a.cfg.burst);
  // On PostgreSQL the buckets are in the database, shared by every collector on it.
  a.limiter.share([&a](const std::string& client, double rate, double burst, int* retry) {
    return a.db->take_token(client, rate, burst, retry);
  });

  httplib::Server svr;
  const int threads = a.cfg.threads;
  svr.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };

  svr.Post("/v1/responses", [&](const auto& req, auto& res) { post_response(a, req, res); });
  svr.Options("/v1/responses", [&](const auto& req, auto& res) { preflight(a, req, res); });
  svr.Get("/v1/responses", [&](const auto& req, auto& res) { list_responses(a, req, res); });
  svr.Patch(R"(/v1/responses/([\w-]+))",
            [&](const auto& req, auto& res) { patch_response(a, req, res); });
  svr.Get("/v1/stats", [&](const auto& req, auto& res) { get_stats(a, req, res); });
  svr.Get("/v1/surveys", [&](const auto& req, auto& res) { list_surveys(a, req, res); });
  svr.Get("/v1/export.csv", [&](const auto& req, auto& res) { export_csv(a, req, res); });
  svr.Get("/healthz", [&](const auto& req, auto& res) { healthz(a, req, res); });
  svr.Get("/dashboard", [&](const auto& req, auto& res) { dashboard_page(a, req, res); });
  svr.Get(R"(/dashboard/([\w.-]+))",
          [&](const auto& req, auto& res) { dashboard_asset(a, req, res); });
  svr.Get(R"(/pepite/surveys/([a-z0-9_-]+)\.json)",
          [&](const auto& req, auto& res) { survey_definition(a, req, res); });

  // Files: the widget build at /pepite/, then the demo shop at / (first match wins).
  if (!a.cfg.widget_dir.empty()) svr.set_mount_point("/pepite/", a.cfg.widget_dir);
  if (!a.cfg.static_dir.empty()) {
    // The demo shop runs under a strict policy too; the widget needs 'wasm-unsafe-eval'.
    svr.set_mount_point(
        "/", a.cfg.static_dir,
        {{"Content-Security-Policy",
          "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
          "connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'"},
         {"X-Content-Type-Options", "nosniff"}});
  }
  svr.set_file_extension_and_mimetype_mapping("mjs", "text/javascript");
  svr.set_file_extension_and_mimetype_mapping("wasm", "application/wasm");

  svr.set_pre_routing_handler([&](const auto& req, auto& res) {
    request_start = std::chrono::steady_clock::now();
    return pre_route(a, req, res);
  });
  svr.set_error_handler([&](const auto& req, auto& res) { not_found(a, req, res); });
  svr.set_exception_handler([](const auto&, auto& res, std::exception_ptr ep) {
    try {
      std::rethrow_exception(ep);
    } catch (...) {
      send_error(res, 500, "collector.internal", "", "internal error");
    }
  });
  svr.set_payload_max_length(pepite::max_payload_bytes);
  svr.set_tcp_nodelay(true);
  svr.set_keep_alive_max_count(10000);
  // The logger runs after each response is written: it ends connections refused early (see
  // after_response), and prints the access log. Never the body or query: comments stay out of
  // logs. Method, path, status, latency only.
  const bool access_log = a.cfg.access_log;
  svr.set_logger([access_log](const auto& req, const auto& res) {
    after_response(req, res);
    if (!access_log) return;
    double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - request_start)
            .count();
    std::printf("%s %s %d %.2fms\n", log_safe(req.method).c_str(), log_safe(req.path).c_str(),
                res.status, ms);
  });
  // Debian's library listens with a backlog of 5: widen it so a burst of connections is not
  // dropped (listen() again on a listening socket only changes its backlog).
  int listen_socket = -1;
  // SO_REUSEADDR only: the library's default also sets SO_REUSEPORT, with which a second
  // collector started on a busy port binds too and silently takes half the traffic (into its
  // own database). Without it the second one fails with "address in use".
  svr.set_socket_options([&](socket_t sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    listen_socket = sock;
  });

  int port = a.cfg.port;
  bool bound = port == 0 ? (port = svr.bind_to_any_port(a.cfg.host)) > 0
                         : svr.bind_to_port(a.cfg.host, port);
  if (!bound) {
    std::fprintf(stderr, "cannot listen on %s:%d (%s)\n", a.cfg.host.c_str(), a.cfg.port,
                 std::strerror(errno));
    return 1;
  }
  if (listen_socket >= 0) ::listen(listen_socket, 1024);

  std::thread stopper([&] {
    int sig = 0;
    sigwait(&signals, &sig);
    // stop() before listen_after_bind() has started would be lost: wait for the loop first.
    for (int i = 0; i < 500 && !svr.is_running(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    svr.stop();
  });
  stopper.detach();

  std::printf("pepite-collector listening on http://%s:%d (dashboard: /dashboard)\n",
              a.cfg.host.c_str(), port);
  std::fflush(stdout);
  setvbuf(stdout, nullptr, _IOLBF, 0);
  bool ok = svr.listen_after_bind();
  std::printf("stopped: %lld writes in %lld commits (group commit)\n",
              static_cast<long long>(a.db->committed_writes()),
              static_cast<long long>(a.db->commits()));
  if (a.cfg.timings) std::printf("%s\n", timings_report(a).c_str());
  return ok ? 0 : 1;
}
