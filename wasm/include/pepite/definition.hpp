// Survey definitions (pepite.survey/1): the parsed model, its validation and locale resolution.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pepite/error.hpp"
#include "pepite/redact.hpp"
#include "pepite/topics.hpp"

namespace pepite {

/// Largest definition accepted, in bytes of JSON text.
inline constexpr std::size_t max_definition_bytes = 64 * 1024;
/// Deepest nesting of arrays and objects accepted in a definition.
inline constexpr int max_definition_depth = 32;

/// A user-facing string: the same text for every locale (`plain`), or a map locale -> text.
struct text {
  std::string plain;
  std::map<std::string, std::string> by_locale;
  bool localized = false;  ///< true when given as a map
  std::string first_locale;  ///< key of the map's first entry in document order (fallback)
  bool empty() const { return !localized && plain.empty(); }
};

/// Resolves `value` for `locale` with the fallback chain `fr-CA` -> `fr` -> `default_locale` ->
/// first entry. Matching ignores case (`fr-ca` == `fr-CA`) and accepts `_` for `-`.
std::string resolve(const text& value, std::string_view locale, std::string_view default_locale);

/// Whether `value` has `locale` itself or its language (`fr-CA` -> `fr`), without falling back to
/// another language: what the missing-translation warning asks.
bool covers_locale(const text& value, std::string_view locale);

/// The locale actually used by resolve() for `value` (the fallback step that matched); empty for
/// a plain string or an empty map.
std::string resolved_locale(const text& value, std::string_view locale,
                            std::string_view default_locale);

enum class question_type { nps, csat, ces, choice, text };

/// `nps`, `csat`, ... as written in definitions.
std::string_view to_string(question_type type);

/// One answer as the engine holds it. A scale answer sets `score`; a choice sets `selected`
/// (one item when single) and `other_text`; a text question sets `text`.
struct answer_value {
  std::optional<int> score;
  std::vector<std::string> selected;
  std::string other_text;
  std::string text;
};

/// Answers given so far, by question id (absent = not answered).
using answer_map = std::map<std::string, answer_value>;

/// A display condition (`showIf`) over earlier answers.
struct condition {
  enum class op { eq, in, lte, gte, between, answered, all, any };
  op kind = op::answered;
  std::string question;              ///< the question compared (not for all/any)
  std::vector<double> numbers;       ///< eq/in on scales: accepted scores
  std::vector<std::string> words;    ///< eq/in on choices and text: accepted option ids / texts
  double low = 0;                    ///< gte, between
  double high = 0;                   ///< lte, between
  bool expect_answered = true;       ///< answered: true / false
  std::vector<condition> children;   ///< all / any
};

/// True when `cond` holds for `answers`. A comparison on an unanswered question is false.
bool evaluate(const condition& cond, const answer_map& answers);

struct choice_option {
  std::string id;
  text label;
};

struct question {
  std::string id;
  question_type type = question_type::nps;
  text label;                        ///< the question itself (`text` in JSON)
  bool required = false;
  text low_label;                    ///< scales: label of the lowest value (`lowLabel`)
  text high_label;                   ///< scales: label of the highest value (`highLabel`)
  std::string style;                 ///< csat: `stars` (default) or `faces`
  bool multiple = false;             ///< choice: checkboxes instead of radios
  std::vector<choice_option> options;
  bool has_other = false;            ///< choice: an "other" option with free text
  text other_label;
  int max_length = 1000;             ///< text: at most 5000
  text placeholder;
  std::optional<condition> show_if;
  int min() const;                   ///< lowest score of a scale (0 for nps, 1 otherwise)
  int max() const;                   ///< highest score of a scale (10, 5, 7)
  bool is_scale() const;             ///< nps, csat or ces
};

/// A link on a thank-you screen (https only).
struct thank_you_link {
  std::string url;
  text label;
  std::string kind = "other";        ///< `review`, `share` or `other`, as declared
  bool review = false;               ///< a public-review invitation (`kind: "review"` or a review site)
};

/// A thank-you screen, chosen by outcome: `promoter`, `passive`, `detractor`, `default`.
struct thank_you {
  text title;
  text body;
  std::optional<thank_you_link> link;
  bool callback_consent = false;     ///< offer a call-back on the step before sending (issue 16)
  text consent_label;                ///< optional, no longer shown (the offer is ui.callbackOffer)
  text callback_delay;               ///< the promised delay ("within 24 h")
};

/// When a response needs a human. Defaults: NPS <= 6 raises an alert, NPS <= 3 or CSAT <= 2
/// makes it `high` priority; a negative value turns that rule off.
struct alert_rules {
  int nps_max = 6;
  int nps_high_max = 3;
  int csat_max = 2;
  int csat_high_max = 2;
  int ces_max = -1;
};

struct survey {
  std::string id;
  std::string default_locale;
  std::vector<std::string> locales;  ///< locales the texts should all have (`locales`)
  std::string display = "card";      ///< `card`: one step; `steps`: one question per step
  std::vector<question> questions;
  std::map<std::string, thank_you> thank_you_screens;
  std::map<std::string, text> ui;    ///< overrides of built-in UI strings (`ui`)
  alert_rules alerts;
  redact_options redaction;
  topic_lexicon topics;
  /// FNV-1a 64 of the definition's canonical text without `firstView`, 16 hex digits: the same
  /// for the same content whatever its whitespace or key order (the view's `definitionHash`).
  std::string definition_hash;
  const question* find(std::string_view id) const;
};

/// The outcome of parse_definition(): the model when there is no error, and every problem found.
struct definition_result {
  survey value;
  issues problems;
  bool ok() const { return no_errors(problems); }
};

/// Parses and validates a pepite.survey/1 document. Every problem is reported, each with a
/// stable code and JSON path; unknown keys are warnings.
///
///     auto r = pepite::parse_definition(R"({"schema":"pepite.survey/1", ...})");
///     if (!r.ok()) std::puts(pepite::issues_to_json(r.problems).c_str());
definition_result parse_definition(std::string_view json_text);

}  // namespace pepite
