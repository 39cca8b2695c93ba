// Lenient readers of a definition's `redaction` and `topics` objects (see comment_options.hpp).
#include "detail/comment_options.hpp"

namespace pepite::detail {

namespace {

using json = nlohmann::ordered_json;

/// At most this many masks, keywords or texts are read from one list.
constexpr std::size_t k_max_strings = 256;

}  // namespace

void read_strings(const json& array, std::vector<std::string>& out) {
  if (!array.is_array()) return;
  for (const json& item : array) {
    if (item.is_string() && out.size() < k_max_strings) out.push_back(item.get<std::string>());
  }
}

redact_options read_redact_options(const json& object) {
  redact_options options;
  if (!object.is_object()) return options;
  const auto flag = [&](const char* key, bool& out) {
    const auto it = object.find(key);
    if (it != object.end() && it->is_boolean()) out = it->get<bool>();
  };
  flag("email", options.email);
  flag("phone", options.phone);
  flag("card", options.card);
  flag("iban", options.iban);
  flag("address", options.address);
  if (const auto masks = object.find("orderMasks"); masks != object.end()) {
    read_strings(*masks, options.order_masks);
  }
  return options;
}

topic_lexicon read_topic_lexicon(const json& object) {
  topic_lexicon lexicon;
  if (!object.is_object()) return lexicon;
  for (const auto& [topic, words] : object.items()) {
    if (words.is_array()) read_strings(words, lexicon.extra[topic]);
  }
  return lexicon;
}

}  // namespace pepite::detail
