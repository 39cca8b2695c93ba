// Payload validation: the shared vectors (tests/fixtures/vectors/payloads.json), the summary a
// store reads, the JSON facades, and engine-built payloads checked against their definition.
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "detail/payload_rules.hpp"
#include "pepite/engine.hpp"
#include "pepite/payload.hpp"
#include "vector_match.hpp"

using json = nlohmann::ordered_json;
using pepite::testing::fixture_text;

namespace {

std::string describe(const pepite::issues& list) {
  std::string out;
  for (const auto& item : list) out += item.code + " at " + item.path + ": " + item.message + "\n";
  return out;
}

bool has_error(const pepite::issues& list, const std::string& code, const std::string& path) {
  for (const auto& item : list) {
    if (item.code == code && item.path == path && item.level == pepite::severity::error) {
      return true;
    }
  }
  return false;
}

pepite::survey load_survey(const std::string& file) {
  const auto parsed = pepite::parse_definition(fixture_text("surveys/" + file));
  REQUIRE(parsed.ok());
  return parsed.value;
}

}  // namespace

TEST_CASE("payload vectors", "[payload][vectors]") {
  const json vectors = json::parse(fixture_text("vectors/payloads.json"), nullptr, false);
  REQUIRE(vectors.is_array());
  std::size_t invalid = 0;
  for (const json& vector : vectors) {
    const std::string name = vector.at("name").get<std::string>();
    DYNAMIC_SECTION(name) {
      const std::string text = vector.contains("payloadText")
                                   ? vector["payloadText"].get<std::string>()
                                   : vector.at("payload").dump();
      std::optional<pepite::survey> def;
      if (vector["survey"].is_string()) def = load_survey(vector["survey"].get<std::string>());
      const auto check = pepite::check_payload(text, def ? &*def : nullptr);
      const json& expect = vector.at("expect");
      INFO(describe(check.problems));
      CHECK(check.ok() == expect.at("ok").get<bool>());
      for (const json& error : expect.value("errors", json::array())) {
        const std::string code = error.at("code").get<std::string>();
        const std::string path = error.at("path").get<std::string>();
        INFO("expected " << code << " at '" << path << "'");
        CHECK(has_error(check.problems, code, path));
      }
      // The JSON facade says the same.
      const std::string def_text =
          vector["survey"].is_string()
              ? fixture_text("surveys/" + vector["survey"].get<std::string>())
              : std::string();
      const json facade = json::parse(pepite::validate_payload_json(text, def_text));
      CHECK(facade["ok"] == expect["ok"]);
    }
    if (!vector.at("expect").at("ok").get<bool>()) ++invalid;
  }
  CHECK(invalid >= 25);
}

TEST_CASE("payload summary", "[payload]") {
  const pepite::survey def = load_survey("post-purchase.json");
  const json vectors = json::parse(fixture_text("vectors/payloads.json"));
  const json& payload = vectors[0]["payload"];
  const auto check = pepite::check_payload(payload.dump(), &def);
  INFO(describe(check.problems));
  REQUIRE(check.ok());
  const pepite::payload_summary& s = check.summary;
  CHECK(s.response_id == "0b8e8f2c-3d5e-4a7b-9c1d-2e3f4a5b6c7d");
  CHECK(s.survey_id == "post-purchase");
  CHECK(s.status == "complete");
  CHECK(s.nps == 3);
  CHECK_FALSE(s.csat);
  CHECK_FALSE(s.ces);
  CHECK(s.category == "detractor");
  CHECK(s.alert);
  CHECK(s.alert_priority == "high");
  CHECK(s.alert_reasons == "nps_detractor");
  CHECK_FALSE(s.callback_consent);
  CHECK(s.order_id == "A-10023");
  CHECK(s.comment == "Colis arrivé abîmé.");
  CHECK(s.locale == "fr");
  CHECK(s.submitted_at == "2025-11-25T19:46:48.287Z");

  SECTION("a partial payload's time is its updatedAt") {
    json partial = payload;
    partial["status"] = "partial";
    partial["context"]["submittedAt"] = nullptr;
    const auto p = pepite::check_payload(partial.dump(), &def);
    REQUIRE(p.ok());
    CHECK(p.summary.submitted_at == "2025-11-25T19:46:48.287Z");
    CHECK(p.summary.status == "partial");
  }
  SECTION("several text answers are joined by a blank line") {
    const char* const two_texts = R"({"schema":"pepite.survey/1","id":"two","defaultLocale":"en",
      "questions":[{"id":"a","type":"text","text":"A"},{"id":"b","type":"text","text":"B"}]})";
    const auto parsed = pepite::parse_definition(two_texts);
    REQUIRE(parsed.ok());
    pepite::session session(
        two_texts, R"({"responseId":"0b8e8f2c-3d5e-4a7b-9c1d-2e3f4a5b6c7d","startedAt":5})");
    session.act(R"({"type":"answer","question":"a","value":"first"})");
    session.act(R"({"type":"answer","question":"b","value":"second"})");
    const json result = json::parse(session.act(R"({"type":"submit","at":10})"));
    const auto p = pepite::check_payload(result["payload"].dump(), &parsed.value);
    INFO(describe(p.problems));
    REQUIRE(p.ok());
    CHECK(p.summary.comment == "first\n\nsecond");
    CHECK(p.summary.order_id.empty());
    CHECK_FALSE(p.summary.alert);
    CHECK(p.summary.alert_priority.empty());
  }
}

TEST_CASE("token and senderKey: optional, their form checked (issue 17)", "[payload]") {
  const pepite::survey def = load_survey("post-purchase.json");
  const json vectors = json::parse(fixture_text("vectors/payloads.json"));
  json payload = vectors[0]["payload"];
  {
    const auto check = pepite::check_payload(payload.dump(), &def);
    REQUIRE(check.ok());
    CHECK(check.summary.token.empty());
    CHECK(check.summary.sender_key.empty());
  }
  payload["token"] = "v1.eyJzIjoicG9zdC1wdXJjaGFzZSJ9.v-Ed5Mxw1eHiBz2nEAcPpTQhNm69sGMESdGPlLczEJk";
  payload["senderKey"] = "Q2hhcmxvdHRlJ3Mga2V5IGlzIDMyIGJ5dGVzIGxvbmc";
  {
    const auto check = pepite::check_payload(payload.dump(), &def);
    INFO(describe(check.problems));
    REQUIRE(check.ok());
    CHECK(check.summary.token == payload["token"].get<std::string>());
    CHECK(check.summary.sender_key == payload["senderKey"].get<std::string>());
  }
  for (const json& bad : {json(""), json("v1 a.b"), json(std::string(4097, 'a')), json(7)}) {
    json p = payload;
    p["token"] = bad;
    CHECK(has_error(pepite::check_payload(p.dump(), &def).problems, "payload.bad_token", "token"));
  }
  for (const json& bad : {json("short"), json(std::string(129, 'a')),
                          json("Q2hhcmxvdHRlJ3Mga2V5IGlzIDMy+GJ5dGVz"), json(nullptr)}) {
    json p = payload;
    p["senderKey"] = bad;
    CHECK(has_error(pepite::check_payload(p.dump(), &def).problems, "payload.bad_sender_key",
                    "senderKey"));
  }
}

TEST_CASE("payload size and depth limits", "[payload]") {
  SECTION("exactly 32 KB is measured, one byte more is refused") {
    const json vectors = json::parse(fixture_text("vectors/payloads.json"));
    json payload = vectors[1]["payload"];  // no definition: comments up to 5000 characters
    std::string text = payload.dump();
    text.append(pepite::max_payload_bytes - text.size(), ' ');
    CHECK(pepite::check_payload(text, nullptr).ok());
    text += ' ';
    const auto check = pepite::check_payload(text, nullptr);
    REQUIRE(check.problems.size() == 1);
    CHECK(check.problems[0].code == "payload.too_large");
  }
  SECTION("brackets inside strings do not count as depth") {
    const json vectors = json::parse(fixture_text("vectors/payloads.json"));
    json payload = vectors[1]["payload"];
    payload["answers"][2]["value"] = std::string(40, '[') + "\"\\\"" + std::string(40, '{');
    CHECK(pepite::check_payload(payload.dump(), nullptr).ok());
  }
}

TEST_CASE("validation facades", "[payload]") {
  SECTION("definition") {
    const json ok =
        json::parse(pepite::validate_definition_json(fixture_text("surveys/csat-ces.json")));
    CHECK(ok["ok"] == true);
    CHECK(ok["errors"].empty());
    const json bad = json::parse(pepite::validate_definition_json("{"));
    CHECK(bad["ok"] == false);
    CHECK(bad["errors"].size() >= 1);
    CHECK(bad["errors"][0].contains("code"));
    CHECK(bad["errors"][0].contains("path"));
    CHECK(bad["errors"][0].contains("message"));
    CHECK(bad["warnings"].is_array());
  }
  SECTION("payload against an invalid definition reports the definition") {
    const json report = json::parse(pepite::validate_payload_json("{}", "{"));
    CHECK(report["ok"] == false);
    CHECK(report["errors"][0]["code"].get<std::string>().rfind("definition.", 0) == 0);
  }
  SECTION("payload without definition") {
    const json report = json::parse(pepite::validate_payload_json("null", ""));
    CHECK(report["ok"] == false);
    CHECK(report["errors"][0]["code"] == "payload.not_object");
  }
}

TEST_CASE("every scale value round-trips through the engine and the validator", "[payload]") {
  for (const char* file : {"post-purchase.json", "csat-ces.json"}) {
    const std::string text = fixture_text(std::string("surveys/") + file);
    const pepite::survey def = load_survey(file);
    const pepite::question& first = def.questions.front();
    for (int value = first.min(); value <= first.max(); ++value) {
      pepite::session s(text, R"({"locale":"en","responseId":"0b8e8f2c-3d5e-4a7b-9c1d-2e3f4a5b6c7d",
                                  "startedAt":1764100000000,"pageUrl":"https://a.example/x?y#z",
                                  "properties":{"orderId":"A-1"}})");
      const json partial = json::parse(s.act(
          json{{"type", "answer"}, {"question", first.id}, {"value", value}, {"at", 1764100001000}}
              .dump()));
      REQUIRE(partial["payload"].is_object());
      const auto p = pepite::check_payload(partial["payload"].dump(), &def);
      INFO(file << " " << value << "\n" << describe(p.problems));
      CHECK(p.ok());
      const json done = json::parse(s.act(R"({"type":"submit","at":1764100002000})"));
      REQUIRE(done["ok"] == true);
      const auto c = pepite::check_payload(done["payload"].dump(), &def);
      INFO(describe(c.problems));
      CHECK(c.ok());
      CHECK(c.summary.status == "complete");
      CHECK(c.summary.order_id == "A-1");
    }
  }
}

TEST_CASE("plausible call-back contacts", "[payload][contact]") {
  using pepite::detail::is_contact;
  for (const char* phone : {"0612345678", "+33 6 12 34 56 78", "(06) 12.34.56-78", "123456",
                            "+1 (555) 010-9999 12345"}) {
    INFO(phone);
    CHECK(is_contact(true, phone));
  }
  for (const char* phone :
       {"", "12345", "123456789012345678901", "06 12 34 56 7x", "06\t12345678", "0612345678 ext"}) {
    INFO(phone);
    CHECK_FALSE(is_contact(true, phone));
  }
  for (const char* email : {"lea@example.fr", "a.b+c@sub.example.co.uk", "x@y.z"}) {
    INFO(email);
    CHECK(is_contact(false, email));
  }
  for (const char* email : {"", "lea@example", "@example.fr", "lea@.fr", "lea@example.", "a@b@c.fr",
                            "lea martin@example.fr", "lea\n@example.fr"}) {
    INFO(email);
    CHECK_FALSE(is_contact(false, email));
  }
  CHECK_FALSE(is_contact(false, std::string(250, 'a') + "@b.fr"));
}
