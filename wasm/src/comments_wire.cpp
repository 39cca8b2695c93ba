// The JSON that carries a comment analysis between pepite-core.wasm and pepite-text.wasm.
#include <nlohmann/json.hpp>

#include "detail/comment_options.hpp"
#include "detail/json_read.hpp"
#include "detail/json_write.hpp"
#include "pepite/comments.hpp"

namespace pepite {

namespace {

using json = nlohmann::ordered_json;

json strings(const std::vector<std::string>& list) {
  json out = json::array();
  for (const std::string& s : list) out.push_back(s);
  return out;
}

}  // namespace

namespace detail {

json comment_request_object(const comment_request& request) {
  const redact_options& r = request.redaction;
  json redaction = {{"email", r.email},     {"phone", r.phone},
                    {"card", r.card},       {"iban", r.iban},
                    {"address", r.address}, {"orderMasks", strings(r.order_masks)}};
  json topics = json::object();
  for (const auto& [topic, words] : request.topics.extra) topics[topic] = strings(words);
  return json{{"texts", strings(request.texts)},
              {"redaction", std::move(redaction)},
              {"topics", std::move(topics)}};
}

comment_result read_comment_result(const json& doc, std::size_t expected_texts) {
  comment_result out;
  if (!doc.is_object()) return out;
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
    detail::read_strings(*topics, out.topics);
  if (const auto urgency = doc.find("urgency"); urgency != doc.end()) {
    detail::read_strings(*urgency, out.urgency);
  }
  out.available = true;
  return out;
}

}  // namespace detail

std::string comment_request_json(const comment_request& request) {
  return detail::write_json(detail::comment_request_object(request));
}

std::optional<comment_request> parse_comment_request(std::string_view text) {
  const json doc = detail::read_json(text);
  if (doc.is_discarded() || !doc.is_object()) return std::nullopt;
  const auto texts = doc.find("texts");
  if (texts == doc.end() || !texts->is_array()) return std::nullopt;
  comment_request out;
  detail::read_strings(*texts, out.texts);
  if (const auto r = doc.find("redaction"); r != doc.end()) {
    out.redaction = detail::read_redact_options(*r);
  }
  if (const auto t = doc.find("topics"); t != doc.end())
    out.topics = detail::read_topic_lexicon(*t);
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
  const json doc = detail::read_json(text);
  if (doc.is_discarded()) return {};
  return detail::read_comment_result(doc, expected_texts);
}

}  // namespace pepite
