// Redaction of personal data: shared vectors, invalid input, and the issue 7 recall budgets.
#include <catch2/catch.hpp>

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "../text/pii_generator.hpp"
#include "detail/text_checks.hpp"
#include "pepite/redact.hpp"
#include "vector_match.hpp"

using nlohmann::json;

namespace {

json load_fixture(const char* name) {
  return json::parse(pepite::testing::fixture_text(std::string("text/") + name), nullptr, false);
}

pepite::redact_options options_from(const json& o, pepite::redact_options base) {
  if (!o.is_object()) return base;
  const auto flag = [&](const char* key, bool& out) {
    const auto it = o.find(key);
    if (it != o.end() && it->is_boolean()) out = it->get<bool>();
  };
  flag("email", base.email);
  flag("phone", base.phone);
  flag("card", base.card);
  flag("iban", base.iban);
  flag("address", base.address);
  const auto masks = o.find("orderMasks");
  if (masks != o.end() && masks->is_array()) {
    base.order_masks.clear();
    for (const json& m : *masks) {
      if (m.is_string()) base.order_masks.push_back(m.get<std::string>());
    }
  }
  return base;
}

}  // namespace

TEST_CASE("redact: shared vectors") {
  const json doc = load_fixture("redact-vectors.json");
  REQUIRE_FALSE(doc.is_discarded());
  const pepite::redact_options defaults = options_from(doc["defaultOptions"], {});
  REQUIRE(doc["cases"].size() >= 80);
  for (const json& c : doc["cases"]) {
    const std::string name = c["name"].get<std::string>();
    const pepite::redact_options o =
        c.contains("options") ? options_from(c["options"], defaults) : defaults;
    const pepite::redaction r = pepite::redact(c["input"].get<std::string>(), o);
    std::map<std::string, int> want;
    for (const auto& [kind, n] : c["counts"].items()) want[kind] = n.get<int>();
    INFO(name);
    CHECK(r.text == c["output"].get<std::string>());
    CHECK(r.counts == want);
  }
}

TEST_CASE("redact: defaults and edge inputs") {
  SECTION("empty input") {
    const pepite::redaction r = pepite::redact("");
    CHECK(r.text.empty());
    CHECK(r.counts.empty());
  }
  SECTION("invalid UTF-8 is replaced, never copied") {
    const pepite::redaction r = pepite::redact(std::string("ok \xff\xfe 06 12 34 56 78 \xc3"));
    CHECK(r.text == "ok \xEF\xBF\xBD\xEF\xBF\xBD [phone] \xEF\xBF\xBD");
    CHECK(r.counts.at("phone") == 1);
  }
  SECTION("a NUL byte does not cut the text") {
    const std::string in("a\0b 0612345678", 14);
    CHECK(pepite::redact(in).text == std::string("a\0b [phone]", 11));
  }
  SECTION("placeholders are not redacted again") {
    const pepite::redaction once = pepite::redact("tel 06 12 34 56 78, jean@mail.fr");
    const pepite::redaction twice = pepite::redact(once.text);
    CHECK(twice.text == once.text);
    CHECK(twice.counts.empty());
  }
  SECTION("order masks: letters and literal characters") {
    pepite::redact_options o;
    o.order_masks = {"AA-####-####-####-####"};
    CHECK(pepite::redact("ref FR-4111-1111-1111-1111", o).text == "ref [card]");
    CHECK(pepite::redact("ref FR-1234-5678-9012-3456", o).text == "ref FR-1234-5678-9012-3456");
  }
  SECTION("a long digit run is bounded and linear") {
    const std::string digits(20000, '7');
    CHECK(pepite::redact(digits).text == digits);
    std::string spaced;
    for (int i = 0; i < 5000; ++i) spaced += "12 ";
    CHECK(pepite::redact(spaced).text == spaced);
  }
}

TEST_CASE("redact: JSON facade") {
  CHECK(pepite::redact_json("tel 06 12 34 56 78, CMD-1234",
                            R"({"orderMasks":["CMD-####"],"email":false})") ==
        R"({"text":"tel [phone], CMD-1234","counts":{"phone":1}})");
  CHECK(pepite::redact_json("0612345678", R"({"phone":false})") ==
        R"({"text":"0612345678","counts":{}})");
  SECTION("invalid options fall back to the defaults") {
    CHECK(pepite::redact_json("0612345678", "not json") ==
          R"({"text":"[phone]","counts":{"phone":1}})");
    CHECK(pepite::redact_json("0612345678", R"({"phone":"no","orderMasks":[1,null]})") ==
          R"({"text":"[phone]","counts":{"phone":1}})");
  }
}

TEST_CASE("redact: check digits") {
  using namespace pepite::detail;
  CHECK(luhn_ok("4111111111111111"));
  CHECK_FALSE(luhn_ok("4111111111111112"));
  CHECK(card_number_ok("378282246310005"));       // Amex
  CHECK_FALSE(card_number_ok("73282932000074"));  // a SIRET: Luhn yes, issuer no
  CHECK_FALSE(card_number_ok("4111111111111"));   // Visa 13 failing Luhn
  CHECK(iban_ok("FR7630006000011234567890189"));
  CHECK_FALSE(iban_ok("FR7630006000011234567890188"));
  CHECK_FALSE(iban_ok("FR763000600001123456789018"));  // one character short
  CHECK(iban_length('F', 'R') == 27);
  CHECK(iban_length('Z', 'Z') == 0);
}

TEST_CASE("redact: synthetic recall and look-alike budgets (issue 7)") {
  pepite::redact_options o;
  o.order_masks = {"CMD-########"};
  std::map<std::string, int> total;
  std::map<std::string, int> ok;
  for (const auto& s : pepite::textgen::generate(2026, 400, 1600)) {
    const pepite::redaction r = pepite::redact(s.text, o);
    bool good;
    if (s.kind == "none") {
      good = r.counts.empty() && r.text == s.text;
    } else {
      good = r.counts.count(s.kind) > 0 && r.text.find(s.value) == std::string::npos;
    }
    ++total[s.kind];
    ok[s.kind] += good;
  }
  const auto rate = [&](const char* k) { return 100.0 * ok[k] / total[k]; };
  CHECK(total["card"] == 400);
  CHECK(rate("card") >= 99.0);
  CHECK(rate("iban") >= 99.0);
  CHECK(rate("email") >= 99.0);
  CHECK(rate("phone") >= 97.0);
  CHECK(rate("address") >= 90.0);
  CHECK(100.0 - rate("none") <= 1.0);
}
