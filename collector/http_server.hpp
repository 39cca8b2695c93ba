// The collector's HTTP/1.1 server (issue 18): Boost.Beast parsing on an Asio event loop, the
// handlers on a thread pool. A slow or hostile client holds a few kilobytes of memory and no
// thread; every limit below is enforced while bytes arrive, whatever the framing.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace pepite::collector::http {

/// Case-insensitive ordering of header names.
struct ci_less {
  bool operator()(const std::string& a, const std::string& b) const;
};

/// A request as the handlers see it: the head, the decoded path and query, the whole body.
struct request {
  std::string method;  ///< as sent; HEAD is routed as GET
  std::string target;  ///< as sent, query included
  std::string path;    ///< percent-decoded, without the query
  std::multimap<std::string, std::string, ci_less> headers;
  std::multimap<std::string, std::string> params;  ///< the decoded query string
  std::vector<std::string> matches;                ///< the route's captures; [0] is the path
  std::string body;
  std::string remote_addr;
  int remote_port = 0;

  bool has_header(const std::string& name) const;
  /// The first value of a header, or "".
  std::string get_header_value(const std::string& name) const;
  bool has_param(const std::string& name) const;
  /// The first value of a query parameter, or "".
  std::string get_param_value(const std::string& name) const;
};

/// The reply a handler fills. `status` 0 means no handler answered (404).
struct response {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  /// Sets a header, replacing any value it had.
  void set_header(const std::string& name, const std::string& value);
  void set_content(std::string content, const std::string& type);
  /// The value of a header set on this response, or "".
  std::string header(const std::string& name) const;
};

/// Limits of the server, with their defaults (docs/collector.md, "Limits").
struct limits {
  std::size_t max_body = 64 * 1024;        ///< any request body (the payload route has its own)
  std::uint32_t max_header_bytes = 16384;  ///< request line and headers together → 431
  std::size_t max_headers = 100;           ///< header fields → 431
  std::chrono::milliseconds header_timeout{10000};  ///< from the first byte wait to the blank line
  std::chrono::milliseconds body_timeout{10000};    ///< the whole body → 408
  std::chrono::milliseconds write_timeout{10000};   ///< a reply the client does not read
  std::chrono::milliseconds linger{2000};  ///< after a refusal, the unread body is discarded…
  std::size_t linger_bytes = 16u << 20;    ///< …for at most this long and this many bytes (then
                                           ///< held unread until the linger ends)
  int max_client_connections = 128;        ///< per peer address; 0 = no cap
  int io_threads = 2;                      ///< threads reading and writing sockets
  int workers = 64;                        ///< threads running handlers (they wait on the store)
};

using handler = std::function<void(const request&, response&)>;

/// An HTTP/1.1 server: a route table, file mounts, and three hooks.
class server {
 public:
  explicit server(limits l);
  ~server();
  server(const server&) = delete;
  server& operator=(const server&) = delete;

  /// A route: `pattern` is an ECMAScript regex matched against the whole decoded path.
  void route(const std::string& method, const std::string& pattern, handler h);
  /// Files of `dir` served under `prefix` (which ends with '/'), with `extra` headers; the first
  /// mount whose prefix matches serves the path.
  void mount(const std::string& prefix, const std::string& dir,
             std::vector<std::pair<std::string, std::string>> extra = {});
  /// The media type of files ending in `.ext`.
  void mime(const std::string& ext, const std::string& type);

  /// Runs after the head is read, before the body: answers (returns true) to refuse early.
  std::function<bool(const request&, response&)> pre_route;
  /// Runs on any reply of status >= 400 with no body, or when nothing answered (404).
  handler on_error;
  /// Runs once a reply is written: the access log. `ms` from the end of the request's head.
  std::function<void(const request&, const response&, double ms)> on_logged;

  /// Binds `host:port` (0: any free port); returns the port, or 0 with `error` set.
  int bind(const std::string& host, int port, std::string* error);
  /// Serves until stop(). Returns false when the server could not run.
  bool run();
  /// Stops the loop and the workers (thread-safe, from any thread).
  void stop();

  struct impl;

 private:
  std::unique_ptr<impl> impl_;
};

/// Decodes %XX escapes (and '+' as a space when `plus_is_space`); false on a malformed escape.
bool percent_decode(std::string_view in, bool plus_is_space, std::string* out);

/// True when `path` holds a NUL, a control byte or DEL (after decoding): such a path names no
/// route and no file.
bool has_control_bytes(std::string_view path);

}  // namespace pepite::collector::http
