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
