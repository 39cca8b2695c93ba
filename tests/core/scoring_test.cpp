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
  SECTION("a score alone is never high: NPS 0 and 3 are normal, like 4 (issue 16)") {
    CHECK(compute_alert(defaults, scores{3, {}, {}}).priority == "normal");
    CHECK(compute_alert(defaults, scores{0, {}, {}}).priority == "normal");
    CHECK(compute_alert(defaults, scores{4, {}, {}}).priority == "normal");
  }
  SECTION("CSAT 2 is low, at normal priority; 3 is nothing") {
    const alert a = compute_alert(defaults, scores{{}, 2, {}});
    CHECK(a.raised);
    CHECK(a.priority == "normal");
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
  SECTION("urgency reasons are added once each and raise the alert") {
    alert a = compute_alert(defaults, scores{5, {}, {}});
    raise_for_comment(a, defaults, scores{5, {}, {}},
                      {"callback_request", "callback_request", "anger", "not_a_reason"});
    CHECK(a.raised);
    CHECK(a.priority == "high");
    CHECK(a.reasons == std::vector<std::string>{"nps_detractor", "callback_request", "anger"});
    alert none = compute_alert(defaults, scores{9, {}, {}});
    raise_for_comment(none, defaults, scores{9, {}, {}}, {});
    add_problem_topics(none, defaults, scores{9, {}, {}}, {"damaged_item"});
    CHECK_FALSE(none.raised);
    CHECK(none.priority == "normal");
    CHECK(none.reasons.empty());
    raise_for_comment(none, defaults, scores{9, {}, {}}, {"legal_threat"});
    CHECK(none.raised);
    CHECK(none.reasons == std::vector<std::string>{"legal_threat"});
    CHECK(none.priority == "high");
  }
  SECTION("reasons accumulate in a fixed order") {
    alert_rules rules;
    rules.ces_max = 2;
    const alert a = compute_alert(rules, scores{5, 1, 2});
    CHECK(a.reasons == std::vector<std::string>{"nps_detractor", "csat_low", "ces_high_effort"});
    CHECK(a.priority == "normal");
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

// The tiers of issue 16: `high` is rare and always explained by the reasons listed with it.
TEST_CASE("urgency tiers", "[scoring][tiers]") {
  const alert_rules defaults;  // npsHighMax 3, csatHighMax 2
  const auto settle = [&](const scores& s, const std::vector<std::string>& urgency,
                          const std::vector<std::string>& topics) {
    alert a = compute_alert(defaults, s);
    raise_for_comment(a, defaults, s, urgency);
    add_problem_topics(a, defaults, s, topics);
    return a;
  };
  SECTION("an ordinary detractor is normal, even at 0, with or without a topic") {
    CHECK(settle(scores{0, {}, {}}, {}, {}).priority == "normal");
    CHECK(settle(scores{5, {}, {}}, {}, {"damaged_item"}).priority == "normal");
    CHECK(settle(scores{5, {}, {}}, {}, {"damaged_item"}).reasons ==
          std::vector<std::string>{"nps_detractor"});
    CHECK(settle(scores{2, {}, {}}, {}, {"price", "customer_service"}).priority == "normal");
  }
  SECTION("legal threat and anger are high on their own, whatever the score") {
    CHECK(settle(scores{6, {}, {}}, {"legal_threat"}, {}).priority == "high");
    CHECK(settle(scores{8, {}, {}}, {"anger"}, {}).priority == "high");
    CHECK(settle(scores{}, {"anger"}, {}).priority == "high");
  }
  SECTION("a call-back, refund or cancellation request is high with a very low score only") {
    for (const char* reason : {"callback_request", "refund_demand", "cancellation"}) {
      INFO(reason);
      CHECK(settle(scores{4, {}, {}}, {reason}, {}).priority == "normal");
      CHECK(settle(scores{8, {}, {}}, {reason}, {}).priority == "normal");
      const alert a = settle(scores{3, {}, {}}, {reason}, {});
      CHECK(a.priority == "high");
      CHECK(a.reasons == std::vector<std::string>{"nps_detractor", reason});
      CHECK(settle(scores{{}, 2, {}}, {reason}, {}).priority == "high");
    }
  }
  SECTION("a problem topic with a very low score is high, and named among the reasons") {
    // (an endpoint's rule: add_problem_topics() is not in the shopper's core)
    for (const char* topic : {"delivery_delay", "damaged_item", "wrong_or_missing_item"}) {
      INFO(topic);
      const alert a = settle(scores{1, {}, {}}, {}, {"price", topic});
      CHECK(a.priority == "high");
      CHECK(a.reasons == std::vector<std::string>{"nps_detractor", topic});
      CHECK(settle(scores{4, {}, {}}, {}, {topic}).priority == "normal");
    }
  }
  SECTION("the tier follows the survey's thresholds") {
    alert_rules rules;
    rules.nps_high_max = 5;
    alert a = compute_alert(rules, scores{5, {}, {}});
    raise_for_comment(a, rules, scores{5, {}, {}}, {"callback_request"});
    CHECK(a.priority == "high");
    rules.nps_high_max = -1;
    rules.csat_high_max = -1;
    alert off = compute_alert(rules, scores{0, 1, {}});
    raise_for_comment(off, rules, scores{0, 1, {}}, {"refund_demand"});
    add_problem_topics(off, rules, scores{0, 1, {}}, {"damaged_item"});
    CHECK(off.priority == "normal");
    CHECK(off.reasons == std::vector<std::string>{"nps_detractor", "csat_low", "refund_demand"});
  }
  SECTION("settling again gives the same alert (an endpoint re-runs it)") {
    alert a = settle(scores{3, {}, {}}, {"callback_request"}, {"damaged_item"});
    const alert first = a;
    raise_for_comment(a, defaults, scores{3, {}, {}}, {"callback_request"});
    add_problem_topics(a, defaults, scores{3, {}, {}}, {"damaged_item"});
    CHECK(a.reasons == first.reasons);
    CHECK(a.priority == first.priority);
    alert old_widget;  // `high` for NPS 3 alone, as widgets before the tiers sent it
    old_widget.raised = true;
    old_widget.priority = "high";
    old_widget.reasons = {"nps_detractor"};
    raise_for_comment(old_widget, defaults, scores{3, {}, {}}, {});
    CHECK(old_widget.priority == "normal");
  }
}
