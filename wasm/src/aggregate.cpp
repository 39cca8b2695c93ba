// Aggregates for the collector and dashboard: NPS with its 95% margin, CSAT, CES, distribution,
// per-day series (issue 3 §4). Pure arithmetic over score records, no I/O.
#include "pepite/aggregate.hpp"

#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

#include "detail/json_write.hpp"

namespace pepite {

namespace {

// Counts one NPS answer into `s` (score and margin are computed later, from the counts).
void count_nps(nps_stats& s, int score) {
  if (score >= 9) {
    ++s.promoters;
  } else if (score >= 7) {
    ++s.passives;
  } else {
    ++s.detractors;
  }
  ++s.total;
}

// Rounds to two decimals for the JSON output: the dashboard shows one, APIs don't need more.
double round2(double v) {
  return std::round(v * 100.0) / 100.0;
}

nlohmann::ordered_json nps_json(const nps_stats& s) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  j["promoters"] = s.promoters;
  j["passives"] = s.passives;
  j["detractors"] = s.detractors;
  j["total"] = s.total;
  j["score"] = round2(s.score);
  j["margin95"] = round2(s.margin95);
  return j;
}

}  // namespace

nps_stats nps_from_counts(int promoters, int passives, int detractors) {
  nps_stats s;
  s.promoters = promoters;
  s.passives = passives;
  s.detractors = detractors;
  s.total = promoters + passives + detractors;
  if (s.total <= 0) {
    s.total = 0;
    return s;
  }
  const double n = s.total;
  const double p = promoters / n;
  const double d = detractors / n;
  s.score = 100.0 * (p - d);
  // Each answer is +1, 0 or -1; the score is their mean, so its variance is E[x^2] - E[x]^2.
  const double variance = std::max(0.0, (p + d) - (p - d) * (p - d));
  s.margin95 = 1.96 * 100.0 * std::sqrt(variance / n);
  return s;
}

void aggregator::add(const score_record& record) {
  ++totals_.responses;
  auto it =
      std::lower_bound(days_.begin(), days_.end(), record.day,
                       [](const day_stats& d, const std::string& day) { return d.day < day; });
  if (it == days_.end() || it->day != record.day) {
    day_stats fresh;
    fresh.day = record.day;
    it = days_.insert(it, fresh);
  }
  ++it->responses;
  if (record.nps && *record.nps >= 0 && *record.nps <= 10) {
    count_nps(totals_.nps, *record.nps);
    count_nps(it->nps, *record.nps);
    ++totals_.distribution[static_cast<std::size_t>(*record.nps)];
  }
  if (record.csat && *record.csat >= 1 && *record.csat <= 5) {
    ++totals_.csat_responses;
    if (*record.csat >= 4) ++totals_.csat_satisfied;  // satisfied = 4-5, as scoring
  }
  if (record.ces && *record.ces >= 1 && *record.ces <= 7) {
    ++totals_.ces_responses;
    ces_sum_ += *record.ces;
  }
}

stats aggregator::result() const {
  stats out = totals_;
  out.nps = nps_from_counts(totals_.nps.promoters, totals_.nps.passives, totals_.nps.detractors);
  out.csat_percent = out.csat_responses > 0 ? 100.0 * out.csat_satisfied / out.csat_responses : 0.0;
  out.ces_mean = out.ces_responses > 0 ? static_cast<double>(ces_sum_) / out.ces_responses : 0.0;
  out.series = days_;
  for (auto& day : out.series) {
    day.nps = nps_from_counts(day.nps.promoters, day.nps.passives, day.nps.detractors);
  }
  return out;
}

std::string stats_to_json(const stats& s) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  j["responses"] = s.responses;
  j["nps"] = nps_json(s.nps);
  nlohmann::ordered_json distribution = nlohmann::ordered_json::array();
  for (int count : s.distribution) distribution.push_back(count);
  j["distribution"] = distribution;
  nlohmann::ordered_json csat = nlohmann::ordered_json::object();
  csat["responses"] = s.csat_responses;
  csat["satisfied"] = s.csat_satisfied;
  csat["percent"] = round2(s.csat_percent);
  j["csat"] = csat;
  nlohmann::ordered_json ces = nlohmann::ordered_json::object();
  ces["responses"] = s.ces_responses;
  ces["mean"] = round2(s.ces_mean);
  j["ces"] = ces;
  nlohmann::ordered_json series = nlohmann::ordered_json::array();
  for (const auto& day : s.series) {
    nlohmann::ordered_json d = nlohmann::ordered_json::object();
    d["day"] = day.day;
    d["responses"] = day.responses;
    d["nps"] = nps_json(day.nps);
    series.push_back(d);
  }
  j["series"] = series;
  return detail::write_json(j);
}

}  // namespace pepite
