// "Is it solved?": see follow_up.hpp.
#include "follow_up.hpp"

#include <cstdio>

#include "detail/ui_strings.hpp"
#include "page_text.hpp"

namespace pepite::collector {

namespace {

constexpr std::size_t max_survey_id = 40;

// One text of the page table in each of the twelve languages, keyed as definitions key them.
json texts(const char* page_text::*field) {
  json t = json::object();
  for (const page_text* p = page_texts_begin(); p != page_texts_end(); ++p) {
    t[std::string(definition_language(*p))] = p->*field;
  }
  return t;
}

// A built-in UI string of the core in each of the twelve languages.
json core_texts(std::string_view key) {
  json t = json::object();
  for (const page_text* p = page_texts_begin(); p != page_texts_end(); ++p) {
    const std::string_view language = definition_language(*p);
    t[std::string(language)] = std::string(detail::builtin_ui(key, language));
  }
  return t;
}

json option(const char* id, const char* page_text::*label) {
  json o = json::object();
  o["id"] = id;
  o["label"] = texts(label);
  return o;
}

// The base's NPS question, when it has one: its wording is asked again, word for word.
json base_nps_question(const json& base) {
  if (!base.is_object() || !base.contains("questions") || !base["questions"].is_array()) {
    return nullptr;
  }
  for (const json& q : base["questions"]) {
    if (q.is_object() && q.value("type", std::string()) == "nps") return q;
  }
  return nullptr;
}

}  // namespace

std::string follow_up_id(std::string_view survey_id) {
  if (is_follow_up_id(survey_id)) return {};
  std::string id = std::string(survey_id) + std::string(follow_up_suffix);
  return id.size() <= max_survey_id ? id : std::string();
}

std::string follow_up_definition(const survey_entry& base) {
  const json source = json::parse(base.json, nullptr, false);
  json d = json::object();
  d["schema"] = "pepite.survey/1";
  d["id"] = follow_up_id(base.definition.id);
  // Written in the card's twelve languages; the base's default language when it is one of them.
  const page_text* base_default = page_text_of(base.definition.default_locale);
  d["defaultLocale"] = base_default ? std::string(definition_language(*base_default)) : "en";
  d["locales"] = json::array();
  for (const page_text* p = page_texts_begin(); p != page_texts_end(); ++p) {
    d["locales"].push_back(std::string(definition_language(*p)));
  }
  d["display"] = "card";
  json solved = json::object();
  solved["id"] = "solved";
  solved["type"] = "choice";
  solved["required"] = true;
  solved["text"] = texts(&page_text::solved_question);
  solved["options"] = json::array({option("yes", &page_text::option_yes),
                                   option("partly", &page_text::option_partly),
                                   option("no", &page_text::option_no)});
  json comment = json::object();
  comment["id"] = "comment";
  comment["type"] = "text";
  comment["maxLength"] = 1000;
  comment["text"] = texts(&page_text::comment_question);
  json nps = json::object();
  nps["id"] = "nps";
  nps["type"] = "nps";
  nps["required"] = true;
  // The base's wording, word for word, in the languages it has; ours in the others, and the
  // core's own scale labels (its built-in npsLow, npsHigh) where the base has none.
  const json asked = base_nps_question(source);
  const auto merged = [&](const char* key, json ours) {
    if (!asked.is_object() || !asked.contains(key)) return ours;
    const json& theirs = asked[key];
    if (theirs.is_string()) {
      ours[d["defaultLocale"].get<std::string>()] = theirs;
    } else if (theirs.is_object()) {
      for (const auto& [locale, value] : theirs.items()) ours[locale] = value;
    }
    return ours;
  };
  nps["text"] = merged("text", texts(&page_text::nps_question));
  nps["lowLabel"] = merged("lowLabel", core_texts("npsLow"));
  nps["highLabel"] = merged("highLabel", core_texts("npsHigh"));
  d["questions"] = json::array({solved, comment, nps});
  // No alert: the answer is attached to the case it follows, which says how it ended.
  json alerts = json::object();
  alerts["npsMax"] = -1;
  alerts["csatMax"] = -1;
  alerts["cesMax"] = -1;
  d["alerts"] = alerts;
  if (source.is_object() && source.contains("theme")) d["theme"] = source["theme"];
  return dump(d);
}

std::string follow_up_due(app& a, const std::string& survey_id, const std::string& order_id) {
  const std::string follow_id = follow_up_id(survey_id);
  if (follow_id.empty() || a.surveys.count(follow_id) == 0) return {};
  if (!a.db->order_answered(survey_id, order_id)) return {};
  const auto base = a.db->order_case(survey_id, order_id);
  if (!base || base->response.follow_up != "resolved" || a.db->follow_up_of(base->response)) {
    return {};
  }
  return follow_id;
}

void add_follow_up_surveys(app& a) {
  std::vector<std::pair<std::string, survey_entry>> added;
  for (const auto& [id, entry] : a.surveys) {
    const std::string follow_id = follow_up_id(id);
    if (follow_id.empty() || a.surveys.count(follow_id) != 0) continue;
    std::string text = follow_up_definition(entry);
    auto parsed = pepite::parse_definition(text);
    if (!parsed.ok()) {
      std::fprintf(stderr, "follow-up survey %s: %s\n", follow_id.c_str(),
                   pepite::issues_to_json(parsed.problems).c_str());
      continue;
    }
    added.emplace_back(follow_id, survey_entry{std::move(parsed.value), std::move(text),
                                               default_callback_delay_hours});
  }
  for (auto& [id, entry] : added) {
    std::printf("survey %s: \"is it solved?\" after %s\n", id.c_str(),
                id.substr(0, id.size() - follow_up_suffix.size()).c_str());
    a.surveys.emplace(id, std::move(entry));
  }
}

resolution_answer read_resolution(std::string_view payload_json, std::string answered_at) {
  resolution_answer r;
  r.answered_at = std::move(answered_at);
  const json payload = json::parse(payload_json, nullptr, false);
  if (!payload.is_object() || !payload.contains("answers") || !payload["answers"].is_array()) {
    return r;
  }
  for (const json& a : payload["answers"]) {
    if (!a.is_object()) continue;
    const std::string id = a.value("questionId", std::string());
    const json value = a.value("value", json(nullptr));
    if (id == "solved") {
      // A single choice: its option id (a list of one, from an older shell, is read the same).
      if (value.is_string()) r.answer = value.get<std::string>();
      if (value.is_array() && value.size() == 1 && value[0].is_string())
        r.answer = value[0].get<std::string>();
      if (r.answer != "yes" && r.answer != "partly" && r.answer != "no") r.answer.clear();
    } else if (id == "comment" && value.is_string()) {
      r.comment = value.get<std::string>();
    } else if (id == "nps" && value.is_number_integer()) {
      r.nps = value.get<int>();
    }
  }
  return r;
}

json resolution_json(const resolution_answer& r) {
  json j = json::object();
  j["answer"] = r.answer.empty() ? json(nullptr) : json(r.answer);
  j["comment"] = r.comment.empty() ? json(nullptr) : json(r.comment);
  j["npsAfter"] = r.nps ? json(*r.nps) : json(nullptr);
  j["answeredAt"] = r.answered_at;
  return j;
}

}  // namespace pepite::collector
