// The `firstView` member of a definition (issue 19): accepted and otherwise ignored by the core;
// a malformed or stale one is a warning with its exact path, never an error.
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

const std::string survey_text = pepite::testing::fixture_text("surveys/post-purchase.json");

/// The definition with its French and English first views, as pepite-check writes it.
json with_views() {
  const std::string text = pepite::with_first_views(
      survey_text,
      {pepite::first_view(survey_text, {"fr"}), pepite::first_view(survey_text, {"en"})});
  REQUIRE_FALSE(text.empty());
  return json::parse(text);
}

/// "code @ path" of the warnings of `doc`, after checking that it has no error.
std::vector<std::string> warnings(const json& doc) {
  const pepite::definition_result r = pepite::parse_definition(doc.dump());
  std::vector<std::string> out;
  for (const pepite::issue& item : r.problems) {
    CHECK(item.level == pepite::severity::warning);
    out.push_back(item.code + " @ " + item.path);
  }
  return out;
}

using list = std::vector<std::string>;

}  // namespace

TEST_CASE("a well-formed firstView raises nothing", "[first_view]") {
  CHECK(warnings(with_views()).empty());
}

TEST_CASE("a malformed firstView is a warning at its path", "[first_view]") {
  json doc = with_views();
  json& member = doc["firstView"];

  SECTION("not an object") {
    member = "en";
    CHECK(warnings(doc) == list{"definition.bad_first_view @ firstView"});
  }
  SECTION("no definitionHash") {
    member.erase("definitionHash");
    CHECK(warnings(doc) == list{"definition.bad_first_view @ firstView.definitionHash"});
  }
  SECTION("a definitionHash that is not 16 lowercase hex digits") {
    std::string upper = member["definitionHash"].get<std::string>();
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    member["definitionHash"] = upper == member["definitionHash"] ? "ABCDEF0123456789" : upper;
    CHECK(warnings(doc) == list{"definition.bad_first_view @ firstView.definitionHash"});
    member["definitionHash"] = 42;
    CHECK(warnings(doc) == list{"definition.bad_first_view @ firstView.definitionHash"});
  }
  SECTION("no views, or none in them") {
    member.erase("views");
    CHECK(warnings(doc) == list{"definition.bad_first_view @ firstView.views"});
    member["views"] = json::object();
    CHECK(warnings(doc) == list{"definition.bad_first_view @ firstView.views"});
    member["views"] = json::array({with_views()["firstView"]["views"]["fr"]});
    CHECK(warnings(doc) == list{"definition.bad_first_view @ firstView.views"});
  }
  SECTION("a view under a locale it is not in, or not a view") {
    member["views"]["de"] = member["views"]["fr"];
    member["views"]["en"] = true;
    CHECK(warnings(doc) == list{"definition.bad_first_view @ firstView.views.en",
                                "definition.bad_first_view @ firstView.views.de"});
  }
  SECTION("an unknown member") {
    member["requested"] = json::array({"fr"});
    CHECK(warnings(doc) == list{"definition.unknown_key @ firstView.requested"});
  }
}

TEST_CASE("a firstView computed before an edit is stale", "[first_view]") {
  json doc = with_views();
  doc["questions"][0]["text"]["fr"] = "Nous recommanderiez-vous ?";
  CHECK(warnings(doc) == list{"definition.stale_first_view @ firstView.definitionHash"});
}

TEST_CASE("the engine never reads firstView", "[first_view]") {
  json doc = with_views();
  doc["firstView"]["views"]["fr"]["questions"][0]["text"] = "Autre chose";
  const std::string options =
      R"({"locale":"fr","responseId":"7d444840-9dc0-11d1-b245-5ffdce74fad2","startedAt":0})";
  pepite::session edited(doc.dump(), options);
  pepite::session plain(survey_text, options);
  CHECK(edited.view() == plain.view());
}
