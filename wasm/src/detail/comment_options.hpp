// A definition's `redaction` and `topics` objects read leniently (a wrong type keeps the default),
// for the JSON facades of the text functions and the wire between pepite-core and pepite-text.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pepite/redact.hpp"
#include "pepite/topics.hpp"

namespace pepite::detail {

/// Appends the strings of `array` (other items skipped) to `out`, up to 256 in all.
void read_strings(const nlohmann::ordered_json& array, std::vector<std::string>& out);

/// `{"email": true, …, "orderMasks": […]}`; missing keys keep the defaults (all kinds on).
redact_options read_redact_options(const nlohmann::ordered_json& object);

/// `{"topic id": ["keyword", …]}`; entries whose value is not an array are skipped.
topic_lexicon read_topic_lexicon(const nlohmann::ordered_json& object);

}  // namespace pepite::detail
