// The definition hash (issue 19): FNV-1a 64 of the canonical text, blind to whitespace, key order
// and the `firstView` member, changed by any other edit, and carried by every view.
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "detail/def_first_view.hpp"
#include "detail/json_read.hpp"
#include "detail/json_write.hpp"
#include "pepite/definition.hpp"
#include "pepite/engine.hpp"
#include "vector_match.hpp"

namespace {

using json = nlohmann::ordered_json;

std::string hash_of(const std::string& text) {
  const auto r = pepite::parse_definition(text);
  REQUIRE(r.ok());
  return r.value.definition_hash;
}

/// `value` with the members of every object in reverse order.
json reversed(const json& value) {
  if (value.is_array()) {
    json out = json::array();
    for (const json& item : value) out.push_back(reversed(item));
    return out;
  }
  if (!value.is_object()) return value;
  json out = json::object();
  for (auto it = value.rbegin(); it != value.rend(); ++it) {
    out[it.key()] = reversed(it.value());
  }
  return out;
}

const std::string survey_text = pepite::testing::fixture_text("surveys/post-purchase.json");

}  // namespace

TEST_CASE("FNV-1a 64 gives the published values", "[hash]") {
  CHECK(pepite::detail::fnv1a_64("") == 0xcbf29ce484222325ULL);
  CHECK(pepite::detail::fnv1a_64("a") == 0xaf63dc4c8601ec8cULL);
  CHECK(pepite::detail::fnv1a_64("foobar") == 0x85944171f73967e8ULL);
}

TEST_CASE("the canonical text sorts the members of every object by name", "[hash]") {
  const json doc = pepite::detail::read_json(
      R"({"b": 1, "é": "x", "a": {"d": [1, {"z": true, "y": 2.5}], "c": null}, "Z": []})");
  CHECK(pepite::detail::write_canonical_json(doc) ==
        R"({"Z":[],"a":{"c":null,"d":[1,{"y":2.5,"z":true}]},"b":1,"é":"x"})");
  SECTION("a member of the top object can be left out, not a nested one of the same name") {
    const json nested = pepite::detail::read_json(R"({"b": {"b": 1}, "a": 2})");
    CHECK(pepite::detail::write_canonical_json(nested, "b") == R"({"a":2})");
    CHECK(pepite::detail::write_canonical_json(nested["b"], "a") == R"({"b":1})");
  }
  SECTION("an empty name is a member like any other") {
    CHECK(pepite::detail::write_canonical_json(pepite::detail::read_json(R"({"a":1,"":0})")) ==
          R"({"":0,"a":1})");
  }
}

TEST_CASE("the definition hash ignores whitespace and key order", "[hash]") {
  REQUIRE_FALSE(survey_text.empty());
  const std::string hash = hash_of(survey_text);
  CHECK(hash.size() == 16);
  CHECK(hash.find_first_not_of("0123456789abcdef") == std::string::npos);
  const json doc = json::parse(survey_text);
  CHECK(hash_of(doc.dump()) == hash);
  CHECK(hash_of(doc.dump(7)) == hash);
  CHECK(hash_of(reversed(doc).dump(1, '\t')) == hash);
}

TEST_CASE("the definition hash changes with any edit but the first view", "[hash]") {
  const std::string hash = hash_of(survey_text);
  json doc = json::parse(survey_text);

  SECTION("a text") {
    doc["questions"][0]["text"]["en"] = "How likely are you to recommend our shop?";
    CHECK(hash_of(doc.dump()) != hash);
  }
  SECTION("a number") {
    doc["alerts"]["npsMax"] = 5;
    CHECK(hash_of(doc.dump()) != hash);
  }
  SECTION("the order of the questions") {
    std::swap(doc["questions"][0], doc["questions"][1]);
    CHECK(pepite::parse_definition(doc.dump()).value.definition_hash != hash);
  }
  SECTION("a member the schema does not know") {
    doc["note"] = "draft";
    CHECK(hash_of(doc.dump()) != hash);
  }
  SECTION("but not a firstView member, whatever it holds") {
    doc["firstView"] = {{"definitionHash", hash}, {"views", {{"fr", {{"locale", "fr"}}}}}};
    CHECK(hash_of(doc.dump()) == hash);
  }
}

TEST_CASE("every view carries the hash of its definition", "[hash]") {
  const std::string hash = hash_of(survey_text);
  pepite::session s(survey_text,
                    R"({"responseId":"0b8e8f2c-3d5e-4a7b-9c1d-2e3f4a5b6c7d","startedAt":0})");
  CHECK(json::parse(s.start_report())["view"]["definitionHash"] == hash);
  const json answered = json::parse(s.act(R"({"type":"answer","question":"nps","value":9})"));
  CHECK(answered["view"]["definitionHash"] == hash);
}
