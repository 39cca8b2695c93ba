// Survey definitions (pepite.survey/1): parsing into the model and full validation, every problem
// reported with a stable code and JSON path (issue 3 §1, docs/contracts.md).
#include "pepite/definition.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "detail/def_condition.hpp"
#include "detail/def_context.hpp"
#include "detail/def_first_view.hpp"
#include "detail/def_links.hpp"
#include "detail/def_scan.hpp"
#include "detail/json_path.hpp"
#include "detail/json_read.hpp"
#include "detail/ui_strings.hpp"

namespace pepite {

std::string_view to_string(question_type type) {
  switch (type) {
    case question_type::nps:
      return "nps";
    case question_type::csat:
      return "csat";
    case question_type::ces:
      return "ces";
    case question_type::choice:
      return "choice";
    case question_type::text:
      return "text";
  }
  return "nps";
}

int question::min() const {
  return type == question_type::nps ? 0 : (is_scale() ? 1 : 0);
}

int question::max() const {
  switch (type) {
    case question_type::nps:
      return 10;
    case question_type::csat:
      return 5;
    case question_type::ces:
      return 7;
    default:
      return 0;
  }
}

bool question::is_scale() const {
  return type == question_type::nps || type == question_type::csat || type == question_type::ces;
}

const question* survey::find(std::string_view id) const {
  for (const question& q : questions) {
    if (q.id == id) return &q;
  }
  return nullptr;
}

namespace {

using detail::def_json;
using detail::def_report;
using detail::member;

#ifndef __EMSCRIPTEN__
// `theme`: the init option's members (`accent`, `accentText`, `radius`, `font`: CSS values of
// at most 100 characters; `scheme`: auto, light or dark).
void check_theme(const def_json& node, def_report& report) {
  if (!node.is_object()) {
    report.error("definition.wrong_type", "theme",
                 "expected an object, got " + detail::type_name(node));
    return;
  }
  detail::check_keys(node, "theme", {"accent", "accentText", "radius", "font", "scheme"}, report);
  for (auto it = node.begin(); it != node.end(); ++it) {
    const def_json& value = it.value();
    const bool text = value.is_string() && value.get_ref<const std::string&>().size() <= 100;
    const bool scheme_ok =
        it.key() != "scheme" || (text && (value == "auto" || value == "light" || value == "dark"));
    if (!text || !scheme_ok) {
      report.error(
          "definition.wrong_type", "theme." + it.key(),
          it.key() == "scheme" ? "auto, light or dark" : "a CSS value of at most 100 characters");
    }
  }
}
#endif
using detail::path_index;
using detail::path_key;
using detail::type_name;

constexpr int max_questions = 5;
/// Widest object accepted (translation maps, topics and ui are far smaller).
constexpr std::size_t max_object_members = 100;
constexpr std::size_t min_options = 2;
constexpr std::size_t max_options = 12;
constexpr int max_text_length = 5000;
constexpr std::size_t max_locales = 20;
constexpr std::size_t max_order_masks = 20;
constexpr std::size_t max_mask_length = 40;
constexpr std::size_t max_keywords = 100;
constexpr std::size_t max_keyword_length = 100;

constexpr std::string_view outcomes[] = {"promoter", "passive", "detractor", "default"};

class definition_parser {
 public:
  explicit definition_parser(issues& out) : report_{out} {}

  survey parse(const def_json& root) {
    detail::check_keys(root, "",
                       {"schema", "id", "defaultLocale", "locales", "display", "questions",
                        "thankYou", "alerts", "redaction", "topics", "ui", "firstView", "theme"},
                       report_);
    parse_header(root);
    if (const def_json* node = member(root, "questions")) {
      parse_questions(*node);
    } else {
      report_.error("definition.missing_field", "questions", "a survey needs 1 to 5 questions");
    }
    if (const def_json* node = member(root, "thankYou")) parse_thank_you(*node);
    if (const def_json* node = member(root, "alerts")) parse_alerts(*node);
    if (const def_json* node = member(root, "redaction")) parse_redaction(*node);
    if (const def_json* node = member(root, "topics")) parse_topics(*node);
    if (const def_json* node = member(root, "ui")) parse_ui(*node);
    check_ui_languages();
    return std::move(out_);
  }

 private:
  // -- helpers -------------------------------------------------------------------------------

  void wrong_type(const std::string& path, std::string_view expected, const def_json& node) {
    report_.error("definition.wrong_type", path,
                  "expected " + std::string(expected) + ", got " + type_name(node));
  }

  bool read_bool(const def_json& node, const std::string& path, bool& target) {
    if (!node.is_boolean()) {
      wrong_type(path, "true or false", node);
      return false;
    }
    target = node.get<bool>();
    return true;
  }

  /// A user-facing string: a string, or a map locale -> string. `required`: must not be empty.
  text read_text(const def_json* node, const std::string& path, bool required) {
    text out;
    if (node == nullptr) {
      if (required) report_.error("definition.missing_text", path, "this text is required");
      return out;
    }
    if (node->is_string()) {
      out.plain = node->get<std::string>();
      if (required && out.plain.empty()) {
        report_.error("definition.missing_text", path, "this text is required and empty");
      }
      return out;
    }
    if (!node->is_object()) {
      wrong_type(path, "a string or a map locale -> string", *node);
      return out;
    }
    out.localized = true;
    if (node->empty()) {
      report_.error("definition.empty_translations", path,
                    "a translation map needs at least one locale");
      return out;
    }
    for (auto it = node->begin(); it != node->end(); ++it) {
      const std::string item_path = path_key(path, it.key());
      if (!detail::valid_locale(it.key())) {
        report_.error("definition.invalid_locale", item_path,
                      "\"" + it.key() + "\" is not a locale like fr or fr-CA");
        continue;
      }
      if (!it.value().is_string()) {
        wrong_type(item_path, "a string", it.value());
        continue;
      }
      const std::string& value = it.value().get_ref<const std::string&>();
      if (value.empty()) {
        report_.error("definition.missing_text", item_path, "empty translation");
        continue;
      }
      if (out.first_locale.empty()) out.first_locale = it.key();
      out.by_locale.emplace(it.key(), value);
    }
    for (const std::string& locale : out_.locales) {
      if (!out.by_locale.empty() && !covers_locale(out, locale)) {
        report_.warning("definition.missing_translation", path,
                        "no \"" + locale + "\" text: it falls back to another locale");
      }
    }
    return out;
  }

  // -- header --------------------------------------------------------------------------------

  void parse_header(const def_json& root) {
    const def_json* schema = member(root, "schema");
    if (schema == nullptr || !schema->is_string() ||
        schema->get_ref<const std::string&>() != "pepite.survey/1") {
      report_.error("definition.wrong_schema", "schema", "schema must be \"pepite.survey/1\"");
    }
    const def_json* id = member(root, "id");
    if (id == nullptr) {
      report_.error("definition.missing_field", "id", "a survey needs an id");
    } else if (!id->is_string() || !detail::valid_id(id->get_ref<const std::string&>())) {
      report_.error("definition.invalid_id", "id", "ids are 1 to 40 of [a-z0-9_-]");
    } else {
      out_.id = id->get<std::string>();
    }
    const def_json* locale = member(root, "defaultLocale");
    if (locale == nullptr) {
      report_.error("definition.missing_field", "defaultLocale",
                    "a survey needs a defaultLocale (fr, en, fr-CA...)");
    } else if (!locale->is_string() ||
               !detail::valid_locale(locale->get_ref<const std::string&>())) {
      report_.error("definition.invalid_locale", "defaultLocale",
                    "defaultLocale is a locale like fr or fr-CA");
    } else {
      out_.default_locale = locale->get<std::string>();
    }
    if (const def_json* locales = member(root, "locales")) parse_locales(*locales);
    if (!out_.default_locale.empty() && std::find(out_.locales.begin(), out_.locales.end(),
                                                  out_.default_locale) == out_.locales.end()) {
      if (member(root, "locales") != nullptr) {
        report_.warning("definition.default_locale_not_listed", "locales",
                        "defaultLocale \"" + out_.default_locale + "\" is added to locales");
      }
      out_.locales.insert(out_.locales.begin(), out_.default_locale);
    }
    if (const def_json* display = member(root, "display")) {
      if (!display->is_string() || (display->get_ref<const std::string&>() != "card" &&
                                    display->get_ref<const std::string&>() != "steps")) {
        report_.error("definition.invalid_display", "display", "display is \"card\" or \"steps\"");
      } else {
        out_.display = display->get<std::string>();
      }
    }
  }

  void parse_locales(const def_json& node) {
    if (!node.is_array()) {
      wrong_type("locales", "an array of locales", node);
      return;
    }
    if (node.size() > max_locales) {
      report_.error("definition.too_many_locales", "locales",
                    "at most " + std::to_string(max_locales) + " locales");
      return;
    }
    for (std::size_t i = 0; i < node.size(); ++i) {
      const def_json& item = node[i];
      if (!item.is_string() || !detail::valid_locale(item.get_ref<const std::string&>())) {
        report_.error("definition.invalid_locale", path_index("locales", i),
                      "a locale like fr or fr-CA");
        continue;
      }
      const std::string& locale = item.get_ref<const std::string&>();
      if (std::find(out_.locales.begin(), out_.locales.end(), locale) == out_.locales.end()) {
        out_.locales.push_back(locale);
      }
    }
  }

  // -- questions -----------------------------------------------------------------------------

  void parse_questions(const def_json& node) {
    if (!node.is_array()) {
      wrong_type("questions", "an array of questions", node);
      return;
    }
    if (node.empty() || node.size() > static_cast<std::size_t>(max_questions)) {
      report_.error("definition.question_count", "questions",
                    "a survey has 1 to 5 questions, not " + std::to_string(node.size()));
      if (node.empty()) return;
    }
    const std::size_t count = std::min(node.size(), static_cast<std::size_t>(max_questions));
    for (std::size_t i = 0; i < count; ++i) {
      out_.questions.push_back(parse_question(node[i], path_index("questions", i)));
    }
    // Conditions once every question is known: "later" and "unknown" differ.
    for (std::size_t i = 0; i < count; ++i) {
      const def_json* show_if = member(node[i], "showIf");
      if (show_if == nullptr) continue;
      out_.questions[i].show_if = detail::parse_condition(
          *show_if, path_key(path_index("questions", i), "showIf"), out_.questions, i, report_);
    }
  }

  question parse_question(const def_json& node, const std::string& path) {
    question q;
    if (!node.is_object()) {
      wrong_type(path, "a question object", node);
      return q;
    }
    detail::check_keys(node, path,
                       {"id", "type", "required", "text", "lowLabel", "highLabel", "style",
                        "multiple", "options", "other", "maxLength", "placeholder", "showIf"},
                       report_);
    parse_question_id(node, path, q);
    bool known_type = false;
    const std::string type_path = path_key(path, "type");
    if (const def_json* type = member(node, "type")) {
      const std::string name = type->is_string() ? type->get<std::string>() : std::string();
      for (question_type t : {question_type::nps, question_type::csat, question_type::ces,
                              question_type::choice, question_type::text}) {
        if (name == to_string(t)) {
          q.type = t;
          known_type = true;
        }
      }
      if (!known_type) {
        report_.error("definition.unknown_type", type_path,
                      "type is one of nps, csat, ces, choice, text");
      }
    } else {
      report_.error("definition.missing_field", type_path, "a question needs a type");
    }
    q.label = read_text(member(node, "text"), path_key(path, "text"), true);
    if (const def_json* required = member(node, "required")) {
      read_bool(*required, path_key(path, "required"), q.required);
    }
    const bool scale = known_type && q.is_scale();
    for (std::string_view key : {"lowLabel", "highLabel"}) {
      const def_json* label = member(node, key);
      if (label == nullptr) continue;
      if (known_type && !scale) {
        report_.error(
            "definition.label_not_allowed", path_key(path, key),
            "scale labels apply to nps, csat and ces, not " + std::string(to_string(q.type)));
        continue;
      }
      (key == "lowLabel" ? q.low_label : q.high_label) =
          read_text(label, path_key(path, key), true);
    }
    if (known_type) parse_type_fields(node, path, q);
    return q;
  }

  void parse_question_id(const def_json& node, const std::string& path, question& q) {
    const std::string id_path = path_key(path, "id");
    const def_json* id = member(node, "id");
    if (id == nullptr) {
      report_.error("definition.missing_field", id_path, "a question needs an id");
      return;
    }
    if (!id->is_string() || !detail::valid_id(id->get_ref<const std::string&>())) {
      report_.error("definition.invalid_id", id_path, "ids are 1 to 40 of [a-z0-9_-]");
      return;
    }
    const std::string& value = id->get_ref<const std::string&>();
    if (out_.find(value) != nullptr) {
      report_.error("definition.duplicate_id", id_path,
                    "another question already has the id \"" + value + "\"");
      return;
    }
    q.id = value;
  }

  /// Fields that belong to one type only: present on another type they are errors.
  bool allowed(const def_json& node, const std::string& path, std::string_view key, bool ok,
               std::string_view owner) {
    if (member(node, key) == nullptr) return false;
    if (ok) return true;
    report_.error("definition.field_not_allowed", path_key(path, key),
                  std::string(key) + " applies to " + std::string(owner) + " questions only");
    return false;
  }

  void parse_type_fields(const def_json& node, const std::string& path, question& q) {
    const bool choice = q.type == question_type::choice;
    const bool free_text = q.type == question_type::text;
    if (allowed(node, path, "style", q.type == question_type::csat, "csat")) {
      const def_json& style = *member(node, "style");
      if (!style.is_string() || (style.get_ref<const std::string&>() != "stars" &&
                                 style.get_ref<const std::string&>() != "faces")) {
        report_.error("definition.invalid_style", path_key(path, "style"),
                      "style is \"stars\" or \"faces\"");
      } else {
        q.style = style.get<std::string>();
      }
    }
    if (q.type == question_type::csat && q.style.empty()) q.style = "stars";
    if (allowed(node, path, "multiple", choice, "choice")) {
      read_bool(*member(node, "multiple"), path_key(path, "multiple"), q.multiple);
    }
    if (allowed(node, path, "options", choice, "choice")) {
      parse_options(*member(node, "options"), path_key(path, "options"), q);
    } else if (choice) {
      report_.error("definition.missing_field", path_key(path, "options"),
                    "a choice needs 2 to 12 options");
    }
    if (allowed(node, path, "other", choice, "choice")) {
      const def_json& other = *member(node, "other");
      const std::string other_path = path_key(path, "other");
      if (!other.is_object()) {
        wrong_type(other_path, "an object {\"label\": ...}", other);
      } else {
        detail::check_keys(other, other_path, {"label"}, report_);
        q.has_other = true;
        q.other_label = read_text(member(other, "label"), path_key(other_path, "label"), true);
        for (std::size_t i = 0; i < q.options.size(); ++i) {
          if (q.options[i].id == "other") {
            report_.error("definition.duplicate_option",
                          path_key(path_index(path_key(path, "options"), i), "id"),
                          "\"other\" is the id of the free-text option of this question");
          }
        }
      }
    }
    if (allowed(node, path, "maxLength", free_text, "text")) {
      const def_json& max_length = *member(node, "maxLength");
      const auto value = detail::as_integer(max_length);
      if (!value || *value < 1 || *value > max_text_length) {
        report_.error("definition.invalid_max_length", path_key(path, "maxLength"),
                      "maxLength is an integer from 1 to 5000");
      } else {
        q.max_length = static_cast<int>(*value);
      }
    }
    if (allowed(node, path, "placeholder", free_text, "text")) {
      q.placeholder = read_text(member(node, "placeholder"), path_key(path, "placeholder"), true);
    }
  }

  void parse_options(const def_json& node, const std::string& path, question& q) {
    if (!node.is_array()) {
      wrong_type(path, "an array of options", node);
      return;
    }
    if (node.size() < min_options || node.size() > max_options) {
      report_.error("definition.option_count", path,
                    "a choice has 2 to 12 options, not " + std::to_string(node.size()));
      if (node.size() > max_options) return;
    }
    for (std::size_t i = 0; i < node.size(); ++i) {
      const std::string item_path = path_index(path, i);
      const def_json& item = node[i];
      if (!item.is_object()) {
        wrong_type(item_path, "an option object {\"id\", \"label\"}", item);
        continue;
      }
      detail::check_keys(item, item_path, {"id", "label"}, report_);
      choice_option option;
      const def_json* id = member(item, "id");
      const std::string id_path = path_key(item_path, "id");
      if (id == nullptr) {
        report_.error("definition.missing_field", id_path, "an option needs an id");
      } else if (!id->is_string() || !detail::valid_id(id->get_ref<const std::string&>())) {
        report_.error("definition.invalid_id", id_path, "ids are 1 to 40 of [a-z0-9_-]");
      } else {
        option.id = id->get<std::string>();
        for (const choice_option& previous : q.options) {
          if (previous.id == option.id) {
            report_.error("definition.duplicate_option", id_path,
                          "another option already has the id \"" + option.id + "\"");
            option.id.clear();
            break;
          }
        }
      }
      option.label = read_text(member(item, "label"), path_key(item_path, "label"), true);
      if (!option.id.empty()) q.options.push_back(std::move(option));
    }
  }

  // -- thank-you screens ---------------------------------------------------------------------

  void parse_thank_you(const def_json& node) {
    if (!node.is_object()) {
      wrong_type("thankYou", "an object keyed by outcome", node);
      return;
    }
    for (auto it = node.begin(); it != node.end(); ++it) {
      const std::string path = path_key("thankYou", it.key());
      if (std::find(std::begin(outcomes), std::end(outcomes), it.key()) == std::end(outcomes)) {
        report_.error("definition.unknown_outcome", path,
                      "thank-you screens are keyed promoter, passive, detractor or default");
        continue;
      }
      thank_you screen;
      if (parse_screen(it.value(), path, it.key(), screen)) {
        out_.thank_you_screens.emplace(it.key(), std::move(screen));
      }
    }
    check_review_gating();
  }

  bool parse_screen(const def_json& node, const std::string& path, const std::string& outcome,
                    thank_you& screen) {
    if (!node.is_object()) {
      wrong_type(path, "a thank-you screen object", node);
      return false;
    }
    detail::check_keys(node, path, {"title", "body", "link", "callbackConsent", "callbackDelay"},
                       report_);
    screen.title = read_text(member(node, "title"), path_key(path, "title"), true);
    if (const def_json* body = member(node, "body")) {
      screen.body = read_text(body, path_key(path, "body"), true);
    }
    if (const def_json* link = member(node, "link")) {
      screen.link = parse_link(*link, path_key(path, "link"));
      if (screen.link && screen.link->review) review_paths_.push_back(path_key(path, "link"));
    }
    if (const def_json* consent = member(node, "callbackConsent")) {
      const std::string consent_path = path_key(path, "callbackConsent");
      if (!consent->is_object()) {
        wrong_type(consent_path, "an object {\"label\": ...}", *consent);
      } else {
        detail::check_keys(*consent, consent_path, {"label"}, report_);
        screen.callback_consent = true;
        // Optional since issue 16: the built-in offer (ui.callbackOffer) with the promised delay.
        screen.consent_label =
            read_text(member(*consent, "label"), path_key(consent_path, "label"), false);
        if (outcome == "promoter" || outcome == "passive") {
          report_.warning("definition.callback_not_detractor", consent_path,
                          "a call-back offer is meant for detractors (or the default screen)");
        }
      }
    }
    if (const def_json* delay = member(node, "callbackDelay")) {
      screen.callback_delay = read_text(delay, path_key(path, "callbackDelay"), true);
    }
    return true;
  }

  std::optional<thank_you_link> parse_link(const def_json& node, const std::string& path) {
    if (!node.is_object()) {
      wrong_type(path, "a link object {\"url\", \"label\", \"kind\"}", node);
      return std::nullopt;
    }
    detail::check_keys(node, path, {"url", "label", "kind"}, report_);
    thank_you_link link;
    bool usable = true;
    const std::string url_path = path_key(path, "url");
    const def_json* url = member(node, "url");
    if (url == nullptr) {
      report_.error("definition.missing_field", url_path, "a link needs a url");
      usable = false;
    } else if (!url->is_string()) {
      wrong_type(url_path, "an https URL", *url);
      usable = false;
    } else {
      link.url = url->get<std::string>();
      switch (detail::check_link(link.url)) {
        case detail::link_status::ok:
          break;
        case detail::link_status::insecure:
          report_.error("definition.insecure_link", url_path, "links must use https:");
          usable = false;
          break;
        case detail::link_status::malformed:
          report_.error("definition.invalid_link", url_path,
                        "not an absolute https URL (https://host/path)");
          usable = false;
          break;
      }
    }
    link.label = read_text(member(node, "label"), path_key(path, "label"), true);
    if (const def_json* kind = member(node, "kind")) {
      const std::string name = kind->is_string() ? kind->get<std::string>() : std::string();
      if (name != "review" && name != "share" && name != "other") {
        report_.error("definition.invalid_link_kind", path_key(path, "kind"),
                      "kind is review, share or other");
      }
      if (name == "review" || name == "share") link.kind = name;
      link.review = name == "review";
    }
    // A link to a public review site is a review invitation whatever its declared kind.
    if (usable && detail::is_review_site(link.url)) {
      link.review = true;
      link.kind = "review";
    }
    if (!usable) return std::nullopt;
    return link;
  }

  /// Review gating (docs/architecture.md, "Who it serves"): a public-review link must be offered
  /// whatever the score.
  void check_review_gating() {
    if (review_paths_.empty()) return;
    const auto& screens = out_.thank_you_screens;
    for (std::string_view outcome : {"promoter", "passive", "detractor"}) {
      auto it = screens.find(std::string(outcome));
      if (it == screens.end()) it = screens.find("default");
      const bool offered = it != screens.end() && it->second.link && it->second.link->review;
      if (!offered) {
        report_.warning("definition.review_gating", review_paths_.front(),
                        "a review link shown only to some outcomes is review gating, which "
                        "review sites forbid; offer it on every outcome (missing for " +
                            std::string(outcome) + ")");
        return;
      }
    }
  }

  // -- alerts, redaction, topics, ui ---------------------------------------------------------

  void parse_alerts(const def_json& node) {
    if (!node.is_object()) {
      wrong_type("alerts", "an object", node);
      return;
    }
    detail::check_keys(node, "alerts", {"npsMax", "npsHighMax", "csatMax", "csatHighMax", "cesMax"},
                       report_);
    struct rule {
      std::string_view key;
      int alert_rules::*field;
      int top;
    };
    const rule rules[] = {{"npsMax", &alert_rules::nps_max, 10},
                          {"npsHighMax", &alert_rules::nps_high_max, 10},
                          {"csatMax", &alert_rules::csat_max, 5},
                          {"csatHighMax", &alert_rules::csat_high_max, 5},
                          {"cesMax", &alert_rules::ces_max, 7}};
    for (const rule& r : rules) {
      const def_json* value = member(node, r.key);
      if (value == nullptr) continue;
      const std::string path = path_key("alerts", r.key);
      const auto number = detail::as_integer(*value);
      if (!number) {
        wrong_type(path, "an integer (negative turns the rule off)", *value);
      } else if (*number > r.top) {
        report_.error("definition.out_of_range", path,
                      "at most " + std::to_string(r.top) + " (negative turns the rule off)");
      } else {
        out_.alerts.*r.field = *number < 0 ? -1 : static_cast<int>(*number);
      }
    }
  }

  void parse_redaction(const def_json& node) {
    if (!node.is_object()) {
      wrong_type("redaction", "an object", node);
      return;
    }
    detail::check_keys(node, "redaction",
                       {"email", "phone", "card", "iban", "address", "orderMasks"}, report_);
    redact_options& options = out_.redaction;
    const std::pair<std::string_view, bool redact_options::*> flags[] = {
        {"email", &redact_options::email},
        {"phone", &redact_options::phone},
        {"card", &redact_options::card},
        {"iban", &redact_options::iban},
        {"address", &redact_options::address}};
    for (const auto& flag : flags) {
      if (const def_json* value = member(node, flag.first)) {
        read_bool(*value, path_key("redaction", flag.first), options.*flag.second);
      }
    }
    const def_json* masks = member(node, "orderMasks");
    if (masks == nullptr) return;
    if (!masks->is_array() || masks->size() > max_order_masks) {
      report_.error("definition.wrong_type", "redaction.orderMasks",
                    "orderMasks is an array of at most 20 masks like \"CMD-########\"");
      return;
    }
    for (std::size_t i = 0; i < masks->size(); ++i) {
      const def_json& mask = (*masks)[i];
      if (!mask.is_string() || mask.get_ref<const std::string&>().empty() ||
          mask.get_ref<const std::string&>().size() > max_mask_length) {
        report_.error("definition.invalid_mask", path_index("redaction.orderMasks", i),
                      "a mask is a string of 1 to 40 characters");
        continue;
      }
      options.order_masks.push_back(mask.get<std::string>());
    }
  }

  void parse_topics(const def_json& node) {
    if (!node.is_object()) {
      wrong_type("topics", "an object topic id -> keywords", node);
      return;
    }
    for (auto it = node.begin(); it != node.end(); ++it) {
      const std::string path = path_key("topics", it.key());
      if (!detail::valid_id(it.key())) {
        report_.error("definition.invalid_id", path, "topic ids are 1 to 40 of [a-z0-9_-]");
        continue;
      }
      const def_json& words = it.value();
      if (!words.is_array() || words.size() > max_keywords) {
        report_.error("definition.wrong_type", path, "an array of at most 100 keywords");
        continue;
      }
      std::vector<std::string>& list = out_.topics.extra[it.key()];
      for (std::size_t i = 0; i < words.size(); ++i) {
        const def_json& word = words[i];
        if (!word.is_string() || word.get_ref<const std::string&>().empty() ||
            word.get_ref<const std::string&>().size() > max_keyword_length) {
          report_.error("definition.invalid_keyword", path_index(path, i),
                        "a keyword is a string of 1 to 100 bytes");
          continue;
        }
        list.push_back(word.get<std::string>());
      }
    }
  }

  void parse_ui(const def_json& node) {
    if (!node.is_object()) {
      wrong_type("ui", "an object of UI texts", node);
      return;
    }
    for (auto it = node.begin(); it != node.end(); ++it) {
      const std::string path = path_key("ui", it.key());
      // The overridable keys are the built-in UI strings (detail/ui_strings.cpp).
      if (!detail::is_ui_key(it.key())) {
        report_.warning("definition.unknown_key", path,
                        "unknown UI text \"" + it.key() + "\" is ignored");
        continue;
      }
      out_.ui[it.key()] = read_text(&it.value(), path, true);
    }
  }

  /// A survey language with no written UI strings (detail/ui_strings.cpp) needs them all in `ui`,
  /// else its shoppers read the English ones (issue 20). The browser's core (French and English
  /// strings only) leaves this check to pepite-check and the collector: 0.1 KB gzip.
  void check_ui_languages() {
#ifndef PEPITE_UI_FR_EN_ONLY
    for (const std::string& locale : out_.locales) {
      if (!detail::ui_language(locale).empty()) continue;
      std::size_t missing = 0;
      for (const std::string_view* key = detail::ui_keys_begin(); key != detail::ui_keys_end();
           ++key) {
        const auto found = out_.ui.find(std::string(*key));
        missing += found == out_.ui.end() ||
                   (found->second.localized && !covers_locale(found->second, locale));
      }
      if (missing == 0) continue;
      report_.warning("definition.locale_without_ui_strings",
                      locale == out_.default_locale ? "defaultLocale" : "locales",
                      "no built-in UI strings in \"" + locale + "\" and ui lacks " +
                          std::to_string(missing) + " of them: its shoppers read them in English");
    }
#endif
  }

  def_report report_;
  survey out_;
  std::vector<std::string> review_paths_;  ///< paths of the review links, in document order
};

}  // namespace

definition_result parse_definition(std::string_view json_text) {
  definition_result result;
  def_report report{result.problems};
  if (json_text.size() > max_definition_bytes) {
    report.error(
        "definition.too_large", "",
        "a definition is at most 65536 bytes, this one has " + std::to_string(json_text.size()));
    return result;
  }
  // Before parsing: nlohmann parses deep documents iteratively but destroys them recursively,
  // and its ordered objects look keys up linearly (quadratic on one huge object).
  const detail::text_shape shape =
      detail::scan_shape(json_text, max_definition_depth, max_object_members);
  if (shape.depth > max_definition_depth) {
    report.error("definition.too_deep", "",
                 "a definition nests at most 32 levels of arrays and objects");
    return result;
  }
  if (shape.members > max_object_members) {
    report.error(
        "definition.too_many_keys", "",
        "an object of a definition has at most " + std::to_string(max_object_members) + " members");
    return result;
  }
  detail::read_failure why = detail::read_failure::none;
  const def_json root = detail::read_json(json_text, &why);
  if (why == detail::read_failure::duplicate_key) {
    report.error("definition.duplicate_key", "",
                 "a name appears twice in one object of the definition");
    return result;
  }
  if (root.is_discarded()) {
    report.error("definition.not_json", "", "the definition is not valid JSON (UTF-8)");
    return result;
  }
  if (!root.is_object()) {
    report.error("definition.not_object", "", "a definition is a JSON object");
    return result;
  }
  result.value = definition_parser(result.problems).parse(root);
#ifndef __EMSCRIPTEN__
  // The shop's theme for the collector's hosted page (issue 17): the shell takes a theme from
  // init options, so the shopper's core only knows the key.
  if (const def_json* node = member(root, "theme")) check_theme(*node, report);
  // Natively only (pepite-check, the collector, the tests), where views are computed ahead of
  // time: the hash and the firstView checks would cost the shopper's pepite-core.wasm 0.7 KB gzip
  // (issue 19), and the shell compares the core's first view with the precomputed one itself.
  result.value.definition_hash = detail::definition_hash(root);
  if (const def_json* node = member(root, "firstView")) {
    detail::check_first_view(*node, result.value.definition_hash, report);
  }
#endif
  return result;
}

}  // namespace pepite
