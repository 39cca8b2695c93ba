// The JSON that carries a comment analysis between pepite-core.wasm and pepite-text.wasm.
#include <nlohmann/json.hpp>

#include "detail/json_read.hpp"
#include "detail/json_write.hpp"
#include "pepite/comments.hpp"

namespace pepite {

namespace {

using json = nlohmann::ordered_json;

/// At most this many texts, masks or keywords are read from a request (a definition has far fewer).
constexpr std::size_t k_max_strings = 256;

void read_strings(const json& array, std::vector<std::string>& out) {
  if (!array.is_array()) return;
  for (const json& item : array) {
    if (item.is_string() && out.size() < k_max_strings) out.push_back(item.get<std::string>());
  }
}

json strings(const std::vector<std::string>& list) {
  json out = json::array();
  for (const std::string& s : list) out.push_back(s);
  return out;
}

}  // namespace

std::string comment_request_json(const comment_request& request) {
  const redact_options& r = request.redaction;
  json redaction = {{"email", r.email},     {"phone", r.phone},
                    {"card", r.card},       {"iban", r.iban},
                    {"address", r.address}, {"orderMasks", strings(r.order_masks)}};
  json topics = json::object();
  for (const auto& [topic, words] : request.topics.extra) topics[topic] = strings(words);
  return detail::write_json(json{{"texts", strings(request.texts)},
                                 {"redaction", std::move(redaction)},
                                 {"topics", std::move(topics)}});
}

std::optional<comment_request> parse_comment_request(std::string_view text) {
  const json doc = detail::read_json(text);
  if (doc.is_discarded() || !doc.is_object()) return std::nullopt;
  const auto texts = doc.find("texts");
  if (texts == doc.end() || !texts->is_array()) return std::nullopt;
  comment_request out;
  read_strings(*texts, out.texts);
  if (const auto r = doc.find("redaction"); r != doc.end() && r->is_object()) {
    const auto flag = [&](const char* key, bool& value) {
      const auto it = r->find(key);
      if (it != r->end() && it->is_boolean()) value = it->get<bool>();
    };
    flag("email", out.redaction.email);
    flag("phone", out.redaction.phone);
    flag("card", out.redaction.card);
    flag("iban", out.redaction.iban);
    flag("address", out.redaction.address);
    if (const auto masks = r->find("orderMasks"); masks != r->end()) {
      read_strings(*masks, out.redaction.order_masks);
    }
  }
  if (const auto t = doc.find("topics"); t != doc.end() && t->is_object()) {
    for (const auto& [topic, words] : t->items()) {
      if (out.topics.extra.size() >= k_max_strings) break;
      read_strings(words, out.topics.extra[topic]);
    }
  }
  return out;
}

std::string comment_result_json(const comment_result& result) {
  json counts = json::object();
  for (const auto& [kind, n] : result.counts) counts[kind] = n;
  return detail::write_json(json{{"texts", strings(result.texts)},
                                 {"counts", std::move(counts)},
                                 {"topics", strings(result.topics)},
                                 {"urgency", strings(result.urgency)}});
}

comment_result parse_comment_result(std::string_view text, std::size_t expected_texts) {
  comment_result out;
  const json doc = detail::read_json(text);
  if (doc.is_discarded() || !doc.is_object()) return out;
  const auto texts = doc.find("texts");
  if (texts == doc.end() || !texts->is_array() || texts->size() != expected_texts) return out;
  for (const json& t : *texts) {
    if (!t.is_string()) return out;
    out.texts.push_back(t.get<std::string>());
  }
  if (const auto counts = doc.find("counts"); counts != doc.end() && counts->is_object()) {
    for (const auto& [kind, n] : counts->items()) {
      if (n.is_number_integer() && n.get<int>() > 0) out.counts[kind] = n.get<int>();
    }
  }
  if (const auto topics = doc.find("topics"); topics != doc.end())
    read_strings(*topics, out.topics);
  if (const auto urgency = doc.find("urgency"); urgency != doc.end()) {
    read_strings(*urgency, out.urgency);
  }
  out.available = true;
  return out;
}

}  // namespace pepite
