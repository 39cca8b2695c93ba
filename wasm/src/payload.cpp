// Strict validation of pepite.response/1 payloads (contracts.md, issue 3 §5) and JSON facades.
#include "pepite/payload.hpp"

#include <cstdint>
#include <iterator>

#include <nlohmann/json.hpp>

#include "detail/iso_time.hpp"
#include "detail/json_read.hpp"
#include "detail/json_write.hpp"
#include "detail/payload_build.hpp"
#include "detail/payload_read.hpp"
#include "detail/payload_rules.hpp"
#include "pepite/scoring.hpp"

namespace pepite {

using detail::add_error;
using json = nlohmann::ordered_json;

namespace {

/// A payload is nested at most this deep (root > answers > answer > value list is 4).
constexpr int max_payload_depth = 16;
/// Top-level keys; `redactions` and `topics` are optional (filled by the comment analysis), and
/// so are `token` (the shop's signed order token) and `senderKey` (the secret binding a response
/// to its sender, issue 17).
constexpr std::string_view required_keys[] = {
    "schema", "responseId", "surveyId",        "status",     "answers",
    "scores", "alert",      "callbackConsent", "properties", "context"};
constexpr std::string_view optional_keys[] = {"redactions", "topics", "token", "senderKey",
                                              "contact"};
constexpr std::string_view context_keys[] = {"locale",    "pageUrl",     "startedAt",
                                             "updatedAt", "submittedAt", "durationMs"};
constexpr std::string_view score_keys[] = {"nps",           "npsCategory", "csat",
                                           "csatSatisfied", "ces",         "cesLowEffort"};
/// Reasons computed from the scores, and those the comment analysis may add (its urgency, and its
/// problem topics with a very low score: scoring.hpp).
constexpr std::string_view score_reasons[] = {"nps_detractor", "csat_low", "ces_high_effort"};
constexpr std::string_view comment_reasons[] = {
    "callback_request", "legal_threat", "cancellation",         "refund_demand", "anger",
    "delivery_delay",   "damaged_item", "wrong_or_missing_item"};
constexpr std::size_t max_reasons = std::size(score_reasons) + std::size(comment_reasons);
constexpr std::string_view redaction_kinds[] = {"email", "phone", "card", "iban", "address"};
constexpr std::size_t max_answers = 5;

template <std::size_t N>
bool one_of(std::string_view value, const std::string_view (&list)[N]) {
  for (const std::string_view item : list) {
    if (item == value) return true;
  }
  return false;
}

/// `[a-z0-9_-]{1,40}`: survey, question and option ids.
bool is_id(std::string_view text) {
  if (text.empty() || text.size() > 40) return false;
  for (const char c : text) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) return false;
  }
  return true;
}

std::optional<question_type> type_from(std::string_view name) {
  if (name == "nps") return question_type::nps;
  if (name == "csat") return question_type::csat;
  if (name == "ces") return question_type::ces;
  if (name == "choice") return question_type::choice;
  if (name == "text") return question_type::text;
  return std::nullopt;
}

int scale_min(question_type type) {
  return type == question_type::nps ? 0 : 1;
}

int scale_max(question_type type) {
  return type == question_type::nps ? 10 : type == question_type::csat ? 5 : 7;
}

/// Validation of one document; `out` collects every problem.
class checker {
 public:
  checker(const survey* definition, payload_check& result)
      : def_(definition), out_(result.problems), summary_(result.summary) {}

  void run(const json& doc) {
    for (auto it = doc.begin(); it != doc.end(); ++it) {
      if (!one_of(it.key(), required_keys) && !one_of(it.key(), optional_keys)) {
        error("payload.unknown_key", it.key(), "unknown key");
      }
    }
    for (const std::string_view key : required_keys) {
      if (!doc.contains(key)) error("payload.missing_field", std::string(key), "missing");
    }
    check_header(doc);
    const bool answers_ok = check_answers(doc);
    check_scores(doc, answers_ok);
    check_alert(doc, answers_ok);
    if (const auto it = doc.find("callbackConsent"); it != doc.end()) {
      if (it->is_boolean()) {
        summary_.callback_consent = it->get<bool>();
      } else {
        error("payload.wrong_type", "callbackConsent", "a boolean");
      }
    }
    if (const auto it = doc.find("properties"); it != doc.end()) {
      detail::check_properties(*it, "properties", "payload.bad_property", out_);
      if (it->is_object()) {
        const auto order = it->find("orderId");
        if (order != it->end()) {
          summary_.order_id =
              order->is_string() ? order->get<std::string>() : detail::write_json(*order);
        }
      }
    }
    check_context(doc);
    check_extras(doc);
    check_contact(doc);
  }

 private:
  void error(std::string code, std::string path, std::string message) {
    add_error(out_, std::move(code), std::move(path), std::move(message));
  }

  const std::string* string_at(const json& doc, const char* key) {
    const auto it = doc.find(key);
    if (it == doc.end()) return nullptr;
    if (!it->is_string()) {
      error("payload.wrong_type", key, "a string");
      return nullptr;
    }
    return &it->get_ref<const std::string&>();
  }

  void check_header(const json& doc) {
    if (const std::string* schema = string_at(doc, "schema")) {
      if (*schema != "pepite.response/1") {
        error("payload.bad_schema", "schema", "schema must be pepite.response/1");
      }
    }
    if (const std::string* id = string_at(doc, "responseId")) {
      if (detail::is_uuid(*id)) {
        summary_.response_id = *id;
      } else {
        error("payload.bad_response_id", "responseId", "a UUID (8-4-4-4-12 hex digits)");
      }
    }
    if (const std::string* id = string_at(doc, "surveyId")) {
      if (!is_id(*id)) {
        error("payload.bad_survey_id", "surveyId", "survey ids match [a-z0-9_-]{1,40}");
      } else if (def_ != nullptr && *id != def_->id) {
        error("payload.unknown_survey", "surveyId", "not the survey '" + def_->id + "'");
      } else {
        summary_.survey_id = *id;
      }
    }
    if (const std::string* status = string_at(doc, "status")) {
      if (*status == "partial" || *status == "complete") {
        summary_.status = *status;
      } else {
        error("payload.bad_status", "status", "partial or complete");
      }
    }
  }

  /// Checks every answer; fills answers_ and the scores. False when any answer is invalid.
  bool check_answers(const json& doc) {
    const auto it = doc.find("answers");
    if (it == doc.end()) return false;
    if (!it->is_array()) {
      error("payload.wrong_type", "answers", "an array");
      return false;
    }
    if (it->size() > max_answers) {
      error("payload.too_many_answers", "answers", "at most 5 answers");
      return false;
    }
    const std::size_t before = out_.size();
    std::vector<const question*> answered;
    for (std::size_t i = 0; i < it->size(); ++i) {
      check_answer((*it)[i], "answers[" + std::to_string(i) + "]", answered);
    }
    if (out_.size() != before) return false;
    if (def_ != nullptr) check_visibility(answered);
    return out_.size() == before;
  }

  void check_answer(const json& item, const std::string& path,
                    std::vector<const question*>& answered) {
    if (!item.is_object()) {
      error("payload.wrong_type", path, "an answer is an object");
      return;
    }
    for (auto key = item.begin(); key != item.end(); ++key) {
      if (key.key() != "questionId" && key.key() != "type" && key.key() != "value" &&
          key.key() != "otherText") {
        error("payload.unknown_key", path + "." + key.key(), "unknown key");
      }
    }
    const auto id_it = item.find("questionId");
    const auto type_it = item.find("type");
    const auto value_it = item.find("value");
    if (id_it == item.end() || type_it == item.end() || value_it == item.end()) {
      error("payload.missing_field", path, "an answer has questionId, type and value");
      return;
    }
    if (!id_it->is_string() || !is_id(id_it->get_ref<const std::string&>())) {
      error("payload.wrong_type", path + ".questionId", "a question id");
      return;
    }
    const std::string& id = id_it->get_ref<const std::string&>();
    if (answers_.count(id) != 0) {
      error("payload.duplicate_question", path + ".questionId", "question answered twice");
      return;
    }
    if (!type_it->is_string() || !type_from(type_it->get_ref<const std::string&>())) {
      error("payload.unknown_type", path + ".type", "nps, csat, ces, choice or text");
      return;
    }
    const question_type type = *type_from(type_it->get_ref<const std::string&>());
    const question* q = nullptr;
    if (def_ != nullptr) {
      q = def_->find(id);
      if (q == nullptr) {
        error("payload.unknown_question", path + ".questionId", "no question '" + id + "'");
        return;
      }
      if (q->type != type) {
        error("payload.type_mismatch", path + ".type",
              "question '" + id + "' is of type " + std::string(to_string(q->type)));
        return;
      }
      answered.push_back(q);
    }
    answer_value value;
    const json& v = *value_it;
    const std::string value_path = path + ".value";
    bool other_selected = false;
    switch (type) {
      case question_type::nps:
      case question_type::csat:
      case question_type::ces: {
        if (!v.is_number_integer()) {
          error("payload.wrong_type", value_path, "a scale answer is an integer");
          return;
        }
        const bool in_range = (!v.is_number_unsigned() || v.get<std::uint64_t>() <= 100) &&
                              v.get<std::int64_t>() >= scale_min(type) &&
                              v.get<std::int64_t>() <= scale_max(type);
        if (!in_range) {
          error("payload.out_of_range", value_path, "score out of range");
          return;
        }
        value.score = static_cast<int>(v.get<std::int64_t>());
        record_score(type, *value.score);
        break;
      }
      case question_type::choice: {
        const bool multiple = v.is_array();
        if (!v.is_string() && !multiple) {
          error("payload.wrong_type", value_path, "an option id or an array of them");
          return;
        }
        if (q != nullptr && q->multiple != multiple) {
          error("payload.wrong_type", value_path,
                q->multiple ? "an array of option ids" : "a single option id");
          return;
        }
        if (multiple && (v.empty() || v.size() > 13)) {
          error("payload.wrong_type", value_path, "1 to 13 option ids");
          return;
        }
        std::vector<const json*> items;
        if (multiple) {
          for (const json& one : v) items.push_back(&one);
        } else {
          items.push_back(&v);
        }
        for (std::size_t j = 0; j < items.size(); ++j) {
          const std::string item_path =
              multiple ? value_path + "[" + std::to_string(j) + "]" : value_path;
          if (!items[j]->is_string() || !is_id(items[j]->get_ref<const std::string&>())) {
            error("payload.wrong_type", item_path, "an option id");
            return;
          }
          const std::string& option = items[j]->get_ref<const std::string&>();
          for (const std::string& seen : value.selected) {
            if (seen == option) {
              error("payload.duplicate_option", item_path, "option given twice");
              return;
            }
          }
          if (option == "other") {
            other_selected = true;
            if (q != nullptr && !q->has_other) {
              error("payload.other_not_allowed", item_path, "question has no 'other' option");
              return;
            }
          } else if (q != nullptr) {
            bool known = false;
            for (const choice_option& o : q->options) known = known || o.id == option;
            if (!known) {
              error("payload.unknown_option", item_path, "no option '" + option + "'");
              return;
            }
          }
          value.selected.push_back(option);
        }
        break;
      }
      case question_type::text: {
        if (!v.is_string()) {
          error("payload.wrong_type", value_path, "a text answer is a string");
          return;
        }
        const std::string& words = v.get_ref<const std::string&>();
        const std::size_t limit =
            q != nullptr ? static_cast<std::size_t>(q->max_length) : detail::max_text_chars;
        if (words.empty()) {
          error("payload.empty_answer", value_path, "an empty text is no answer");
          return;
        }
        if (detail::code_points(words) > limit) {
          error("payload.too_long", value_path, "at most " + std::to_string(limit) + " characters");
          return;
        }
        value.text = words;
        if (!summary_.comment.empty()) summary_.comment += "\n\n";
        summary_.comment += words;
        break;
      }
    }
    if (const auto other = item.find("otherText"); other != item.end()) {
      if (!other_selected) {
        error("payload.unexpected_other_text", path + ".otherText", "only with 'other' selected");
        return;
      }
      if (!other->is_string()) {
        error("payload.wrong_type", path + ".otherText", "a string");
        return;
      }
      if (detail::code_points(other->get_ref<const std::string&>()) >
          detail::max_other_text_chars) {
        error("payload.too_long", path + ".otherText", "at most 200 characters");
        return;
      }
      value.other_text = other->get<std::string>();
    }
    answers_[id] = std::move(value);
  }

  void record_score(question_type type, int value) {
    // Without a definition the first answer of each type counts, as the engine writes them in
    // definition order (scoring.hpp).
    std::optional<int>& slot = type == question_type::nps    ? loose_scores_.nps
                               : type == question_type::csat ? loose_scores_.csat
                                                             : loose_scores_.ces;
    if (!slot) slot = value;
  }

  /// With a definition: no answer to a hidden question, every shown required one answered
  /// when complete.
  void check_visibility(const std::vector<const question*>& answered) {
    for (std::size_t i = 0; i < answered.size(); ++i) {
      const question& q = *answered[i];
      if (q.show_if && !evaluate(*q.show_if, answers_)) {
        error("payload.hidden_answer", "answers[" + std::to_string(i) + "].questionId",
              "question '" + q.id + "' is not shown for these answers");
      }
    }
    if (summary_.status != "complete") return;
    for (const question& q : def_->questions) {
      if (!q.required || answers_.count(q.id) != 0) continue;
      if (q.show_if && !evaluate(*q.show_if, answers_)) continue;
      error("payload.missing_required", "answers", "required question '" + q.id + "' unanswered");
    }
  }

  scores expected_scores() const {
    return def_ != nullptr ? collect_scores(*def_, answers_) : loose_scores_;
  }

  void check_scores(const json& doc, bool answers_ok) {
    const auto it = doc.find("scores");
    if (it == doc.end()) return;
    if (!it->is_object()) {
      error("payload.wrong_type", "scores", "an object");
      return;
    }
    for (auto key = it->begin(); key != it->end(); ++key) {
      if (!one_of(key.key(), score_keys)) {
        error("payload.unknown_key", "scores." + key.key(), "unknown key");
      }
    }
    const scores s = expected_scores();
    const json expected = detail::scores_to_json(s);
    for (const std::string_view key : score_keys) {
      const std::string path = "scores." + std::string(key);
      const auto value = it->find(key);
      if (value == it->end()) {
        error("payload.missing_field", path, "missing");
      } else if (!value->is_null() && !value->is_number_integer() && !value->is_boolean() &&
                 !value->is_string()) {
        error("payload.wrong_type", path, "null, an integer, a boolean or a category");
      } else if (answers_ok && *value != expected[std::string(key)]) {
        error("payload.score_mismatch", path,
              "does not match the answers: expected " +
                  detail::write_json(expected[std::string(key)]));
      }
    }
    summary_.nps = s.nps;
    summary_.csat = s.csat;
    summary_.ces = s.ces;
    if (s.nps) summary_.category = std::string(to_string(categorize_nps(*s.nps)));
  }

  void check_alert(const json& doc, bool answers_ok) {
    const auto it = doc.find("alert");
    if (it == doc.end() || it->is_null()) {
      if (it != doc.end()) compare_alert(nullptr, "", {}, answers_ok);
      return;
    }
    if (!it->is_object()) {
      error("payload.wrong_type", "alert", "null or an object");
      return;
    }
    for (auto key = it->begin(); key != it->end(); ++key) {
      if (key.key() != "priority" && key.key() != "reasons") {
        error("payload.unknown_key", "alert." + key.key(), "unknown key");
      }
    }
    const auto priority = it->find("priority");
    const auto reasons = it->find("reasons");
    if (priority == it->end() || !priority->is_string() ||
        (*priority != "high" && *priority != "normal")) {
      error("payload.bad_alert", "alert.priority", "high or normal");
      return;
    }
    if (reasons == it->end() || !reasons->is_array() || reasons->empty() ||
        reasons->size() > max_reasons) {
      error("payload.bad_alert", "alert.reasons", "1 to 11 reason ids");
      return;
    }
    std::vector<std::string> list;
    for (std::size_t i = 0; i < reasons->size(); ++i) {
      const json& reason = (*reasons)[i];
      const std::string path = "alert.reasons[" + std::to_string(i) + "]";
      if (!reason.is_string() || (!one_of(reason.get_ref<const std::string&>(), score_reasons) &&
                                  !one_of(reason.get_ref<const std::string&>(), comment_reasons))) {
        error("payload.bad_alert", path, "unknown reason");
        return;
      }
      for (const std::string& seen : list) {
        if (seen == reason.get_ref<const std::string&>()) {
          error("payload.bad_alert", path, "reason given twice");
          return;
        }
      }
      list.push_back(reason.get<std::string>());
    }
    compare_alert(&*it, priority->get<std::string>(), list, answers_ok);
  }

  /// With a definition the score reasons must be exactly the recomputed ones; comment reasons may
  /// add to them (issue 7). The priority is the client's view of the tier: an endpoint settles it
  /// again (reanalyse_payload()), so a widget built before the tiers of issue 16 (`high` for every
  /// NPS <= 3) is still accepted.
  void compare_alert(const json* given, const std::string& priority,
                     const std::vector<std::string>& reasons, bool answers_ok) {
    if (given != nullptr) {
      summary_.alert = true;
      summary_.alert_priority = priority;
      for (const std::string& reason : reasons) {
        if (!summary_.alert_reasons.empty()) summary_.alert_reasons += ',';
        summary_.alert_reasons += reason;
      }
    }
    if (def_ == nullptr || !answers_ok) return;
    const alert expected = compute_alert(def_->alerts, expected_scores());
    std::vector<std::string> given_score_reasons;
    for (const std::string& reason : reasons) {
      if (one_of(reason, score_reasons)) given_score_reasons.push_back(reason);
    }
    if (given == nullptr) {
      if (expected.raised) error("payload.alert_mismatch", "alert", "an alert is expected");
      return;
    }
    if (given_score_reasons != expected.reasons) {
      error("payload.alert_mismatch", "alert.reasons", "score reasons do not match the answers");
    }
  }

  std::optional<std::int64_t> timestamp(const json& context, const char* key, bool nullable) {
    const std::string path = std::string("context.") + key;
    const auto it = context.find(key);
    if (it == context.end()) return std::nullopt;
    if (nullable && it->is_null()) return std::nullopt;
    if (!it->is_string()) {
      error("payload.bad_timestamp", path, "an ISO 8601 UTC time with ms");
      return std::nullopt;
    }
    auto ms = detail::parse_iso_ms(it->get_ref<const std::string&>());
    if (!ms) error("payload.bad_timestamp", path, "an ISO 8601 UTC time with ms");
    return ms;
  }

  void check_context(const json& doc) {
    const auto it = doc.find("context");
    if (it == doc.end()) return;
    if (!it->is_object()) {
      error("payload.wrong_type", "context", "an object");
      return;
    }
    const json& context = *it;
    for (auto key = context.begin(); key != context.end(); ++key) {
      if (!one_of(key.key(), context_keys)) {
        error("payload.unknown_key", "context." + key.key(), "unknown key");
      }
    }
    for (const std::string_view key : context_keys) {
      if (!context.contains(key)) {
        error("payload.missing_field", "context." + std::string(key), "missing");
      }
    }
    if (const auto locale = context.find("locale"); locale != context.end()) {
      if (!locale->is_string() || !detail::is_locale_tag(locale->get_ref<const std::string&>())) {
        error("payload.bad_locale", "context.locale", "a locale tag such as fr or fr-CA");
      } else {
        summary_.locale = locale->get<std::string>();
      }
    }
    if (const auto url = context.find("pageUrl"); url != context.end()) {
      if (!url->is_string()) {
        error("payload.bad_url", "context.pageUrl", "a string");
      } else {
        const std::string& text = url->get_ref<const std::string&>();
        if (text.find_first_of("?#") != std::string::npos) {
          error("payload.bad_url", "context.pageUrl", "no query string or fragment");
        } else if (detail::code_points(text) > detail::max_page_url_chars) {
          error("payload.bad_url", "context.pageUrl", "at most 2000 characters");
        }
      }
    }
    const auto started = timestamp(context, "startedAt", false);
    const auto updated = timestamp(context, "updatedAt", false);
    const auto submitted = timestamp(context, "submittedAt", true);
    const auto submitted_it = context.find("submittedAt");
    if (submitted_it != context.end() && !summary_.status.empty()) {
      if (summary_.status == "complete" && submitted_it->is_null()) {
        error("payload.bad_timestamp", "context.submittedAt", "a complete payload is submitted");
      } else if (summary_.status == "partial" && !submitted_it->is_null()) {
        error("payload.bad_timestamp", "context.submittedAt", "a partial payload is not submitted");
      }
    }
    if (started && updated && *started > *updated) {
      error("payload.bad_time_order", "context.updatedAt", "updatedAt is before startedAt");
    }
    if (submitted && started && updated && (*submitted < *started || *submitted > *updated)) {
      error("payload.bad_time_order", "context.submittedAt", "between startedAt and updatedAt");
    }
    if (const auto duration = context.find("durationMs"); duration != context.end()) {
      const bool integer = duration->is_number_integer();
      const bool negative =
          integer && !duration->is_number_unsigned() && duration->get<std::int64_t>() < 0;
      if (!integer || negative) {
        error("payload.bad_duration", "context.durationMs", "an integer >= 0");
      } else if (started && updated && *updated >= *started &&
                 duration->get<std::uint64_t>() > static_cast<std::uint64_t>(*updated - *started)) {
        error("payload.bad_duration", "context.durationMs", "longer than updatedAt - startedAt");
      }
    }
    if (submitted) {
      summary_.submitted_at = submitted_it->get<std::string>();
    } else if (updated) {
      summary_.submitted_at = context.find("updatedAt")->get<std::string>();
    }
  }

  /// The comment analysis' optional keys: kinds and counts of redacted data, topic ids.
  /// An optional string that `valid` accepts, read into `*out`.
  void credential(const json& doc, const char* key, bool (*valid)(std::string_view),
                  const char* code, const char* hint, std::string* out) {
    const auto it = doc.find(key);
    if (it == doc.end()) return;
    if (it->is_string() && valid(it->get_ref<const std::string&>())) {
      *out = it->get<std::string>();
    } else {
      error(code, key, hint);
    }
  }

  void check_extras(const json& doc) {
    credential(doc, "token", detail::is_order_token, "payload.bad_token", detail::order_token_hint,
               &summary_.token);
    credential(doc, "senderKey", detail::is_sender_key, "payload.bad_sender_key",
               detail::sender_key_hint, &summary_.sender_key);
    if (const auto it = doc.find("redactions"); it != doc.end()) {
      if (!it->is_object()) {
        error("payload.wrong_type", "redactions", "an object kind -> count");
      } else {
        for (auto kind = it->begin(); kind != it->end(); ++kind) {
          const json& count = kind.value();
          const bool valid_count = count.is_number_unsigned() ||
                                   (count.is_number_integer() && count.get<std::int64_t>() >= 0);
          if (!one_of(kind.key(), redaction_kinds) || !valid_count) {
            error("payload.bad_redactions", "redactions." + kind.key(),
                  "email, phone, card, iban or address -> count >= 0");
          }
        }
      }
    }
    if (const auto it = doc.find("topics"); it != doc.end()) {
      if (!it->is_array() || it->size() > max_topics) {
        error("payload.wrong_type", "topics", "an array of at most 16 topic ids");
        return;
      }
      for (std::size_t i = 0; i < it->size(); ++i) {
        if (!(*it)[i].is_string() || !is_id((*it)[i].get_ref<const std::string&>())) {
          error("payload.wrong_type", "topics[" + std::to_string(i) + "]", "a topic id");
        }
      }
    }
  }

  /// The call-back contact the shopper gave with their consent (issue 16): kept apart from the
  /// texts, never redacted, present only with `callbackConsent: true`.
  void check_contact(const json& doc) {
    const auto it = doc.find("contact");
    if (it == doc.end()) return;
    if (!it->is_object() || it->size() != 2 || !it->contains("channel") || !it->contains("value")) {
      error("payload.bad_contact", "contact", "an object {channel, value}");
      return;
    }
    const json& channel = (*it)["channel"];
    const json& value = (*it)["value"];
    if (!channel.is_string() || (channel != "phone" && channel != "email")) {
      error("payload.bad_contact", "contact.channel", "phone or email");
      return;
    }
    if (!value.is_string() ||
        !detail::is_contact(channel == "phone", value.get_ref<const std::string&>())) {
      error("payload.bad_contact", "contact.value",
            channel == "phone" ? "a phone number: 6 to 20 digits, with + ( ) . - and spaces"
                               : "an e-mail address: text@domain.tld, at most 254 characters");
      return;
    }
    const auto consent = doc.find("callbackConsent");
    if (consent == doc.end() || *consent != true) {
      error("payload.contact_without_consent", "contact",
            "a contact is sent only with callbackConsent: true");
    }
  }

  const survey* def_;
  issues& out_;
  payload_summary& summary_;
  answer_map answers_;
  scores loose_scores_;
};

json report_json(const issues& problems) {
  json out = json::object();
  out["ok"] = no_errors(problems);
  out["errors"] = detail::issues_array(problems, severity::error);
  out["warnings"] = detail::issues_array(problems, severity::warning);
  return out;
}

}  // namespace

namespace detail {

json read_payload(std::string_view payload_json, issues& problems) {
  // Size and depth first: a hostile document is refused before nlohmann builds (and later
  // recursively destroys) anything from it.
  if (payload_json.size() > max_payload_bytes) {
    add_error(problems, "payload.too_large", "", "a payload has at most 32 KB");
    return json(json::value_t::discarded);
  }
  if (json_depth(payload_json, max_payload_depth) > max_payload_depth) {
    add_error(problems, "payload.too_deep", "", "a payload is nested at most 16 deep");
    return json(json::value_t::discarded);
  }
  read_failure why = read_failure::none;
  json doc = read_json(payload_json, &why);
  if (why == read_failure::duplicate_key) {
    add_error(problems, "payload.duplicate_key", "",
              "a name appears twice in one object of the payload");
    return json(json::value_t::discarded);
  }
  if (doc.is_discarded()) {
    add_error(problems, "payload.not_json", "", "a payload is JSON");
    return doc;
  }
  if (!doc.is_object()) {
    add_error(problems, "payload.not_object", "", "a payload is a JSON object");
    return json(json::value_t::discarded);
  }
  return doc;
}

void check_payload_document(const json& doc, const survey* definition, payload_check& result) {
  checker(definition, result).run(doc);
}

}  // namespace detail

payload_check check_payload(std::string_view payload_json, const survey* definition) {
  payload_check result;
  const json doc = detail::read_payload(payload_json, result.problems);
  if (!doc.is_discarded()) detail::check_payload_document(doc, definition, result);
  return result;
}

std::string validate_payload_json(std::string_view payload_json, std::string_view definition_json) {
  if (definition_json.empty())
    return detail::write_json(report_json(check_payload(payload_json, nullptr).problems));
  const definition_result def = parse_definition(definition_json);
  if (!def.ok()) return detail::write_json(report_json(def.problems));
  return detail::write_json(report_json(check_payload(payload_json, &def.value).problems));
}

std::string validate_definition_json(std::string_view definition_json) {
  return detail::write_json(report_json(parse_definition(definition_json).problems));
}

}  // namespace pepite
