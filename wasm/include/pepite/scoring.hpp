// Local scoring of answers: NPS category, CSAT satisfaction, CES effort, and alerts.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pepite/definition.hpp"

namespace pepite {

enum class nps_category { detractor, passive, promoter };

/// 0-6 detractor, 7-8 passive, 9-10 promoter.
nps_category categorize_nps(int score);
std::string_view to_string(nps_category category);

/// CSAT 4-5 is satisfied.
bool csat_satisfied(int score);
/// CES 5-7 is low effort.
bool ces_low_effort(int score);

/// The scores of one response (first question of each type counts).
struct scores {
  std::optional<int> nps;
  std::optional<int> csat;
  std::optional<int> ces;
};

/// Collects the scale answers of `answers` by type, using `definition` for the types.
scores collect_scores(const survey& definition, const answer_map& answers);

/// Why a response needs a human, and how soon. `raised` is false when no rule matched.
/// Priority is `high` or `normal`; reasons are stable ids (`nps_detractor`, `csat_low`,
/// `ces_high_effort`, and later the comment's urgency reasons).
struct alert {
  bool raised = false;
  std::string priority = "normal";
  std::vector<std::string> reasons;
};

/// Applies `rules` to `s`.
alert compute_alert(const alert_rules& rules, const scores& s);

/// Adds a comment's urgency reasons to `a`, each once; any of them raises the alert and makes it
/// `high`. As a payload is built, and by the collector for texts the browser could not analyse.
void raise_for_urgency(alert& a, const std::vector<std::string>& urgency);

/// The thank-you outcome for `s`: `promoter`, `passive`, `detractor` from the NPS, else from
/// CSAT/CES (satisfied -> promoter, neutral -> passive, unhappy -> detractor), else `default`.
std::string outcome_of(const scores& s);

}  // namespace pepite
