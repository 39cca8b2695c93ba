// Who sends a response (issue 17): the shop's signed order token and the sender's key a payload
// may carry, checked against the collector's settings before anything is stored.
#pragma once

#include <cstdint>
#include <string>

#include "handlers.hpp"
#include "token.hpp"

namespace pepite::collector {

/// The outcome of check_sender(). `status` 0: accepted; otherwise the HTTP status to answer with
/// `code`, `path` and `message`, nothing stored.
struct sender_check {
  int status = 0;
  std::string code;
  std::string path;
  std::string message;
  bool has_token = false;  ///< a valid token: `claims` holds its order, locale and properties
  token_claims claims;
  std::string binding;  ///< token_hash() of the token, else of the senderKey; empty: unbound
};

/// Checks `summary`'s token (against `cfg.token_secret` at `now_s`, Unix seconds, and
/// `--require-token`) and its `submittedAt` (at most 5 minutes ahead of `now_ms`), and derives
/// the sender's binding. Pure but for the hash.
sender_check check_sender(const config& cfg, const payload_summary& summary, std::int64_t now_ms);

/// The payload as stored: without `token` and `senderKey` (a secret is never stored nor given
/// back), and with a valid token's order id, locale and properties in place of the payload's.
/// `summary`'s order id and locale follow. Unchanged when the payload carried neither.
/// Returns why the merged payload would break the contract (empty when it does not): more than
/// `max_payload_properties` properties once the token's are merged. Nothing is changed then.
std::string apply_sender(const sender_check& sender, payload_summary& summary,
                         std::string& payload);

/// The most properties a payload carries (docs/contracts.md), the order id among them.
inline constexpr std::size_t max_payload_properties = 20;

}  // namespace pepite::collector
