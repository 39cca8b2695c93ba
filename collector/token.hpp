// Signed order tokens (issue 17): `v1.<base64url(claims JSON)>.<base64url(HMAC-SHA256)>`, made by
// the shop's server with the shop's secret and checked by the collector. Pure: the clock is
// passed in. The format is documented in docs/tokens.md.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace pepite::collector {

/// What a token binds. `locale` and `properties` are optional (empty when absent).
struct token_claims {
  std::string survey_id;     ///< `[a-z0-9_-]{1,40}`, as survey ids
  std::string order_id;      ///< 1 to 128 bytes, no control character
  std::int64_t expires = 0;  ///< Unix seconds; the token is refused from that second on
  std::string locale;        ///< a language tag (`fr`, `fr-CA`), or empty
  std::map<std::string, std::string>
      properties;  ///< at most 19 (+ orderId = 20), keys `[A-Za-z0-9_.-]{1,40}`
};

/// The outcome of verify_token(). `code` is empty when `ok`; otherwise one of
/// `collector.token_malformed`, `collector.token_bad_signature`, `collector.token_expired`,
/// `collector.token_wrong_survey`, with `message` saying why.
struct token_check {
  bool ok = false;
  std::string code;
  std::string message;
  token_claims claims;
};

/// The longest token accepted, in bytes.
inline constexpr std::size_t max_token_bytes = 4096;

/// Why `claims` cannot be put in a token (empty when they can): a bad survey id, order id,
/// locale or property, an expiry not after 0.
std::string token_claims_problem(const token_claims& claims);

/// The token for `claims` signed with `secret` (claims_problem() must be empty).
std::string sign_token(const token_claims& claims, std::string_view secret);

/// `v1.<base64url(claims_json)>.<base64url(HMAC-SHA256(secret, "v1." + base64url(claims_json)))>`:
/// signs any text as it is (sign_token() builds the claims; tests sign claims it would refuse).
std::string sign_claims_json(std::string_view claims_json, std::string_view secret);

/// Checks `token` against `secret` at `now` (Unix seconds) for a response to `survey_id`: its
/// form, then its signature (constant time), then its claims, expiry and survey. Never throws.
token_check verify_token(std::string_view token, std::string_view secret, std::int64_t now,
                         std::string_view survey_id);

/// base64url without padding (RFC 4648 section 5), and its strict inverse: false on any
/// character outside the alphabet, a length of 4n+1, or non-zero trailing bits.
std::string base64url_encode(std::string_view bytes);
bool base64url_decode(std::string_view text, std::string* bytes);

}  // namespace pepite::collector
