// A definition's `redaction` and `topics` objects read leniently (a wrong type keeps the default),
// for the JSON facades of the text functions; the JSON of a comment analysis request and result.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pepite/comments.hpp"
#include "pepite/redact.hpp"
#include "pepite/topics.hpp"

namespace pepite::detail {

/// Appends the strings of `array` (other items skipped) to `out`, up to 256 in all.
void read_strings(const nlohmann::ordered_json& array, std::vector<std::string>& out);

/// `{"email": true, …, "orderMasks": […]}`; missing keys keep the defaults (all kinds on).
redact_options read_redact_options(const nlohmann::ordered_json& object);

/// `{"topic id": ["keyword", …]}`; entries whose value is not an array are skipped.
topic_lexicon read_topic_lexicon(const nlohmann::ordered_json& object);

/// The request as a JSON object (comment_request_json writes it; the view's `analysis` holds it).
nlohmann::ordered_json comment_request_object(const comment_request& request);

/// A result object (the `analysis` action's `result`); not `available` unless well-formed with
/// `expected_texts` texts.
comment_result read_comment_result(const nlohmann::ordered_json& doc, std::size_t expected_texts);

}  // namespace pepite::detail
