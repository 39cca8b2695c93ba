// The comment analysis seam: the JSON between pepite-core.wasm and pepite-text.wasm, and what
// payloads carry when no analyser answered (issue 4: the analysis downloads after the card).
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "detail/payload_build.hpp"
#include "pepite/comments.hpp"
#include "vector_match.hpp"

using json = nlohmann::ordered_json;

TEST_CASE("a request survives the wire", "[comments]") {
  pepite::comment_request in;
  in.texts = {"appelez le 06 12 34 56 78", "", "é \"quoted\" \\ \n line"};
  in.redaction.phone = false;
  in.redaction.order_masks = {"CMD-########"};
  in.topics.extra["delivery_delay"] = {"transporteur injoignable"};
  const auto out = pepite::parse_comment_request(pepite::comment_request_json(in));
  REQUIRE(out);
  CHECK(out->texts == in.texts);
  CHECK(out->redaction.phone == false);
  CHECK(out->redaction.email == true);
  CHECK(out->redaction.order_masks == in.redaction.order_masks);
  CHECK(out->topics.extra == in.topics.extra);
}

TEST_CASE("a malformed request is refused", "[comments]") {
  CHECK_FALSE(pepite::parse_comment_request(""));
  CHECK_FALSE(pepite::parse_comment_request("[]"));
  CHECK_FALSE(pepite::parse_comment_request(R"({"texts":"x"})"));
  CHECK_FALSE(pepite::parse_comment_request(R"({"texts":[)"));
  // Wrong types inside are skipped, defaults kept.
  const auto lenient =
      pepite::parse_comment_request(R"({"texts":["a",1],"redaction":{"email":"no"}})");
  REQUIRE(lenient);
  CHECK(lenient->texts == std::vector<std::string>{"a"});
  CHECK(lenient->redaction.email);
}

TEST_CASE("a result is taken only when it answers every text", "[comments]") {
  pepite::comment_result r;
  r.available = true;
  r.texts = {"[phone]", "ok"};
  r.counts = {{"phone", 1}};
  r.topics = {"price"};
  r.urgency = {"anger"};
  const std::string wire = pepite::comment_result_json(r);
  const pepite::comment_result back = pepite::parse_comment_result(wire, 2);
  CHECK(back.available);
  CHECK(back.texts == r.texts);
  CHECK(back.counts == r.counts);
  CHECK(back.topics == r.topics);
  CHECK(back.urgency == r.urgency);
  CHECK_FALSE(pepite::parse_comment_result(wire, 3).available);
  CHECK_FALSE(pepite::parse_comment_result("", 0).available);
  CHECK_FALSE(pepite::parse_comment_result(R"({"error":"malformed request"})", 0).available);
  CHECK_FALSE(pepite::parse_comment_result(R"({"texts":[1]})", 1).available);
  const auto odd =
      pepite::parse_comment_result(R"({"texts":["a"],"counts":{"phone":-2,"email":1}})", 1);
  CHECK(odd.available);
  CHECK(odd.counts == std::map<std::string, int>{{"email", 1}});
}

TEST_CASE("the in-process analysis redacts each text and tags them together", "[comments]") {
  pepite::comment_request in;
  in.texts = {"Colis arrivé en retard", "appelez-moi au 06 12 34 56 78"};
  const pepite::comment_result r = pepite::analyse_comments(in);
  CHECK(r.available);
  CHECK(r.texts == std::vector<std::string>{"Colis arrivé en retard", "appelez-moi au [phone]"});
  CHECK(r.counts == std::map<std::string, int>{{"phone", 1}});
  CHECK(r.topics == std::vector<std::string>{"delivery_delay"});
  CHECK(r.urgency == std::vector<std::string>{"callback_request"});
}

TEST_CASE("texts no analyser saw stay out of partial payloads and go as typed when complete",
          "[comments]") {
  const auto def =
      pepite::parse_definition(pepite::testing::fixture_text("surveys/post-purchase.json"));
  REQUIRE(def.ok());
  pepite::answer_map answers;
  answers["nps"].score = 3;
  answers["wrong"].selected = {"late", "other"};
  answers["wrong"].other_text = "jean@exemple.fr";
  answers["comment"].text = "appelez-moi au 06 12 34 56 78";
  pepite::detail::comment_analysis absent;
  absent.available = false;
  pepite::detail::payload_input input;
  input.response_id = "0b8e8f2c-3d5e-4a7b-9c1d-2e3f4a5b6c7d";
  input.status = "partial";
  const json partial = pepite::detail::build_payload(def.value, answers, input, absent);
  REQUIRE(partial["answers"].size() == 2);
  CHECK(partial["answers"][0]["questionId"] == "nps");
  CHECK(partial["answers"][1]["questionId"] == "wrong");
  CHECK_FALSE(partial["answers"][1].contains("otherText"));
  CHECK(partial.dump().find("06 12") == std::string::npos);
  CHECK(partial.dump().find("jean@") == std::string::npos);

  input.status = "complete";
  const json complete = pepite::detail::build_payload(def.value, answers, input, absent);
  REQUIRE(complete["answers"].size() == 3);
  CHECK(complete["answers"][1]["otherText"] == "jean@exemple.fr");
  CHECK(complete["answers"][2]["value"] == "appelez-moi au 06 12 34 56 78");
  CHECK_FALSE(complete.contains("redactions"));

  // With the analysis (the shell's `analysis` action brings it to a session) both are redacted.
  const auto request = pepite::detail::comment_request_of(def.value, answers);
  CHECK(request.texts ==
        std::vector<std::string>{"jean@exemple.fr", "appelez-moi au 06 12 34 56 78"});
  const pepite::detail::comment_analysis comments =
      pepite::detail::comment_analysis_of(def.value, answers, pepite::analyse_comments(request));
  const json analysed = pepite::detail::build_payload(def.value, answers, input, comments);
  CHECK(analysed["answers"][1]["otherText"] == "[email]");
  CHECK(analysed["answers"][2]["value"] == "appelez-moi au [phone]");
  CHECK(analysed["redactions"] == json{{"email", 1}, {"phone", 1}});
}
