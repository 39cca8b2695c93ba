// The survey engine: one shopper's run through a survey, driven by JSON actions (contracts.md).
#include "pepite/engine.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "detail/comment_options.hpp"
#include "detail/engine_view.hpp"
#include "detail/iso_time.hpp"
#include "detail/json_read.hpp"
#include "detail/json_write.hpp"
#include "detail/payload_build.hpp"
#include "detail/payload_rules.hpp"
#include "detail/ui_strings.hpp"
#include "pepite/payload.hpp"
#include "pepite/scoring.hpp"

namespace pepite {

using detail::add_error;
using detail::engine_phase;
using json = nlohmann::ordered_json;

namespace {

/// Largest action accepted, in bytes of JSON (a 5000-character comment fits many times over).
constexpr std::size_t max_action_bytes = 64 * 1024;
constexpr int max_action_depth = 8;

/// Reads a time in ms since the epoch (integer or not) within the range the core writes.
std::optional<std::int64_t> read_epoch_ms(const json& value) {
  if (value.is_number_unsigned()) {
    const auto ms = value.get<std::uint64_t>();
    if (ms > static_cast<std::uint64_t>(detail::max_epoch_ms)) return std::nullopt;
    return static_cast<std::int64_t>(ms);
  }
  if (value.is_number_integer()) {
    const auto ms = value.get<std::int64_t>();
    if (ms < detail::min_epoch_ms || ms > detail::max_epoch_ms) return std::nullopt;
    return ms;
  }
  if (value.is_number_float()) {
    const double ms = value.get<double>();
    if (!(ms >= 0) || ms > static_cast<double>(detail::max_epoch_ms)) return std::nullopt;
    return static_cast<std::int64_t>(ms);
  }
  return std::nullopt;
}

/// Most locales a shell may list (a browser's `navigator.languages` rarely holds more than 5).
constexpr std::size_t max_requested_locales = 10;

/// The locale the view uses: the first requested one the survey is written in (`fr-CA` matches
/// `fr`), else its default locale (also when none is requested).
std::string view_locale(const survey& def, const std::vector<std::string>& requested) {
  text probe;
  probe.localized = true;
  for (const std::string& locale : def.locales) probe.by_locale[locale] = locale;
  if (!def.default_locale.empty()) probe.by_locale[def.default_locale] = def.default_locale;
  for (const std::string& locale : requested) {
    if (covers_locale(probe, locale)) return resolved_locale(probe, locale, def.default_locale);
  }
  return resolved_locale(probe, requested.empty() ? std::string_view() : requested.front(),
                         def.default_locale);
}

/// What a `locale` (option or action value) may be: one message for both (bytes of the wasm).
constexpr const char* locale_hint =
    "a locale tag such as 'fr' or 'fr-CA', or a list of 1 to 10 tags";

/// Reads the `uiStrings` option: `{"de": "<pepite-ui-de.txt>"}`, the strings of UI languages
/// this build lacks. False when a language or its text does not fit (that one is left out).
bool read_ui_strings(const json& value, detail::engine_data& d) {
  if (!value.is_object()) return false;
  bool ok = true;
  for (auto it = value.begin(); it != value.end(); ++it) {
    if (detail::ui_language(it.key()) == it.key() && it.value().is_string() &&
        detail::valid_ui_pack(it.value().get_ref<const std::string&>())) {
      d.ui_strings[it.key()] = it.value().get<std::string>();
    } else {
      ok = false;
    }
  }
  return ok;
}

/// Reads `locale` (option or action value): a tag, or a list of tags in order of preference
/// (`navigator.languages`). False when it is neither.
bool read_locales(const json& value, std::vector<std::string>& out) {
  std::vector<std::string> locales;
  if (value.is_string()) {
    locales.push_back(value.get<std::string>());
  } else if (value.is_array() && !value.empty() && value.size() <= max_requested_locales) {
    for (const json& item : value) {
      if (!item.is_string()) return false;
      locales.push_back(item.get<std::string>());
    }
  } else {
    return false;
  }
  for (const std::string& locale : locales) {
    if (!detail::is_locale_tag(locale)) return false;
  }
  out = std::move(locales);
  return true;
}

}  // namespace

struct session::state {
  bool ok = false;
  issues start;  ///< definition and option problems (errors make the session unusable)
  detail::engine_data data;
  std::int64_t last_at = 0;
  bool touched = false;  ///< an answer was given once: payload() is no longer null

  bool visible(const question& q) const { return !q.show_if || evaluate(*q.show_if, data.answers); }

  // Answers to questions that became hidden are dropped, until nothing changes (a dropped
  // answer may hide a later question in turn).
  void drop_hidden_answers() {
    for (bool changed = true; changed;) {
      changed = false;
      for (const question& q : data.def.questions) {
        if (data.answers.count(q.id) != 0 && !visible(q)) {
          data.answers.erase(q.id);
          data.errors.erase(q.id);
          changed = true;
        }
      }
    }
  }

  /// Steps display: keeps `current` on a visible question (the next visible one after it in
  /// definition order when it became hidden, else the last visible one).
  void fix_current() {
    if (data.def.display != "steps") return;
    const question* fallback = nullptr;
    bool past = false;
    for (const question& q : data.def.questions) {
      const bool shown = visible(q);
      if (q.id == data.current) {
        if (shown) return;
        past = true;
        continue;
      }
      if (!shown) continue;
      if (past) {
        data.current = q.id;
        return;
      }
      fallback = &q;
    }
    if (fallback != nullptr) data.current = fallback->id;
  }

  /// `whole`: with every text in (analysed, or as typed while its analysis is pending), as the
  /// complete payload will have them: the size that must fit in max_payload_bytes.
  json payload_json(bool whole = false) const {
    detail::payload_input input;
    input.response_id = data.response_id;
    input.status = whole || data.phase == engine_phase::finished ? "complete" : "partial";
    input.callback_consent = detail::callback_given(data);
    if (input.callback_consent) {
      input.contact_channel = data.channel;
      input.contact = data.contact;
    }
    input.properties = data.properties;
    input.locale = data.locale;
    input.page_url = data.page_url;
    input.token = data.token;
    input.sender_key = data.sender_key;
    input.started_at = data.started_at;
    input.updated_at = last_at;
    input.submitted_at = data.submitted_at;
    return detail::build_payload(data.def, data.answers, input, detail::comments_of(data));
  }
};

namespace {

json result_json(bool ok, const issues& errors, json view, json payload, json score,
                 const issues& warnings = {}) {
  json out = json::object();
  out["ok"] = ok;
  out["errors"] = detail::issues_array(errors, severity::error);
  out["warnings"] = detail::issues_array(warnings, severity::warning);
  out["view"] = std::move(view);
  out["payload"] = std::move(payload);
  out["score"] = std::move(score);
  return out;
}

/// The scale answers, to tell whether a scored answer changed.
std::map<std::string, int> scale_answers(const survey& def, const answer_map& answers) {
  std::map<std::string, int> out;
  for (const question& q : def.questions) {
    if (q.type != question_type::nps && q.type != question_type::csat &&
        q.type != question_type::ces) {
      continue;
    }
    const auto found = answers.find(q.id);
    if (found != answers.end() && found->second.score) out[q.id] = *found->second.score;
  }
  return out;
}

/// Checks `value` (and `otherText`) for `q`; fills `out`, or leaves `cleared` true when the
/// answer is an empty one (null, "" or []), which removes it.
std::optional<issue> read_answer(const question& q, const json& action, answer_value& out,
                                 bool& cleared) {
  cleared = false;
  const auto value_it = action.find("value");
  if (value_it == action.end()) {
    return issue{"action.missing_field", "value", "an answer needs a value"};
  }
  const json& value = *value_it;
  if (value.is_null()) {
    cleared = true;
    return std::nullopt;
  }
  switch (q.type) {
    case question_type::nps:
    case question_type::csat:
    case question_type::ces: {
      if (!value.is_number_integer()) {
        return issue{"answer.wrong_type", "value", "a scale answer is an integer"};
      }
      // Unsigned values beyond int64 would wrap: anything over 100 is out of range anyway.
      const bool in_range = (!value.is_number_unsigned() || value.get<std::uint64_t>() <= 100) &&
                            value.get<std::int64_t>() >= q.min() &&
                            value.get<std::int64_t>() <= q.max();
      if (!in_range) {
        return issue{"answer.out_of_range", "value",
                     "score out of " + std::to_string(q.min()) + ".." + std::to_string(q.max())};
      }
      out.score = static_cast<int>(value.get<std::int64_t>());
      return std::nullopt;
    }
    case question_type::choice: {
      std::vector<const json*> items;
      bool listed = false;
      if (value.is_string()) {
        items.push_back(&value);
      } else if (value.is_array() && q.multiple) {
        listed = true;
        for (const json& item : value) items.push_back(&item);
      } else {
        return issue{"answer.wrong_type", "value",
                     q.multiple ? "a multiple choice answer is an array of option ids"
                                : "a single choice answer is an option id"};
      }
      for (std::size_t i = 0; i < items.size(); ++i) {
        const std::string path = listed ? "value[" + std::to_string(i) + "]" : "value";
        if (!items[i]->is_string()) {
          return issue{"answer.wrong_type", path, "option ids are strings"};
        }
        const auto& id = items[i]->get_ref<const std::string&>();
        bool known = q.has_other && id == "other";
        for (const choice_option& option : q.options) known = known || option.id == id;
        if (!known) return issue{"answer.unknown_option", path, "no option '" + id + "'"};
        for (const std::string& seen : out.selected) {
          if (seen == id) return issue{"answer.duplicate_option", path, "option given twice"};
        }
        out.selected.push_back(id);
      }
      if (out.selected.empty()) {
        cleared = true;
        return std::nullopt;
      }
      const auto other_it = action.find("otherText");
      if (other_it != action.end() && !other_it->is_null()) {
        if (!other_it->is_string()) {
          return issue{"answer.wrong_type", "otherText", "otherText is a string"};
        }
        const auto& other = other_it->get_ref<const std::string&>();
        if (detail::code_points(other) > detail::max_other_text_chars) {
          return issue{"answer.too_long", "otherText", "otherText has at most 200 characters"};
        }
        for (const std::string& id : out.selected) {
          if (id == "other") out.other_text = other;
        }
      }
      return std::nullopt;
    }
    case question_type::text: {
      if (!value.is_string())
        return issue{"answer.wrong_type", "value", "a text answer is a string"};
      const auto& words = value.get_ref<const std::string&>();
      if (detail::code_points(words) > static_cast<std::size_t>(q.max_length)) {
        return issue{"answer.too_long", "value",
                     "at most " + std::to_string(q.max_length) + " characters"};
      }
      // Only spaces, tabs or line breaks say nothing: no answer (a required text stays unanswered).
      if (words.find_first_not_of(" \t\r\n") == std::string::npos) {
        cleared = true;
        return std::nullopt;
      }
      out.text = words;
      return std::nullopt;
    }
  }
  return std::nullopt;
}

}  // namespace

session::session(std::string_view definition_json, std::string_view options_json)
    : state_(std::make_unique<state>()) {
  state& st = *state_;
  definition_result parsed = parse_definition(definition_json);
  st.start = parsed.problems;
  detail::engine_data& d = st.data;
  d.def = std::move(parsed.value);

  issues& out = st.start;
  const std::string code = "session.bad_options";
  json options = json::object();
  if (detail::json_depth(options_json, 8) > 8 || options_json.size() > 64 * 1024) {
    add_error(out, code, "", "options are too large or too deep");
  } else {
    options = detail::read_json(options_json);
    if (options.is_discarded() || !options.is_object()) {
      add_error(out, code, "", "options must be a JSON object");
      options = json::object();
    }
  }
  std::vector<std::string> requested_locales;  // none: the survey's default locale
  for (auto it = options.begin(); it != options.end(); ++it) {
    const std::string& key = it.key();
    const json& value = it.value();
    if (key == "locale") {
      if (!read_locales(value, requested_locales)) {
        add_error(out, code, key, locale_hint);
      }
    } else if (key == "responseId") {
      if (!value.is_string() || !detail::is_uuid(value.get_ref<const std::string&>())) {
        add_error(out, code, key, "responseId is a UUID (8-4-4-4-12 hexadecimal digits)");
      } else {
        d.response_id = value.get<std::string>();
      }
    } else if (key == "startedAt") {
      const auto ms = read_epoch_ms(value);
      if (!ms) {
        add_error(out, code, key, "startedAt is a time in ms since the epoch");
      } else {
        d.started_at = *ms;
      }
    } else if (key == "pageUrl") {
      if (!value.is_string()) {
        add_error(out, code, key, "pageUrl is a string");
      } else {
        d.page_url = std::string(detail::truncate_code_points(
            detail::strip_query(value.get_ref<const std::string&>()), detail::max_page_url_chars));
      }
    } else if (key == "token" || key == "senderKey") {
      // Issue 17: carried in every payload; their form is checked where the payload is (the
      // collector answers payload.bad_token or payload.bad_sender_key).
      if (value.is_string()) {
        (key == "token" ? d.token : d.sender_key) = value.get<std::string>();
      } else {
        add_error(out, code, key, "a string");
      }
    } else if (key == "properties") {
      d.properties = detail::valid_properties(value, key, out);
    } else if (key == "uiStrings") {
      if (!read_ui_strings(value, d)) {
        out.push_back(issue{"session.bad_ui_strings", key, "texts that do not fit are left out",
                            severity::warning});
      }
    } else {
      out.push_back(
          issue{"session.unknown_option", key, "unknown option (ignored)", severity::warning});
    }
  }
  if (!options.contains("responseId")) {
    add_error(out, code, "responseId", "responseId is required");
  }
  if (!options.contains("startedAt")) add_error(out, code, "startedAt", "startedAt is required");

  st.ok = no_errors(out);
  if (!st.ok) return;
  d.locale = view_locale(d.def, requested_locales);
  st.last_at = d.started_at;
  if (d.def.display == "steps" && !d.def.questions.empty()) {
    d.current = d.def.questions.front().id;
    st.fix_current();
  }
}

session::~session() = default;

bool session::ok() const {
  return state_->ok;
}

std::string session::start_report() const {
  json out = json::object();
  out["ok"] = state_->ok;
  if (state_->ok) {
    out["view"] = detail::build_view(state_->data);
  } else {
    out["errors"] = detail::issues_array(state_->start, severity::error);
  }
  out["warnings"] = detail::issues_array(state_->start, severity::warning);
  return detail::write_json(out);
}

std::string session::view() const {
  if (!state_->ok) return "null";
  return detail::write_json(detail::build_view(state_->data));
}

std::string session::payload() const {
  if (!state_->ok || !state_->touched) return "null";
  return detail::write_json(state_->payload_json());
}

std::string session::act(std::string_view action_json) {
  state& st = *state_;
  if (!st.ok) return detail::write_json(result_json(false, st.start, nullptr, nullptr, nullptr));
  detail::engine_data& d = st.data;

  issues errors;
  issues warnings;  ///< properties dropped by a `properties` action, strings by a `locale` one
  const auto fail = [&](std::string code, std::string path, std::string message) {
    add_error(errors, std::move(code), std::move(path), std::move(message));
    return detail::write_json(result_json(false, errors, detail::build_view(d), nullptr, nullptr));
  };

  if (action_json.size() > max_action_bytes) {
    return fail("action.too_large", "", "an action has at most 64 KB");
  }
  if (detail::json_depth(action_json, max_action_depth) > max_action_depth) {
    return fail("action.too_deep", "", "an action is nested at most 8 levels deep");
  }
  const json action = detail::read_json(action_json);
  if (action.is_discarded()) return fail("action.not_json", "", "an action is JSON");
  if (!action.is_object()) return fail("action.not_object", "", "an action is a JSON object");

  const auto type_it = action.find("type");
  if (type_it == action.end() || !type_it->is_string()) {
    return fail("action.unknown_type", "type", "an action has a string `type`");
  }
  const std::string& type = type_it->get_ref<const std::string&>();
  std::optional<std::int64_t> at;
  if (const auto at_it = action.find("at"); at_it != action.end()) {
    at = read_epoch_ms(*at_it);
    if (!at) return fail("action.bad_time", "at", "`at` is a time in ms since the epoch");
  }
  const bool known_type = type == "answer" || type == "clear" || type == "next" || type == "back" ||
                          type == "submit" || type == "dismiss" || type == "consent" ||
                          type == "locale" || type == "properties" || type == "analysis";
  if (!known_type) return fail("action.unknown_type", "type", "unknown action '" + type + "'");

  if (d.phase == engine_phase::dismissed && type != "dismiss") {
    return fail("session.dismissed", "type", "the survey was dismissed");
  }
  if (d.phase == engine_phase::finished && type != "dismiss" && type != "locale") {
    return fail("session.finished", "type", "the survey is already submitted");
  }

  const json score_before = detail::score_json(d);
  const auto scales_before = scale_answers(d.def, d.answers);
  bool send_payload = false;
  // Time never goes backwards: updatedAt >= startedAt keeps every payload valid.
  const auto advance_clock = [&] {
    if (at && *at > st.last_at) st.last_at = *at;
  };

  if (type == "answer" || type == "clear") {
    const auto q_it = action.find("question");
    if (q_it == action.end() || !q_it->is_string()) {
      return fail("action.missing_field", "question", "the question id is missing");
    }
    const std::string& id = q_it->get_ref<const std::string&>();
    const question* q = d.def.find(id);
    if (q == nullptr)
      return fail("answer.unknown_question", "question", "no question '" + id + "'");
    if (!st.visible(*q)) {
      return fail("answer.hidden_question", "question", "question '" + id + "' is not shown");
    }
    answer_value value;
    bool cleared = type == "clear";
    if (!cleared) {
      if (auto problem = read_answer(*q, action, value, cleared)) {
        errors.push_back(*problem);
        return detail::write_json(
            result_json(false, errors, detail::build_view(d), nullptr, nullptr));
      }
    }
    // Long texts could push the payload over max_payload_bytes, which check_payload refuses:
    // such an answer is refused instead (the texts of a response share the 32 KB).
    const bool may_grow =
        !cleared && (q->type == question_type::text ||
                     (q->type == question_type::choice && !value.other_text.empty()));
    const answer_map saved_answers = may_grow ? d.answers : answer_map();
    const auto saved_errors = d.errors;
    const std::string saved_current = d.current;
    if (cleared) {
      d.answers.erase(id);
      if (const auto e = d.errors.find(id); e != d.errors.end() && e->second == "answer.too_long") {
        d.errors.erase(e);
      }
    } else {
      d.answers[id] = std::move(value);
      d.errors.erase(id);
    }
    st.drop_hidden_answers();
    st.fix_current();
    if (may_grow && detail::write_json(st.payload_json(true)).size() > max_payload_bytes) {
      d.answers = saved_answers;
      d.errors = saved_errors;
      d.current = saved_current;
      // The card says so next to the question, and Send is refused until it is shorter: the
      // shopper would otherwise see the thank-you while this text was never sent.
      d.errors[id] = "answer.too_long";
      return fail("answer.too_long", "value", "the response would be over 32 KB");
    }
    st.touched = st.touched || !cleared;
    advance_clock();
    send_payload = scale_answers(d.def, d.answers) != scales_before;
  } else if (type == "next" || type == "back") {
    const bool forward = type == "next";
    if (d.def.display != "steps") {
      return fail(forward ? "action.no_next" : "action.no_back", "type",
                  "a card display has a single step");
    }
    const std::vector<const question*> shown = detail::visible_questions(d);
    std::size_t index = 0;
    while (index < shown.size() && shown[index]->id != d.current) ++index;
    if (forward) {
      if (index + 1 >= shown.size()) return fail("action.no_next", "type", "this is the last step");
      const question& q = *shown[index];
      if (q.required && d.answers.count(q.id) == 0) {
        d.errors[q.id] = "answer.required";
        return fail("answer.required", q.id, "question '" + q.id + "' is required");
      }
      d.current = shown[index + 1]->id;
    } else {
      if (index == 0 || index >= shown.size()) {
        return fail("action.no_back", "type", "this is the first step");
      }
      d.current = shown[index - 1]->id;
    }
    advance_clock();
  } else if (type == "submit") {
    for (const question* q : detail::visible_questions(d)) {
      const auto refused = d.errors.find(q->id);
      if (refused != d.errors.end() && refused->second == "answer.too_long") {
        add_error(errors, "answer.too_long", q->id, "the response would be over 32 KB");
      } else if (q->required && d.answers.count(q->id) == 0) {
        d.errors[q->id] = "answer.required";
        add_error(errors, "answer.required", q->id, "question '" + q->id + "' is required");
      }
    }
    // Consent ticked: a contact to call back on is required (issue 16).
    const bool offered = detail::offers_callback(d);
    if (offered && d.consent && !detail::is_contact(d.channel == "phone", d.contact)) {
      d.contact_error = d.contact.empty() ? "consent.contact_required" : "consent.bad_contact";
      add_error(errors, d.contact_error, "contact", "a phone or e-mail");
    }
    if (!errors.empty()) {
      return detail::write_json(
          result_json(false, errors, detail::build_view(d), nullptr, nullptr));
    }
    advance_clock();
    d.consent = d.consent && offered;  // answers changed since: no call-back for them
    d.phase = engine_phase::finished;
    d.submitted_at = st.last_at;
    d.errors.clear();
    st.touched = true;
    send_payload = true;
  } else if (type == "dismiss") {
    // Closing the thank-you screen or a dismissed card changes nothing.
    if (d.phase == engine_phase::active) {
      d.phase = engine_phase::dismissed;
      advance_clock();
    }
  } else if (type == "locale") {
    // The shell's setLocale(): texts change, answers stay.
    const auto value_it = action.find("value");
    std::vector<std::string> requested_locales;
    if (value_it == action.end() || !read_locales(*value_it, requested_locales)) {
      return fail("action.bad_value", "value", locale_hint);
    }
    d.locale = view_locale(d.def, requested_locales);
    // The strings of a language this build lacks, fetched by the shell when a view named it in
    // `uiPack` (issue 20): the same rules as the start option.
    if (const auto ui_it = action.find("uiStrings");
        ui_it != action.end() && !read_ui_strings(*ui_it, d)) {
      warnings.push_back(issue{"session.bad_ui_strings", "uiStrings",
                               "texts that do not fit are left out", severity::warning});
    }
    advance_clock();
  } else if (type == "properties") {
    // The shell's setProperties(): replaces the host properties of the payloads to come, with
    // the rules of the start option (entries that break them are dropped with a warning).
    const auto value_it = action.find("value");
    if (value_it == action.end()) {
      return fail("action.missing_field", "value", "properties need a value");
    }
    if (!value_it->is_object())
      return fail("action.bad_value", "value", "properties are an object");
    json kept = detail::valid_properties(*value_it, "properties", warnings);
    json saved = std::move(d.properties);
    d.properties = std::move(kept);
    if (detail::write_json(st.payload_json(true)).size() > max_payload_bytes) {
      d.properties = std::move(saved);
      return fail("action.bad_value", "value", "the response would be over 32 KB");
    }
    advance_clock();
  } else if (type == "analysis") {
    // The shell's answer to the view's `analysis` request (pepite-text.wasm ran on its texts).
    // Not a shopper's action: the clock stays, and no payload is sent for it.
    const auto id_it = action.find("id");
    if (id_it == action.end() || !id_it->is_string()) {
      return fail("action.missing_field", "id", "an analysis gives the id of its request");
    }
    const comment_request request = detail::comment_request_of(d.def, d.answers);
    if (id_it->get_ref<const std::string&>() != detail::analysis_id(request.texts)) {
      return fail("analysis.stale", "id", "the texts changed since this analysis was asked");
    }
    const auto result_it = action.find("result");
    comment_result result = result_it == action.end()
                                ? comment_result()
                                : detail::read_comment_result(*result_it, request.texts.size());
    if (!result.available) {
      return fail("action.bad_value", "result",
                  "a result is {texts, counts, topics, urgency} with one text per requested text");
    }
    d.analysis = detail::comment_analysis_of(d.def, d.answers, std::move(result));
    d.analysed_texts = request.texts;
  } else {  // consent: the offer on the step before sending (issue 16)
    if (!detail::offers_callback(d)) {
      return fail("consent.not_offered", "type", "not offered");
    }
    const auto value_it = action.find("value");
    if (value_it == action.end() || !value_it->is_boolean()) {
      return fail("answer.wrong_type", "value", "consent is true or false");
    }
    // `channel` (phone or email) and `contact` (a string; its length is checked on submit) are
    // optional: absent or null leaves them as they are.
    const json channel = action.value("channel", json());
    const json contact = action.value("contact", json());
    if (!(channel.is_null() || channel == "phone" || channel == "email") ||
        !(contact.is_null() || contact.is_string())) {
      return fail("action.bad_value", "channel", "phone or email; a string");
    }
    d.consent = value_it->get<bool>();
    if (!channel.is_null()) d.channel = channel.get<std::string>();
    if (d.consent && d.channel.empty()) d.channel = "phone";
    if (!contact.is_null()) d.contact = contact.get<std::string>();
    d.contact_error.clear();
    advance_clock();
  }

  json score_after = detail::score_json(d);
  json score = score_after != score_before ? std::move(score_after) : json(nullptr);
  json payload = send_payload ? st.payload_json() : json(nullptr);
  return detail::write_json(result_json(true, errors, detail::build_view(d), std::move(payload),
                                        std::move(score), warnings));
}

}  // namespace pepite
