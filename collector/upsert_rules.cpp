// The store's rules, pure: see upsert_rules.hpp.
#include "upsert_rules.hpp"

#include <algorithm>

#include "auth.hpp"

namespace pepite::collector {

upsert_decision decide_upsert(const std::optional<stored_version>& stored,
                              const payload_summary& incoming, std::string_view payload,
                              std::string_view binding) {
  upsert_decision d;
  if (!stored) return d;
  if (!stored->sender_key.empty() && !constant_time_equal(binding, stored->sender_key)) {
    d.what = upsert_decision::action::refuse;
    return d;
  }
  const bool downgrade = stored->status == "complete" && incoming.status != "complete";
  const bool upgrade = stored->status != "complete" && incoming.status == "complete";
  const bool older = !upgrade && incoming.submitted_at < stored->submitted_at;
  if (downgrade || older || stored->payload == payload) {
    d.what = upsert_decision::action::keep;
    return d;
  }
  d.what = upsert_decision::action::replace;
  // A response already called back (or closed) comes back to the list when the new version
  // carries an alert reason the old one had not (a complete whose comment threatens to sue,
  // after the call about the score): the manager's note stays.
  d.reopen =
      stored->follow_up != "open" && adds_reason(stored->alert_reasons, incoming.alert_reasons);
  return d;
}

std::vector<std::string> split_reasons(std::string_view reasons) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < reasons.size()) {
    std::size_t comma = reasons.find(',', start);
    if (comma == std::string_view::npos) comma = reasons.size();
    if (comma > start) out.emplace_back(reasons.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

bool adds_reason(std::string_view before, std::string_view now) {
  const std::vector<std::string> had = split_reasons(before);
  for (const std::string& reason : split_reasons(now)) {
    if (std::find(had.begin(), had.end(), reason) == had.end()) return true;
  }
  return false;
}

int follow_up_rank(std::string_view state) {
  if (state == "open") return 0;
  if (state == "contacted") return 1;
  if (state == "resolved") return 2;
  return -1;
}

const char* const follow_up_rank_sql =
    "CASE follow_up WHEN 'open' THEN 0 WHEN 'contacted' THEN 1 ELSE 2 END";

}  // namespace pepite::collector
