// Response payloads (pepite.response/1): strict validation, shared by the browser and collector.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "pepite/definition.hpp"
#include "pepite/error.hpp"

namespace pepite {

/// Largest payload accepted, in bytes of JSON text.
inline constexpr std::size_t max_payload_bytes = 32 * 1024;
/// Topic ids one payload may carry (`topics`).
inline constexpr std::size_t max_topics = 16;

/// What a store needs from a valid payload, read once by the validator.
struct payload_summary {
  std::string response_id;
  std::string survey_id;
  std::string status;              ///< `partial` or `complete`
  std::optional<int> nps;
  std::optional<int> csat;
  std::optional<int> ces;
  std::string category;            ///< NPS category, empty without NPS
  bool alert = false;
  std::string alert_priority;      ///< `high`, `normal`, or empty
  std::string alert_reasons;       ///< comma-separated reason ids
  bool callback_consent = false;
  std::string order_id;            ///< `properties.orderId`, if any
  std::string comment;             ///< text answers joined by a blank line
  std::string locale;
  std::string submitted_at;        ///< ISO 8601 (`context.submittedAt`, else `updatedAt`)
  std::string token;               ///< the shop's signed order token (`token`), if any
  std::string sender_key;          ///< the sender's secret (`senderKey`), if any
};

/// The outcome of check_payload().
struct payload_check {
  issues problems;
  payload_summary summary;
  bool ok() const { return no_errors(problems); }
};

/// Validates a payload: schema, types, ranges, sizes (over max_payload_bytes is refused), ids,
/// timestamps; against `definition` when given (known questions, option ids, lengths, scores
/// recomputed from the answers), else against the schema alone.
payload_check check_payload(std::string_view payload_json, const survey* definition);

/// JSON facade: `{"ok":bool,"errors":[...],"warnings":[...]}`. `definition_json` may be empty.
std::string validate_payload_json(std::string_view payload_json, std::string_view definition_json);

/// JSON facade over parse_definition(): `{"ok":bool,"errors":[...],"warnings":[...]}`.
std::string validate_definition_json(std::string_view definition_json);

}  // namespace pepite
