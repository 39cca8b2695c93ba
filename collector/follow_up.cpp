// "Is it solved?": see follow_up.hpp.
#include "follow_up.hpp"

#include <cstdio>

namespace pepite::collector {

namespace {

constexpr std::size_t max_survey_id = 40;

json texts(const char* fr, const char* en) {
  json t = json::object();
  t["fr"] = fr;
  t["en"] = en;
  return t;
}

json option(const char* id, const char* fr, const char* en) {
  json o = json::object();
  o["id"] = id;
  o["label"] = texts(fr, en);
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
  // Written in French and English: the base's default language when it is one of them.
  const std::string base_default = base.definition.default_locale.substr(0, 2);
  d["defaultLocale"] = base_default == "fr" ? "fr" : "en";
  d["locales"] = json::array({"fr", "en"});
  d["display"] = "card";
  json solved = json::object();
  solved["id"] = "solved";
  solved["type"] = "choice";
  solved["required"] = true;
  solved["text"] = texts("Votre problème est-il résolu ?", "Is your problem solved?");
  solved["options"] =
      json::array({option("yes", "Oui", "Yes"), option("partly", "En partie", "Partly"),
                   option("no", "Non", "No")});
  json comment = json::object();
  comment["id"] = "comment";
  comment["type"] = "text";
  comment["maxLength"] = 1000;
  comment["text"] = texts("Un commentaire ?", "Anything to add?");
  json nps = json::object();
  nps["id"] = "nps";
  nps["type"] = "nps";
  nps["required"] = true;
  const json asked = base_nps_question(source);
  const auto wording = [&](const char* key, json fallback) {
    return asked.is_object() && asked.contains(key) ? asked[key] : fallback;
  };
  nps["text"] = wording("text", texts("Recommanderiez-vous notre boutique à un proche ?",
                                      "How likely are you to recommend our shop to a friend?"));
  nps["lowLabel"] = wording("lowLabel", texts("Pas du tout probable", "Not at all likely"));
  nps["highLabel"] = wording("highLabel", texts("Très probable", "Extremely likely"));
  d["questions"] = json::array({solved, comment, nps});
  json thanks = json::object();
  thanks["title"] = texts("Merci !", "Thank you!");
  thanks["body"] = texts("Votre réponse nous aide à mieux traiter chaque demande.",
                         "Your answer helps us handle every request better.");
  d["thankYou"] = json::object();
  d["thankYou"]["default"] = thanks;
  // No alert: the answer is attached to the case it follows, which says how it ended.
  json alerts = json::object();
  alerts["npsMax"] = -1;
  alerts["csatMax"] = -1;
  alerts["cesMax"] = -1;
  d["alerts"] = alerts;
  if (source.is_object() && source.contains("theme")) d["theme"] = source["theme"];
  return dump(d);
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
