// JSON facades of redaction and comment analysis, for the Embind layer and tools (issue 7).
#include <nlohmann/json.hpp>

#include "detail/comment_options.hpp"
#include "detail/json_read.hpp"
#include "detail/json_write.hpp"
#include "pepite/redact.hpp"
#include "pepite/topics.hpp"

namespace pepite {

namespace {

using json = nlohmann::ordered_json;

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
  const redaction r = redact(input, detail::read_redact_options(parse_object(options_json)));
  json counts = json::object();
  for (const auto& [kind, n] : r.counts) counts[kind] = n;
  return dump(json{{"text", r.text}, {"counts", counts}});
}

std::string analyse_comment_json(std::string_view comment, std::string_view lexicon_json) {
  const comment_signals s =
      analyse_comment(comment, detail::read_topic_lexicon(parse_object(lexicon_json)));
  return dump(json{{"topics", s.topics}, {"urgency", s.urgency}});
}

}  // namespace pepite
