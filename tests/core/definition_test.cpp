// Survey definitions: the shared vectors (tests/fixtures/vectors/definitions.json), the sample
// surveys, locale resolution, size and depth limits.
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "pepite/definition.hpp"
#include "vector_match.hpp"

namespace {

using pepite::testing::fixture_text;

bool has_issue(const pepite::issues& list, const std::string& code, const std::string& path,
               pepite::severity level) {
  for (const pepite::issue& item : list) {
    if (item.code == code && item.path == path && item.level == level) return true;
  }
  return false;
}

std::string describe(const pepite::issues& list) {
  std::string out;
  for (const pepite::issue& item : list) {
    out += (item.level == pepite::severity::error ? "error " : "warning ") + item.code + " at " +
           item.path + ": " + item.message + "\n";
  }
  return out;
}

/// The contracts example (docs/contracts.md), verbatim.
const char* const contracts_example = R"({
  "schema": "pepite.survey/1",
  "id": "post-purchase",
  "defaultLocale": "fr",
  "locales": ["fr", "en"],
  "display": "card",
  "questions": [
    { "id": "nps", "type": "nps", "required": true,
      "text": { "fr": "Recommanderiez-vous notre boutique à un proche ?",
                "en": "How likely are you to recommend our shop to a friend?" },
      "lowLabel": { "fr": "Pas du tout probable", "en": "Not at all likely" },
      "highLabel": { "fr": "Très probable", "en": "Extremely likely" } },
    { "id": "wrong", "type": "choice", "multiple": true,
      "text": { "fr": "Qu'est-ce qui n'a pas été ?", "en": "What went wrong?" },
      "options": [ { "id": "late", "label": { "fr": "Livraison en retard", "en": "Late delivery" } },
                   { "id": "damaged", "label": { "fr": "Article abîmé", "en": "Damaged item" } } ],
      "other": { "label": { "fr": "Autre", "en": "Other" } },
      "showIf": { "question": "nps", "lte": 6 } },
    { "id": "liked", "type": "choice",
      "text": { "fr": "Qu'avez-vous préféré ?", "en": "What did you like most?" },
      "options": [ { "id": "price", "label": "Prix" }, { "id": "speed", "label": "Rapidité" } ],
      "showIf": { "question": "nps", "gte": 9 } },
    { "id": "comment", "type": "text", "maxLength": 1000,
      "text": { "fr": "Un commentaire ?", "en": "Anything to add?" },
      "placeholder": { "fr": "Votre avis…", "en": "Your thoughts…" } }
  ],
  "thankYou": {
    "promoter":  { "title": "Merci !", "body": "Parrainez un ami : -10 % pour lui.",
                   "link": { "url": "https://shop.example/parrainage", "label": "Parrainer", "kind": "share" } },
    "detractor": { "title": "Merci, et désolés.", "body": "Nous allons arranger ça.",
                   "callbackConsent": { "label": "J'accepte d'être rappelé·e" },
                   "callbackDelay": { "fr": "sous 24 h", "en": "within 24 hours" } },
    "default":   { "title": "Merci !" }
  },
  "alerts": { "npsMax": 6, "npsHighMax": 3, "csatMax": 2, "csatHighMax": 2, "cesMax": -1 },
  "redaction": { "email": true, "phone": true, "card": true, "iban": true, "address": true,
                 "orderMasks": ["CMD-########"] },
  "topics": { "delivery_delay": ["transporteur injoignable"] },
  "ui": { "submit": { "fr": "Envoyer mon avis", "en": "Send my feedback" } }
})";

}  // namespace

TEST_CASE("the contracts example parses into the model", "[definition]") {
  const auto r = pepite::parse_definition(contracts_example);
  INFO(describe(r.problems));
  REQUIRE(r.ok());
  REQUIRE(r.problems.empty());
  const pepite::survey& s = r.value;
  CHECK(s.id == "post-purchase");
  CHECK(s.default_locale == "fr");
  CHECK(s.locales == std::vector<std::string>{"fr", "en"});
  CHECK(s.display == "card");
  REQUIRE(s.questions.size() == 4);

  const pepite::question& nps = s.questions[0];
  CHECK(nps.id == "nps");
  CHECK(nps.type == pepite::question_type::nps);
  CHECK(nps.required);
  CHECK(nps.min() == 0);
  CHECK(nps.max() == 10);
  CHECK(pepite::resolve(nps.low_label, "en", s.default_locale) == "Not at all likely");
  CHECK_FALSE(nps.show_if.has_value());

  const pepite::question& wrong = s.questions[1];
  CHECK(wrong.type == pepite::question_type::choice);
  CHECK(wrong.multiple);
  REQUIRE(wrong.options.size() == 2);
  CHECK(wrong.options[1].id == "damaged");
  CHECK(pepite::resolve(wrong.options[1].label, "fr", "fr") == "Article abîmé");
  CHECK(wrong.has_other);
  CHECK(pepite::resolve(wrong.other_label, "en", "fr") == "Other");
  REQUIRE(wrong.show_if.has_value());
  CHECK(wrong.show_if->kind == pepite::condition::op::lte);
  CHECK(wrong.show_if->question == "nps");
  CHECK(wrong.show_if->high == 6);

  const pepite::question& liked = s.questions[2];
  CHECK_FALSE(liked.multiple);
  CHECK_FALSE(liked.options[0].label.localized);
  CHECK(pepite::resolve(liked.options[0].label, "en", "fr") == "Prix");
  REQUIRE(liked.show_if.has_value());
  CHECK(liked.show_if->kind == pepite::condition::op::gte);
  CHECK(liked.show_if->low == 9);

  const pepite::question& comment = s.questions[3];
  CHECK(comment.type == pepite::question_type::text);
  CHECK(comment.max_length == 1000);
  CHECK(pepite::resolve(comment.placeholder, "en", "fr") == "Your thoughts…");

  REQUIRE(s.thank_you_screens.size() == 3);
  const pepite::thank_you& promoter = s.thank_you_screens.at("promoter");
  REQUIRE(promoter.link.has_value());
  CHECK(promoter.link->url == "https://shop.example/parrainage");
  CHECK_FALSE(promoter.link->review);
  CHECK(pepite::resolve(promoter.link->label, "fr", "fr") == "Parrainer");
  const pepite::thank_you& detractor = s.thank_you_screens.at("detractor");
  CHECK(detractor.callback_consent);
  CHECK(pepite::resolve(detractor.consent_label, "fr", "fr") == "J'accepte d'être rappelé·e");
  CHECK(pepite::resolve(detractor.callback_delay, "en", "fr") == "within 24 hours");
  CHECK_FALSE(s.thank_you_screens.at("default").callback_consent);

  CHECK(s.alerts.nps_max == 6);
  CHECK(s.alerts.nps_high_max == 3);
  CHECK(s.alerts.ces_max == -1);
  CHECK(s.redaction.order_masks == std::vector<std::string>{"CMD-########"});
  CHECK(s.topics.extra.at("delivery_delay") ==
        std::vector<std::string>{"transporteur injoignable"});
  CHECK(pepite::resolve(s.ui.at("submit"), "en", "fr") == "Send my feedback");
  CHECK(s.find("liked") == &s.questions[2]);
  CHECK(s.find("missing") == nullptr);
}

TEST_CASE("sample surveys are valid without warnings", "[definition]") {
  for (const char* name :
       {"surveys/post-purchase.json", "surveys/csat-ces.json", "surveys/review-everywhere.json"}) {
    const std::string text = fixture_text(name);
    REQUIRE_FALSE(text.empty());
    const auto r = pepite::parse_definition(text);
    INFO(name << "\n" << describe(r.problems));
    CHECK(r.ok());
    CHECK(r.problems.empty());
  }
  const auto csat = pepite::parse_definition(fixture_text("surveys/csat-ces.json"));
  REQUIRE(csat.value.questions.size() == 3);
  CHECK(csat.value.display == "steps");
  CHECK(csat.value.questions[0].style == "faces");
  CHECK(csat.value.questions[0].max() == 5);
  CHECK(csat.value.questions[1].min() == 1);
  CHECK(csat.value.questions[1].max() == 7);
  CHECK(csat.value.questions[2].max_length == 500);
  CHECK(csat.value.alerts.ces_max == 2);
  CHECK(csat.value.alerts.nps_max == 6);
}

TEST_CASE("resolve follows fr-CA -> fr -> default -> first entry", "[definition][locale]") {
  pepite::text t;
  t.localized = true;
  t.by_locale = {{"de", "Hallo"}, {"fr", "Bonjour"}, {"en", "Hello"}, {"fr-CA", "Allô"}};
  t.first_locale = "de";

  SECTION("exact locale, any case, _ or -") {
    CHECK(pepite::resolve(t, "fr-CA", "en") == "Allô");
    CHECK(pepite::resolve(t, "fr-ca", "en") == "Allô");
    CHECK(pepite::resolve(t, "FR_CA", "en") == "Allô");
    CHECK(pepite::resolved_locale(t, "fr_ca", "en") == "fr-CA");
  }
  SECTION("region falls back to its language") {
    CHECK(pepite::resolve(t, "fr-BE", "en") == "Bonjour");
    CHECK(pepite::resolved_locale(t, "fr-BE", "en") == "fr");
    CHECK(pepite::resolve(t, "en-GB", "fr") == "Hello");
  }
  SECTION("unknown language falls back to the default locale, then its language") {
    CHECK(pepite::resolve(t, "it", "en") == "Hello");
    CHECK(pepite::resolve(t, "it", "fr-CH") == "Bonjour");
    CHECK(pepite::resolved_locale(t, "", "en") == "en");
  }
  SECTION("then to the first entry in document order") {
    CHECK(pepite::resolve(t, "it", "es") == "Hallo");
    CHECK(pepite::resolved_locale(t, "it", "es") == "de");
    t.first_locale.clear();
    CHECK(pepite::resolve(t, "it", "es") == "Hallo");  // std::map order: "de" first as well
  }
  SECTION("plain strings and empty maps") {
    pepite::text plain;
    plain.plain = "Merci";
    CHECK(pepite::resolve(plain, "en", "fr") == "Merci");
    CHECK(pepite::resolved_locale(plain, "en", "fr").empty());
    pepite::text none;
    none.localized = true;
    CHECK(pepite::resolve(none, "en", "fr").empty());
  }
  SECTION("first entry from a parsed definition keeps document order") {
    const auto r = pepite::parse_definition(R"({"schema":"pepite.survey/1","id":"s",
      "defaultLocale":"it","questions":[{"id":"q","type":"nps",
      "text":{"nl":"Zou u ons aanbevelen?","de":"Würden Sie uns empfehlen?"}}]})");
    REQUIRE(r.ok());
    CHECK(pepite::resolve(r.value.questions[0].label, "es", "it") == "Zou u ons aanbevelen?");
  }
}

TEST_CASE("issues are reported as JSON", "[definition][error]") {
  pepite::issues list;
  CHECK(pepite::no_errors(list));
  CHECK(pepite::issues_to_json(list) == "[]");
  list.push_back({"definition.unknown_key", "foo", "unknown key \"foo\" is ignored",
                  pepite::severity::warning});
  CHECK(pepite::no_errors(list));
  list.push_back({"definition.not_json", "", "bad\xff", pepite::severity::error});
  CHECK_FALSE(pepite::no_errors(list));
  const auto parsed = nlohmann::json::parse(pepite::issues_to_json(list), nullptr, false);
  REQUIRE(parsed.is_array());
  REQUIRE(parsed.size() == 2);
  CHECK(parsed[0]["code"] == "definition.unknown_key");
  CHECK(parsed[0]["path"] == "foo");
  CHECK(parsed[0]["level"] == "warning");
  CHECK(parsed[0]["message"] == "unknown key \"foo\" is ignored");
  CHECK(parsed[1]["level"] == "error");
  CHECK(parsed[1]["path"] == "");
}

TEST_CASE("shared definition vectors", "[definition][vectors]") {
  const auto vectors =
      nlohmann::json::parse(fixture_text("vectors/definitions.json"), nullptr, false);
  REQUIRE(vectors.is_array());
  int valid = 0;
  int invalid = 0;
  for (const auto& vector : vectors) {
    REQUIRE(vector.is_object());
    const std::string name = vector.value("name", std::string());
    const std::string text = vector.contains("definitionText")
                                 ? vector["definitionText"].get<std::string>()
                                 : vector["definition"].dump();
    const auto r = pepite::parse_definition(text);
    const auto& expect = vector["expect"];
    const bool ok = expect["ok"].get<bool>();
    INFO("vector: " << name << "\n" << describe(r.problems));
    CHECK(r.ok() == ok);
    for (const pepite::issue& item : r.problems) {
      CHECK(item.code.rfind("definition.", 0) == 0);
      CHECK_FALSE(item.message.empty());
    }
    (ok ? valid : invalid) += 1;
    for (const char* key : {"errors", "warnings"}) {
      if (!expect.contains(key)) continue;
      const auto level =
          std::string(key) == "errors" ? pepite::severity::error : pepite::severity::warning;
      for (const auto& item : expect[key]) {
        const std::string code = item["code"].get<std::string>();
        const std::string path = item["path"].get<std::string>();
        INFO("expected " << key << " " << code << " at " << path);
        CHECK(has_issue(r.problems, code, path, level));
      }
    }
  }
  CHECK(valid >= 10);
  CHECK(invalid >= 35);
}

TEST_CASE("size and depth are checked before parsing", "[definition][limits]") {
  const std::string head = R"({"schema":"pepite.survey/1","id":"s","defaultLocale":"fr",)"
                           R"("questions":[{"id":"q","type":"nps","text":"?"}],"x":)";
  const auto nested = [&](int levels) {
    return head + std::string(static_cast<std::size_t>(levels - 1), '[') +
           std::string(static_cast<std::size_t>(levels - 1), ']') + "}";
  };
  SECTION("32 levels are accepted, 33 are not") {
    const auto at_limit = pepite::parse_definition(nested(32));
    INFO(describe(at_limit.problems));
    CHECK(at_limit.ok());
    const auto over = pepite::parse_definition(nested(33));
    REQUIRE(over.problems.size() == 1);
    CHECK(over.problems[0].code == "definition.too_deep");
    CHECK(over.problems[0].path.empty());
  }
  SECTION("100000 nested brackets are refused without recursion") {
    const auto arrays = pepite::parse_definition(std::string(60000, '['));
    REQUIRE(arrays.problems.size() == 1);
    CHECK(arrays.problems[0].code == "definition.too_deep");
    std::string objects;
    for (int i = 0; i < 10000; ++i) objects += R"({"a":)";
    CHECK(pepite::parse_definition(objects).problems[0].code == "definition.too_deep");
  }
  SECTION("brackets inside strings do not count") {
    const std::string text = head + R"("\"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\\"})";
    const auto r = pepite::parse_definition(text);
    INFO(describe(r.problems));
    CHECK(r.ok());
  }
  SECTION("objects have at most 100 members; arrays and strings do not count") {
    const auto wide = [&](int members) {
      std::string object = "{";
      for (int i = 0; i < members; ++i) {
        object += (i ? "," : "") + std::string("\"k") + std::to_string(i) + R"(":[1,2,3])";
      }
      std::string numbers = "0";
      for (int i = 0; i < 300; ++i) numbers += ",0";
      return head + object + R"(},"y":[)" + numbers + R"(],"z":",,,,,,,,,,"})";
    };
    const auto at_limit = pepite::parse_definition(wide(100));
    INFO(describe(at_limit.problems));
    CHECK(at_limit.ok());
    CHECK(at_limit.problems.size() == 3);  // x, y and z are unknown keys
    const auto over = pepite::parse_definition(wide(101));
    REQUIRE(over.problems.size() == 1);
    CHECK(over.problems[0].code == "definition.too_many_keys");
  }
  SECTION("64 KB are accepted, one byte more is not") {
    const std::string base = nested(2);
    std::string padded = base;
    padded.insert(1, pepite::max_definition_bytes - base.size(), ' ');
    REQUIRE(padded.size() == pepite::max_definition_bytes);
    CHECK(pepite::parse_definition(padded).ok());
    padded.insert(1, " ");
    const auto r = pepite::parse_definition(padded);
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].code == "definition.too_large");
  }
  SECTION("invalid UTF-8, empty text, a bare value") {
    CHECK(pepite::parse_definition("{\"id\":\"\xff\"}").problems[0].code == "definition.not_json");
    CHECK(pepite::parse_definition("").problems[0].code == "definition.not_json");
    CHECK(pepite::parse_definition("42").problems[0].code == "definition.not_object");
  }
  SECTION("a name twice in one object is refused, not read as its last copy") {
    const auto r = pepite::parse_definition(
        R"({"schema":"pepite.survey/1","id":"s","defaultLocale":"fr","questions":[
          {"id":"n","type":"nps","text":"?","required":true,"required":false}]})");
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].code == "definition.duplicate_key");
  }
}

TEST_CASE("every problem is reported, in a JSON report", "[definition]") {
  const auto r = pepite::parse_definition(R"({"schema":"pepite.survey/0","id":"Bad Id",
    "defaultLocale":"fr","questions":[
      {"id":"a","type":"nps","text":"?"},
      {"id":"a","type":"choice","text":"?","options":[{"id":"x","label":"X"}],"lowLabel":"bas"},
      {"id":"c","type":"text","text":"?","showIf":{"question":"d","answered":true}},
      {"id":"d","type":"text","text":"?","maxLength":9000}],
    "thankYou":{"detractor":{"title":"Désolés","link":{"url":"http://shop.example","label":"SAV"}},
                "happy":{"title":"?"}},
    "colour":"red"})");
  CHECK_FALSE(r.ok());
  const auto list = nlohmann::json::parse(pepite::issues_to_json(r.problems), nullptr, false);
  REQUIRE(list.is_array());
  std::vector<std::string> seen;
  for (const auto& item : list) {
    seen.push_back(item["level"].get<std::string>() + " " + item["code"].get<std::string>() + " " +
                   item["path"].get<std::string>());
  }
  const std::vector<std::string> expected = {
      "warning definition.unknown_key colour",
      "error definition.wrong_schema schema",
      "error definition.invalid_id id",
      "error definition.duplicate_id questions[1].id",
      "error definition.label_not_allowed questions[1].lowLabel",
      "error definition.option_count questions[1].options",
      "error definition.invalid_max_length questions[3].maxLength",
      "error definition.forward_reference questions[2].showIf.question",
      "error definition.insecure_link thankYou.detractor.link.url",
      "error definition.unknown_outcome thankYou.happy",
  };
  CHECK(seen == expected);
}

TEST_CASE("review gating and review sites", "[definition][links]") {
  const auto with_thanks = [](const std::string& thank_you) {
    return pepite::parse_definition(R"({"schema":"pepite.survey/1","id":"s","defaultLocale":"fr",
      "questions":[{"id":"q","type":"nps","text":"?"}],"thankYou":)" +
                                    thank_you + "}");
  };
  const auto gated = [&](const std::string& url) {
    const auto r = with_thanks(R"({"promoter":{"title":"Merci","link":{"url":")" + url +
                               R"(","label":"Avis","kind":"share"}}})");
    REQUIRE(r.ok());
    return has_issue(r.problems, "definition.review_gating", "thankYou.promoter.link",
                     pepite::severity::warning);
  };
  SECTION("known review hosts count as review links") {
    for (const char* url :
         {"https://www.google.com/maps/place/x", "https://google.fr/search?q=shop",
          "https://search.google.com/local/writereview?placeid=1", "https://g.page/r/abc/review",
          "https://maps.app.goo.gl/abc", "https://goo.gl/maps/abc",
          "https://fr.trustpilot.com/review/x", "https://www.avis-verifies.com/avis-clients/shop",
          "https://www.tripadvisor.fr/x", "https://WWW.YELP.COM/biz/x",
          "https://user@www.google.com:443/maps"}) {
      INFO(url);
      CHECK(gated(url));
    }
  }
  SECTION("other hosts do not") {
    for (const char* url : {"https://shop.example/parrainage", "https://google-fans.example/x",
                            "https://goo.gl/abc", "https://example.com/google/trustpilot"}) {
      INFO(url);
      CHECK_FALSE(gated(url));
    }
  }
  SECTION("a review link on promoter, passive and detractor is not gating") {
    const std::string link =
        R"("link":{"url":"https://g.page/r/x","label":"Avis","kind":"review"})";
    const auto r =
        with_thanks(R"({"promoter":{"title":"Merci",)" + link + R"(},"passive":{"title":"Merci",)" +
                    link + R"(},"detractor":{"title":"Désolés",)" + link + "}}");
    REQUIRE(r.ok());
    CHECK(r.problems.empty());
    CHECK(r.value.thank_you_screens.at("passive").link->review);
  }
  SECTION("default covers the outcomes without their own screen") {
    const std::string link =
        R"("link":{"url":"https://g.page/r/x","label":"Avis","kind":"review"})";
    const auto covered = with_thanks(R"({"promoter":{"title":"Merci",)" + link +
                                     R"(},"default":{"title":"Merci",)" + link + "}}");
    CHECK(covered.problems.empty());
    const auto uncovered = with_thanks(R"({"promoter":{"title":"Merci",)" + link +
                                       R"(},"detractor":{"title":"Désolés"},)" +
                                       R"("default":{"title":"Merci",)" + link + "}}");
    CHECK(has_issue(uncovered.problems, "definition.review_gating", "thankYou.promoter.link",
                    pepite::severity::warning));
  }
  SECTION("links must be absolute https URLs") {
    for (const char* url : {"http://shop.example", "javascript:alert(1)", "data:text/html,x",
                            "HTTP://shop.example", "ftp://shop.example"}) {
      const auto r = with_thanks(R"({"default":{"title":"Merci","link":{"url":")" +
                                 std::string(url) + R"(","label":"x"}}})");
      INFO(url);
      CHECK(has_issue(r.problems, "definition.insecure_link", "thankYou.default.link.url",
                      pepite::severity::error));
    }
    for (const char* url : {"https://", "https://shop example", "//shop.example", "shop.example",
                            "https:///path", "https://shop.example/\\u0001"}) {
      const auto r = with_thanks(R"({"default":{"title":"Merci","link":{"url":")" +
                                 std::string(url) + R"(","label":"x"}}})");
      INFO(url);
      CHECK(has_issue(r.problems, "definition.invalid_link", "thankYou.default.link.url",
                      pepite::severity::error));
    }
    const auto upper = with_thanks(
        R"({"default":{"title":"Merci","link":{"url":"HTTPS://Shop.example/a?b#c","label":"x"}}})");
    CHECK(upper.ok());
  }
}

TEST_CASE("theme: the shop's look for the hosted page (issue 17)", "[definition]") {
  using json = nlohmann::ordered_json;
  json def = json::parse(fixture_text("surveys/post-purchase.json"));
  def["theme"] = {{"accent", "#0a7d55"},
                  {"accentText", "#fff"},
                  {"radius", "8px"},
                  {"font", "Georgia, serif"},
                  {"scheme", "light"}};
  const auto good = pepite::parse_definition(def.dump());
  INFO(describe(good.problems));
  CHECK(good.ok());
  CHECK(good.problems.empty());
  const auto with = [&](const json& theme) {
    json d = def;
    d["theme"] = theme;
    return pepite::parse_definition(d.dump()).problems;
  };
  CHECK(has_issue(with("dark"), "definition.wrong_type", "theme", pepite::severity::error));
  CHECK(has_issue(with({{"scheme", "sepia"}}), "definition.wrong_type", "theme.scheme",
                  pepite::severity::error));
  CHECK(has_issue(with({{"accent", 12}}), "definition.wrong_type", "theme.accent",
                  pepite::severity::error));
  CHECK(has_issue(with({{"accent", std::string(101, 'a')}}), "definition.wrong_type",
                  "theme.accent", pepite::severity::error));
  CHECK(has_issue(with({{"colour", "red"}}), "definition.unknown_key", "theme.colour",
                  pepite::severity::warning));
}
