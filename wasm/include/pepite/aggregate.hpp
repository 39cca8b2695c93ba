// Aggregates for the dashboard: NPS with its margin of error, CSAT, CES, distribution, series.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace pepite {

/// One response's scores and its day (`YYYY-MM-DD`, UTC).
struct score_record {
  std::string day;
  std::optional<int> nps;
  std::optional<int> csat;
  std::optional<int> ces;
};

struct nps_stats {
  int promoters = 0;
  int passives = 0;
  int detractors = 0;
  int total = 0;
  double score = 0;     ///< %promoters - %detractors, -100..100
  double margin95 = 0;  ///< 95% margin of error of the score, in points
};

struct day_stats {
  std::string day;
  int responses = 0;
  nps_stats nps;
};

struct stats {
  int responses = 0;
  nps_stats nps;
  std::array<int, 11> distribution{};  ///< NPS answers per score 0..10
  int csat_responses = 0;
  int csat_satisfied = 0;
  double csat_percent = 0;
  int ces_responses = 0;
  double ces_mean = 0;
  std::vector<day_stats> series;       ///< one entry per day with responses, ascending
};

/// NPS from counts: score = 100 * (P - D) / N; margin95 = 1.96 * 100 * sqrt(var / N) with
/// var = (P + D)/N - ((P - D)/N)^2. All zero when N == 0.
nps_stats nps_from_counts(int promoters, int passives, int detractors);

/// Accumulates records one at a time (no need to keep them).
class aggregator {
 public:
  void add(const score_record& record);
  stats result() const;

 private:
  stats totals_;
  std::vector<day_stats> days_;
  long long ces_sum_ = 0;
};

/// The stats as JSON (`{"responses","nps":{...},"distribution","csat":{...},"ces":{...},"series"}`).
std::string stats_to_json(const stats& s);

}  // namespace pepite
