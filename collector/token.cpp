// Signed order tokens: see token.hpp and docs/tokens.md.
#include "token.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <nlohmann/json.hpp>

namespace pepite::collector {

namespace {

using json = nlohmann::ordered_json;

constexpr std::string_view prefix = "v1.";
// The payload contract allows 20 properties (docs/contracts.md), the order id among them: a token
// brings at most 19 more.
constexpr std::size_t max_properties = 19;
constexpr std::size_t max_order_bytes = 128;
constexpr std::size_t max_property_value_bytes = 200;

const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

int alphabet_index(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '-') return 62;
  if (c == '_') return 63;
  return -1;
}

bool is_survey_id(std::string_view text) {
  if (text.empty() || text.size() > 40) return false;
  for (const char c : text) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) return false;
  }
  return true;
}

bool is_printable(std::string_view text) {
  for (const char c : text) {
    const auto b = static_cast<unsigned char>(c);
    if (b < 0x20 || b == 0x7f) return false;
  }
  return true;
}

// A language tag as the shell takes one: 1 to 8 letters, then `-` and 1 to 8 letters or digits,
// 35 bytes at most.
bool is_locale(std::string_view text) {
  if (text.empty() || text.size() > 35) return false;
  std::size_t run = 0;
  bool first = true;
  for (const char c : text) {
    if (c == '-') {
      if (run == 0) return false;
      run = 0;
      first = false;
      continue;
    }
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    const bool digit = c >= '0' && c <= '9';
    if (!(letter || (digit && !first)) || ++run > 8) return false;
  }
  return run > 0;
}

bool is_property_key(std::string_view text) {
  if (text.empty() || text.size() > 40) return false;
  for (const char c : text) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '.' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::string hmac_sha256(std::string_view secret, std::string_view data) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  // An empty key is still a key for HMAC; the pointer must only be valid.
  static const unsigned char empty = 0;
  const void* key = secret.empty() ? &empty : static_cast<const void*>(secret.data());
  if (!HMAC(EVP_sha256(), key, static_cast<int>(secret.size()),
            reinterpret_cast<const unsigned char*>(data.data()), data.size(), mac, &size)) {
    return {};
  }
  return std::string(reinterpret_cast<const char*>(mac), size);
}

token_check refuse(const char* code, std::string message) {
  token_check out;
  out.code = code;
  out.message = std::move(message);
  return out;
}

// Reads the claims object strictly: known keys only, each of its type.
bool read_claims(const json& doc, token_claims* claims, std::string* why) {
  if (!doc.is_object()) {
    *why = "the claims are not a JSON object";
    return false;
  }
  for (auto it = doc.begin(); it != doc.end(); ++it) {
    const std::string& key = it.key();
    const json& value = it.value();
    if (key == "s" && value.is_string()) {
      claims->survey_id = value.get<std::string>();
    } else if (key == "o" && value.is_string()) {
      claims->order_id = value.get<std::string>();
    } else if (key == "e" && (value.is_number_unsigned() || value.is_number_integer())) {
      claims->expires = value.get<std::int64_t>();
    } else if (key == "l" && value.is_string()) {
      claims->locale = value.get<std::string>();
      if (claims->locale.empty()) {
        *why = "claim l (locale) is empty";
        return false;
      }
    } else if (key == "p" && value.is_object()) {
      for (auto p = value.begin(); p != value.end(); ++p) {
        if (!p.value().is_string()) {
          *why = "claim p." + p.key() + " is not a string";
          return false;
        }
        claims->properties[p.key()] = p.value().get<std::string>();
      }
    } else {
      *why = "claim " + key + " is unknown or of the wrong type";
      return false;
    }
  }
  if (!doc.contains("s") || !doc.contains("o") || !doc.contains("e")) {
    *why = "claims s (survey), o (order) and e (expiry) are required";
    return false;
  }
  *why = token_claims_problem(*claims);
  return why->empty();
}

}  // namespace

std::string base64url_encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() * 4 + 2) / 3);
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const unsigned v = static_cast<unsigned char>(bytes[i]) << 16 |
                       static_cast<unsigned char>(bytes[i + 1]) << 8 |
                       static_cast<unsigned char>(bytes[i + 2]);
    out += alphabet[v >> 18 & 63];
    out += alphabet[v >> 12 & 63];
    out += alphabet[v >> 6 & 63];
    out += alphabet[v & 63];
  }
  const std::size_t rest = bytes.size() - i;
  if (rest > 0) {
    unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
    if (rest == 2) v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out += alphabet[v >> 18 & 63];
    out += alphabet[v >> 12 & 63];
    if (rest == 2) out += alphabet[v >> 6 & 63];
  }
  return out;
}

bool base64url_decode(std::string_view text, std::string* bytes) {
  if (text.size() % 4 == 1) return false;
  bytes->clear();
  bytes->reserve(text.size() * 3 / 4);
  unsigned acc = 0;
  int bits = 0;
  for (const char c : text) {
    const int v = alphabet_index(c);
    if (v < 0) return false;
    acc = (acc << 6 | static_cast<unsigned>(v)) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes->push_back(static_cast<char>(acc >> bits & 0xff));
    }
  }
  // The bits left over must be zero: one text per byte string.
  return bits == 0 || (acc & ((1u << bits) - 1)) == 0;
}

std::string token_claims_problem(const token_claims& claims) {
  if (!is_survey_id(claims.survey_id)) return "survey id: [a-z0-9_-], 1 to 40 characters";
  if (claims.order_id.empty() || claims.order_id.size() > max_order_bytes ||
      !is_printable(claims.order_id)) {
    return "order id: 1 to 128 bytes, no control character";
  }
  if (claims.expires <= 0) return "expiry: Unix seconds after 0";
  if (!claims.locale.empty() && !is_locale(claims.locale)) {
    return "locale: a language tag such as fr or fr-CA";
  }
  if (claims.properties.size() > max_properties) {
    return "at most 19 properties: with the order id they make the 20 a payload may carry";
  }
  for (const auto& [key, value] : claims.properties) {
    if (!is_property_key(key)) return "property " + key + ": keys are [A-Za-z0-9_.-]{1,40}";
    if (key == "orderId") return "property orderId: the order id is its own claim";
    if (value.size() > max_property_value_bytes || !is_printable(value)) {
      return "property " + key + ": at most 200 bytes, no control character";
    }
  }
  return {};
}

std::string sign_token(const token_claims& claims, std::string_view secret) {
  json doc = json::object();
  doc["s"] = claims.survey_id;
  doc["o"] = claims.order_id;
  doc["e"] = claims.expires;
  if (!claims.locale.empty()) doc["l"] = claims.locale;
  if (!claims.properties.empty()) {
    json props = json::object();
    for (const auto& [key, value] : claims.properties) props[key] = value;
    doc["p"] = std::move(props);
  }
  return sign_claims_json(doc.dump(), secret);
}

std::string sign_claims_json(std::string_view claims_json, std::string_view secret) {
  std::string signed_part = std::string(prefix) + base64url_encode(claims_json);
  const std::string mac = hmac_sha256(secret, signed_part);
  return signed_part + "." + base64url_encode(mac);
}

token_check verify_token(std::string_view token, std::string_view secret, std::int64_t now,
                         std::string_view survey_id) {
  if (token.size() > max_token_bytes) {
    return refuse("collector.token_malformed", "a token is at most 4096 bytes");
  }
  if (token.substr(0, prefix.size()) != prefix) {
    return refuse("collector.token_malformed", "a token starts with v1.");
  }
  const std::size_t dot = token.rfind('.');
  if (dot < prefix.size()) return refuse("collector.token_malformed", "v1.<claims>.<signature>");
  const std::string_view signed_part = token.substr(0, dot);
  const std::string_view claims_text = signed_part.substr(prefix.size());
  std::string claims_bytes;
  std::string given_mac;
  if (claims_text.empty() || !base64url_decode(claims_text, &claims_bytes) ||
      !base64url_decode(token.substr(dot + 1), &given_mac)) {
    return refuse("collector.token_malformed", "v1.<base64url claims>.<base64url signature>");
  }
  if (given_mac.size() != 32) {
    return refuse("collector.token_malformed", "the signature is 32 bytes (HMAC-SHA256)");
  }
  const std::string expected = hmac_sha256(secret, signed_part);
  if (expected.size() != 32 || CRYPTO_memcmp(expected.data(), given_mac.data(), 32) != 0) {
    return refuse("collector.token_bad_signature",
                  "the token was not signed with this collector's --token-secret, or was altered");
  }
  const json doc = json::parse(claims_bytes, nullptr, false);
  token_check out;
  std::string why;
  if (doc.is_discarded() || !read_claims(doc, &out.claims, &why)) {
    return refuse("collector.token_malformed",
                  why.empty() ? "the claims are not JSON" : "bad claims: " + why);
  }
  if (now >= out.claims.expires) return refuse("collector.token_expired", "the token has expired");
  if (out.claims.survey_id != survey_id) {
    return refuse("collector.token_wrong_survey", "the token is for another survey");
  }
  out.ok = true;
  return out;
}

}  // namespace pepite::collector
