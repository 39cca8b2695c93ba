// Aggregates (NPS and margin, CSAT, CES, distribution, series) against figures computed by hand.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "pepite/aggregate.hpp"

namespace {

pepite::score_record nps_on(const char* day, int score) {
  pepite::score_record r;
  r.day = day;
  r.nps = score;
  return r;
}

}  // namespace

TEST_CASE("nps_from_counts", "[aggregate]") {
  SECTION("no answers gives zeros") {
    auto s = pepite::nps_from_counts(0, 0, 0);
    CHECK(s.total == 0);
    CHECK(s.score == 0);
    CHECK(s.margin95 == 0);
  }
  SECTION("3 promoters, 1 passive, 1 detractor") {
    // score = 100 * (3 - 1) / 5 = 40; var = 0.8 - 0.4^2 = 0.64;
    // margin = 196 * sqrt(0.64 / 5) = 196 * 0.3577708764 = 70.1230917
    auto s = pepite::nps_from_counts(3, 1, 1);
    CHECK(s.total == 5);
    CHECK(s.score == Approx(40.0));
    CHECK(s.margin95 == Approx(70.1230917).epsilon(1e-8));
  }
  SECTION("only promoters: 100 with no margin") {
    auto s = pepite::nps_from_counts(4, 0, 0);
    CHECK(s.score == Approx(100.0));
    CHECK(s.margin95 == Approx(0.0).margin(1e-12));
  }
  SECTION("only detractors: -100") {
    auto s = pepite::nps_from_counts(0, 0, 7);
    CHECK(s.score == Approx(-100.0));
    CHECK(s.margin95 == Approx(0.0).margin(1e-12));
  }
  SECTION("1 promoter, 2 passives, 1 detractor") {
    // score 0; var = 0.5 - 0 = 0.5; margin = 196 * sqrt(0.125) = 69.2964646
    auto s = pepite::nps_from_counts(1, 2, 1);
    CHECK(s.score == Approx(0.0).margin(1e-12));
    CHECK(s.margin95 == Approx(69.2964646).epsilon(1e-8));
  }
}

TEST_CASE("aggregator over ten NPS answers on two days", "[aggregate]") {
  pepite::aggregator agg;
  // Day 2 given first: the series must still come out ascending.
  const int day2[] = {10, 9, 6, 3, 0};
  const int day1[] = {9, 8, 7, 5, 10};
  for (int v : day2) agg.add(nps_on("2026-11-25", v));
  for (int v : day1) agg.add(nps_on("2026-11-24", v));
  auto s = agg.result();

  // P = {10,9,9,10} = 4, passives = {8,7} = 2, D = {6,3,0,5} = 4, N = 10.
  CHECK(s.responses == 10);
  CHECK(s.nps.promoters == 4);
  CHECK(s.nps.passives == 2);
  CHECK(s.nps.detractors == 4);
  CHECK(s.nps.score == Approx(0.0).margin(1e-12));
  // var = 0.8; margin = 196 * sqrt(0.08) = 55.4371716
  CHECK(s.nps.margin95 == Approx(55.4371716).epsilon(1e-8));
  const std::array<int, 11> expected{1, 0, 0, 1, 0, 1, 1, 1, 1, 2, 2};
  CHECK(s.distribution == expected);

  REQUIRE(s.series.size() == 2);
  CHECK(s.series[0].day == "2026-11-24");
  CHECK(s.series[0].responses == 5);
  // 11-24: P = {9,10} = 2, passives 2, D = {5} = 1 -> 100 * 1 / 5 = 20
  CHECK(s.series[0].nps.score == Approx(20.0));
  // var = 0.6 - 0.04 = 0.56; margin = 196 * sqrt(0.112) = 65.5941461
  CHECK(s.series[0].nps.margin95 == Approx(65.5941461).epsilon(1e-8));
  CHECK(s.series[1].day == "2026-11-25");
  // 11-25: P 2, D 3 -> -20
  CHECK(s.series[1].nps.score == Approx(-20.0));
}

TEST_CASE("CSAT percent and CES mean", "[aggregate]") {
  pepite::aggregator agg;
  const int csat[] = {5, 4, 3, 1};
  for (int v : csat) {
    pepite::score_record r;
    r.day = "2026-11-25";
    r.csat = v;
    agg.add(r);
  }
  const int ces[] = {7, 5, 3};
  for (int v : ces) {
    pepite::score_record r;
    r.day = "2026-11-26";
    r.ces = v;
    agg.add(r);
  }
  auto s = agg.result();
  CHECK(s.responses == 7);
  CHECK(s.nps.total == 0);
  CHECK(s.csat_responses == 4);
  CHECK(s.csat_satisfied == 2);
  CHECK(s.csat_percent == Approx(50.0));
  CHECK(s.ces_responses == 3);
  CHECK(s.ces_mean == Approx(5.0));
  REQUIRE(s.series.size() == 2);
  CHECK(s.series[1].responses == 3);
}

TEST_CASE("out-of-range scores are not counted", "[aggregate]") {
  pepite::aggregator agg;
  pepite::score_record r;
  r.day = "2026-11-25";
  r.nps = 11;
  r.csat = 0;
  r.ces = 8;
  agg.add(r);
  auto s = agg.result();
  CHECK(s.responses == 1);
  CHECK(s.nps.total == 0);
  CHECK(s.csat_responses == 0);
  CHECK(s.ces_responses == 0);
}

TEST_CASE("stats_to_json", "[aggregate]") {
  pepite::aggregator agg;
  agg.add(nps_on("2026-11-25", 10));
  agg.add(nps_on("2026-11-25", 10));
  agg.add(nps_on("2026-11-25", 2));
  auto j = nlohmann::json::parse(pepite::stats_to_json(agg.result()), nullptr, false);
  REQUIRE_FALSE(j.is_discarded());
  CHECK(j["responses"].get<int>() == 3);
  // 100 * (2 - 1) / 3 = 33.33; var = 1 - 1/9 = 0.8889; margin = 196 * sqrt(0.2963) = 106.69
  CHECK(j["nps"]["score"].get<double>() == Approx(33.33));
  CHECK(j["nps"]["margin95"].get<double>() == Approx(106.69));
  CHECK(j["nps"]["promoters"].get<int>() == 2);
  CHECK(j["distribution"].size() == 11);
  CHECK(j["distribution"][10].get<int>() == 2);
  CHECK(j["csat"]["percent"].get<double>() == 0);
  CHECK(j["ces"]["mean"].get<double>() == 0);
  REQUIRE(j["series"].size() == 1);
  CHECK(j["series"][0]["day"].get<std::string>() == "2026-11-25");
  CHECK(j["series"][0]["nps"]["total"].get<int>() == 3);
}
