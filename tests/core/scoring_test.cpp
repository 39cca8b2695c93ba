// Scoring: NPS categories and their 6/7 and 8/9 boundaries, CSAT, CES, alerts and outcomes.
#include <catch2/catch.hpp>

#include "pepite/scoring.hpp"

using namespace pepite;

TEST_CASE("NPS categories", "[scoring]") {
  SECTION("0 to 6 are detractors") {
    for (int score = 0; score <= 6; ++score)
      CHECK(categorize_nps(score) == nps_category::detractor);
  }
  SECTION("7 and 8 are passives") {
    CHECK(categorize_nps(7) == nps_category::passive);
    CHECK(categorize_nps(8) == nps_category::passive);
  }
  SECTION("9 and 10 are promoters") {
    CHECK(categorize_nps(9) == nps_category::promoter);
    CHECK(categorize_nps(10) == nps_category::promoter);
  }
  SECTION("names") {
    CHECK(to_string(nps_category::detractor) == "detractor");
    CHECK(to_string(nps_category::passive) == "passive");
    CHECK(to_string(nps_category::promoter) == "promoter");
  }
}

TEST_CASE("CSAT and CES thresholds", "[scoring]") {
  CHECK_FALSE(csat_satisfied(1));
  CHECK_FALSE(csat_satisfied(3));
  CHECK(csat_satisfied(4));
  CHECK(csat_satisfied(5));
  CHECK_FALSE(ces_low_effort(1));
  CHECK_FALSE(ces_low_effort(4));
  CHECK(ces_low_effort(5));
  CHECK(ces_low_effort(7));
}

namespace {

survey three_scales() {
  survey s;
  s.id = "s";
  question nps;
  nps.id = "a";
  nps.type = question_type::nps;
  question nps2 = nps;
  nps2.id = "b";
  question csat;
  csat.id = "c";
  csat.type = question_type::csat;
  question ces;
  ces.id = "d";
  ces.type = question_type::ces;
  question comment;
  comment.id = "e";
  comment.type = question_type::text;
  s.questions = {nps, nps2, csat, ces, comment};
  return s;
}

answer_value score(int value) {
  answer_value a;
  a.score = value;
  return a;
}

}  // namespace

TEST_CASE("collect_scores takes the first answered question of each type", "[scoring]") {
  const survey s = three_scales();
  answer_map answers;
  SECTION("nothing answered") {
    const scores r = collect_scores(s, answers);
    CHECK_FALSE(r.nps);
    CHECK_FALSE(r.csat);
    CHECK_FALSE(r.ces);
  }
  SECTION("every type") {
    answers["a"] = score(9);
    answers["b"] = score(2);
    answers["c"] = score(4);
    answers["d"] = score(6);
    const scores r = collect_scores(s, answers);
    CHECK(r.nps == 9);
    CHECK(r.csat == 4);
    CHECK(r.ces == 6);
  }
  SECTION("the second NPS counts when the first is unanswered") {
    answers["b"] = score(2);
    CHECK(collect_scores(s, answers).nps == 2);
  }
  SECTION("unknown ids are ignored") {
    answers["zzz"] = score(1);
    CHECK_FALSE(collect_scores(s, answers).nps);
  }
}

TEST_CASE("alerts", "[scoring]") {
  const alert_rules defaults;
  SECTION("no scores, no alert") {
    const alert a = compute_alert(defaults, scores{});
    CHECK_FALSE(a.raised);
    CHECK(a.reasons.empty());
  }
  SECTION("NPS 6 raises a normal alert, 7 none") {
    alert a = compute_alert(defaults, scores{6, {}, {}});
    CHECK(a.raised);
    CHECK(a.priority == "normal");
    CHECK(a.reasons == std::vector<std::string>{"nps_detractor"});
    CHECK_FALSE(compute_alert(defaults, scores{7, {}, {}}).raised);
  }
  SECTION("NPS 3 is high priority, 4 normal") {
    CHECK(compute_alert(defaults, scores{3, {}, {}}).priority == "high");
    CHECK(compute_alert(defaults, scores{0, {}, {}}).priority == "high");
    CHECK(compute_alert(defaults, scores{4, {}, {}}).priority == "normal");
  }
  SECTION("CSAT 2 is low and high priority; 3 is nothing") {
    const alert a = compute_alert(defaults, scores{{}, 2, {}});
    CHECK(a.raised);
    CHECK(a.priority == "high");
    CHECK(a.reasons == std::vector<std::string>{"csat_low"});
    CHECK_FALSE(compute_alert(defaults, scores{{}, 3, {}}).raised);
  }
  SECTION("CES is off by default; on when configured") {
    CHECK_FALSE(compute_alert(defaults, scores{{}, {}, 1}).raised);
    alert_rules rules;
    rules.ces_max = 3;
    const alert a = compute_alert(rules, scores{{}, {}, 3});
    CHECK(a.reasons == std::vector<std::string>{"ces_high_effort"});
    CHECK(a.priority == "normal");
    CHECK_FALSE(compute_alert(rules, scores{{}, {}, 4}).raised);
  }
  SECTION("a comment's urgency raises the alert to high, each reason once") {
    alert a = compute_alert(defaults, scores{5, {}, {}});
    raise_for_urgency(a, {"callback_request", "callback_request", "anger"});
    CHECK(a.raised);
    CHECK(a.priority == "high");
    CHECK(a.reasons == std::vector<std::string>{"nps_detractor", "callback_request", "anger"});
    alert none = compute_alert(defaults, scores{9, {}, {}});
    raise_for_urgency(none, {});
    CHECK_FALSE(none.raised);
    CHECK(none.priority == "normal");
    raise_for_urgency(none, {"legal_threat"});
    CHECK(none.raised);
    CHECK(none.reasons == std::vector<std::string>{"legal_threat"});
  }
  SECTION("reasons accumulate in a fixed order") {
    alert_rules rules;
    rules.ces_max = 2;
    const alert a = compute_alert(rules, scores{5, 1, 2});
    CHECK(a.reasons == std::vector<std::string>{"nps_detractor", "csat_low", "ces_high_effort"});
    CHECK(a.priority == "high");
  }
  SECTION("negative thresholds turn rules off") {
    alert_rules rules;
    rules.nps_max = -1;
    rules.csat_high_max = -1;
    CHECK_FALSE(compute_alert(rules, scores{0, {}, {}}).raised);
    const alert a = compute_alert(rules, scores{{}, 1, {}});
    CHECK(a.raised);
    CHECK(a.priority == "normal");
  }
  SECTION("high priority needs a raised alert") {
    alert_rules rules;
    rules.nps_max = 1;
    CHECK_FALSE(compute_alert(rules, scores{3, {}, {}}).raised);
  }
}

TEST_CASE("thank-you outcome", "[scoring]") {
  CHECK(outcome_of(scores{}) == "default");
  CHECK(outcome_of(scores{6, {}, {}}) == "detractor");
  CHECK(outcome_of(scores{7, {}, {}}) == "passive");
  CHECK(outcome_of(scores{8, {}, {}}) == "passive");
  CHECK(outcome_of(scores{9, {}, {}}) == "promoter");
  SECTION("NPS wins over CSAT") {
    CHECK(outcome_of(scores{10, 1, {}}) == "promoter");
  }
  SECTION("CSAT without NPS") {
    CHECK(outcome_of(scores{{}, 2, {}}) == "detractor");
    CHECK(outcome_of(scores{{}, 3, {}}) == "passive");
    CHECK(outcome_of(scores{{}, 4, {}}) == "promoter");
  }
  SECTION("CES alone") {
    CHECK(outcome_of(scores{{}, {}, 3}) == "detractor");
    CHECK(outcome_of(scores{{}, {}, 4}) == "passive");
    CHECK(outcome_of(scores{{}, {}, 5}) == "promoter");
  }
}
