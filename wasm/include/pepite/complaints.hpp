// The figures of complaint handling (issue 16): how many responses are complaints, how fast and
// how often they are called back within the promise, how many are resolved. Pure arithmetic over
// times given in seconds: the collector reads and converts them; nothing here reads a clock.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace pepite {

/// Below this many answers a figure has no trend: "not enough answers yet" (a difference
/// between two periods of a handful of complaints says nothing).
inline constexpr int kpi_trend_min_count = 10;

/// One complaint (a response with an alert), its times in seconds since the Unix epoch.
struct complaint_case {
  long long received = 0;
  long long due = 0;                   ///< the promised call-back time
  std::optional<long long> contacted;  ///< the first contact, if any
  bool resolved = false;
  /// The shopper's answer to "is your problem solved?" after the resolution (issue 17): `yes`,
  /// `partly` or `no`; empty when not asked or not answered.
  std::string confirmation;
  std::optional<int> nps_before;  ///< the complaint's NPS answer (0..10), if any
  std::optional<int> nps_after;   ///< the NPS answer given again with the confirmation
};

/// A figure and the number of answers it is computed from; `value` is empty when `count` is 0.
struct kpi_figure {
  int count = 0;
  std::optional<double> value;
};

struct complaint_kpis {
  int responses = 0;
  /// complaints ÷ responses (count: responses).
  kpi_figure complaint_share;
  int complaints = 0;
  /// Hours from receipt to first contact, median and 90th percentile (count: contacted), to the
  /// minute (contact_minutes_bin).
  kpi_figure median_hours_to_contact;
  kpi_figure p90_hours_to_contact;
  /// Contacted by the promised time ÷ complaints whose promise is decided: contacted, or past
  /// due without contact (count: those). A complaint not yet due and not yet called counts in
  /// neither.
  kpi_figure within_promise_share;
  /// resolved ÷ complaints (count: complaints).
  kpi_figure resolution_rate;
  /// NPS (-100..100) of the shoppers who answered the NPS again after their complaint was
  /// resolved, and the NPS of the same shoppers' complaints (count: those shoppers, the same for
  /// both figures, so the two compare like with like).
  kpi_figure nps_before_resolution;
  kpi_figure nps_after_resolution;
  /// Resolutions the shopper confirmed: `yes` ÷ answered (count: confirmations answered), and
  /// the three answers' counts.
  kpi_figure resolution_confirmed;
  int confirmed_yes = 0;
  int confirmed_partly = 0;
  int confirmed_no = 0;
};

/// The nearest-rank percentile (`p` in 0..100): the ceil(p/100 × n)-th smallest value (the
/// smallest for p = 0); empty for no values. The median is p = 50.
std::optional<double> percentile(std::vector<double> values, double p);

/// The figures of `cases` among `responses` responses, at `now` (seconds since the epoch).
complaint_kpis complaint_figures(int responses, const std::vector<complaint_case>& cases,
                                 long long now);

/// Minutes from receipt to first contact as the figures count them (issue 18: the complaint
/// rollups keep them so): to the minute up to 72 h, to the hour up to 30 days, to the day beyond
/// (each bin named by its first minute); a contact before the receipt counts as 0.
long long contact_minutes_bin(long long seconds);

/// What the complaint figures need, added up: from the cases, or from the complaint rollups.
struct complaint_counts {
  int complaints = 0;
  int decided = 0;  ///< contacted, or past due without contact
  int kept = 0;     ///< contacted by the promised time
  int resolved = 0;
  std::map<long long, int> contact_minutes;  ///< contact_minutes_bin → contacted complaints
};

/// The counts of `cases` at `now` (seconds since the epoch).
complaint_counts count_complaints(const std::vector<complaint_case>& cases, long long now);

/// The nearest-rank percentile (as `percentile`) of the hours the bins of `minutes` stand for.
std::optional<double> percentile_of_minutes(const std::map<long long, int>& minutes, double p);

/// The figures of `counts` among `responses` responses; the "is it solved?" figures from
/// `confirmations` (the complaints whose shopper answered it; others count in none).
complaint_kpis complaint_figures(int responses, const complaint_counts& counts,
                                 const std::vector<complaint_case>& confirmations);

/// current − previous when both figures rest on at least `min_count` answers, else empty.
std::optional<double> kpi_trend(const kpi_figure& current, const kpi_figure& previous,
                                int min_count = kpi_trend_min_count);

}  // namespace pepite
