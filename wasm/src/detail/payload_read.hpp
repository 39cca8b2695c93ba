// check_payload() in its two steps, for callers that need the document it read (the collector's
// reanalysis, pepite/reanalyse.hpp): one parse per payload.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "pepite/payload.hpp"

namespace pepite::detail {

/// The payload's text read with the core's reader, within max_payload_bytes and 16 levels of
/// nesting, no duplicate names, an object; else discarded, with the one error in `problems`.
nlohmann::ordered_json read_payload(std::string_view payload_json, issues& problems);

/// Validates a document read_payload() gave (check_payload() without the reading).
void check_payload_document(const nlohmann::ordered_json& doc, const survey* definition,
                            payload_check& result);

}  // namespace pepite::detail
