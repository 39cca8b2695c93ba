// Local scoring: NPS category, CSAT satisfaction, CES effort, alerts and thank-you outcome.
#include "pepite/scoring.hpp"

#include <algorithm>

namespace pepite {

nps_category categorize_nps(int score) {
  if (score >= 9) return nps_category::promoter;
  if (score >= 7) return nps_category::passive;
  return nps_category::detractor;
}

std::string_view to_string(nps_category category) {
  switch (category) {
    case nps_category::promoter:
      return "promoter";
    case nps_category::passive:
      return "passive";
    case nps_category::detractor:
      break;
  }
  return "detractor";
}

bool csat_satisfied(int score) {
  return score >= 4;
}

bool ces_low_effort(int score) {
  return score >= 5;
}

scores collect_scores(const survey& definition, const answer_map& answers) {
  scores result;
  // The first answered question of each scale type counts, in definition order.
  for (const question& q : definition.questions) {
    const auto found = answers.find(q.id);
    if (found == answers.end() || !found->second.score) continue;
    const int value = *found->second.score;
    switch (q.type) {
      case question_type::nps:
        if (!result.nps) result.nps = value;
        break;
      case question_type::csat:
        if (!result.csat) result.csat = value;
        break;
      case question_type::ces:
        if (!result.ces) result.ces = value;
        break;
      case question_type::choice:
      case question_type::text:
        break;
    }
  }
  return result;
}

alert compute_alert(const alert_rules& rules, const scores& s) {
  alert result;
  // A negative threshold turns its rule off (docs/contracts.md, `alerts`).
  const auto at_most = [](const std::optional<int>& value, int limit) {
    return value && limit >= 0 && *value <= limit;
  };
  if (at_most(s.nps, rules.nps_max)) result.reasons.push_back("nps_detractor");
  if (at_most(s.csat, rules.csat_max)) result.reasons.push_back("csat_low");
  if (at_most(s.ces, rules.ces_max)) result.reasons.push_back("ces_high_effort");
  result.raised = !result.reasons.empty();
  if (result.raised &&
      (at_most(s.nps, rules.nps_high_max) || at_most(s.csat, rules.csat_high_max))) {
    result.priority = "high";
  }
  return result;
}

void raise_for_urgency(alert& a, const std::vector<std::string>& urgency) {
  for (const std::string& reason : urgency) {
    if (std::find(a.reasons.begin(), a.reasons.end(), reason) == a.reasons.end()) {
      a.reasons.push_back(reason);
    }
  }
  if (urgency.empty()) return;
  a.raised = true;
  a.priority = "high";
}

std::string outcome_of(const scores& s) {
  if (s.nps) return std::string(to_string(categorize_nps(*s.nps)));
  if (s.csat) {
    if (*s.csat >= 4) return "promoter";
    return *s.csat == 3 ? "passive" : "detractor";
  }
  if (s.ces) {
    if (*s.ces >= 5) return "promoter";
    return *s.ces == 4 ? "passive" : "detractor";
  }
  return "default";
}

}  // namespace pepite
