// The webhooks' delivery worker: see webhook_worker.hpp.
#include "webhook_worker.hpp"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <cstdio>
#include <memory>
#include <optional>
#include <random>
#include <type_traits>
#include <utility>

#include "store.hpp"

namespace pepite::collector {

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;

// One POST on the worker's io_context: resolve, connect, (TLS handshake,) write, read the status
// line and headers (the body is not needed), all under one deadline. `Stream` is a
// beast::tcp_stream for http://, an ssl_stream over one for https://.
template <class Stream>
struct post_op : std::enable_shared_from_this<post_op<Stream>> {
  template <class... Args>
  post_op(asio::io_context& io, post_result* out, Args&&... args)
      : resolver(io), stream(io, std::forward<Args>(args)...), deadline(io), out(out) {}

  tcp::resolver resolver;
  Stream stream;
  asio::steady_timer deadline;
  beast::flat_buffer buffer;
  beast::http::request<beast::http::string_body> req;
  beast::http::response_parser<beast::http::empty_body> parser;
  post_result* out;
  std::chrono::steady_clock::time_point started;
  bool timed_out = false;
  bool finished = false;

  static constexpr bool tls = !std::is_same_v<Stream, beast::tcp_stream>;

  tcp::socket& socket() { return beast::get_lowest_layer(stream).socket(); }

  void start(const webhook_url& url, std::int64_t timeout_ms) {
    started = std::chrono::steady_clock::now();
    if constexpr (tls) {
      // The name the server's certificate must hold (SNI, then the check during the handshake).
      if (!SSL_set_tlsext_host_name(stream.native_handle(), url.host.c_str())) {
        return done(0, "cannot set the TLS server name");
      }
      stream.set_verify_callback(asio::ssl::host_name_verification(url.host));
    }
    deadline.expires_after(std::chrono::milliseconds(timeout_ms));
    deadline.async_wait([self = this->shared_from_this()](beast::error_code ec) {
      if (ec || self->finished) return;
      self->timed_out = true;
      self->resolver.cancel();
      beast::error_code ignored;
      self->socket().close(ignored);
    });
    resolver.async_resolve(
        url.host, url.port,
        [self = this->shared_from_this()](beast::error_code ec,
                                          tcp::resolver::results_type results) {
          if (ec) return self->fail(ec);
          beast::get_lowest_layer(self->stream)
              .async_connect(results, [self](beast::error_code ec2, const tcp::endpoint&) {
                if (ec2) return self->fail(ec2);
                if constexpr (tls) {
                  self->stream.async_handshake(asio::ssl::stream_base::client,
                                               [self](beast::error_code ec3) {
                                                 if (ec3) return self->fail(ec3);
                                                 self->write();
                                               });
                } else {
                  self->write();
                }
              });
        });
  }

  void write() {
    beast::http::async_write(
        stream, req, [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
          if (ec) return self->fail(ec);
          self->parser.skip(true);
          beast::http::async_read_header(
              self->stream, self->buffer, self->parser, [self](beast::error_code ec2, std::size_t) {
                if (ec2) return self->fail(ec2);
                const auto& head = self->parser.get();
                const auto wait = head.find(beast::http::field::retry_after);
                if (wait != head.end()) self->out->retry_after = std::string(wait->value());
                self->done(head.result_int(), "");
              });
        });
  }

  void fail(beast::error_code ec) { done(0, timed_out ? "timeout" : ec.message()); }

  void done(int status, const std::string& error) {
    if (finished) return;
    finished = true;
    deadline.cancel();
    beast::error_code ignored;
    socket().shutdown(tcp::socket::shutdown_both, ignored);
    socket().close(ignored);
    out->status = status;
    out->error = error;
    out->duration_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                           std::chrono::steady_clock::now() - started)
                           .count();
  }
};

template <class Op>
void prepare(Op& op, const webhook_url& url, const std::string& body,
             const std::vector<std::pair<std::string, std::string>>& headers) {
  const bool default_port = url.port == (url.tls ? "443" : "80");
  op.req.method(beast::http::verb::post);
  op.req.target(url.target);
  op.req.version(11);
  op.req.set(beast::http::field::host, default_port ? url.host : url.host + ":" + url.port);
  op.req.set(beast::http::field::user_agent, "pepite-collector");
  op.req.set(beast::http::field::content_type, "application/json");
  op.req.set(beast::http::field::connection, "close");
  for (const auto& [name, value] : headers) op.req.set(name, value);
  op.req.body() = body;
  op.req.prepare_payload();
}

double random01() {
  thread_local std::mt19937_64 engine{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(engine);
}

// The TLS client context, made once (the first https:// POST) and shared by every POST after:
// loading the system's authorities parses a few hundred certificates, and did so on every round.
// Certificates checked against the system's authorities (SSL_CERT_FILE / SSL_CERT_DIR override
// them, as for any OpenSSL client), the name against the URL's host; TLS 1.2 at least.
asio::ssl::context& tls_client_context() {
  static asio::ssl::context tls = [] {
    asio::ssl::context c(asio::ssl::context::tls_client);
    c.set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_tlsv1 |
                  asio::ssl::context::no_tlsv1_1);
    c.set_default_verify_paths();
    c.set_verify_mode(asio::ssl::verify_peer);
    return c;
  }();
  return tls;
}

std::string worker_owner() {
  char host[256] = {};
  gethostname(host, sizeof host - 1);
  return std::string(host) + "/" + std::to_string(getpid()) + "/" + new_event_id();
}

}  // namespace

std::vector<post_result> post_all(
    const std::vector<std::string>& urls, const std::vector<std::string>& bodies,
    const std::vector<std::vector<std::pair<std::string, std::string>>>& headers,
    std::int64_t timeout_ms) {
  std::vector<post_result> results(urls.size());
  asio::io_context io;
  for (std::size_t i = 0; i < urls.size(); ++i) {
    webhook_url url;
    std::string error;
    if (!parse_webhook_url(urls[i], &url, &error)) {
      results[i].error = error;
      continue;
    }
    if (url.tls) {
      auto op = std::make_shared<post_op<beast::ssl_stream<beast::tcp_stream>>>(
          io, &results[i], tls_client_context());
      prepare(*op, url, bodies[i], headers[i]);
      op->start(url, timeout_ms);
    } else {
      auto op = std::make_shared<post_op<beast::tcp_stream>>(io, &results[i]);
      prepare(*op, url, bodies[i], headers[i]);
      op->start(url, timeout_ms);
    }
  }
  io.run();
  return results;
}

webhook_worker::webhook_worker(store& db, webhook_config config)
    : db_(db), cfg_(std::move(config)), owner_(worker_owner()) {
  thread_ = std::thread([this] { run(); });
}

webhook_worker::~webhook_worker() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void webhook_worker::run() {
  // Delivery is asynchronous; a shopper's POST waits for its answer. On a busy machine this
  // thread yields the CPU to the request and writer threads (Linux: a thread's own nice value),
  // so a burst of alerts delays their delivery a little rather than every POST.
  setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), 10);
  // SQLite has one collector: a lease left by a collector killed mid-delivery is stale now, and
  // is released rather than waited out. On PostgreSQL it may be another collector's: it runs out.
  db_.transact([](sql_connection& c, const sql_dialect& d) {
    return d.postgres ? 0
                      : static_cast<int>(c.run("UPDATE events SET lease_owner = '', "
                                               "lease_until_ms = 0 WHERE lease_owner <> ''"));
  });
  std::int64_t last_digest_check = 0;
  for (;;) {
    const std::int64_t now = unix_ms_now();
    if (now - last_digest_check >= cfg_.digest_check_ms) {
      const event_options events = cfg_.events;
      if (db_.transact([&](sql_connection& c, const sql_dialect&) {
            const int digest = queue_weekly_digest(c, events, now);
            return digest < 0 ? -1 : queue_overdue_cases(c, events, now);
          })) {
        last_digest_check = now;
      }
    }
    const bool busy = round(now);
    std::unique_lock<std::mutex> lock(mutex_);
    if (stopping_) return;
    if (!busy)
      wake_.wait_for(lock, std::chrono::milliseconds(cfg_.poll_ms), [&] { return stopping_; });
    if (stopping_) return;
  }
}

// One lease: POST each leased event to each URL it is owed to, record what came of it. True
// when the lease was full (more may be due at once).
bool webhook_worker::round(std::int64_t now) {
  std::vector<leased_event> leased;
  // Every POST of a round ends within one timeout; the lease covers two and the record, so a
  // collector killed mid-round holds its events (on PostgreSQL) for that long only.
  const std::int64_t lease_ms = 2 * cfg_.timeout_ms + 10000;
  const int batch = cfg_.lease_batch;
  if (!db_.transact([&](sql_connection& c, const sql_dialect& d) {
        return lease_events(c, d, owner_, now, lease_ms, batch, &leased);
      }) ||
      leased.empty()) {
    return false;
  }
  // Bodies of alerts queued by reference, built from their responses (a read, outside the
  // writer's transactions).
  build_alert_bodies(db_, cfg_.events, &leased);
  std::vector<std::string> urls, bodies;
  std::vector<std::vector<std::pair<std::string, std::string>>> headers;
  std::vector<std::pair<std::size_t, event_target*>> sent;  // event index, its target
  std::vector<lease_outcome> outcomes(leased.size());
  const std::int64_t seconds = now / 1000;
  for (std::size_t e = 0; e < leased.size(); ++e) {
    leased_event& event = leased[e];
    outcomes[e].event_id = event.id;
    for (const std::string& url : cfg_.urls) {
      auto t = std::find_if(event.targets.begin(), event.targets.end(),
                            [&](const event_target& x) { return x.url == url; });
      if (t == event.targets.end()) {
        event.targets.push_back({url, 0, 0, false});
      }
    }
    if (event.body.empty()) {
      // An alert whose response is no longer stored: nothing to tell, nothing sent.
      for (event_target& t : event.targets) t.done = true;
      std::fprintf(stderr, "webhook: event %s (%s) not sent: its response is gone\n",
                   event.id.c_str(), event.type.c_str());
      continue;
    }
    if (event.built) outcomes[e].body = event.body;
    for (event_target& t : event.targets) {
      if (t.done || t.next_ms > now ||
          std::find(cfg_.urls.begin(), cfg_.urls.end(), t.url) == cfg_.urls.end()) {
        continue;
      }
      urls.push_back(t.url);
      bodies.push_back(event.body);
      headers.push_back({{"Pepite-Signature", webhook_signature(cfg_.secret, seconds, event.body)},
                         {"Pepite-Event-Id", event.id}});
      sent.emplace_back(e, &t);
    }
  }
  const std::vector<post_result> results = post_all(urls, bodies, headers, cfg_.timeout_ms);
  const std::int64_t after = unix_ms_now();
  std::vector<delivery_attempt> attempts;
  for (std::size_t i = 0; i < sent.size(); ++i) {
    const leased_event& event = leased[sent[i].first];
    event_target& t = *sent[i].second;
    const post_result& r = results[i];
    t.attempts += 1;
    attempts.push_back({event.id, event.type, t.url, now, t.attempts, r.status,
                        r.status > 0 && (r.status < 200 || r.status > 299)
                            ? "HTTP " + std::to_string(r.status)
                            : r.error,
                        r.duration_ms});
    if (r.status >= 200 && r.status <= 299) {
      t.done = true;
    } else if (after - event.created_ms >= cfg_.give_up_ms) {
      t.done = true;
      std::fprintf(stderr, "webhook: gave up on event %s (%s) to %s after %d attempts\n",
                   event.id.c_str(), event.type.c_str(), url_for_log(t.url).c_str(), t.attempts);
    } else {
      // A receiver that is overloaded or rate-limiting says when to come back: honoured, at
      // most the longest backoff (1 h).
      const std::optional<std::int64_t> asked =
          (r.status == 429 || r.status == 503) && !r.retry_after.empty()
              ? retry_after_ms(r.retry_after, after, cfg_.max_retry_ms)
              : std::nullopt;
      t.next_ms = after + (asked ? *asked
                                 : backoff_ms(t.attempts, cfg_.first_retry_ms, cfg_.max_retry_ms,
                                              random01()));
    }
  }
  for (std::size_t e = 0; e < leased.size(); ++e) {
    lease_outcome& o = outcomes[e];
    o.delivered = true;
    o.next_ms = 0;
    for (const event_target& t : leased[e].targets) {
      // A URL no longer configured is not waited for; its row stays as it was.
      if (std::find(cfg_.urls.begin(), cfg_.urls.end(), t.url) == cfg_.urls.end()) continue;
      o.targets.push_back(t);
      if (t.done) continue;
      o.next_ms = o.delivered ? t.next_ms : std::min(o.next_ms, t.next_ms);
      o.delivered = false;
    }
  }
  // Recorded until it is: a lost record would send again what was delivered.
  while (!db_.transact([&](sql_connection& c, const sql_dialect&) {
    return record_deliveries(c, owner_, after, attempts, outcomes);
  })) {
    std::unique_lock<std::mutex> lock(mutex_);
    if (wake_.wait_for(lock, std::chrono::seconds(1), [&] { return stopping_; })) break;
  }
  return static_cast<int>(leased.size()) == batch;
}

}  // namespace pepite::collector
