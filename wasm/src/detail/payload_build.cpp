// Builds pepite.response/1 payloads from an engine's state (validated by check_payload).
#include "detail/payload_build.hpp"

#include "detail/iso_time.hpp"

namespace pepite::detail {

using json = nlohmann::ordered_json;

namespace {

const std::map<std::string, std::string> empty_;

json optional_int(const std::optional<int>& value) {
  return value ? json(*value) : json(nullptr);
}

void add_unique(std::vector<std::string>& list, const std::string& item) {
  for (const std::string& seen : list) {
    if (seen == item) return;
  }
  list.push_back(item);
}

}  // namespace

namespace {

/// Calls `visit(question, text, other)` for each typed text, in the order of comment_request_of.
template <class Visit>
void for_each_text(const survey& definition, const answer_map& answers, Visit visit) {
  for (const question& q : definition.questions) {
    const auto found = answers.find(q.id);
    if (found == answers.end()) continue;
    const bool other = q.type == question_type::choice;
    if (q.type != question_type::text && !other) continue;
    const std::string& raw = other ? found->second.other_text : found->second.text;
    if (!raw.empty()) visit(q, raw, other);
  }
}

}  // namespace

comment_request comment_request_of(const survey& definition, const answer_map& answers) {
  comment_request request;
  for_each_text(definition, answers, [&](const question&, const std::string& raw, bool) {
    request.texts.push_back(raw);
  });
  if (request.texts.empty()) return request;
  request.redaction = definition.redaction;
  request.topics = definition.topics;
  return request;
}

comment_analysis comment_analysis_of(const survey& definition, const answer_map& answers,
                                     comment_result result) {
  comment_analysis out;
  std::size_t i = 0;
  for_each_text(definition, answers, [&](const question& q, const std::string&, bool other) {
    if (i < result.texts.size()) (other ? out.other_texts : out.texts)[q.id] = result.texts[i];
    ++i;
  });
  if (i == 0) return comment_analysis();
  if (!result.available || result.texts.size() != i) {
    comment_analysis none;
    none.available = false;
    return none;
  }
  out.counts = std::move(result.counts);
  for (const std::string& topic : result.topics) add_unique(out.topics, topic);
  // Ids that are not urgency reasons are left out by raise_for_comment().
  out.urgency = std::move(result.urgency);
  return out;
}

alert response_alert(const survey& definition, const scores& s, const comment_analysis& comments) {
  alert result = compute_alert(definition.alerts, s);
  // The problem topics' tier (add_problem_topics()) is the endpoint's: 112 bytes gzip here.
  raise_for_comment(result, definition.alerts, s, comments.urgency);
  return result;
}

json answer_to_json(const question& q, const answer_value& value,
                    const comment_analysis* comments) {
  const auto redacted = [&](const std::map<std::string, std::string>& map,
                            const std::string& raw) -> const std::string& {
    if (comments == nullptr) return raw;
    const auto found = map.find(q.id);
    return found == map.end() ? raw : found->second;
  };
  json item = json::object();
  item["questionId"] = q.id;
  item["type"] = std::string(to_string(q.type));
  switch (q.type) {
    case question_type::nps:
    case question_type::csat:
    case question_type::ces:
      item["value"] = optional_int(value.score);
      break;
    case question_type::choice: {
      if (q.multiple) {
        json ids = json::array();
        for (const std::string& id : value.selected) ids.push_back(id);
        item["value"] = std::move(ids);
      } else {
        item["value"] = value.selected.empty() ? std::string() : value.selected.front();
      }
      bool other = false;
      for (const std::string& id : value.selected) other = other || id == "other";
      if (other)
        item["otherText"] = redacted(comments ? comments->other_texts : empty_, value.other_text);
      break;
    }
    case question_type::text:
      item["value"] = redacted(comments ? comments->texts : empty_, value.text);
      break;
  }
  return item;
}

json scores_to_json(const scores& s) {
  json out = json::object();
  out["nps"] = optional_int(s.nps);
  out["npsCategory"] = s.nps ? json(std::string(to_string(categorize_nps(*s.nps)))) : json(nullptr);
  out["csat"] = optional_int(s.csat);
  out["csatSatisfied"] = s.csat ? json(csat_satisfied(*s.csat)) : json(nullptr);
  out["ces"] = optional_int(s.ces);
  out["cesLowEffort"] = s.ces ? json(ces_low_effort(*s.ces)) : json(nullptr);
  return out;
}

json alert_to_json(const alert& a) {
  if (!a.raised) return nullptr;
  json reasons = json::array();
  for (const std::string& reason : a.reasons) reasons.push_back(reason);
  return {{"priority", a.priority}, {"reasons", std::move(reasons)}};
}

json build_payload(const survey& definition, const answer_map& answers, const payload_input& input,
                   const comment_analysis& comments) {
  // Texts no analyser has seen stay in the browser while the response is partial; the complete
  // payload carries them as typed rather than lose the shopper's words (the collector redacts
  // every incoming payload again).
  const bool withhold_texts = !comments.available && input.status != "complete";
  json list = json::array();
  for (const question& q : definition.questions) {
    const auto found = answers.find(q.id);
    if (found == answers.end()) continue;
    if (withhold_texts && q.type == question_type::text) continue;
    json item = answer_to_json(q, found->second, &comments);
    if (withhold_texts) item.erase("otherText");
    list.push_back(std::move(item));
  }
  const scores s = collect_scores(definition, answers);

  json context = json::object();
  context["locale"] = input.locale;
  context["pageUrl"] = input.page_url;
  context["startedAt"] = format_iso_ms(input.started_at);
  context["updatedAt"] = format_iso_ms(input.updated_at);
  context["submittedAt"] =
      input.submitted_at ? json(format_iso_ms(*input.submitted_at)) : json(nullptr);
  context["durationMs"] = input.updated_at - input.started_at;

  json payload = json::object();
  payload["schema"] = "pepite.response/1";
  payload["responseId"] = input.response_id;
  payload["surveyId"] = definition.id;
  payload["status"] = input.status;
  payload["answers"] = std::move(list);
  payload["scores"] = scores_to_json(s);
  payload["alert"] = alert_to_json(response_alert(definition, s, comments));
  payload["callbackConsent"] = input.callback_consent;
  payload["properties"] = input.properties;
  payload["context"] = std::move(context);
  if (!input.token.empty()) payload["token"] = input.token;
  if (!input.sender_key.empty()) payload["senderKey"] = input.sender_key;
  if (!input.contact_channel.empty()) {
    payload["contact"] = {{"channel", input.contact_channel}, {"value", input.contact}};
  }
  if (!comments.counts.empty()) {
    json counts = json::object();
    for (const auto& [kind, count] : comments.counts) counts[kind] = count;
    payload["redactions"] = std::move(counts);
  }
  if (!comments.topics.empty()) {
    json topics = json::array();
    for (const std::string& topic : comments.topics) topics.push_back(topic);
    payload["topics"] = std::move(topics);
  }
  return payload;
}

}  // namespace pepite::detail
