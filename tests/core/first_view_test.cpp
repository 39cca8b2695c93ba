// The first view computed ahead of time (issue 19): the very view a session starts with, for the
// locales a session would resolve, or the session's own errors; and a definition carrying it.
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "pepite/definition.hpp"
#include "pepite/engine.hpp"
#include "pepite/first_view.hpp"
#include "vector_match.hpp"

namespace {

using json = nlohmann::ordered_json;
using pepite::testing::fixture_text;

/// "level code @ path" of every problem, to compare with Catch's vector matchers.
std::vector<std::string> codes(const pepite::issues& list) {
  std::vector<std::string> out;
  for (const pepite::issue& item : list) {
    out.push_back(std::string(item.level == pepite::severity::error ? "error " : "warning ") +
                  item.code + " @ " + item.path);
  }
  return out;
}

/// The view a real session starts with, `responseId` set aside as first_view() does.
std::string session_view(const std::string& definition, const json& locale) {
  json options = {{"responseId", "7d444840-9dc0-11d1-b245-5ffdce74fad2"}, {"startedAt", 1}};
  if (!locale.is_null()) options["locale"] = locale;
  pepite::session s(definition, options.dump());
  json view = json::parse(s.start_report())["view"];
  view["responseId"] = nullptr;
  return view.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string canonical(const std::string& view) {
  return json::parse(view).dump(-1, ' ', false, json::error_handler_t::replace);
}

const std::vector<std::string> surveys = {"csat-ces.json",          "post-purchase.json",
                                          "render-every-type.json", "render-long-label.json",
                                          "review-everywhere.json", "three-long-texts.json"};

}  // namespace

TEST_CASE("the first view is the view a session starts with", "[first_view]") {
  for (const std::string& name : surveys) {
    const std::string text = fixture_text("surveys/" + name);
    REQUIRE_FALSE(text.empty());
    const pepite::definition_result parsed = pepite::parse_definition(text);
    std::vector<std::string> locales = parsed.value.locales;
    locales.push_back("de");  // none of the fixtures: the default locale
    for (const std::string& locale : locales) {
      INFO(name << " " << locale);
      const pepite::first_view_result fv = pepite::first_view(text, {locale});
      REQUIRE(fv.ok());
      CHECK(canonical(fv.view) == session_view(text, json::array({locale})));
      CHECK(json::parse(fv.view)["responseId"].is_null());
      CHECK(json::parse(fv.view)["locale"] == fv.locale);
      CHECK(fv.definition_hash == parsed.value.definition_hash);
      CHECK(json::parse(fv.view)["definitionHash"] == fv.definition_hash);
    }
    INFO(name << " without locales");
    const pepite::first_view_result fv = pepite::first_view(text, {});
    REQUIRE(fv.ok());
    CHECK(fv.locale == parsed.value.default_locale);
    CHECK(canonical(fv.view) == session_view(text, nullptr));
  }
}

TEST_CASE("the first view resolves the locales as a session does", "[first_view]") {
  const std::string text = fixture_text("surveys/post-purchase.json");  // fr (default), en
  using list = std::vector<std::string>;
  CHECK(pepite::first_view(text, list{"fr-CA", "en"}).locale == "fr");
  CHECK(pepite::first_view(text, list{"de", "en-GB", "fr"}).locale == "en");
  CHECK(pepite::first_view(text, list{"de"}).locale == "fr");
  CHECK(pepite::first_view(text, list{"EN_us"}).locale == "en");
  const pepite::first_view_result en = pepite::first_view(text, list{"de", "en"});
  CHECK(canonical(en.view) == session_view(text, json::array({"de", "en"})));
  CHECK(json::parse(en.view)["questions"][0]["text"] ==
        "How likely are you to recommend our shop to a friend?");
}

TEST_CASE("no first view: the session's errors say why", "[first_view]") {
  using Catch::Matchers::VectorContains;
  const std::string text = fixture_text("surveys/post-purchase.json");

  SECTION("an invalid definition") {
    json doc = json::parse(text);
    doc["questions"] = json::array();
    const pepite::first_view_result fv = pepite::first_view(doc.dump(), {"fr"});
    CHECK_FALSE(fv.ok());
    CHECK(fv.view.empty());
    CHECK(fv.locale.empty());
    CHECK_THAT(codes(fv.problems),
               VectorContains(std::string("error definition.question_count @ questions")));
  }
  SECTION("text that is not JSON") {
    const pepite::first_view_result fv = pepite::first_view("{\"schema\":", {});
    CHECK_FALSE(fv.ok());
    CHECK(codes(fv.problems) == std::vector<std::string>{"error definition.not_json @ "});
  }
  SECTION("a locale that is not a tag") {
    const pepite::first_view_result fv = pepite::first_view(text, {"fr", "fr CA"});
    CHECK_FALSE(fv.ok());
    CHECK(codes(fv.problems) == std::vector<std::string>{"error session.bad_options @ locale"});
  }
  SECTION("more than 10 locales") {
    const pepite::first_view_result fv =
        pepite::first_view(text, std::vector<std::string>(11, "en"));
    CHECK(codes(fv.problems) == std::vector<std::string>{"error session.bad_options @ locale"});
  }
  SECTION("warnings alone do not stop it") {
    json doc = json::parse(text);
    doc["colour"] = "blue";
    const pepite::first_view_result fv = pepite::first_view(doc.dump(), {"fr"});
    CHECK(fv.ok());
    CHECK(codes(fv.problems) ==
          std::vector<std::string>{"warning definition.unknown_key @ colour"});
  }
}

TEST_CASE("a definition carries its first views", "[first_view]") {
  const std::string text = fixture_text("surveys/post-purchase.json");
  const pepite::first_view_result fr = pepite::first_view(text, {"fr-CA"});
  const pepite::first_view_result en = pepite::first_view(text, {"en"});
  const std::string both = pepite::with_first_views(text, {fr, en});
  REQUIRE_FALSE(both.empty());

  const json doc = json::parse(both);
  const json original = json::parse(text);
  CHECK(doc.size() == original.size() + 1);
  CHECK(doc.back() == doc["firstView"]);
  for (auto it = original.begin(); it != original.end(); ++it) CHECK(doc[it.key()] == it.value());
  CHECK(doc["firstView"]["definitionHash"] == fr.definition_hash);
  CHECK(doc["firstView"]["views"].size() == 2);
  CHECK(doc["firstView"]["views"]["fr"] == json::parse(fr.view));
  CHECK(doc["firstView"]["views"]["en"] == json::parse(en.view));

  SECTION("the definition stays valid and hashes the same") {
    const pepite::definition_result parsed = pepite::parse_definition(both);
    CHECK(parsed.problems.empty());
    CHECK(parsed.value.definition_hash == fr.definition_hash);
  }
  SECTION("computing it again replaces it") {
    const std::string again = pepite::with_first_views(both, {en});
    CHECK(json::parse(again)["firstView"]["views"].size() == 1);
    CHECK(pepite::first_view(both, {"en"}).view == en.view);
  }
  SECTION("one view per locale: the later wins") {
    const pepite::first_view_result fr2 = pepite::first_view(text, {"fr"});
    CHECK(json::parse(pepite::with_first_views(text, {fr, fr2}))["firstView"]["views"].size() == 1);
  }
  SECTION("nothing to add") {
    CHECK(pepite::with_first_views(text, {}).empty());
    CHECK(pepite::with_first_views(text, {pepite::first_view(text, {"fr CA"})}).empty());
    CHECK(pepite::with_first_views("[1]", {fr}).empty());
  }
}

TEST_CASE("a comma-separated list of locales", "[first_view]") {
  using list = std::vector<std::string>;
  CHECK(pepite::locale_list("fr-CA,fr,en") == list{"fr-CA", "fr", "en"});
  CHECK(pepite::locale_list(" fr-CA , en ") == list{"fr-CA", "en"});
  CHECK(pepite::locale_list("fr") == list{"fr"});
  CHECK(pepite::locale_list("").empty());
  CHECK(pepite::locale_list("fr,,en") == list{"fr", "", "en"});  // refused by first_view()
  CHECK_FALSE(pepite::first_view(pepite::testing::fixture_text("surveys/post-purchase.json"),
                                 pepite::locale_list("fr,,en"))
                  .ok());
}
