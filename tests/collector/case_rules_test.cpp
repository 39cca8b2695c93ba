// The rules of a case without a database (issue 16): status moves, the promised delay, due
// times, urgency ranks.
#include <catch2/catch.hpp>

#include "case_rules.hpp"

using namespace pepite::collector;

TEST_CASE("a case moves open, contacted, resolved, and reopens", "[cases]") {
  CHECK(case_transition_allowed("open", "contacted"));
  CHECK(case_transition_allowed("open", "resolved"));
  CHECK(case_transition_allowed("contacted", "resolved"));
  CHECK(case_transition_allowed("contacted", "open"));
  CHECK(case_transition_allowed("resolved", "open"));
  CHECK_FALSE(case_transition_allowed("resolved", "contacted"));
  CHECK_FALSE(case_transition_allowed("open", "open"));
  CHECK_FALSE(case_transition_allowed("resolved", "resolved"));
  CHECK_FALSE(case_transition_allowed("open", "closed"));
  CHECK_FALSE(case_transition_allowed("", "open"));
}

TEST_CASE("the promised delay is read from the definition's words", "[cases]") {
  CHECK(delay_hours_from_text("sous 24 h") == 24);
  CHECK(delay_hours_from_text("within 48 hours") == 48);
  CHECK(delay_hours_from_text("sous 2\xc2\xa0heures") == 2);
  CHECK(delay_hours_from_text("sous 2 jours") == 48);
  CHECK(delay_hours_from_text("within 3 days") == 72);
  CHECK(delay_hours_from_text("within 3 Days") == 72);
  CHECK(delay_hours_from_text("demain") == 24);
  CHECK(delay_hours_from_text("") == 24);
  CHECK(delay_hours_from_text("", 12) == 12);
  CHECK(delay_hours_from_text("sous 0 h") == 24);
  CHECK(delay_hours_from_text("in 5 minutes") == 24);
  CHECK(delay_hours_from_text("99999999999 h") == 24);
}

TEST_CASE("a due time is the receipt plus the delay, in UTC", "[cases]") {
  CHECK(add_hours("2026-11-25T19:57:54.123Z", 24) == "2026-11-26T19:57:54.123Z");
  CHECK(add_hours("2026-12-31T23:00:00Z", 2) == "2027-01-01T01:00:00.000Z");
  CHECK(add_hours("2028-02-28T12:00:00.5Z", 24) == "2028-02-29T12:00:00.500Z");
  CHECK(add_hours("2026-11-25T19:57:54.123Z", 0) == "2026-11-25T19:57:54.123Z");
  CHECK(add_hours("2026-11-25", 24).empty());
  CHECK(add_hours("2026-11-25T19:57:54.123+01:00", 24).empty());
  CHECK(add_hours("2026-11-25T19:57:54.Z", 24).empty());
  CHECK(add_hours("", 24).empty());
}

TEST_CASE("urgency ranks: high first, none last", "[cases]") {
  CHECK(urgency_rank("high") < urgency_rank("medium"));
  CHECK(urgency_rank("medium") < urgency_rank("normal"));
  CHECK(urgency_rank("normal") < urgency_rank("low"));
  CHECK(urgency_rank("low") < urgency_rank(""));
  CHECK(urgency_rank("bogus") == urgency_rank(""));
}

TEST_CASE("UTC times as seconds since the epoch", "[cases]") {
  CHECK(iso_seconds("1970-01-01T00:00:00Z") == 0);
  CHECK(iso_seconds("2026-11-25T19:57:54.123Z") == 1795636674);
  CHECK_FALSE(iso_seconds("2026-11-25"));
  CHECK_FALSE(iso_seconds(""));
}

TEST_CASE("follow-up survey ids: <survey>--solved, and the survey they follow", "[cases]") {
  std::string base;
  CHECK(is_follow_up_id("post-purchase--solved", &base));
  CHECK(base == "post-purchase");
  CHECK_FALSE(is_follow_up_id("post-purchase"));
  CHECK_FALSE(is_follow_up_id("--solved"));  // nothing before the suffix
  CHECK_FALSE(is_follow_up_id("post-purchase-solved"));
  CHECK(is_follow_up_id("a--solved"));
}
