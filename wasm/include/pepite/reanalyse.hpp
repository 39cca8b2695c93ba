// What an endpoint does to a payload it receives, in one call: the survey it names, its
// validation, and the comment analysis of its texts, properties and page path (native builds and
// pepite_text only: the shopper's pepite-core.wasm never links it).
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "pepite/definition.hpp"
#include "pepite/payload.hpp"

namespace pepite {

/// The survey a payload's `surveyId` names, or null when none is known by that id.
using survey_lookup = std::function<const survey*(std::string_view survey_id)>;

/// The outcome of reanalyse_payload().
struct reanalysis {
  /// Validation problems (check_payload()'s codes); the payload is stored only when ok().
  issues problems;
  /// What a store reads, after the analysis: the alert as raised by the comment's urgency, and
  /// `comment` as redacted.
  payload_summary summary;
  /// The text to store: the one received when the analysis changed nothing, else the document
  /// with its texts redacted, `redactions`, `topics` and `alert` completed. Empty unless ok().
  std::string payload;
  /// The payload's topic ids after the analysis.
  std::vector<std::string> topics;
  /// The survey the payload was validated against (from the lookup); null for none.
  const survey* definition = nullptr;
  /// True when `payload` differs from the text received.
  bool changed = false;
  bool ok() const { return no_errors(problems); }
};

/// Reads `payload_json` once with the core's reader, looks its `surveyId` up in `surveys`,
/// validates it against that survey (or the schema alone when the lookup gives null), then
/// analyses it again as the browser would have: every text answer and "other" text is redacted
/// with the survey's settings and the counts added to `redactions`; topics and urgency reasons it
/// lacks are added, and urgency raises the alert as when a payload is built; the host's
/// properties (but `orderId`) and the page's path are redacted too. A payload the browser
/// analysed comes out unchanged. An invalid payload gives its problems and nothing to store.
reanalysis reanalyse_payload(std::string_view payload_json, const survey_lookup& surveys);

/// The same against one survey (or none: null), whatever the payload's `surveyId` says.
reanalysis reanalyse_payload(const survey* definition, std::string_view payload_json);

}  // namespace pepite
