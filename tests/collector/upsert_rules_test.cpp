// The store's rules without a database: which version wins, when a case reopens, how a
// follow-up moves.
#include <catch2/catch.hpp>

#include "upsert_rules.hpp"

using namespace pepite::collector;

namespace {

pepite::payload_summary incoming(const std::string& status, const std::string& at,
                                 const std::string& reasons = "nps_detractor") {
  pepite::payload_summary s;
  s.response_id = "r";
  s.status = status;
  s.submitted_at = at;
  s.alert_reasons = reasons;
  return s;
}

stored_version stored(const std::string& status, const std::string& at,
                      const std::string& follow_up = "open") {
  return {status, at, "{\"stored\":1}", "nps_detractor", follow_up, ""};
}

using action = upsert_decision::action;

}  // namespace

TEST_CASE("decide_upsert", "[rules]") {
  const std::string early = "2026-11-25T09:00:01.000Z";
  const std::string late = "2026-11-25T09:00:09.000Z";
  CHECK(decide_upsert(std::nullopt, incoming("partial", early), "{}").what == action::insert);
  // A complete replaces its partial, even with an older stamp (the shopper's clock went back).
  CHECK(decide_upsert(stored("partial", late), incoming("complete", early), "{}").what ==
        action::replace);
  // Never downgraded.
  CHECK(decide_upsert(stored("complete", early), incoming("partial", late), "{}").what ==
        action::keep);
  // An older version of the same status never replaces a newer one; a newer one does.
  CHECK(decide_upsert(stored("partial", late), incoming("partial", early), "{}").what ==
        action::keep);
  CHECK(decide_upsert(stored("complete", early), incoming("complete", late), "{}").what ==
        action::replace);
  // A replay (same bytes) writes nothing.
  CHECK(decide_upsert(stored("partial", early), incoming("partial", late), "{\"stored\":1}").what ==
        action::keep);
}

TEST_CASE("a new alert reason reopens a case already followed up", "[rules]") {
  const std::string at = "2026-11-25T09:00:09.000Z";
  auto threat = incoming("complete", at, "nps_detractor,legal_threat");
  CHECK(decide_upsert(stored("partial", at, "contacted"), threat, "{}").reopen);
  CHECK(decide_upsert(stored("partial", at, "resolved"), threat, "{}").reopen);
  // Still open: nothing to reopen. The same reasons: the case stays where it is.
  CHECK_FALSE(decide_upsert(stored("partial", at, "open"), threat, "{}").reopen);
  CHECK_FALSE(
      decide_upsert(stored("partial", at, "resolved"), incoming("complete", at), "{}").reopen);
}

TEST_CASE("alert reasons and follow-up ranks", "[rules]") {
  CHECK(split_reasons("a,,b,") == std::vector<std::string>{"a", "b"});
  CHECK(split_reasons("").empty());
  CHECK(adds_reason("a,b", "b,c"));
  CHECK_FALSE(adds_reason("a,b", "b,a"));
  CHECK(follow_up_rank("open") < follow_up_rank("contacted"));
  CHECK(follow_up_rank("contacted") < follow_up_rank("resolved"));
  CHECK(follow_up_rank("archived") == -1);
}

TEST_CASE("a bound response takes versions from its sender alone (issue 17)", "[rules]") {
  const std::string early = "2026-11-25T09:00:01.000Z";
  const std::string late = "2026-11-25T09:00:09.000Z";
  stored_version bound = stored("partial", early);
  bound.sender_key = "sha256:aaaa";
  // Another binding, none, or a prefix of it: refused whatever the version would have done.
  for (const std::string binding : {"sha256:bbbb", "", "sha256:aaa", "sha256:aaaaa"}) {
    CHECK(decide_upsert(bound, incoming("complete", late), "{}", binding).what == action::refuse);
    CHECK(decide_upsert(bound, incoming("partial", early), "{\"stored\":1}", binding).what ==
          action::refuse);
  }
  // The same binding: the usual rules.
  CHECK(decide_upsert(bound, incoming("complete", late), "{}", "sha256:aaaa").what ==
        action::replace);
  CHECK(decide_upsert(bound, incoming("partial", early), "{\"stored\":1}", "sha256:aaaa").what ==
        action::keep);
  // An unbound response (an older widget's) takes any version, as before.
  CHECK(
      decide_upsert(stored("partial", early), incoming("complete", late), "{}", "sha256:x").what ==
      action::replace);
}
