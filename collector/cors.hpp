// CORS for the shopper-facing route: allowed origins, simple responses and preflights.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pepite::collector {

/// The origins allowed to POST responses from a browser (`--allow-origin`, repeatable; `*`
/// allows any). Admin routes never get CORS headers.
class cors_policy {
 public:
  explicit cors_policy(std::vector<std::string> origins) : origins_(std::move(origins)) {}
  bool allows(std::string_view origin) const;
  /// True when a request that carries an `Origin` header must be refused before anything is
  /// done: at least one origin is configured and this one is not allowed. Browsers send a
  /// `text/plain` POST from any page without a preflight, so this check, not the preflight, is
  /// what keeps other sites from storing responses. A request without `Origin` (curl, a shop's
  /// own server) is not a browser's cross-origin request and is never refused here, nor is a
  /// same-origin one (the `Origin` names the `Host` the request was sent to: a shop page served
  /// by the collector itself, `--static`); without `--allow-origin` nothing is.
  bool refuses(bool has_origin, std::string_view origin, std::string_view host) const;
  /// True when every header named in an `Access-Control-Request-Headers` value is one the
  /// endpoint accepts (`Content-Type`, `Idempotency-Key`), case-insensitively.
  static bool headers_allowed(std::string_view request_headers);
  /// `Access-Control-Allow-Headers` value.
  static constexpr const char* allowed_headers = "Content-Type, Idempotency-Key";
  static constexpr const char* allowed_methods = "POST, OPTIONS";
  static constexpr const char* max_age = "600";

 private:
  std::vector<std::string> origins_;
};

}  // namespace pepite::collector
