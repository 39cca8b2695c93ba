// Topic tagging and urgency detection of free comments, in French and English.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace pepite {

/// Extra keywords per topic id, from a definition's `topics` section (added to the built-in ones).
struct topic_lexicon {
  std::map<std::string, std::vector<std::string>> extra;
};

/// Built-in topic ids: `delivery_delay`, `damaged_item`, `wrong_or_missing_item`, `price`,
/// `customer_service`, `website_checkout`, `returns_refund`, `product_quality`.
std::vector<std::string> tag_topics(std::string_view comment, const topic_lexicon& lexicon = {});

/// Urgency reasons found in a comment: `callback_request`, `legal_threat`, `cancellation`,
/// `refund_demand`, `anger`.
std::vector<std::string> detect_urgency(std::string_view comment);

/// Topics and urgency reasons of one comment together, as `tag_topics` and `detect_urgency`
/// return them, normalising the comment once (what the engine and collector should call).
struct comment_signals {
  std::vector<std::string> topics;
  std::vector<std::string> urgency;
};
comment_signals analyse_comment(std::string_view comment, const topic_lexicon& lexicon = {});

/// JSON facade for bindings and tools. `lexicon_json` is a definition's `topics` object
/// (`{"delivery_delay": ["transporteur injoignable"]}`; `""` or invalid JSON: none). Returns
/// `{"topics": […], "urgency": […]}`.
std::string analyse_comment_json(std::string_view comment, std::string_view lexicon_json);

}  // namespace pepite
