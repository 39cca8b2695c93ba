// Starting the collector: its flags, survey definitions, dashboard files and admin token.
#include "startup.hpp"

#include <dirent.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <sstream>
#include <type_traits>

#include "auth.hpp"
#include "database.hpp"
#include "pepite/error.hpp"
#include "webhook.hpp"
#include "token.hpp"

#ifndef PEPITE_DASHBOARD_DIR
#define PEPITE_DASHBOARD_DIR "collector/dashboard"
#endif

namespace pepite::collector {

namespace {

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

// The secret of --token-secret, or read from --token-secret-file (one trailing newline dropped):
// at least 16 bytes. False with `*error` set otherwise.
bool resolve_token_secret(std::string& secret, const std::string& file, std::string* error) {
  if (!file.empty()) {
    if (!secret.empty()) {
      *error = "give --token-secret or --token-secret-file, not both";
      return false;
    }
    if (!read_file(file, &secret)) {
      *error = "cannot read --token-secret-file " + file;
      return false;
    }
    if (!secret.empty() && secret.back() == '\n') secret.pop_back();
    if (!secret.empty() && secret.back() == '\r') secret.pop_back();
  }
  if (!secret.empty() && secret.size() < 16) {
    *error = "the token secret must be at least 16 bytes (32 random bytes recommended)";
    return false;
  }
  return true;
}

// `30d`, `12h`, `90m`, `600s` or a number of seconds: 1 s to 10 years.
bool parse_duration(const std::string& text, std::int64_t* seconds) {
  if (text.empty()) return false;
  std::int64_t unit = 1;
  std::string digits = text;
  switch (text.back()) {
    case 'd':
      unit = 86400;
      break;
    case 'h':
      unit = 3600;
      break;
    case 'm':
      unit = 60;
      break;
    case 's':
      unit = 1;
      break;
    default:
      digits += ' ';
  }
  digits.pop_back();
  std::int64_t n = 0;
  const char* end = digits.data() + digits.size();
  const auto [stop, err] = std::from_chars(digits.data(), end, n);
  if (digits.empty() || err != std::errc() || stop != end || n <= 0 || n > 3650LL * 86400) {
    return false;
  }
  *seconds = n * unit;
  return *seconds <= 3650LL * 86400;
}

// `https://host[:port][/path]` (or http://), kept without its trailing `/`: no space, query,
// fragment or quote (it goes into links and JSON as it is).
bool parse_public_url(std::string& url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  const bool scheme = url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0;
  const std::size_t host = url.find("://") + 3;
  if (!scheme || url.size() <= host || url.size() > 200) return false;
  for (const unsigned char ch : url) {
    if (ch <= 0x20 || ch >= 0x7f || ch == '?' || ch == '#' || ch == '"' || ch == '\'' ||
        ch == '<' || ch == '>' || ch == '\\') {
      return false;
    }
  }
  return true;
}

}  // namespace

int run_token_command(int argc, char** argv) {
  token_claims claims;
  std::string secret;
  std::string secret_file;
  std::int64_t lifetime = 30 * 86400;
  const char* const token_usage =
      "usage: pepite-collector token --survey ID --order ID (--token-secret S | "
      "--token-secret-file F)\n  [--expires 30d (d, h, m, s)] [--locale fr] [--property k=v]...\n";
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (i + 1 >= argc) {
      std::fprintf(stderr, "%s needs a value\n%s", flag.c_str(), token_usage);
      return 2;
    }
    const std::string v = argv[++i];
    if (flag == "--survey") {
      claims.survey_id = v;
    } else if (flag == "--order") {
      claims.order_id = v;
    } else if (flag == "--token-secret") {
      secret = v;
    } else if (flag == "--token-secret-file") {
      secret_file = v;
    } else if (flag == "--locale") {
      claims.locale = v;
    } else if (flag == "--expires") {
      if (!parse_duration(v, &lifetime)) {
        std::fprintf(stderr, "--expires: 30d, 12h, 90m, 600s (at most 3650d)\n");
        return 2;
      }
    } else if (flag == "--property") {
      const std::size_t eq = v.find('=');
      if (eq == std::string::npos) {
        std::fprintf(stderr, "--property: key=value\n");
        return 2;
      }
      claims.properties[v.substr(0, eq)] = v.substr(eq + 1);
    } else {
      std::fprintf(stderr, "unknown flag %s\n%s", flag.c_str(), token_usage);
      return 2;
    }
  }
  std::string error;
  if (!resolve_token_secret(secret, secret_file, &error)) {
    std::fprintf(stderr, "%s\n", error.c_str());
    return 2;
  }
  if (secret.empty() || claims.survey_id.empty() || claims.order_id.empty()) {
    std::fprintf(stderr, "%s", token_usage);
    return 2;
  }
  claims.expires = static_cast<std::int64_t>(std::time(nullptr)) + lifetime;
  if (const std::string problem = token_claims_problem(claims); !problem.empty()) {
    std::fprintf(stderr, "%s\n", problem.c_str());
    return 2;
  }
  std::printf("%s\n", sign_token(claims, secret).c_str());
  return 0;
}

const char* const usage =
    "usage: pepite-collector [--host 127.0.0.1] [--port 8080] [--db pepite.db | postgresql://…]\n"
    "  [--read-db postgresql://replica… [--read-max-lag 10 (s)]]\n"
    "  [--surveys DIR] [--static DIR] [--widget DIR (default dist)] [--dashboard DIR]\n"
    "  [--allow-origin ORIGIN]... [--rate-limit 10/s | 0] [--trust-proxy]\n"
    "  [--synchronous FULL|NORMAL] [--max-batch 2048] [--threads 64] [--wal-limit 64 (MB)]\n"
    "  [--io-threads 2] [--max-client-connections 128 | 0] [--header-timeout 10 (s)] "
    "[--body-timeout 10 (s)]\n"
    "  [--no-access-log] [--timings] [--print-token]\n"
    "  [--webhook https://…]... [--webhook-secret S | --webhook-secret-file F]\n"
    "  [--webhook-timeout 10 (s)] [--webhook-retry 5000 (ms)] [--language en|fr]\n"
    "  [--token-secret S | --token-secret-file F] [--require-token] [--public-url https://…]\n"
    "       pepite-collector migrate --from pepite.db --to postgresql://user@host/db\n"
    "       pepite-collector token --survey ID --order ID --token-secret S [--expires 30d]\n"
    "         [--locale fr] [--property k=v]...\n"
    "Admin token: PEPITE_ADMIN_TOKEN, else generated on first start, its hash stored in the DB.\n";

bool parse_args(int argc, char** argv, config& cfg) {
  std::string secret_file;
  for (int i = 1; i < argc; ++i) {
    std::string flag = argv[i];
    auto value = [&](std::string& out) {
      if (i + 1 >= argc) return false;
      out = argv[++i];
      return true;
    };
    // A whole number in [lo, hi], written in full: "12abc" and "" are refused (atoi read them
    // as 12 and 0).
    auto number = [&](long long lo, long long hi, auto& out) {
      std::string text;
      if (!value(text)) return false;
      long long n = 0;
      const char* end = text.data() + text.size();
      const auto [stop, error] = std::from_chars(text.data(), end, n);
      if (error != std::errc() || stop != end || n < lo || n > hi) return false;
      out = static_cast<std::remove_reference_t<decltype(out)>>(n);
      return true;
    };
    std::string v;
    if (flag == "--token-secret") {
      if (!value(cfg.token_secret)) return false;
    } else if (flag == "--token-secret-file") {
      if (!value(secret_file)) return false;
    } else if (flag == "--require-token") {
      cfg.require_token = true;
    } else if (flag == "--public-url") {
      if (!value(cfg.public_url) || !parse_public_url(cfg.public_url)) {
        std::fprintf(stderr,
                     "--public-url: the collector's address as shoppers reach it, "
                     "https://host[:port][/path], no query\n");
        return false;
      }
    } else if (flag == "--host") {
      if (!value(cfg.host)) return false;
    } else if (flag == "--port") {
      if (!number(0, 65535, cfg.port)) return false;
    } else if (flag == "--db") {
      if (!value(cfg.db)) return false;
    } else if (flag == "--read-db") {
      if (!value(cfg.read_db)) return false;
    } else if (flag == "--read-max-lag") {
      if (!number(1, 3600, cfg.read_max_lag_s)) return false;
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
      if (!number(1, 1024, cfg.threads)) return false;
    } else if (flag == "--io-threads") {
      if (!number(1, 64, cfg.io_threads)) return false;
    } else if (flag == "--max-client-connections") {
      if (!number(0, 1000000, cfg.max_client_connections)) return false;
    } else if (flag == "--header-timeout") {
      if (!number(1, 600, cfg.header_timeout_s)) return false;
    } else if (flag == "--body-timeout") {
      if (!number(1, 600, cfg.body_timeout_s)) return false;
    } else if (flag == "--max-batch") {
      if (!number(1, 100000, cfg.max_batch)) return false;
    } else if (flag == "--wal-limit") {
      if (!number(1, 65536, cfg.wal_limit_mb)) return false;
    } else if (flag == "--webhook") {
      if (!value(v)) return false;
      cfg.webhooks.push_back(v);
    } else if (flag == "--webhook-secret") {
      if (!value(cfg.webhook_secret)) return false;
    } else if (flag == "--webhook-secret-file") {
      if (!value(cfg.webhook_secret_file)) return false;
    } else if (flag == "--webhook-timeout") {
      if (!number(1, 600, cfg.webhook_timeout_s)) return false;
    } else if (flag == "--webhook-retry") {
      if (!number(1, 3600000, cfg.webhook_retry_ms)) return false;
    } else if (flag == "--language") {
      if (!value(cfg.language) || (cfg.language != "en" && cfg.language != "fr")) return false;
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
  std::string error;
  if (!resolve_token_secret(cfg.token_secret, secret_file, &error)) {
    std::fprintf(stderr, "%s\n", error.c_str());
    return false;
  }
  if (!cfg.read_db.empty() && (!is_postgres_url(cfg.db) || !is_postgres_url(cfg.read_db))) {
    std::fprintf(stderr,
                 "--read-db takes the postgresql:// URL of a streaming replica of --db "
                 "postgresql://…; a SQLite database has no replicas\n");
    return false;
  }
  if (cfg.require_token && cfg.token_secret.empty()) {
    std::fprintf(stderr, "--require-token needs --token-secret or --token-secret-file\n");
    return false;
  }
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
    // The promised call-back delay (issue 16): the detractor screen's `callbackDelay` in the
    // default locale ("sous 24 h", "within 48 hours"), else 24 h.
    int delay = default_callback_delay_hours;
    if (auto screen = parsed.value.thank_you_screens.find("detractor");
        screen != parsed.value.thank_you_screens.end()) {
      delay = delay_hours_from_text(resolve(
          screen->second.callback_delay, parsed.value.default_locale, parsed.value.default_locale));
    }
    a.surveys[id] = survey_entry{std::move(parsed.value), std::move(text), delay};
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

// The admin token: the environment wins; else the one stored at first start, printed once.
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

bool load_webhooks(app& a) {
  if (!a.cfg.webhook_secret_file.empty()) {
    if (!a.cfg.webhook_secret.empty()) {
      std::fprintf(stderr, "--webhook-secret and --webhook-secret-file: choose one\n");
      return false;
    }
    if (!read_file(a.cfg.webhook_secret_file, &a.cfg.webhook_secret)) {
      std::fprintf(stderr, "cannot read --webhook-secret-file %s\n",
                   a.cfg.webhook_secret_file.c_str());
      return false;
    }
    while (!a.cfg.webhook_secret.empty() &&
           (a.cfg.webhook_secret.back() == '\n' || a.cfg.webhook_secret.back() == '\r')) {
      a.cfg.webhook_secret.pop_back();
    }
  }
  if (a.cfg.webhooks.empty()) {
    if (!a.cfg.webhook_secret.empty()) {
      std::fprintf(stderr, "a webhook secret without --webhook URL\n");
      return false;
    }
    return true;
  }
  if (a.cfg.webhook_secret.empty()) {
    std::fprintf(stderr,
                 "--webhook needs --webhook-secret or --webhook-secret-file (the receiver checks "
                 "Pepite-Signature with it)\n");
    return false;
  }
  bool ok = true;
  for (const std::string& url : a.cfg.webhooks) {
    webhook_url parsed;
    std::string error;
    if (!parse_webhook_url(url, &parsed, &error)) {
      std::fprintf(stderr, "--webhook %s: %s\n", url_for_log(url).c_str(), error.c_str());
      ok = false;
    }
  }
  std::sort(a.cfg.webhooks.begin(), a.cfg.webhooks.end());
  a.cfg.webhooks.erase(std::unique(a.cfg.webhooks.begin(), a.cfg.webhooks.end()),
                       a.cfg.webhooks.end());
  return ok;
}

}  // namespace pepite::collector
