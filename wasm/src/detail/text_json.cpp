// JSON facades of redaction and comment analysis, for the Embind layer and tools (issue 7).
#include <nlohmann/json.hpp>

#include "detail/json_read.hpp"
#include "detail/json_write.hpp"
#include "pepite/redact.hpp"
#include "pepite/topics.hpp"

namespace pepite {

namespace {

using json = nlohmann::ordered_json;

constexpr std::size_t k_max_json_strings = 256;

json parse_object(std::string_view text) {
  if (text.empty()) return json::object();
  json doc = detail::read_json(text);
  if (doc.is_discarded() || !doc.is_object()) return json::object();
  return doc;
}

std::string dump(const json& doc) {
  return detail::write_json(doc);
}

}  // namespace

std::string redact_json(std::string_view input, std::string_view options_json) {
  const json o = parse_object(options_json);
  redact_options options;
  const auto flag = [&](const char* key, bool& out) {
    const auto it = o.find(key);
    if (it != o.end() && it->is_boolean()) out = it->get<bool>();
  };
  flag("email", options.email);
  flag("phone", options.phone);
  flag("card", options.card);
  flag("iban", options.iban);
  flag("address", options.address);
  const auto masks = o.find("orderMasks");
  if (masks != o.end() && masks->is_array()) {
    for (const json& m : *masks) {
      if (m.is_string() && options.order_masks.size() < k_max_json_strings) {
        options.order_masks.push_back(m.get<std::string>());
      }
    }
  }
  const redaction r = redact(input, options);
  json counts = json::object();
  for (const auto& [kind, n] : r.counts) counts[kind] = n;
  return dump(json{{"text", r.text}, {"counts", counts}});
}

std::string analyse_comment_json(std::string_view comment, std::string_view lexicon_json) {
  const json o = parse_object(lexicon_json);
  topic_lexicon lexicon;
  for (const auto& [topic, list] : o.items()) {
    if (!list.is_array()) continue;
    std::vector<std::string>& out = lexicon.extra[topic];
    for (const json& kw : list) {
      if (kw.is_string() && out.size() < k_max_json_strings) out.push_back(kw.get<std::string>());
    }
  }
  const comment_signals s = analyse_comment(comment, lexicon);
  return dump(json{{"topics", s.topics}, {"urgency", s.urgency}});
}

}  // namespace pepite
