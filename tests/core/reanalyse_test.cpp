// An endpoint's analysis of a received payload (pepite::reanalyse_payload): the payload vectors
// (tests/fixtures/vectors/payloads.json, `reanalysed` says what the analysis must give), the
// survey lookup, and the stored text staying valid and unchanged by a second analysis.
#include <map>
#include <optional>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "pepite/payload.hpp"
#include "pepite/reanalyse.hpp"
#include "vector_match.hpp"

using json = nlohmann::ordered_json;
using pepite::testing::fixture_text;

namespace {

pepite::survey load_survey(const std::string& file) {
  const auto parsed = pepite::parse_definition(fixture_text("surveys/" + file));
  REQUIRE(parsed.ok());
  return parsed.value;
}

std::string codes(const pepite::issues& list) {
  std::string out;
  for (const auto& item : list) out += item.code + " at " + item.path + "\n";
  return out;
}

std::string vector_text(const json& vector) {
  return vector.contains("payloadText") ? vector["payloadText"].get<std::string>()
                                        : vector.at("payload").dump();
}

}  // namespace

TEST_CASE("reanalysis of every payload vector", "[reanalyse][vectors]") {
  const json vectors = json::parse(fixture_text("vectors/payloads.json"));
  std::size_t with_expectations = 0;
  for (const json& vector : vectors) {
    DYNAMIC_SECTION(vector.at("name").get<std::string>()) {
      const std::string text = vector_text(vector);
      std::optional<pepite::survey> def;
      if (vector["survey"].is_string()) def = load_survey(vector["survey"].get<std::string>());
      const pepite::survey* definition = def ? &*def : nullptr;
      const pepite::payload_check check = pepite::check_payload(text, definition);
      const pepite::reanalysis result = pepite::reanalyse_payload(definition, text);

      // The same validation as check_payload(), problem for problem.
      CHECK(codes(result.problems) == codes(check.problems));
      CHECK(result.ok() == vector.at("expect").at("ok").get<bool>());
      if (!result.ok()) {
        CHECK(result.payload.empty());
        CHECK_FALSE(result.changed);
        return;
      }
      CHECK(result.summary.response_id == check.summary.response_id);
      CHECK(result.summary.nps == check.summary.nps);
      CHECK(result.changed == (result.payload != text));
      // What is stored is a valid payload, and analysing it again changes nothing.
      const pepite::payload_check stored = pepite::check_payload(result.payload, definition);
      INFO(codes(stored.problems));
      CHECK(stored.ok());
      const pepite::reanalysis again = pepite::reanalyse_payload(definition, result.payload);
      CHECK_FALSE(again.changed);
      CHECK(again.payload == result.payload);
      CHECK(again.summary.alert_priority == result.summary.alert_priority);
      CHECK(again.summary.alert_reasons == result.summary.alert_reasons);
      // The summary a store reads says what the stored payload says.
      const json doc = json::parse(result.payload);
      CHECK(result.summary.alert == doc["alert"].is_object());
      if (doc["alert"].is_object()) {
        CHECK(result.summary.alert_priority == doc["alert"]["priority"].get<std::string>());
      }
      CHECK(json(result.topics) == doc.value("topics", json::array()));
    }
    if (vector.contains("reanalysed")) ++with_expectations;
  }
  CHECK(with_expectations >= 4);
}

TEST_CASE("reanalysis: what the analysis adds", "[reanalyse][vectors]") {
  const json vectors = json::parse(fixture_text("vectors/payloads.json"));
  for (const json& vector : vectors) {
    if (!vector.contains("reanalysed")) continue;
    DYNAMIC_SECTION(vector.at("name").get<std::string>()) {
      const json& want = vector["reanalysed"];
      const pepite::survey def = load_survey(vector.at("survey").get<std::string>());
      const pepite::reanalysis result = pepite::reanalyse_payload(&def, vector_text(vector));
      CHECK(result.changed == want.at("changed").get<bool>());
      if (!result.ok()) continue;
      const json doc = json::parse(result.payload);
      if (want.contains("comment")) {
        CHECK(result.summary.comment == want["comment"].get<std::string>());
        const json& answers = doc["answers"];
        CHECK(answers[answers.size() - 1]["value"] == want["comment"]);
      }
      if (want.contains("redactions")) CHECK(doc["redactions"] == want["redactions"]);
      if (want.contains("topics")) CHECK(doc["topics"] == want["topics"]);
      if (want.contains("properties")) CHECK(doc["properties"] == want["properties"]);
      if (want.contains("pageUrl")) CHECK(doc["context"]["pageUrl"] == want["pageUrl"]);
      // The consented contact is the shopper's own, given to be called back: never redacted.
      if (want.contains("contact")) CHECK(doc["contact"] == want["contact"]);
      if (want.contains("alert")) {
        CHECK(doc["alert"] == want["alert"]);
        CHECK(result.summary.alert == want["alert"].is_object());
        if (want["alert"].is_object()) {
          std::string reasons;
          for (const json& r : want["alert"]["reasons"]) {
            reasons += (reasons.empty() ? "" : ",") + r.get<std::string>();
          }
          CHECK(result.summary.alert_priority == want["alert"]["priority"].get<std::string>());
          CHECK(result.summary.alert_reasons == reasons);
        }
      }
    }
  }
}

TEST_CASE("reanalysis: the survey is the one the payload names", "[reanalyse]") {
  const pepite::survey def = load_survey("post-purchase.json");
  const json vectors = json::parse(fixture_text("vectors/payloads.json"));
  const std::string text = vectors[0]["payload"].dump();
  std::map<std::string, const pepite::survey*> known{{"post-purchase", &def}};
  std::string asked;
  const auto lookup = [&](std::string_view id) -> const pepite::survey* {
    asked = std::string(id);
    const auto found = known.find(asked);
    return found != known.end() ? found->second : nullptr;
  };

  SECTION("a known survey: validated against it") {
    const pepite::reanalysis result = pepite::reanalyse_payload(text, lookup);
    CHECK(asked == "post-purchase");
    CHECK(result.ok());
    CHECK(result.definition == &def);
  }
  SECTION("an unknown survey: the schema alone, and no definition to say so") {
    known.clear();
    const pepite::reanalysis result = pepite::reanalyse_payload(text, lookup);
    CHECK(result.ok());
    CHECK(result.definition == nullptr);
  }
  SECTION("the definition's rules apply: a question it does not have is refused") {
    json doc = vectors[0]["payload"];
    doc["answers"][2]["questionId"] = "nope";
    CHECK(pepite::reanalyse_payload(doc.dump(), lookup).problems.at(0).code ==
          "payload.unknown_question");
    known.clear();
    CHECK(pepite::reanalyse_payload(doc.dump(), lookup).ok());
  }
  SECTION("an escaped survey id is read as JSON, not skipped") {
    // The collector's former hand-written scan skipped escaped ids; the reader decodes them.
    std::string escaped = text;
    const std::string plain = "\"surveyId\":\"post-purchase\"";
    escaped.replace(escaped.find(plain), plain.size(), "\"surveyId\":\"post\\u002dpurchase\"");
    const pepite::reanalysis result = pepite::reanalyse_payload(escaped, lookup);
    CHECK(asked == "post-purchase");
    CHECK(result.definition == &def);
  }
  SECTION("no lookup: no survey") {
    const pepite::reanalysis result = pepite::reanalyse_payload(text, pepite::survey_lookup());
    CHECK(result.ok());
    CHECK(result.definition == nullptr);
  }
  SECTION("not JSON: the reader's error, nothing looked up") {
    const pepite::reanalysis result = pepite::reanalyse_payload("{\"surveyId\":", lookup);
    CHECK(asked.empty());
    REQUIRE_FALSE(result.ok());
    CHECK(result.problems.at(0).code == "payload.not_json");
  }
}

TEST_CASE("reanalysis settles the alert's tier", "[reanalyse][tiers]") {
  const pepite::survey def = load_survey("post-purchase.json");
  json doc = json::parse(fixture_text("vectors/payloads.json"))[0]["payload"];
  // NPS 8, no alert from the scores: the client's own problem-topic reason is not one the core
  // grants (no very low score, no such topic): the stored payload has no alert, and stays valid.
  doc["answers"] = json::array({{{"questionId", "nps"}, {"type", "nps"}, {"value", 8}},
                                {{"questionId", "comment"}, {"type", "text"}, {"value", "Bien."}}});
  doc["scores"]["nps"] = 8;
  doc["scores"]["npsCategory"] = "passive";
  doc["alert"] = {{"priority", "high"}, {"reasons", {"damaged_item"}}};
  const pepite::reanalysis result = pepite::reanalyse_payload(&def, doc.dump());
  REQUIRE(result.ok());
  CHECK(result.changed);
  CHECK_FALSE(result.summary.alert);
  CHECK(json::parse(result.payload)["alert"].is_null());
  CHECK(pepite::check_payload(result.payload, &def).ok());
  // The same reason given by the client with NPS 2 and the topic: granted, high.
  doc["answers"][0]["value"] = 2;
  doc["answers"][1]["value"] = "Colis abîmé.";
  doc["scores"]["nps"] = 2;
  doc["scores"]["npsCategory"] = "detractor";
  doc["alert"] = {{"priority", "normal"}, {"reasons", {"nps_detractor"}}};
  const pepite::reanalysis damaged = pepite::reanalyse_payload(&def, doc.dump());
  REQUIRE(damaged.ok());
  CHECK(damaged.summary.alert_priority == "high");
  CHECK(damaged.summary.alert_reasons == "nps_detractor,damaged_item");
  CHECK(json::parse(damaged.payload)["topics"] == json::array({"damaged_item"}));
}
