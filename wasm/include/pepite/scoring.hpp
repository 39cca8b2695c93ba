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

/// Why a response needs a human, and how soon (docs/contracts.md, "Urgency tiers").
/// Priority is `high` or `normal`; reasons are stable ids: the scores' (`nps_detractor`,
/// `csat_low`, `ces_high_effort`), the comment's urgency (`callback_request`, `legal_threat`,
/// `cancellation`, `refund_demand`, `anger`) and, with a very low score, its problem topics
/// (`delivery_delay`, `damaged_item`, `wrong_or_missing_item`).
struct alert {
  bool raised = false;
  std::string priority = "normal";
  std::vector<std::string> reasons;
};

/// The score reasons of `s` under `rules`; priority `normal` (a score alone is never `high`).
alert compute_alert(const alert_rules& rules, const scores& s);

/// Adds the comment's urgency reasons to `a` (each once; any raises the alert; other ids are left
/// out) and settles its tier: `high` when one is `legal_threat` or `anger`, or when the score is
/// very low (NPS <= npsHighMax or CSAT <= csatHighMax) and one is added; else `normal` (the
/// reasons already in `a` are the scores'). As a payload is built, and by an endpoint that
/// analyses it again (reanalyse_payload(), which passes a payload's own reasons in `urgency`).
void raise_for_comment(alert& a, const alert_rules& rules, const scores& s,
                       const std::vector<std::string>& urgency);

/// With a very low score, adds each problem topic of `topics` (`delivery_delay`, `damaged_item`,
/// `wrong_or_missing_item`) to the reasons and makes the alert `high`; nothing otherwise. Run by
/// the endpoint (reanalyse_payload(), after raise_for_comment()): the shopper's core leaves it
/// out to stay within its byte budget, so a browser's payload carries this tier only once an
/// endpoint has settled it.
void add_problem_topics(alert& a, const alert_rules& rules, const scores& s,
                        const std::vector<std::string>& topics);

/// The thank-you outcome for `s`: `promoter`, `passive`, `detractor` from the NPS, else from
/// CSAT/CES (satisfied -> promoter, neutral -> passive, unhappy -> detractor), else `default`.
std::string outcome_of(const scores& s);

}  // namespace pepite
