// The engine's views and score summaries, in the shape docs/contracts.md gives.
#include "detail/engine_view.hpp"

#include <cstdint>
#include <utility>

#include "detail/comment_options.hpp"
#include "detail/payload_build.hpp"
#include "detail/payload_rules.hpp"
#include "detail/ui_strings.hpp"
#include "pepite/scoring.hpp"

namespace pepite::detail {

using json = nlohmann::ordered_json;

namespace {

std::string localize(const engine_data& d, const text& value) {
  return resolve(value, d.locale, d.def.default_locale);
}

/// A definition `ui` override, else the language's built-in string (from this build or given by
/// the shell in `uiStrings`), else the English one.
std::string ui_text(const engine_data& d, std::string_view key) {
  const auto found = d.def.ui.find(std::string(key));
  if (found != d.def.ui.end() && !found->second.empty()) return localize(d, found->second);
  const std::string_view language = ui_language(d.locale);
  if (ui_built_in(language)) return std::string(builtin_ui(key, language));
  const auto given = d.ui_strings.find(std::string(language));
  return std::string(given != d.ui_strings.end() ? ui_pack_text(given->second, key)
                                                 : builtin_ui(key, "en"));
}

std::string label_or(const engine_data& d, const text& value, std::string_view builtin_key) {
  return value.empty() ? ui_text(d, builtin_key) : localize(d, value);
}

/// `{delay}` replaced by the screen's promised delay (or nothing).
std::string with_delay(const engine_data& d, std::string words, const thank_you* screen) {
  const std::string delay = screen ? localize(d, screen->callback_delay) : std::string();
  const std::size_t at = words.find("{delay}");
  return at == std::string::npos ? words : words.replace(at, 7, delay);
}

/// A field's error in the view: `{code, message}` with the message from UI key `key`, or null
/// when `code` is empty.
json error_json(const engine_data& d, const std::string& code, std::string_view key) {
  if (code.empty()) return nullptr;
  return {{"code", code}, {"message", ui_text(d, key)}};
}

json question_json(const engine_data& d, const question& q) {
  json out = json::object();
  out["id"] = q.id;
  out["type"] = std::string(to_string(q.type));
  out["text"] = localize(d, q.label);
  out["required"] = q.required;
  const auto found = d.answers.find(q.id);
  const answer_value* answer = found == d.answers.end() ? nullptr : &found->second;
  switch (q.type) {
    case question_type::nps:
    case question_type::csat:
    case question_type::ces: {
      const std::string prefix(to_string(q.type));
      out["min"] = q.min();
      out["max"] = q.max();
      out["lowLabel"] = label_or(d, q.low_label, prefix + "Low");
      out["highLabel"] = label_or(d, q.high_label, prefix + "High");
      if (q.type == question_type::csat) out["style"] = q.style.empty() ? "stars" : q.style;
      out["value"] = answer && answer->score ? json(*answer->score) : json(nullptr);
      break;
    }
    case question_type::choice: {
      out["multiple"] = q.multiple;
      json options = json::array();
      for (const choice_option& option : q.options) {
        options.push_back({{"id", option.id}, {"label", localize(d, option.label)}});
      }
      out["options"] = std::move(options);
      out["other"] = q.has_other ? json{{"label", label_or(d, q.other_label, "other")},
                                        {"maxLength", max_other_text_chars}}
                                 : json(nullptr);
      if (q.multiple) {
        json ids = json::array();
        if (answer) {
          for (const std::string& id : answer->selected) ids.push_back(id);
        }
        out["value"] = std::move(ids);
      } else {
        out["value"] =
            answer && !answer->selected.empty() ? json(answer->selected.front()) : json(nullptr);
      }
      out["otherText"] = answer ? answer->other_text : std::string();
      break;
    }
    case question_type::text:
      out["maxLength"] = q.max_length;
      out["placeholder"] = localize(d, q.placeholder);
      out["value"] = answer ? answer->text : std::string();
      break;
  }
  const auto error = d.errors.find(q.id);
  const std::string code = error != d.errors.end() ? error->second : std::string();
  out["error"] =
      error_json(d, code, code == "answer.too_long" ? "responseTooLong" : "requiredError");
  return out;
}

json thank_you_json(const engine_data& d) {
  const scores s = collect_scores(d.def, d.answers);
  const thank_you* screen = thank_you_screen(d);
  json out = json::object();
  out["outcome"] = outcome_of(s);
  out["title"] =
      screen && !screen->title.empty() ? localize(d, screen->title) : ui_text(d, "thanksTitle");
  if (screen == nullptr) {
    out["body"] = ui_text(d, "thanksBody");
  } else {
    out["body"] = screen->body.empty() ? json(nullptr) : json(localize(d, screen->body));
  }
  if (screen && screen->link) {
    const thank_you_link& link = *screen->link;
    out["link"] = {{"url", link.url}, {"label", localize(d, link.label)}, {"kind", link.kind}};
  } else {
    out["link"] = nullptr;
  }
  // A commitment once consent was given before sending (issue 16), nothing otherwise.
  out["callback"] = callback_given(d) ? json(with_delay(d, ui_text(d, "callbackPromise"), screen))
                                      : json(nullptr);
  return out;
}

/// The call-back offer on the step before sending (issue 16): the checkbox's words, the consent,
/// once ticked the channel and contact fields, and the contact's error.
json callback_json(const engine_data& d) {
  json out = json::object();
  out["label"] = with_delay(d, ui_text(d, "callbackOffer"), thank_you_screen(d));
  out["value"] = d.consent;
  out["channel"] = d.consent ? json(d.channel) : json(nullptr);
  out["error"] = error_json(d, d.contact_error, "contactError");
  return out;
}

}  // namespace

bool offers_callback(const engine_data& d) {
  const thank_you* screen = thank_you_screen(d);
  return screen != nullptr && screen->callback_consent;
}

bool callback_given(const engine_data& d) {
  return d.consent && offers_callback(d) && is_contact(d.channel == "phone", d.contact);
}

const comment_analysis& comments_of(const engine_data& d) {
  static const comment_analysis none;
  static const comment_analysis pending = [] {
    comment_analysis out;
    out.available = false;
    return out;
  }();
  const comment_request request = comment_request_of(d.def, d.answers);
  if (request.texts.empty()) return none;
  return request.texts == d.analysed_texts ? d.analysis : pending;
}

std::string analysis_id(const std::vector<std::string>& texts) {
  std::uint64_t hash = 14695981039346656037ull;
  const auto mix = [&](unsigned char byte) {
    hash ^= byte;
    hash *= 1099511628211ull;
  };
  for (const std::string& text : texts) {
    for (const char c : text) mix(static_cast<unsigned char>(c));
    mix(0);  // "ab","c" and "a","bc" differ
  }
  static const char digits[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, hash >>= 4) out[static_cast<std::size_t>(i)] = digits[hash & 15];
  return out;
}

std::vector<const question*> visible_questions(const engine_data& d) {
  std::vector<const question*> out;
  for (const question& q : d.def.questions) {
    if (!q.show_if || evaluate(*q.show_if, d.answers)) out.push_back(&q);
  }
  return out;
}

const thank_you* thank_you_screen(const engine_data& d) {
  const std::string outcome = outcome_of(collect_scores(d.def, d.answers));
  auto found = d.def.thank_you_screens.find(outcome);
  if (found == d.def.thank_you_screens.end()) found = d.def.thank_you_screens.find("default");
  return found == d.def.thank_you_screens.end() ? nullptr : &found->second;
}

json score_json(const engine_data& d) {
  const scores s = collect_scores(d.def, d.answers);
  const comment_analysis& comments = comments_of(d);
  json out = json::object();
  out["nps"] = s.nps ? json(*s.nps) : json(nullptr);
  out["category"] = s.nps ? json(std::string(to_string(categorize_nps(*s.nps)))) : json(nullptr);
  out["csat"] = s.csat ? json(*s.csat) : json(nullptr);
  out["ces"] = s.ces ? json(*s.ces) : json(nullptr);
  out["alert"] = alert_to_json(response_alert(d.def, s, comments));
  json topics = json::array();
  for (const std::string& topic : comments.topics) topics.push_back(topic);
  out["topics"] = std::move(topics);
  return out;
}

json build_view(const engine_data& d) {
  const bool active = d.phase == engine_phase::active;
  const bool steps = d.def.display == "steps";
  const std::vector<const question*> shown = visible_questions(d);

  std::size_t step = 0;
  if (steps) {
    while (step < shown.size() && shown[step]->id != d.current) ++step;
    if (step == shown.size()) step = 0;
  }
  const std::size_t step_count = steps ? shown.size() : 1;

  json questions = json::array();
  if (d.phase != engine_phase::finished) {
    if (steps) {
      if (!shown.empty()) questions.push_back(question_json(d, *shown[step]));
    } else {
      for (const question* q : shown) questions.push_back(question_json(d, *q));
    }
  }

  json ui = json::object();
  for (const std::string_view* key = ui_keys_begin(); key != ui_keys_end(); ++key) {
    ui[std::string(*key)] = ui_text(d, *key);
  }
  for (const auto& [key, value] : d.def.ui) {
    if (!ui.contains(key)) ui[key] = localize(d, value);
  }

  json out = json::object();
  out["surveyId"] = d.def.id;
#ifndef __EMSCRIPTEN__
  // Which definition this view came from (issue 19): natively, where first views are computed
  // ahead of time. The shopper's wasm leaves it out (size budget): the shell compares the
  // precomputed view with the core's own, this member set aside.
  out["definitionHash"] = d.def.definition_hash;
#endif
  out["responseId"] = d.response_id;
  out["locale"] = d.locale;
  out["dir"] = is_rtl(d.locale) ? "rtl" : "ltr";
  // The language whose strings this build lacks (issue 20): the shell fetches its
  // pepite-ui-<language>.json and starts again with it in the `uiStrings` option.
  const std::string_view language = ui_language(d.locale);
  const bool missing =
      !language.empty() && !ui_built_in(language) && d.ui_strings.count(std::string(language)) == 0;
  out["uiPack"] = missing ? json(std::string(language)) : json(nullptr);
  out["state"] = active ? "active" : d.phase == engine_phase::finished ? "finished" : "dismissed";
  out["step"] = step;
  out["stepCount"] = step_count;
  out["canBack"] = active && steps && step > 0;
  out["canNext"] = active && steps && step + 1 < step_count;
  out["canSubmit"] = active && (!steps || step + 1 >= step_count);
  // Typed text no comment analysis has come back for: the shell runs pepite-text.wasm on the
  // request and answers with an `analysis` action; it waits for it before `next` or `submit`
  // (issue 4, issue 15).
  json analysis = nullptr;
  if (active) {
    const comment_request request = comment_request_of(d.def, d.answers);
    if (!request.texts.empty() && request.texts != d.analysed_texts) {
      analysis = comment_request_object(request);
      analysis["id"] = analysis_id(request.texts);
    }
  }
  out["analysis"] = std::move(analysis);
  out["questions"] = std::move(questions);
  const bool last_step = active && (!steps || step + 1 >= step_count);
  out["callback"] = last_step && offers_callback(d) ? callback_json(d) : json(nullptr);
  // The definition's own title (`ui.title`) is shown above the questions; the built-in one only
  // names the dialog (issue 19).
  out["showTitle"] = d.def.ui.count("title") != 0;
  out["ui"] = std::move(ui);
  out["thankYou"] = d.phase == engine_phase::finished ? thank_you_json(d) : json(nullptr);
  return out;
}

}  // namespace pepite::detail
