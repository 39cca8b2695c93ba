// CORS policy of the collector: which browser origins may send responses.
#include "cors.hpp"

#include <cctype>

namespace pepite::collector {

namespace {

std::string lower_trimmed(std::string_view s) {
  std::size_t b = 0;
  std::size_t e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  std::string out;
  for (std::size_t i = b; i < e; ++i) {
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(s[i])));
  }
  return out;
}

}  // namespace

bool cors_policy::allows(std::string_view origin) const {
  if (origin.empty()) return false;
  for (const auto& allowed : origins_) {
    if (allowed == "*" || allowed == origin) return true;
  }
  return false;
}

bool cors_policy::refuses(bool has_origin, std::string_view origin, std::string_view host) const {
  if (!has_origin || origins_.empty() || allows(origin)) return false;
  for (std::string_view scheme : {"http://", "https://"}) {
    if (origin.substr(0, scheme.size()) == scheme && !host.empty() &&
        origin.substr(scheme.size()) == host) {
      return false;
    }
  }
  return true;
}

bool cors_policy::headers_allowed(std::string_view request_headers) {
  std::size_t start = 0;
  while (start <= request_headers.size()) {
    std::size_t comma = request_headers.find(',', start);
    if (comma == std::string_view::npos) comma = request_headers.size();
    std::string name = lower_trimmed(request_headers.substr(start, comma - start));
    if (!name.empty() && name != "content-type" && name != "idempotency-key") return false;
    start = comma + 1;
  }
  return true;
}

}  // namespace pepite::collector
