// Complaint-handling figures (issue 16) against a fixture computed by hand.
#include <catch2/catch.hpp>

#include "pepite/complaints.hpp"

using pepite::complaint_case;

namespace {

constexpr long long hour = 3600;

complaint_case kase(long long received_h, long long due_h, std::optional<long long> contacted_h,
                    bool resolved) {
  complaint_case c;
  c.received = received_h * hour;
  c.due = due_h * hour;
  if (contacted_h) c.contacted = *contacted_h * hour;
  c.resolved = resolved;
  return c;
}

}  // namespace

TEST_CASE("nearest-rank percentiles", "[complaints]") {
  CHECK_FALSE(pepite::percentile({}, 50));
  CHECK(*pepite::percentile({7}, 50) == 7);
  CHECK(*pepite::percentile({7}, 90) == 7);
  // 1..10: median = 5th smallest (ceil 5.0), p90 = 9th (ceil 9.0), p0 = the smallest.
  const std::vector<double> ten = {10, 9, 8, 7, 6, 5, 4, 3, 2, 1};
  CHECK(*pepite::percentile(ten, 50) == 5);
  CHECK(*pepite::percentile(ten, 90) == 9);
  CHECK(*pepite::percentile(ten, 100) == 10);
  CHECK(*pepite::percentile(ten, 0) == 1);
  // 4 values: median = ceil(2.0) = 2nd, p90 = ceil(3.6) = 4th.
  CHECK(*pepite::percentile({4, 1, 3, 2}, 50) == 2);
  CHECK(*pepite::percentile({4, 1, 3, 2}, 90) == 4);
}

TEST_CASE("complaint figures of a hand-computed fixture", "[complaints]") {
  // 20 responses, 6 complaints, all received at hour 0 and due at hour 24; now = hour 30.
  //   A contacted at 2 h, resolved        -> within the promise
  //   B contacted at 5 h                  -> within
  //   C contacted at 30 h, resolved       -> late
  //   D contacted at 24 h (exactly due)   -> within
  //   E never contacted, past due         -> decided, not kept
  //   F received at 20 h, due 44 h, not contacted, not yet due -> undecided
  const std::vector<complaint_case> cases = {kase(0, 24, 2, true),
                                             kase(0, 24, 5, false),
                                             kase(0, 24, 30, true),
                                             kase(0, 24, 24, false),
                                             kase(0, 24, std::nullopt, false),
                                             kase(20, 44, std::nullopt, false)};
  const auto k = pepite::complaint_figures(20, cases, 30 * hour);
  CHECK(k.responses == 20);
  CHECK(k.complaints == 6);
  CHECK(k.complaint_share.count == 20);
  CHECK(*k.complaint_share.value == Approx(0.3));  // 6 / 20
  // Hours to contact: 2, 5, 30, 24 -> sorted 2, 5, 24, 30: median 2nd = 5, p90 4th = 30.
  CHECK(k.median_hours_to_contact.count == 4);
  CHECK(*k.median_hours_to_contact.value == Approx(5));
  CHECK(*k.p90_hours_to_contact.value == Approx(30));
  // Decided: A B C D E = 5; kept: A B D = 3.
  CHECK(k.within_promise_share.count == 5);
  CHECK(*k.within_promise_share.value == Approx(0.6));
  // Resolved: A C = 2 of 6.
  CHECK(k.resolution_rate.count == 6);
  CHECK(*k.resolution_rate.value == Approx(1.0 / 3.0));
  // The before/after NPS slot is empty until the shopper side answers.
  CHECK(k.nps_after_resolution.count == 0);
  CHECK_FALSE(k.nps_after_resolution.value);
  CHECK_FALSE(k.nps_before_resolution.value);
}

TEST_CASE("\"is it solved?\": confirmations and the NPS before and after resolution",
          "[complaints]") {
  // Four resolved complaints (NPS 2, 3, 6, 5): three answered the follow-up, one did not.
  //   A yes,    NPS 2 -> 9   B partly, NPS 3 -> 7   C no, NPS 6 -> 4   D not asked
  std::vector<complaint_case> cases(4, kase(0, 24, 2, true));
  const char* answers[] = {"yes", "partly", "no", ""};
  const int before[] = {2, 3, 6, 5};
  const std::optional<int> after[] = {9, 7, 4, std::nullopt};
  for (std::size_t i = 0; i < cases.size(); ++i) {
    cases[i].confirmation = answers[i];
    cases[i].nps_before = before[i];
    cases[i].nps_after = after[i];
  }
  // A confirmation without an NPS after counts in the answers, not in the NPS pairs.
  complaint_case e = kase(0, 24, 2, true);
  e.confirmation = "yes";
  e.nps_before = 1;
  cases.push_back(e);
  const auto k = pepite::complaint_figures(10, cases, 30 * hour);
  CHECK(k.confirmed_yes == 2);
  CHECK(k.confirmed_partly == 1);
  CHECK(k.confirmed_no == 1);
  CHECK(k.resolution_confirmed.count == 4);
  CHECK(*k.resolution_confirmed.value == Approx(0.5));
  // Pairs A B C: before 3 detractors of 3 = -100; after 1 promoter, 1 passive, 1 detractor = 0.
  CHECK(k.nps_before_resolution.count == 3);
  CHECK(*k.nps_before_resolution.value == Approx(-100));
  CHECK(k.nps_after_resolution.count == 3);
  CHECK(*k.nps_after_resolution.value == Approx(0));
}

TEST_CASE("no responses, no complaints: counts of zero and no values", "[complaints]") {
  const auto k = pepite::complaint_figures(0, {}, 0);
  CHECK(k.complaint_share.count == 0);
  CHECK_FALSE(k.complaint_share.value);
  CHECK_FALSE(k.median_hours_to_contact.value);
  CHECK_FALSE(k.within_promise_share.value);
  CHECK_FALSE(k.resolution_rate.value);
  const auto none = pepite::complaint_figures(5, {}, 0);
  CHECK(*none.complaint_share.value == 0);
  CHECK(none.resolution_rate.count == 0);
}

TEST_CASE("a trend needs enough answers on both sides", "[complaints]") {
  const pepite::kpi_figure now{12, 0.5};
  const pepite::kpi_figure before{10, 0.25};
  CHECK(*pepite::kpi_trend(now, before) == Approx(0.25));
  CHECK_FALSE(pepite::kpi_trend(now, {9, 0.25}));
  CHECK_FALSE(pepite::kpi_trend({9, 0.5}, before));
  CHECK_FALSE(pepite::kpi_trend(now, {0, std::nullopt}));
  CHECK(*pepite::kpi_trend({3, 0.5}, {3, 0.25}, 3) == Approx(0.25));
}

TEST_CASE("minutes to first contact: to the minute up to 72 h, then to the hour, then the day",
          "[complaints]") {
  CHECK(pepite::contact_minutes_bin(-30) == 0);  // a contact before the receipt
  CHECK(pepite::contact_minutes_bin(59) == 0);
  CHECK(pepite::contact_minutes_bin(61) == 1);
  CHECK(pepite::contact_minutes_bin(72 * hour - 1) == 72 * 60 - 1);
  CHECK(pepite::contact_minutes_bin(72 * hour + 59 * 60) == 72 * 60);
  CHECK(pepite::contact_minutes_bin(100 * hour + 61 * 60) == 101 * 60);
  CHECK(pepite::contact_minutes_bin(30 * 24 * hour - 1) == (30 * 24 - 1) * 60);
  CHECK(pepite::contact_minutes_bin(45 * 24 * hour + 23 * hour) == 45 * 24 * 60);
}

TEST_CASE("percentiles of the binned minutes: the nearest rank, in hours", "[complaints]") {
  CHECK_FALSE(pepite::percentile_of_minutes({}, 50));
  CHECK_FALSE(pepite::percentile_of_minutes({{5, 0}}, 50));
  // 1..10 minutes once each: the same ranks as percentile() over the values.
  std::map<long long, int> ten;
  for (int m = 1; m <= 10; ++m) ten[m] = 1;
  CHECK(*pepite::percentile_of_minutes(ten, 50) == Approx(5.0 / 60));
  CHECK(*pepite::percentile_of_minutes(ten, 90) == Approx(9.0 / 60));
  CHECK(*pepite::percentile_of_minutes(ten, 0) == Approx(1.0 / 60));
  CHECK(*pepite::percentile_of_minutes(ten, 100) == Approx(10.0 / 60));
  // 120 min × 3, 600 min × 1: median the 2nd (2 h), p90 the 4th (10 h).
  CHECK(*pepite::percentile_of_minutes({{120, 3}, {600, 1}}, 50) == Approx(2));
  CHECK(*pepite::percentile_of_minutes({{120, 3}, {600, 1}}, 90) == Approx(10));
}

TEST_CASE("the figures round the hours to contact down to the minute", "[complaints]") {
  // Contacted 1 h 30 min 59 s and 2 h 0 min 30 s after the receipt: 90 and 120 minutes.
  std::vector<complaint_case> cases = {kase(0, 24, std::nullopt, false),
                                       kase(0, 24, std::nullopt, false)};
  cases[0].contacted = 90 * 60 + 59;
  cases[1].contacted = 2 * hour + 30;
  const auto k = pepite::complaint_figures(2, cases, hour);
  CHECK(*k.median_hours_to_contact.value == Approx(1.5));
  CHECK(*k.p90_hours_to_contact.value == Approx(2));
  const auto counts = pepite::count_complaints(cases, hour);
  CHECK(counts.contact_minutes == std::map<long long, int>{{90, 1}, {120, 1}});
  CHECK(counts.decided == 2);
  CHECK(counts.kept == 2);
}
