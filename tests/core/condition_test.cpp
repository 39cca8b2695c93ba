// Display conditions (showIf): evaluation over answers, and parsing of the seed cases.
#include <string>

#include <catch2/catch.hpp>

#include "pepite/definition.hpp"

namespace {

using op = pepite::condition::op;

pepite::condition compare(op kind, const std::string& question) {
  pepite::condition c;
  c.kind = kind;
  c.question = question;
  return c;
}

pepite::answer_value score(int value) {
  pepite::answer_value a;
  a.score = value;
  return a;
}

pepite::answer_value choice(std::vector<std::string> ids) {
  pepite::answer_value a;
  a.selected = std::move(ids);
  return a;
}

/// A survey whose second question carries `show_if` (JSON) over an nps, a choice and a text.
pepite::definition_result with_condition(const std::string& show_if) {
  return pepite::parse_definition(R"({"schema":"pepite.survey/1","id":"c","defaultLocale":"fr",
    "questions":[
      {"id":"nps","type":"nps","text":"Recommanderiez-vous ?"},
      {"id":"why","type":"choice","multiple":true,"text":"Pourquoi ?",
       "options":[{"id":"late","label":"Retard"},{"id":"damaged","label":"Abîmé"}],
       "other":{"label":"Autre"}},
      {"id":"note","type":"text","text":"Un mot ?"},
      {"id":"q","type":"text","text":"Suite ?","showIf":)" +
                                  show_if + "}]}");
}

}  // namespace

TEST_CASE("seed conditions: NPS <= 6 and NPS >= 9", "[condition]") {
  pepite::condition low = compare(op::lte, "nps");
  low.high = 6;
  pepite::condition high = compare(op::gte, "nps");
  high.low = 9;
  pepite::answer_map answers;
  SECTION("unanswered: both false") {
    CHECK_FALSE(pepite::evaluate(low, answers));
    CHECK_FALSE(pepite::evaluate(high, answers));
  }
  SECTION("boundaries 6/7 and 8/9") {
    for (int s = 0; s <= 10; ++s) {
      answers["nps"] = score(s);
      CHECK(pepite::evaluate(low, answers) == (s <= 6));
      CHECK(pepite::evaluate(high, answers) == (s >= 9));
    }
  }
  SECTION("a choice answer never satisfies a score comparison") {
    answers["nps"] = choice({"late"});
    CHECK_FALSE(pepite::evaluate(low, answers));
  }
}

TEST_CASE("eq, in, between, answered", "[condition]") {
  pepite::answer_map answers;
  SECTION("eq and in on a score") {
    pepite::condition eq = compare(op::eq, "csat");
    eq.numbers = {5};
    pepite::condition in = compare(op::in, "csat");
    in.numbers = {1, 2};
    answers["csat"] = score(5);
    CHECK(pepite::evaluate(eq, answers));
    CHECK_FALSE(pepite::evaluate(in, answers));
    answers["csat"] = score(2);
    CHECK_FALSE(pepite::evaluate(eq, answers));
    CHECK(pepite::evaluate(in, answers));
  }
  SECTION("eq on a multiple choice holds when the id is among the selected") {
    pepite::condition eq = compare(op::eq, "why");
    eq.words = {"damaged"};
    answers["why"] = choice({"late", "damaged"});
    CHECK(pepite::evaluate(eq, answers));
    answers["why"] = choice({"late"});
    CHECK_FALSE(pepite::evaluate(eq, answers));
  }
  SECTION("in on a multiple choice holds when any selected id is listed") {
    pepite::condition in = compare(op::in, "why");
    in.words = {"other", "damaged"};
    answers["why"] = choice({"late", "other"});
    CHECK(pepite::evaluate(in, answers));
    answers["why"] = choice({"late"});
    CHECK_FALSE(pepite::evaluate(in, answers));
  }
  SECTION("between is inclusive") {
    pepite::condition b = compare(op::between, "ces");
    b.low = 3;
    b.high = 5;
    for (int s = 1; s <= 7; ++s) {
      answers["ces"] = score(s);
      CHECK(pepite::evaluate(b, answers) == (s >= 3 && s <= 5));
    }
  }
  SECTION("answered true / false") {
    pepite::condition yes = compare(op::answered, "note");
    pepite::condition no = compare(op::answered, "note");
    no.expect_answered = false;
    CHECK_FALSE(pepite::evaluate(yes, answers));
    CHECK(pepite::evaluate(no, answers));
    answers["note"].text = "";  // an empty text is no answer
    CHECK_FALSE(pepite::evaluate(yes, answers));
    answers["note"].text = "Colis abîmé";
    CHECK(pepite::evaluate(yes, answers));
    CHECK_FALSE(pepite::evaluate(no, answers));
  }
}

TEST_CASE("all and any combine conditions", "[condition]") {
  pepite::condition detractor = compare(op::lte, "nps");
  detractor.high = 6;
  pepite::condition late = compare(op::eq, "why");
  late.words = {"late"};
  pepite::condition all;
  all.kind = op::all;
  all.children = {detractor, late};
  pepite::condition any;
  any.kind = op::any;
  any.children = {detractor, late};
  pepite::answer_map answers;
  CHECK_FALSE(pepite::evaluate(all, answers));
  CHECK_FALSE(pepite::evaluate(any, answers));
  answers["nps"] = score(3);
  CHECK_FALSE(pepite::evaluate(all, answers));
  CHECK(pepite::evaluate(any, answers));
  answers["why"] = choice({"late"});
  CHECK(pepite::evaluate(all, answers));
  answers["nps"] = score(9);
  CHECK_FALSE(pepite::evaluate(all, answers));
  CHECK(pepite::evaluate(any, answers));
}

TEST_CASE("parsed conditions evaluate as written", "[condition]") {
  SECTION("nested all/any over a score and a choice") {
    const auto r = with_condition(
        R"({"all":[{"question":"nps","between":[0,6]},
                   {"any":[{"question":"why","in":["late","other"]},{"question":"note","answered":true}]}]})");
    REQUIRE(r.ok());
    const pepite::condition& c = *r.value.questions[3].show_if;
    CHECK(c.kind == op::all);
    REQUIRE(c.children.size() == 2);
    CHECK(c.children[1].kind == op::any);
    CHECK(c.children[1].children[0].words == std::vector<std::string>{"late", "other"});
    pepite::answer_map answers;
    answers["nps"] = score(4);
    CHECK_FALSE(pepite::evaluate(c, answers));
    answers["why"] = choice({"other"});
    CHECK(pepite::evaluate(c, answers));
    answers["nps"] = score(7);
    CHECK_FALSE(pepite::evaluate(c, answers));
  }
  SECTION("eq and in on a text compare the exact text") {
    const auto r = with_condition(R"({"question":"note","in":["oui","yes"]})");
    REQUIRE(r.ok());
    const pepite::condition& c = *r.value.questions[3].show_if;
    CHECK(c.words == std::vector<std::string>{"oui", "yes"});
    pepite::answer_map answers;
    answers["note"].text = "yes";
    CHECK(pepite::evaluate(c, answers));
    answers["note"].text = "no";
    CHECK_FALSE(pepite::evaluate(c, answers));
  }
  SECTION("eq with a number on a scale") {
    const auto r = with_condition(R"({"question":"nps","eq":0})");
    REQUIRE(r.ok());
    const pepite::condition& c = *r.value.questions[3].show_if;
    CHECK(c.kind == op::eq);
    CHECK(c.numbers == std::vector<double>{0});
  }
  SECTION("errors carry the path of the offending operand") {
    struct bad {
      const char* show_if;
      const char* code;
      const char* path;
    };
    const bad cases[] = {
        {R"({"question":"why","lte":3})", "definition.condition_type_mismatch",
         "questions[3].showIf.lte"},
        {R"({"question":"nps","gte":11})", "definition.condition_out_of_range",
         "questions[3].showIf.gte"},
        {R"({"question":"why","in":["late","lost"]})", "definition.unknown_option",
         "questions[3].showIf.in[1]"},
        {R"({"question":"nps","between":[8,3]})", "definition.invalid_range",
         "questions[3].showIf.between"},
        {R"({"question":"note","eq":3})", "definition.condition_type_mismatch",
         "questions[3].showIf.eq"},
        {R"({"question":"q","answered":true})", "definition.self_reference",
         "questions[3].showIf.question"},
        {R"({"question":"ghost","answered":true})", "definition.unknown_question",
         "questions[3].showIf.question"},
        {R"({"any":[{"question":"nps","lte":6},{"question":"nps"}]})",
         "definition.invalid_condition", "questions[3].showIf.any[1]"},
        {R"({"question":"nps","lte":6,"gte":2})", "definition.invalid_condition",
         "questions[3].showIf"},
        {R"({"all":[{"any":[{"all":[{"any":[{"question":"nps","lte":6}]}]}]}]})",
         "definition.condition_too_deep", "questions[3].showIf.all[0].any[0].all[0].any"},
        {R"({"all":[]})", "definition.invalid_condition", "questions[3].showIf.all"},
        {R"("nps <= 6")", "definition.invalid_condition", "questions[3].showIf"},
    };
    for (const bad& item : cases) {
      const auto r = with_condition(item.show_if);
      INFO(item.show_if);
      CHECK_FALSE(r.ok());
      bool found = false;
      for (const pepite::issue& i : r.problems) {
        found = found || (i.code == item.code && i.path == item.path);
      }
      CHECK(found);
      CHECK_FALSE(r.value.questions[3].show_if.has_value());
    }
  }
}
