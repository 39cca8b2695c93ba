// Admin token generation and constant-time comparison.
#include "auth.hpp"

#include <cstdio>

namespace pepite::collector {

std::string generate_token() {
  unsigned char bytes[32];
  std::FILE* f = std::fopen("/dev/urandom", "rb");
  if (!f) return {};
  std::size_t got = std::fread(bytes, 1, sizeof bytes, f);
  std::fclose(f);
  if (got != sizeof bytes) return {};
  static const char hex[] = "0123456789abcdef";
  std::string token;
  for (unsigned char b : bytes) {
    token += hex[b >> 4];
    token += hex[b & 15];
  }
  return token;
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  // Walk the expected length whatever the input, so timing reveals no matching prefix.
  volatile unsigned char diff = a.size() == b.size() ? 0 : 1;
  for (std::size_t i = 0; i < b.size(); ++i) {
    unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
    diff = static_cast<unsigned char>(diff | (x ^ static_cast<unsigned char>(b[i])));
  }
  return diff == 0;
}

bool bearer_matches(std::string_view authorization, std::string_view token) {
  constexpr std::string_view prefix = "Bearer ";
  if (token.empty() || authorization.size() < prefix.size()) return false;
  // The scheme name is case-insensitive (RFC 7235 section 2.1): "bearer x" is the same.
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    const char c = authorization[i];
    const char lower = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    const char want =
        prefix[i] >= 'A' && prefix[i] <= 'Z' ? static_cast<char>(prefix[i] - 'A' + 'a') : prefix[i];
    if (lower != want) return false;
  }
  return constant_time_equal(authorization.substr(prefix.size()), token);
}

}  // namespace pepite::collector
