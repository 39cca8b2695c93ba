// Local scoring: NPS category, CSAT satisfaction, CES effort, alerts and thank-you outcome.
#include "pepite/scoring.hpp"

#include <algorithm>
#include <iterator>
#include <string_view>

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

namespace {

// A negative threshold turns its rule off (docs/contracts.md, `alerts`).
bool at_most(const std::optional<int>& value, int limit) {
  return value && limit >= 0 && *value <= limit;
}

// The comment's urgency reasons (docs/contracts.md, "Urgency tiers"): the first two make an alert
// high whatever the score, the others with a very low score.
constexpr std::string_view urgency_reasons[] = {"legal_threat", "anger", "callback_request",
                                                "cancellation", "refund_demand"};
// The topics that report a problem with the order: high with a very low score.
constexpr std::string_view problem_topics[] = {"delivery_delay", "damaged_item",
                                               "wrong_or_missing_item"};

bool very_low(const alert_rules& rules, const scores& s) {
  return at_most(s.nps, rules.nps_high_max) || at_most(s.csat, rules.csat_high_max);
}

void add_reason(alert& a, const std::string& reason) {
  if (std::find(a.reasons.begin(), a.reasons.end(), reason) == a.reasons.end()) {
    a.reasons.push_back(reason);
  }
  a.raised = true;
}

}  // namespace

alert compute_alert(const alert_rules& rules, const scores& s) {
  alert result;
  if (at_most(s.nps, rules.nps_max)) result.reasons.push_back("nps_detractor");
  if (at_most(s.csat, rules.csat_max)) result.reasons.push_back("csat_low");
  if (at_most(s.ces, rules.ces_max)) result.reasons.push_back("ces_high_effort");
  result.raised = !result.reasons.empty();
  return result;
}

void raise_for_comment(alert& a, const alert_rules& rules, const scores& s,
                       const std::vector<std::string>& urgency) {
  const bool low = very_low(rules, s);
  bool high = false;
  for (const std::string& reason : urgency) {
    const std::size_t tier =
        std::find(std::begin(urgency_reasons), std::end(urgency_reasons), reason) -
        std::begin(urgency_reasons);
    if (tier == std::size(urgency_reasons)) continue;  // not an urgency reason
    add_reason(a, reason);
    high = high || low || tier < 2;
  }
  a.priority = high ? "high" : "normal";
}

void add_problem_topics(alert& a, const alert_rules& rules, const scores& s,
                        const std::vector<std::string>& topics) {
  if (!very_low(rules, s)) return;
  for (const std::string& topic : topics) {
    if (std::find(std::begin(problem_topics), std::end(problem_topics), topic) ==
        std::end(problem_topics)) {
      continue;
    }
    add_reason(a, topic);
    a.priority = "high";
  }
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
