// The endpoint's side of a payload (pepite/reanalyse.hpp): one read, the validation, and the
// comment analysis of what the browser could not or did not analyse (issues 4, 7, 18).
#include "pepite/reanalyse.hpp"

#include <algorithm>
#include <map>
#include <utility>

#include <nlohmann/json.hpp>

#include "detail/json_write.hpp"
#include "detail/payload_read.hpp"
#include "pepite/comments.hpp"
#include "pepite/redact.hpp"
#include "pepite/scoring.hpp"

namespace pepite {

using json = nlohmann::ordered_json;

namespace {

/// Adds per-kind redaction counts to the payload's `redactions`.
void add_redaction_counts(json& doc, const std::map<std::string, int>& found) {
  if (found.empty()) return;
  json& counts = doc["redactions"];
  if (!counts.is_object()) counts = json::object();
  for (const auto& [kind, n] : found) {
    const auto given = counts.find(kind);
    counts[kind] = given != counts.end() && given->is_number_integer()
                       ? given->get<std::int64_t>() + n
                       : static_cast<std::int64_t>(n);
  }
}

/// Personal data a host page put in `properties` (every string value but `orderId`, which the
/// dashboard shows for the call-back) or in the page's path (issue 18): redacted with the
/// survey's settings and counted in `redactions`. True when something was replaced.
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

/// Adds the topics the analysis found that `doc` lacks (at most max_topics). True when any was.
bool add_topics(json& doc, const std::vector<std::string>& found) {
  json topics = doc.contains("topics") ? doc["topics"] : json::array();
  bool added = false;
  for (const std::string& topic : found) {
    if (topics.size() >= max_topics) break;
    if (std::find(topics.begin(), topics.end(), topic) != topics.end()) continue;
    topics.push_back(topic);
    added = true;
  }
  if (added) doc["topics"] = std::move(topics);
  return added;
}

/// The payload's alert (validated: known reasons, each once) with what the comment says added and
/// its tier settled by the core's rules, as the browser would have; the summary follows. A widget
/// built before the tiers (issue 16) sent `high` for every NPS <= 3: that is settled here too.
/// True when the alert changed.
bool settle_alert(json& doc, const survey* definition, const std::vector<std::string>& found,
                  payload_summary& summary) {
  // The score reasons stay; the comment's (the payload's own, then those found here) are added
  // again, which settles the tier.
  alert merged;
  std::vector<std::string> urgency;
  const auto given = doc.find("alert");
  if (given != doc.end() && given->is_object()) {
    merged.raised = true;
    for (const json& reason : given->value("reasons", json::array())) {
      const std::string& id = reason.get_ref<const std::string&>();
      const bool from_scores = id == "nps_detractor" || id == "csat_low" || id == "ces_high_effort";
      (from_scores ? merged.reasons : urgency).push_back(id);
    }
  }
  urgency.insert(urgency.end(), found.begin(), found.end());
  std::vector<std::string> topics;
  if (const auto listed = doc.find("topics"); listed != doc.end() && listed->is_array()) {
    for (const json& topic : *listed) topics.push_back(topic.get<std::string>());
  }
  const scores s{summary.nps, summary.csat, summary.ces};
  const alert_rules rules = definition != nullptr ? definition->alerts : alert_rules{};
  raise_for_comment(merged, rules, s, urgency);
  add_problem_topics(merged, rules, s, topics);
  if (merged.reasons.empty()) {
    // Only reasons the core does not grant (a problem topic without it, or with a middling score).
    summary.alert = false;
    summary.alert_priority.clear();
    summary.alert_reasons.clear();
    if (given == doc.end() || given->is_null()) return false;
    doc["alert"] = nullptr;
    return true;
  }
  summary.alert = true;
  summary.alert_priority = merged.priority;
  summary.alert_reasons.clear();
  for (const std::string& reason : merged.reasons) {
    if (!summary.alert_reasons.empty()) summary.alert_reasons += ',';
    summary.alert_reasons += reason;
  }
  const json settled{{"priority", merged.priority}, {"reasons", merged.reasons}};
  if (given != doc.end() && *given == settled) return false;
  doc["alert"] = settled;
  return true;
}

/// Every text answer's `value` and every `otherText`, in payload order, analysed again; the
/// urgency reasons found go to `urgency`. True when the payload changed.
bool analyse_texts(const survey* definition, payload_summary& summary, json& doc,
                   std::vector<std::string>& urgency) {
  const auto answers = doc.find("answers");
  if (answers == doc.end() || !answers->is_array()) return false;
  comment_request request;
  std::vector<json*> fields;
  std::vector<bool> is_text_answer;
  for (json& item : *answers) {
    if (!item.is_object()) continue;
    const bool text = item.value("type", "") == "text";
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
  const comment_result result = analyse_comments(request);
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
  changed = add_topics(doc, result.topics) || changed;
  urgency = result.urgency;
  if (changed) summary.comment = comment;
  return changed;
}

reanalysis finish(std::string_view payload_json, json doc, reanalysis result) {
  if (!result.ok()) return result;
  const bool context_changed = redact_context(result.definition, doc);
  std::vector<std::string> urgency;
  const bool texts_changed = analyse_texts(result.definition, result.summary, doc, urgency);
  const bool alert_changed = settle_alert(doc, result.definition, urgency, result.summary);
  result.changed = context_changed || texts_changed || alert_changed;
  result.payload = result.changed ? detail::write_json(doc) : std::string(payload_json);
  if (const auto topics = doc.find("topics"); topics != doc.end() && topics->is_array()) {
    for (const json& topic : *topics) result.topics.push_back(topic.get<std::string>());
  }
  return result;
}

}  // namespace

reanalysis reanalyse_payload(std::string_view payload_json, const survey_lookup& surveys) {
  reanalysis result;
  payload_check check;
  json doc = detail::read_payload(payload_json, check.problems);
  if (!doc.is_discarded()) {
    const auto id = doc.find("surveyId");
    if (id != doc.end() && id->is_string() && surveys) {
      result.definition = surveys(id->get_ref<const std::string&>());
    }
    detail::check_payload_document(doc, result.definition, check);
  }
  result.problems = std::move(check.problems);
  result.summary = std::move(check.summary);
  return finish(payload_json, std::move(doc), std::move(result));
}

reanalysis reanalyse_payload(const survey* definition, std::string_view payload_json) {
  return reanalyse_payload(payload_json, [definition](std::string_view) { return definition; });
}

}  // namespace pepite
