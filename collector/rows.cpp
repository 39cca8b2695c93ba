#include "rows.hpp"

namespace pepite::collector {

namespace {

json optional_int(const std::optional<int>& v) {
  return v ? json(*v) : json(nullptr);
}

}  // namespace

// The free texts typed for the "other" option of choice answers, in answer order:
// `[{"questionId","text"}]`. They are in the payload only (the `comment` column holds the text
// answers), already redacted like the comment (pepite::reanalyse_payload()).
json other_texts(const json& payload) {
  json out = json::array();
  const auto answers = payload.find("answers");
  if (answers == payload.end() || !answers->is_array()) return out;
  for (const json& answer : *answers) {
    if (!answer.is_object() || answer.value("type", json()) != "choice") continue;
    const auto text = answer.find("otherText");
    if (text == answer.end() || !text->is_string() || text->get_ref<const std::string&>().empty())
      continue;
    json item = json::object();
    item["questionId"] = answer.value("questionId", json(""));
    item["text"] = *text;
    out.push_back(item);
  }
  return out;
}

// The "other" texts of a stored payload as one CSV cell: `questionId: text`, one per line.
std::string other_texts_cell(const std::string& payload_text) {
  if (payload_text.empty()) return {};
  const json payload = json::parse(payload_text, nullptr, false);
  if (!payload.is_object()) return {};
  std::string cell;
  for (const json& item : other_texts(payload)) {
    if (!cell.empty()) cell += '\n';
    cell += item["questionId"].get<std::string>() + ": " + item["text"].get<std::string>();
  }
  return cell;
}

// A row as the API returns it. `r.payload`, when read, gives `otherTexts`, and is embedded whole
// only when `embed_payload`.
json row_json(const response_row& r, bool embed_payload) {
  json j = json::object();
  j["responseId"] = r.response_id;
  j["surveyId"] = r.survey_id;
  j["status"] = r.status;
  j["nps"] = optional_int(r.nps);
  j["csat"] = optional_int(r.csat);
  j["ces"] = optional_int(r.ces);
  j["category"] = r.category.empty() ? json(nullptr) : json(r.category);
  if (r.alert) {
    json alert = json::object();
    alert["priority"] = r.alert_priority;
    alert["reasons"] = split_reasons(r.alert_reasons);
    j["alert"] = alert;
  } else {
    j["alert"] = nullptr;
  }
  j["callbackConsent"] = r.callback_consent;
  j["orderId"] = r.order_id;
  j["comment"] = r.comment;
  json payload = r.payload.empty() ? json() : json::parse(r.payload, nullptr, false);
  if (payload.is_discarded()) payload = json();
  j["otherTexts"] = payload.is_object() ? other_texts(payload) : json::array();
  j["locale"] = r.locale;
  j["submittedAt"] = r.submitted_at;
  j["receivedAt"] = r.received_at;
  j["updatedAt"] = r.updated_at;
  j["followUp"] = r.follow_up;
  j["note"] = r.note;
  j["followUpAt"] = r.follow_up_at.empty() ? json(nullptr) : json(r.follow_up_at);
  if (embed_payload && !payload.is_null()) j["payload"] = std::move(payload);
  return j;
}

}  // namespace pepite::collector
