// The figures of complaint handling: see complaints.hpp.
#include "pepite/complaints.hpp"

#include <algorithm>
#include <cmath>

namespace pepite {

std::optional<double> percentile(std::vector<double> values, double p) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  const double rank = std::ceil(p / 100.0 * static_cast<double>(values.size()));
  const auto index = rank < 1 ? std::size_t{0} : static_cast<std::size_t>(rank) - 1;
  return values[std::min(index, values.size() - 1)];
}

namespace {

kpi_figure ratio(int part, int whole) {
  kpi_figure f;
  f.count = whole;
  if (whole > 0) f.value = static_cast<double>(part) / whole;
  return f;
}

}  // namespace

long long contact_minutes_bin(long long seconds) {
  const long long m = seconds < 0 ? 0 : seconds / 60;
  if (m < 72 * 60) return m;
  if (m < 30 * 1440) return m - m % 60;
  return m - m % 1440;
}

complaint_counts count_complaints(const std::vector<complaint_case>& cases, long long now) {
  complaint_counts k;
  k.complaints = static_cast<int>(cases.size());
  for (const complaint_case& c : cases) {
    if (c.resolved) ++k.resolved;
    if (c.contacted) {
      ++k.contact_minutes[contact_minutes_bin(*c.contacted - c.received)];
      ++k.decided;
      if (*c.contacted <= c.due) ++k.kept;
    } else if (now > c.due) {
      ++k.decided;
    }
  }
  return k;
}

std::optional<double> percentile_of_minutes(const std::map<long long, int>& minutes, double p) {
  long long n = 0;
  for (const auto& bin : minutes) n += bin.second;
  if (n <= 0) return std::nullopt;
  const double rank = std::ceil(p / 100.0 * static_cast<double>(n));
  const long long index = std::min(rank < 1 ? 0LL : static_cast<long long>(rank) - 1, n - 1);
  long long seen = 0;
  for (const auto& [bin, count] : minutes) {
    seen += count;
    if (seen > index) return static_cast<double>(bin) / 60.0;
  }
  return std::nullopt;
}

complaint_kpis complaint_figures(int responses, const complaint_counts& counts,
                                 const std::vector<complaint_case>& confirmations) {
  complaint_kpis k;
  k.responses = responses;
  k.complaints = counts.complaints;
  k.complaint_share = ratio(k.complaints, responses);
  // "Is it solved?" (issue 17): the answers, and the NPS before and after of those who gave both.
  int before_promoters = 0, before_detractors = 0, after_promoters = 0, after_detractors = 0;
  int paired = 0;
  for (const complaint_case& c : confirmations) {
    if (c.confirmation == "yes") ++k.confirmed_yes;
    if (c.confirmation == "partly") ++k.confirmed_partly;
    if (c.confirmation == "no") ++k.confirmed_no;
    if (c.confirmation.empty() || !c.nps_before || !c.nps_after) continue;
    ++paired;
    before_promoters += *c.nps_before >= 9;
    before_detractors += *c.nps_before <= 6;
    after_promoters += *c.nps_after >= 9;
    after_detractors += *c.nps_after <= 6;
  }
  const int answered = k.confirmed_yes + k.confirmed_partly + k.confirmed_no;
  k.resolution_confirmed = ratio(k.confirmed_yes, answered);
  const auto nps = [paired](int promoters, int detractors) {
    kpi_figure f;
    f.count = paired;
    if (paired > 0) f.value = 100.0 * (promoters - detractors) / paired;
    return f;
  };
  k.nps_before_resolution = nps(before_promoters, before_detractors);
  k.nps_after_resolution = nps(after_promoters, after_detractors);
  int contacted = 0;
  for (const auto& bin : counts.contact_minutes) contacted += bin.second;
  k.median_hours_to_contact = {contacted, percentile_of_minutes(counts.contact_minutes, 50)};
  k.p90_hours_to_contact = {contacted, percentile_of_minutes(counts.contact_minutes, 90)};
  k.within_promise_share = ratio(counts.kept, counts.decided);
  k.resolution_rate = ratio(counts.resolved, k.complaints);
  return k;
}

complaint_kpis complaint_figures(int responses, const std::vector<complaint_case>& cases,
                                 long long now) {
  return complaint_figures(responses, count_complaints(cases, now), cases);
}

std::optional<double> kpi_trend(const kpi_figure& current, const kpi_figure& previous,
                                int min_count) {
  if (!current.value || !previous.value || current.count < min_count ||
      previous.count < min_count) {
    return std::nullopt;
  }
  return *current.value - *previous.value;
}

}  // namespace pepite
