// The collector's HTTP/1.1 server (issue 18). One connection is one `session` on an Asio strand:
// it reads the head under a deadline and a size cap (431), asks pre_route whether to refuse
// early, reads the body under its own deadline and cap (413, chunked or not), hands the request
// to a worker thread, writes the reply, and after a refusal discards what the client still sends
// (bounded) so that it reads the reply before the connection closes.
#include "http_server.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <mutex>
#include <regex>
#include <sstream>
#include <thread>

namespace pepite::collector::http {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;
using clock = std::chrono::steady_clock;

// ---------------------------------------------------------------------------------------------
// Request and response.

namespace {

char lower_ascii(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = lower_ascii(c);
  return (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
}

template <typename Map>
std::string first_value(const Map& map, const std::string& key) {
  const auto it = map.find(key);
  return it == map.end() ? std::string() : it->second;
}

}  // namespace

bool ci_less::operator()(const std::string& a, const std::string& b) const {
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return lower_ascii(x) < lower_ascii(y);
  });
}

bool request::has_header(const std::string& name) const {
  return headers.count(name) > 0;
}
std::string request::get_header_value(const std::string& name) const {
  return first_value(headers, name);
}
bool request::has_param(const std::string& name) const {
  return params.count(name) > 0;
}
std::string request::get_param_value(const std::string& name) const {
  return first_value(params, name);
}

void response::set_header(const std::string& name, const std::string& value) {
  for (auto& [n, v] : headers) {
    if (!ci_less()(n, name) && !ci_less()(name, n)) {
      v = value;
      return;
    }
  }
  headers.emplace_back(name, value);
}

void response::set_content(std::string content, const std::string& type) {
  body = std::move(content);
  set_header("Content-Type", type);
}

std::string response::header(const std::string& name) const {
  for (const auto& [n, v] : headers) {
    if (!ci_less()(n, name) && !ci_less()(name, n)) return v;
  }
  return {};
}

bool percent_decode(std::string_view in, bool plus_is_space, std::string* out) {
  out->clear();
  out->reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    const char c = in[i];
    if (c == '%') {
      if (i + 2 >= in.size()) return false;
      const int hi = hex_value(in[i + 1]);
      const int lo = hex_value(in[i + 2]);
      if (hi < 0 || lo < 0) return false;
      *out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else {
      *out += plus_is_space && c == '+' ? ' ' : c;
    }
  }
  return true;
}

bool has_control_bytes(std::string_view path) {
  return std::any_of(path.begin(), path.end(), [](char c) {
    const auto b = static_cast<unsigned char>(c);
    return b < 0x20 || b == 0x7f;
  });
}

// ---------------------------------------------------------------------------------------------
// Routes and files.

namespace {

struct route_entry {
  std::string method;
  std::regex pattern;
  handler run;
};

struct mount_entry {
  std::string prefix;
  std::string dir;
  std::vector<std::pair<std::string, std::string>> extra;
};

bool read_whole_file(const std::string& path, std::string* out) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return false;
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  *out = buffer.str();
  return true;
}

// "a/../b", "..", "a/./b": refused rather than resolved.
bool safe_relative(const std::string& rest) {
  std::size_t at = 0;
  while (at <= rest.size()) {
    const std::size_t slash = std::min(rest.find('/', at), rest.size());
    const std::string_view segment(rest.data() + at, slash - at);
    if (segment == ".." || segment == "." || segment.find('\\') != std::string_view::npos) {
      return false;
    }
    at = slash + 1;
  }
  return true;
}

}  // namespace

struct server::impl {
  explicit impl(limits l) : lim(l), workers(static_cast<std::size_t>(l.workers)) {}

  limits lim;
  // Before the loop: sessions it still holds when it is destroyed release their address here.
  std::mutex clients_mutex;
  std::map<std::string, int> clients;  // open connections per peer address
  net::io_context ioc;
  net::thread_pool workers;
  tcp::acceptor acceptor{ioc};
  std::vector<route_entry> routes;
  std::vector<mount_entry> mounts;
  std::map<std::string, std::string> types{
      {"html", "text/html"},        {"js", "text/javascript"},    {"mjs", "text/javascript"},
      {"css", "text/css"},          {"json", "application/json"}, {"svg", "image/svg+xml"},
      {"png", "image/png"},         {"ico", "image/x-icon"},      {"txt", "text/plain"},
      {"wasm", "application/wasm"}, {"map", "application/json"}};
  server* owner = nullptr;

  std::atomic<bool> stopping{false};

  bool admit(const std::string& address) {
    if (lim.max_client_connections <= 0) return true;
    std::lock_guard<std::mutex> lock(clients_mutex);
    int& n = clients[address];
    if (n >= lim.max_client_connections) return false;
    ++n;
    return true;
  }
  void release(const std::string& address) {
    if (lim.max_client_connections <= 0) return;
    std::lock_guard<std::mutex> lock(clients_mutex);
    if (auto it = clients.find(address); it != clients.end() && --it->second <= 0) {
      clients.erase(it);
    }
  }

  // Routes, then mounts, then the error hook: the whole life of a request on a worker.
  void handle(request& req, response& res) {
    const std::string method = req.method == "HEAD" ? "GET" : req.method;
    if (!has_control_bytes(req.path)) {
      for (const route_entry& r : routes) {
        std::smatch m;
        if (r.method != method || !std::regex_match(req.path, m, r.pattern)) continue;
        req.matches.assign(m.begin(), m.end());
        r.run(req, res);
        if (res.status == 0) res.status = 200;
        break;
      }
      if (res.status == 0 && method == "GET") serve_file(req, res);
    }
    if (res.status == 0) res.status = 404;
    if (res.status >= 400 && res.body.empty() && owner->on_error) owner->on_error(req, res);
  }

  void serve_file(const request& req, response& res) {
    for (const mount_entry& m : mounts) {
      if (req.path.compare(0, m.prefix.size(), m.prefix) != 0) continue;
      std::string rest = req.path.substr(m.prefix.size());
      if (!safe_relative(rest)) return;
      if (rest.empty() || rest.back() == '/') rest += "index.html";
      std::string content;
      if (!read_whole_file(m.dir + "/" + rest, &content)) continue;
      const std::size_t dot = rest.rfind('.');
      const std::string ext = dot == std::string::npos ? "" : rest.substr(dot + 1);
      const auto type = types.find(ext);
      for (const auto& [name, value] : m.extra) res.set_header(name, value);
      res.status = 200;
      res.set_content(std::move(content),
                      type == types.end() ? "application/octet-stream" : type->second);
      return;
    }
  }
};

// ---------------------------------------------------------------------------------------------
// One connection.

namespace {

constexpr const char* k_continue = "HTTP/1.1 100 Continue\r\n\r\n";

class session : public std::enable_shared_from_this<session> {
 public:
  session(server::impl& s, tcp::socket socket, std::string address, int port)
      : s_(s), stream_(std::move(socket)), address_(std::move(address)), port_(port) {}
  ~session() { s_.release(address_); }

  void start() { read_head(); }

 private:
  void read_head() {
    parser_.emplace();
    parser_->header_limit(s_.lim.max_header_bytes);
    parser_->body_limit(boost::none);  // checked once the head is known (pre_route, then read)
    req_ = request{};
    res_ = response{};
    stream_.expires_after(s_.lim.header_timeout);
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             beast::bind_front_handler(&session::on_head, shared_from_this()));
  }

  void on_head(beast::error_code ec, std::size_t) {
    start_ = clock::now();
    if (ec == bhttp::error::header_limit || ec == bhttp::error::buffer_overflow) {
      return refuse(431, "the request head is too large");
    }
    if (ec) {
      // A client that leaves or stalls gets nothing; one that sent a malformed head gets 400.
      if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout ||
          ec == net::error::operation_aborted || ec == net::error::connection_reset ||
          buffer_.size() == 0) {
        return close();
      }
      return refuse(400, "the request could not be read");
    }
    const auto& head = parser_->get();
    std::size_t fields = 0;
    for (const auto& f : head) {
      if (++fields > s_.lim.max_headers) return refuse(431, "too many header fields");
      req_.headers.emplace(std::string(f.name_string()), std::string(f.value()));
    }
    req_.method = std::string(head.method_string());
    req_.target = std::string(head.target());
    req_.remote_addr = address_;
    req_.remote_port = port_;
    const std::size_t q = req_.target.find('?');
    if (!percent_decode(std::string_view(req_.target).substr(0, q), false, &req_.path)) {
      return refuse(400, "the request target is malformed");
    }
    if (q != std::string::npos) parse_query(std::string_view(req_.target).substr(q + 1));
    if (req_.has_header("Content-Encoding") &&
        req_.get_header_value("Content-Encoding") != "identity") {
      return refuse(415, "");
    }
    if (s_.owner->pre_route && s_.owner->pre_route(req_, res_)) return reply(true);
    if (parser_->is_done()) return dispatch();
    parser_->body_limit(s_.lim.max_body);
    if (beast::iequals(req_.get_header_value("Expect"), "100-continue")) {
      net::async_write(stream_, net::buffer(k_continue, std::strlen(k_continue)),
                       [self = shared_from_this()](beast::error_code e, std::size_t) {
                         if (e) return self->close();
                         self->read_body();
                       });
      return;
    }
    read_body();
  }

  // The body deadline cancels the read instead of closing the socket (as the stream's own timer
  // would), so that the client still gets its 408.
  void read_body() {
    stream_.expires_never();
    body_late_ = false;
    body_deadline_.expires_after(s_.lim.body_timeout);
    body_deadline_.async_wait([self = shared_from_this()](beast::error_code ec) {
      if (ec) return;
      self->body_late_ = true;
      beast::error_code ignored;
      self->stream_.socket().cancel(ignored);
    });
    bhttp::async_read(stream_, buffer_, *parser_,
                      beast::bind_front_handler(&session::on_body, shared_from_this()));
  }

  void on_body(beast::error_code ec, std::size_t) {
    body_deadline_.cancel();
    if (ec == bhttp::error::body_limit) return refuse(413, "");
    if (body_late_) return refuse(408, "the body did not arrive in time");
    // A malformed body (a bad chunk size, …) gets 400; a client that left gets nothing.
    if (ec && ec.category() == bhttp::make_error_code(bhttp::error::bad_chunk).category() &&
        ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message) {
      return refuse(400, "the request body could not be read");
    }
    if (ec) return close();
    dispatch();
  }

  void parse_query(std::string_view query) {
    while (!query.empty()) {
      const std::size_t amp = query.find('&');
      const std::string_view item = query.substr(0, amp);
      query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
      const std::size_t eq = item.find('=');
      std::string key;
      std::string value;
      if (!percent_decode(item.substr(0, eq), true, &key)) continue;
      if (eq != std::string_view::npos && !percent_decode(item.substr(eq + 1), true, &value)) {
        continue;
      }
      req_.params.emplace(std::move(key), std::move(value));
    }
  }

  // The handlers may wait on the store: they run on the worker pool, never on the I/O loop.
  void dispatch() {
    stream_.expires_never();
    req_.body = std::move(parser_->get().body());
    net::post(s_.workers, [self = shared_from_this()] {
      try {
        self->s_.handle(self->req_, self->res_);
      } catch (...) {
        self->res_ = response{};
        self->res_.status = 500;
        if (self->s_.owner->on_error) self->s_.owner->on_error(self->req_, self->res_);
      }
      // Nothing else is pending on this connection: the worker starts the write itself (one
      // thread hop less per request); its completion runs on the connection's strand.
      self->reply(false);
    });
  }

  // A refusal before any route ran: the error hook gives it the documented body.
  void refuse(int status, const std::string& why) {
    res_ = response{};
    res_.status = status;
    if (req_.method.empty()) req_.method = "-";
    if (req_.path.empty()) req_.path = "-";
    if (s_.owner->on_error) s_.owner->on_error(req_, res_);
    if (res_.body.empty() && !why.empty()) res_.set_content(why, "text/plain");
    reply(true);
  }

  void reply(bool early) {
    // A refusal leaves the rest of the request unread: the connection ends after the reply.
    lingering_ = early && !(parser_ && parser_->is_done());
    auto out = std::make_shared<bhttp::response<bhttp::string_body>>();
    out->version(11);
    out->result(static_cast<unsigned>(res_.status));
    for (const auto& [name, value] : res_.headers) out->set(name, value);
    out->set("X-Content-Type-Options", "nosniff");
    const bool keep = !lingering_ && !s_.stopping && parser_ && parser_->get().keep_alive();
    if (req_.method == "HEAD") {
      out->content_length(res_.body.size());
    } else {
      out->body() = res_.body;
      out->prepare_payload();
    }
    out->keep_alive(keep);
    stream_.expires_after(s_.lim.write_timeout);
    bhttp::async_write(stream_, *out,
                       [self = shared_from_this(), out, keep](beast::error_code ec, std::size_t) {
                         self->written(ec, keep);
                       });
  }

  void written(beast::error_code ec, bool keep) {
    if (s_.owner->on_logged) {
      s_.owner->on_logged(req_, res_,
                          std::chrono::duration<double, std::milli>(clock::now() - start_).count());
    }
    if (ec) return close();
    if (keep) return read_head();
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    if (!lingering_) return close();
    // Discard what the client still sends, so its kernel does not turn our close into a reset
    // that destroys the reply before it is read; bounded in time and bytes.
    drained_ = 0;
    stream_.expires_after(s_.lim.linger);
    drain();
  }

  void drain() {
    stream_.async_read_some(net::buffer(sink_),
                            [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                              self->drained_ += n;
                              if (ec) return self->close();
                              if (self->drained_ >= self->s_.lim.linger_bytes) return self->hold();
                              self->drain();
                            });
  }

  // Past the bytes a refusal drains: stop reading, so a client still sending is slowed by its
  // full window instead of reset, and close at the end of the linger. Closing at once, with its
  // bytes unread here, would send a reset that destroys the reply in a client that has not read
  // it yet (a busy one: the 413 was lost under load).
  void hold() {
    body_deadline_.expires_after(s_.lim.linger);
    body_deadline_.async_wait([self = shared_from_this()](beast::error_code) { self->close(); });
  }

  void close() {
    beast::error_code ignored;
    stream_.socket().close(ignored);
  }

  server::impl& s_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;  // unbounded here: the parser's limits bound what it keeps
  net::steady_timer body_deadline_{stream_.get_executor()};
  bool body_late_ = false;
  boost::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  request req_;
  response res_;
  std::string address_;
  int port_;
  clock::time_point start_ = clock::now();
  bool lingering_ = false;
  std::size_t drained_ = 0;
  std::array<char, 16384> sink_{};
};

// Answers a client over its connection cap, then closes.
void refuse_connection(tcp::socket socket) {
  static const std::string body =
      "{\"ok\":false,\"errors\":[{\"code\":\"collector.too_many_connections\",\"path\":\"\","
      "\"message\":\"too many open connections from this address\"}]}";
  static const std::string reply =
      "HTTP/1.1 429 Too Many Requests\r\nContent-Type: application/json\r\n"
      "X-Content-Type-Options: nosniff\r\nRetry-After: 1\r\nConnection: close\r\n"
      "Content-Length: " +
      std::to_string(body.size()) + "\r\n\r\n" + body;
  auto s = std::make_shared<tcp::socket>(std::move(socket));
  net::async_write(*s, net::buffer(reply), [s](beast::error_code, std::size_t) {
    beast::error_code ignored;
    s->shutdown(tcp::socket::shutdown_both, ignored);
    s->close(ignored);
  });
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// The server.

server::server(limits l) : impl_(std::make_unique<impl>(l)) {
  impl_->owner = this;
}

server::~server() {
  stop();
  impl_->workers.join();
}

void server::route(const std::string& method, const std::string& pattern, handler h) {
  impl_->routes.push_back({method, std::regex(pattern), std::move(h)});
}

void server::mount(const std::string& prefix, const std::string& dir,
                   std::vector<std::pair<std::string, std::string>> extra) {
  impl_->mounts.push_back({prefix, dir, std::move(extra)});
}

void server::mime(const std::string& ext, const std::string& type) {
  impl_->types[ext] = type;
}

int server::bind(const std::string& host, int port, std::string* error) {
  beast::error_code ec;
  const auto address = net::ip::make_address(host, ec);
  if (ec) {
    *error = "not an IP address: " + host;
    return 0;
  }
  const tcp::endpoint endpoint(address, static_cast<unsigned short>(port));
  tcp::acceptor& a = impl_->acceptor;
  a.open(endpoint.protocol(), ec);
  // SO_REUSEADDR only: with SO_REUSEPORT a second collector on a busy port would bind too and
  // silently take half the traffic. Without it, the second one fails with "address in use".
  if (!ec) a.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) a.bind(endpoint, ec);
  if (!ec) a.listen(1024, ec);
  if (ec) {
    *error = ec.message();
    return 0;
  }
  return a.local_endpoint().port();
}

bool server::run() {
  impl& s = *impl_;
  if (!s.acceptor.is_open()) return false;
  std::function<void()> accept = [&s, &accept] {
    s.acceptor.async_accept(
        net::make_strand(s.ioc), [&s, &accept](beast::error_code ec, tcp::socket socket) {
          if (ec == net::error::operation_aborted || !s.acceptor.is_open()) return;
          if (!ec) {
            beast::error_code e;
            const tcp::endpoint peer = socket.remote_endpoint(e);
            // Small replies go out at once: without TCP_NODELAY they wait on Nagle's algorithm.
            socket.set_option(tcp::no_delay(true), e);
            const std::string address = peer.address().to_string();
            if (!s.admit(address)) {
              refuse_connection(std::move(socket));
            } else {
              std::make_shared<session>(s, std::move(socket), address, peer.port())->start();
            }
          }
          accept();
        });
  };
  accept();
  std::vector<std::thread> io;
  for (int i = 1; i < s.lim.io_threads; ++i) io.emplace_back([&s] { s.ioc.run(); });
  s.ioc.run();
  for (auto& t : io) t.join();
  return true;
}

void server::stop() {
  impl& s = *impl_;
  if (s.stopping.exchange(true)) return;
  net::post(s.ioc, [&s] {
    beast::error_code ignored;
    s.acceptor.close(ignored);
    s.ioc.stop();
  });
}

}  // namespace pepite::collector::http
