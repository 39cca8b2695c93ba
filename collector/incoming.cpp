#include "incoming.hpp"

#include <algorithm>
#include <map>
#include <vector>

#include "pepite/comments.hpp"
#include "pepite/redact.hpp"
#include "pepite/scoring.hpp"
#include "reply.hpp"

namespace pepite::collector {

// A quick scan
// (survey ids are `[a-z0-9_-]`, never escaped) that saves a second full parse per request; when
// it finds nothing usable it parses the document. check_payload() validates everything anyway.
std::string survey_id_of(const std::string& body) {
  const std::string key = "\"surveyId\"";
  std::size_t at = body.find(key);
  if (at != std::string::npos && body.find(key, at + 1) == std::string::npos) {
    std::size_t i = at + key.size();
    while (i < body.size() &&
           (body[i] == ' ' || body[i] == '\n' || body[i] == '\r' || body[i] == '\t'))
      ++i;
    if (i < body.size() && body[i] == ':') {
      ++i;
      while (i < body.size() &&
             (body[i] == ' ' || body[i] == '\n' || body[i] == '\r' || body[i] == '\t'))
        ++i;
      if (i < body.size() && body[i] == '"') {
        std::size_t end = body.find('"', i + 1);
        if (end != std::string::npos && end - i - 1 <= 40) {
          std::string id = body.substr(i + 1, end - i - 1);
          if (id.find('\\') == std::string::npos) return id;
        }
      }
    }
  }
  json doc = json::parse(body, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return {};
  auto id = doc.find("surveyId");
  return id != doc.end() && id->is_string() ? id->get<std::string>() : std::string();
}

namespace {

// Adds per-kind redaction counts to the payload's `redactions`.
void add_redaction_counts(json& doc, const std::map<std::string, int>& found) {
  if (found.empty()) return;
  json& counts = doc["redactions"];
  if (!counts.is_object()) counts = json::object();
  for (const auto& [kind, n] : found) {
    counts[kind] = (counts.contains(kind) && counts[kind].is_number_integer())
                       ? counts[kind].get<int>() + n
                       : n;
  }
}

// Personal data a host page put in `properties` (every string value but `orderId`, which the
// dashboard shows for the call-back) or in the page's path (issue 18): redacted with the
// survey's settings and counted in `redactions`. True when something was replaced.
bool redact_context(const survey* definition, json& doc) {
  const redact_options options = definition != nullptr ? definition->redaction : redact_options{};
  std::map<std::string, int> counts;
  const auto clean = [&](json& value, std::size_t from) {
    const std::string& text = value.get_ref<const std::string&>();
    if (from >= text.size()) return false;
    redaction r = redact(std::string_view(text).substr(from), options);
    if (r.counts.empty()) return false;
    for (const auto& [kind, n] : r.counts) counts[kind] += n;
    value = text.substr(0, from) + r.text;
    return true;
  };
  bool changed = false;
  if (const auto props = doc.find("properties"); props != doc.end() && props->is_object()) {
    for (auto& [key, value] : props->items()) {
      if (key != "orderId" && value.is_string()) changed = clean(value, 0) || changed;
    }
  }
  if (const auto context = doc.find("context"); context != doc.end() && context->is_object()) {
    if (const auto url = context->find("pageUrl"); url != context->end() && url->is_string()) {
      // The path only: the scheme and host are the shop's.
      const std::string& text = url->get_ref<const std::string&>();
      const std::size_t scheme = text.find("://");
      const std::size_t path = text.find('/', scheme == std::string::npos ? 0 : scheme + 3);
      if (path != std::string::npos) changed = clean(*url, path) || changed;
    }
  }
  add_redaction_counts(doc, counts);
  return changed;
}

// The texts of the answers: see analyse_incoming(). True when the payload changed.
bool analyse_texts(const survey* definition, payload_summary& summary, json& doc) {
  auto answers = doc.find("answers");
  if (answers == doc.end() || !answers->is_array()) return false;
  comment_request request;
  std::vector<json*> fields;
  std::vector<bool> is_text_answer;
  for (json& item : *answers) {
    if (!item.is_object()) continue;
    const auto type = item.find("type");
    if (type == item.end() || !type->is_string()) continue;
    const bool text = *type == "text";
    const auto field = item.find(text ? "value" : "otherText");
    if (field == item.end() || !field->is_string() || field->get_ref<const std::string&>().empty())
      continue;
    request.texts.push_back(field->get<std::string>());
    fields.push_back(&*field);
    is_text_answer.push_back(text);
  }
  if (request.texts.empty()) return false;
  if (definition != nullptr) {
    request.redaction = definition->redaction;
    request.topics = definition->topics;
  }
  comment_result result = analyse_comments(request);
  if (!result.available || result.texts.size() != fields.size()) return false;

  bool changed = false;
  std::string comment;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (fields[i]->get_ref<const std::string&>() != result.texts[i]) {
      *fields[i] = result.texts[i];
      changed = true;
    }
    if (!is_text_answer[i]) continue;
    if (!comment.empty()) comment += "\n\n";
    comment += result.texts[i];
  }
  if (!result.counts.empty()) {
    add_redaction_counts(doc, result.counts);
    changed = true;
  }
  if (!result.topics.empty()) {
    json topics = doc.contains("topics") ? doc["topics"] : json::array();
    bool added = false;
    for (const std::string& topic : result.topics) {
      if (topics.size() >= max_topics) break;
      if (std::find(topics.begin(), topics.end(), topic) != topics.end()) continue;
      topics.push_back(topic);
      added = true;
    }
    if (added) {
      doc["topics"] = std::move(topics);
      changed = true;
    }
  }
  if (!result.urgency.empty()) {
    // The payload's alert (validated: known reasons, each once), raised as the browser would.
    alert merged;
    if (const auto given = doc.find("alert"); given != doc.end() && given->is_object()) {
      merged.raised = true;
      merged.priority = given->value("priority", "normal");
      for (const json& reason : given->value("reasons", json::array())) {
        if (reason.is_string()) merged.reasons.push_back(reason.get<std::string>());
      }
    }
    const alert before = merged;
    raise_for_urgency(merged, result.urgency);
    if (!before.raised || before.priority != merged.priority || before.reasons != merged.reasons) {
      doc["alert"] = json{{"priority", merged.priority}, {"reasons", merged.reasons}};
      changed = true;
    }
    summary.alert = true;
    summary.alert_priority = merged.priority;
    summary.alert_reasons.clear();
    for (const std::string& reason : merged.reasons) {
      if (!summary.alert_reasons.empty()) summary.alert_reasons += ',';
      summary.alert_reasons += reason;
    }
  }
  if (changed) summary.comment = comment;
  return changed;
}

}  // namespace

void analyse_incoming(const survey* definition, payload_summary& summary, std::string& payload) {
  // The browser analysed the texts already, unless pepite-text.wasm could not load there (the
  // payload then carries them as typed, issue 4) or the client skipped it (curl, an old widget,
  // issue 7). The same core analysis runs again on every text answer and "other" text, in payload
  // order: texts are redacted and the counts found here added to `redactions`; topics and urgency
  // reasons the payload lacks are added, and an urgency reason makes the alert `high`, as the
  // browser would have. The host's properties and the page path are redacted too (issue 18). A
  // payload the browser analysed comes out unchanged.
  json doc = json::parse(payload, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return;
  const bool context_changed = redact_context(definition, doc);
  if (!analyse_texts(definition, summary, doc) && !context_changed) return;
  payload = dump(doc);
}

}  // namespace pepite::collector
