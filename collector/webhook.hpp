// Webhooks, the pure parts (no I/O, no clock, no randomness of their own): the signature, the
// retry schedule, the ISO week of the digest, the events' bodies and their Slack-ready text.
// The durable queue is in events.hpp, the delivery worker in webhook_worker.hpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "reply.hpp"

namespace pepite::collector {

/// The `Pepite-Signature` header of `body` sent at `unix_seconds`:
/// `t=<seconds>,v1=<hex HMAC-SHA256(secret, "<seconds>.<body>")>`.
std::string webhook_signature(std::string_view secret, std::int64_t unix_seconds,
                              std::string_view body);

/// Lower-case hex HMAC-SHA256 of `message` under `key` (empty on a libcrypto failure).
std::string hmac_sha256_hex(std::string_view key, std::string_view message);

/// The wait before retry number `attempts` (1 after the first failure): `first_ms` doubled at
/// each attempt, at most `cap_ms`, then scaled by a jitter `random01` in [0, 1) into
/// [half, whole] of that delay, so collectors that failed together do not retry together.
std::int64_t backoff_ms(int attempts, std::int64_t first_ms, std::int64_t cap_ms, double random01);

/// The wait a 429 or 503 receiver asks for in its `Retry-After` header: delay-seconds (`120`) or
/// an HTTP date (`Wed, 09 Dec 2026 10:00:00 GMT`, IMF-fixdate) measured from `now_ms`, at most
/// `cap_ms`, never negative (a date in the past: 0). Nothing when the value is neither (the usual
/// backoff then applies).
std::optional<std::int64_t> retry_after_ms(std::string_view value, std::int64_t now_ms,
                                           std::int64_t cap_ms);

/// `ms` since the epoch as UTC ISO 8601 with milliseconds (`2026-11-25T19:57:54.123Z`).
std::string iso_from_ms(std::int64_t ms);

/// The ISO 8601 week holding the UTC instant `ms`: its label (`2026-W49`) and its Monday 00:00
/// UTC, in ms.
struct iso_week {
  std::string label;
  std::int64_t monday_ms = 0;
};
iso_week iso_week_of(std::int64_t ms);

/// The language of the events' `text`: `en` or `fr`.
enum class text_language { en, fr };

/// The `alert.created` event's `data` (the response as `GET /v1/responses` lists it) and text.
std::string alert_text(const json& response, text_language lang);

/// One detractor of the weekly digest, as its `data.detractors` lists them.
json digest_item(const std::optional<int>& score, std::string_view comment,
                 std::string_view order_id, std::string_view received_at,
                 std::string_view response_id);
/// The digest's text: the week, the figures, then each detractor's words as they wrote them.
std::string digest_text(const json& digest, text_language lang);

/// The `text` of `case.changed` (data: the change and its case) and `case.overdue` (data: the
/// case): one line with the order, what changed, who changed it or since when it is due.
std::string case_text(std::string_view type, const json& data, text_language lang);

/// The body POSTed for an event: `{"id","type","createdAt","text","data"}`.
std::string event_body(std::string_view id, std::string_view type, std::string_view created_at,
                       std::string_view text, const json& data);

/// A webhook URL split for the client: `http://` or `https://host[:port]/path`. False (with
/// `*error`) when it is not one.
struct webhook_url {
  bool tls = false;  ///< https://
  std::string host;
  std::string port = "80";
  std::string target = "/";
};
bool parse_webhook_url(std::string_view url, webhook_url* out, std::string* error);

/// A URL as the delivery log shows it: the origin and the first path segment only (a Slack
/// webhook's path is its secret).
std::string url_for_log(std::string_view url);

}  // namespace pepite::collector
