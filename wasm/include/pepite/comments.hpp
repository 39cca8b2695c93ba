// Comment analysis as the engine asks for it: redaction, topics and urgency of a response's texts.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pepite/redact.hpp"
#include "pepite/topics.hpp"

namespace pepite {

/// The free texts of one response (text answers and "other" texts, in definition order) and the
/// definition's settings for them.
struct comment_request {
  std::vector<std::string> texts;
  redact_options redaction;
  topic_lexicon topics;
};

/// Each text with personal data replaced, the counts per kind, and the topics and urgency reasons
/// found in the redacted texts joined by newlines. `available` is false for a malformed result.
struct comment_result {
  bool available = false;
  std::vector<std::string> texts;
  std::map<std::string, int> counts;
  std::vector<std::string> topics;
  std::vector<std::string> urgency;
};

/// Runs the analysis. Defined by the `pepite_text` library (native builds, the collector,
/// pepite-tools.wasm, pepite-text.wasm). A session never calls it: its view asks the shell
/// (`analysis`, docs/contracts.md), which runs pepite-text.wasm and sends the result back as an
/// `analysis` action, so the shopper's pepite-core.wasm links without the text code.
comment_result analyse_comments(const comment_request& request);

/// The JSON between a session and pepite-text.wasm (the view's `analysis`, the action's `result`):
/// `{"texts":[…],"redaction":{"email":true,…,"orderMasks":[…]},"topics":{"price":["…"]}}` and
/// `{"texts":[…],"counts":{"phone":1},"topics":[…],"urgency":[…]}`.
std::string comment_request_json(const comment_request& request);
std::optional<comment_request> parse_comment_request(std::string_view text);
std::string comment_result_json(const comment_result& result);
/// `available` is false unless `text` is a well-formed result with one text per request text.
comment_result parse_comment_result(std::string_view text, std::size_t expected_texts);

}  // namespace pepite
