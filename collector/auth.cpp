// Admin token generation and constant-time comparison.
#include "auth.hpp"

#include <openssl/evp.h>

#include <cstdio>

namespace pepite::collector {

namespace {

std::string to_hex(const unsigned char* bytes, std::size_t size) {
  static const char hex[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < size; ++i) {
    out += hex[bytes[i] >> 4];
    out += hex[bytes[i] & 15];
  }
  return out;
}

}  // namespace

std::string generate_token() {
  unsigned char bytes[32];
  std::FILE* f = std::fopen("/dev/urandom", "rb");
  if (!f) return {};
  std::size_t got = std::fread(bytes, 1, sizeof bytes, f);
  std::fclose(f);
  if (got != sizeof bytes) return {};
  return to_hex(bytes, sizeof bytes);
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

std::string token_hash(std::string_view token) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_Digest(token.data(), token.size(), digest, &size, EVP_sha256(), nullptr) != 1) return {};
  return "sha256:" + to_hex(digest, size);
}

bool is_token_hash(std::string_view token) {
  return token.size() == 7 + 64 && token.substr(0, 7) == "sha256:";
}

std::string_view bearer_token(std::string_view authorization) {
  constexpr std::string_view prefix = "Bearer ";
  if (authorization.size() < prefix.size()) return {};
  // The scheme name is case-insensitive (RFC 7235 section 2.1): "bearer x" is the same.
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    const char c = authorization[i];
    const char lower = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    const char want =
        prefix[i] >= 'A' && prefix[i] <= 'Z' ? static_cast<char>(prefix[i] - 'A' + 'a') : prefix[i];
    if (lower != want) return {};
  }
  return authorization.substr(prefix.size());
}

bool bearer_matches(std::string_view authorization, std::string_view token) {
  if (token.empty()) return false;
  constexpr std::string_view prefix = "Bearer ";
  if (authorization.size() < prefix.size()) return false;
  const std::string_view given = bearer_token(authorization);
  if (given.data() == nullptr) return false;
  if (is_token_hash(token)) return !given.empty() && constant_time_equal(token_hash(given), token);
  return constant_time_equal(given, token);
}

}  // namespace pepite::collector
