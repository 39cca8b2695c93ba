// Topic tagging and urgency detection: shared vectors, negation, shop keywords, edge inputs.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "detail/text_normalize.hpp"
#include "pepite/topics.hpp"
#include "vector_match.hpp"

using nlohmann::json;
using strings = std::vector<std::string>;

namespace {

json load_fixture(const char* name) {
  return json::parse(pepite::testing::fixture_text(std::string("text/") + name), nullptr, false);
}

strings as_strings(const json& a) {
  strings out;
  for (const json& s : a) out.push_back(s.get<std::string>());
  return out;
}

}  // namespace

TEST_CASE("topics: shared vectors") {
  const json doc = load_fixture("topic-vectors.json");
  REQUIRE_FALSE(doc.is_discarded());
  REQUIRE(doc["cases"].size() >= 40);
  for (const json& c : doc["cases"]) {
    const std::string input = c["input"].get<std::string>();
    INFO(input);
    if (c.contains("topics")) CHECK(pepite::tag_topics(input) == as_strings(c["topics"]));
    if (c.contains("urgency")) CHECK(pepite::detect_urgency(input) == as_strings(c["urgency"]));
  }
}

TEST_CASE("topics: normalisation") {
  using pepite::detail::normalize_words;
  using pepite::detail::stem_word;
  SECTION("case, accents, curly apostrophes and elisions") {
    const auto w = normalize_words(
        "L\xE2\x80\x99"
        "ARTICLE ABÎMÉ, qu'il m'a dit");
    REQUIRE(w.size() == 7);
    CHECK(w[0].word == "article");
    CHECK(w[1].word == "abime");
    CHECK(w[2].clause_start);
    CHECK(w[2].word == "que");
    CHECK(w[4].word == "me");
  }
  SECTION("English contractions become 'not'") {
    const auto w = normalize_words("It didn't arrive, dont care");
    REQUIRE(w.size() == 6);
    CHECK(w[1].word == "did");
    CHECK(w[2].word == "not");
    CHECK(w[5].word == "care");
    CHECK(w[4].word == "not");
  }
  SECTION("stems meet halfway") {
    CHECK(stem_word("abimees") == stem_word("abime"));
    CHECK(stem_word("delayed") == stem_word("delays"));
    CHECK(stem_word("remboursement") == stem_word("rembourser"));
    CHECK(stem_word("livree") == stem_word("livre"));
  }
}

TEST_CASE("topics: shop keywords extend the lexicon") {
  pepite::topic_lexicon lex;
  lex.extra["delivery_delay"] = {"colis fantôme"};
  lex.extra["gift_wrap"] = {"papier cadeau", "gift wrap*"};
  CHECK(pepite::tag_topics("Un colis fantôme, rien reçu") == strings{"delivery_delay"});
  CHECK(pepite::tag_topics("Colis fantôme !").empty());
  CHECK(pepite::tag_topics("Colis FANTOME !", lex) == strings{"delivery_delay"});
  CHECK(pepite::tag_topics("Le papier cadeau était déchiré", lex) ==
        strings{"damaged_item", "gift_wrap"});
  CHECK(pepite::tag_topics("Lovely gift wrapping", lex) == strings{"gift_wrap"});
  SECTION("shop keywords of a problem topic are negatable too") {
    CHECK(pepite::tag_topics("Pas un colis fantôme du tout", lex).empty());
  }
  SECTION("empty and oversized keywords are ignored") {
    pepite::topic_lexicon odd;
    odd.extra["price"] = {"", std::string(500, 'x'), "***", "~", "!", "="};
    CHECK(pepite::tag_topics("rien à dire", odd).empty());
  }
}

TEST_CASE("topics: analyse_comment and its JSON facade") {
  const pepite::comment_signals s = pepite::analyse_comment("Colis jamais arrivé, ARNAQUE !!!");
  CHECK(s.topics == strings{"delivery_delay"});
  CHECK(s.urgency == strings{"anger"});
  CHECK(pepite::analyse_comment_json("Colis fantôme, remboursez-moi",
                                     R"({"delivery_delay":["colis fantôme"],"gift":["cadeau"]})") ==
        R"({"topics":["delivery_delay","returns_refund"],"urgency":["refund_demand"]})");
  CHECK(pepite::analyse_comment_json("rien", "[1,2]") == R"({"topics":[],"urgency":[]})");
}

TEST_CASE("topics: edge inputs") {
  CHECK(pepite::tag_topics("").empty());
  CHECK(pepite::detect_urgency("").empty());
  CHECK(pepite::tag_topics(std::string("\xff\xfe\xc3 retard \xe2\x82", 13)) ==
        strings{"delivery_delay"});
  std::string big;
  for (int i = 0; i < 3000; ++i) big += "colis en retard ";
  CHECK(pepite::tag_topics(big) == strings{"delivery_delay"});
}
