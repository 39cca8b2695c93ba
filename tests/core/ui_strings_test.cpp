// The built-in UI strings (issue 20): twelve complete languages, the same placeholders in each,
// right-to-left, the view's `ui`/`dir`/`uiPack`, the missing-language warning and the contract's
// table of keys.
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "detail/ui_strings.hpp"
#include "pepite/definition.hpp"
#include "pepite/engine.hpp"

using json = nlohmann::ordered_json;
namespace d = pepite::detail;

namespace {

std::set<std::string> placeholders(std::string_view text) {
  std::set<std::string> out;
  const std::string s(text);
  const std::regex brace(R"(\{[a-z]+\})");
  for (auto it = std::sregex_iterator(s.begin(), s.end(), brace); it != std::sregex_iterator();
       ++it) {
    out.insert(it->str());
  }
  return out;
}

json survey(const std::string& locale, const json& ui = nullptr) {
  json def = {{"schema", "pepite.survey/1"},
              {"id", "s"},
              {"defaultLocale", locale},
              {"questions", json::array({{{"id", "nps"}, {"type", "nps"}, {"text", "Q?"}}})}};
  if (!ui.is_null()) def["ui"] = ui;
  return def;
}

json start_view(const json& def, const json& options_extra = json::object()) {
  json options = {{"responseId", "0b8e8f2c-3d5e-4a7b-9c1d-2e3f4a5b6c7d"}, {"startedAt", 0}};
  for (auto it = options_extra.begin(); it != options_extra.end(); ++it) options[it.key()] = *it;
  pepite::session s(def.dump(), options.dump());
  const json report = json::parse(s.start_report());
  REQUIRE(report["ok"] == true);
  return report["view"];
}

/// What pepite-ui-strings writes for `language`.
std::string pack(std::string_view language) {
  std::string out;
  for (const std::string_view* key = d::ui_keys_begin(); key != d::ui_keys_end(); ++key) {
    out.append(d::builtin_ui(*key, language)).push_back('\n');
  }
  return out;
}

json options_with(const json& ui_strings) {
  return {{"responseId", "0b8e8f2c-3d5e-4a7b-9c1d-2e3f4a5b6c7d"},
          {"startedAt", 0},
          {"uiStrings", ui_strings}};
}

std::vector<std::string> warning_codes(const pepite::issues& problems) {
  std::vector<std::string> out;
  for (const auto& p : problems) {
    if (p.level == pepite::severity::warning) out.push_back(p.code + " at " + p.path);
  }
  return out;
}

}  // namespace

TEST_CASE("every UI language has every key, with English's placeholders", "[ui]") {
  const std::size_t languages = d::ui_languages_end() - d::ui_languages_begin();
  CHECK(languages == 12);
  for (const std::string_view* lang = d::ui_languages_begin(); lang != d::ui_languages_end();
       ++lang) {
    INFO(*lang);
    REQUIRE(d::ui_built_in(*lang));
    std::size_t same_as_english = 0;
    for (const std::string_view* key = d::ui_keys_begin(); key != d::ui_keys_end(); ++key) {
      INFO(*key);
      const std::string_view text = d::builtin_ui(*key, *lang);
      const std::string_view english = d::builtin_ui(*key, "en");
      CHECK(!text.empty());
      CHECK(text.find('\n') == std::string_view::npos);  // one text per line in the packs
      CHECK(placeholders(text) == placeholders(english));
      if (text == english) ++same_as_english;
    }
    // A block copied from English (or shifted by one line) would show here.
    if (*lang != "en") CHECK(same_as_english <= 3);
  }
}

TEST_CASE("a pack gives back each key's text", "[ui]") {
  const std::string de = pack("de");
  REQUIRE(d::valid_ui_pack(de));
  CHECK(d::valid_ui_pack(de.substr(0, de.size() - 1)));  // the last newline is optional
  for (const std::string_view* key = d::ui_keys_begin(); key != d::ui_keys_end(); ++key) {
    CHECK(d::ui_pack_text(de, *key) == d::builtin_ui(*key, "de"));
  }
  CHECK(d::ui_pack_text(de, "nope").empty());
  CHECK_FALSE(d::valid_ui_pack(""));
  CHECK_FALSE(d::valid_ui_pack(de + "\n"));
  CHECK_FALSE(d::valid_ui_pack(de + "x\n"));
}

TEST_CASE("a locale's UI language and direction", "[ui]") {
  CHECK(d::ui_language("de") == "de");
  CHECK(d::ui_language("de-AT") == "de");
  CHECK(d::ui_language("PT_br") == "pt");
  CHECK(d::ui_language("ko").empty());
  CHECK(d::ui_language("deu").empty());
  CHECK(d::ui_language("").empty());
  CHECK(d::is_rtl("ar"));
  CHECK(d::is_rtl("he-IL"));
  CHECK(d::is_rtl("fa"));
  CHECK_FALSE(d::is_rtl("fr"));
  CHECK_FALSE(d::is_rtl("ja"));
  CHECK_FALSE(d::builtin_ui("title", "ko").size());
}

TEST_CASE("the view's ui, dir and uiPack follow its locale", "[ui][engine]") {
  SECTION("German: its own strings, left to right, nothing to fetch natively") {
    const json view = start_view(survey("de"));
    CHECK(view["ui"]["submit"] == "Senden");
    CHECK(view["questions"][0]["lowLabel"] == "Äußerst unwahrscheinlich");
    CHECK(view["dir"] == "ltr");
    CHECK(view["uiPack"].is_null());
  }
  SECTION("Arabic and Hebrew read right to left") {
    CHECK(start_view(survey("ar"))["dir"] == "rtl");
    CHECK(start_view(survey("he"))["dir"] == "rtl");
    CHECK(start_view(survey("he"))["ui"]["thanksTitle"] == "תודה!");
  }
  SECTION("a language without strings reads English, overridden key by key") {
    const json view = start_view(survey("ko", {{"submit", "보내기"}}));
    CHECK(view["ui"]["submit"] == "보내기");
    CHECK(view["ui"]["close"] == "Close");
    CHECK(view["uiPack"].is_null());
  }
  SECTION("uiStrings that do not fit are warned about, never fatal") {
    const std::string de = pack("de");
    const std::string short_one = de.substr(1 + de.find('\n'));
    for (const json& bad : {json("de"), json({{"xx", de}}), json({{"de", 1}}),
                            json({{"de", de + "one line too many\n"}}), json({{"de", short_one}}),
                            json({{"de", "\n" + short_one}})}) {
      INFO(bad.dump());
      pepite::session s(survey("de").dump(), options_with(bad).dump());
      const json report = json::parse(s.start_report());
      REQUIRE(report["ok"] == true);
      REQUIRE(report["warnings"].size() == 1);
      CHECK(report["warnings"][0]["code"] == "session.bad_ui_strings");
      CHECK(report["warnings"][0]["path"] == "uiStrings");
    }
    pepite::session s(survey("de").dump(), options_with({{"de", de}}).dump());
    CHECK(json::parse(s.start_report())["warnings"].empty());
  }
}

TEST_CASE("a survey language without UI strings is a warning", "[ui][definition]") {
  const std::string code = "definition.locale_without_ui_strings";
  SECTION("Korean with no ui") {
    const auto r = pepite::parse_definition(survey("ko").dump());
    REQUIRE(r.ok());
    CHECK(warning_codes(r.problems) == std::vector<std::string>{code + " at defaultLocale"});
    CHECK(r.problems[0].message.find("\"ko\"") != std::string::npos);
  }
  SECTION("a listed locale too, and not the twelve languages") {
    json def = survey("fr");
    def["locales"] = {"fr", "ja", "ko-KR"};
    const auto r = pepite::parse_definition(def.dump());
    CHECK(warning_codes(r.problems) == std::vector<std::string>{code + " at locales"});
  }
  SECTION("no warning once ui gives every key, plain or in that locale") {
    json ui = json::object();
    for (const std::string_view* key = d::ui_keys_begin(); key != d::ui_keys_end(); ++key) {
      ui[std::string(*key)] = {{"ko", "x"}};
    }
    CHECK(warning_codes(pepite::parse_definition(survey("ko", ui).dump()).problems).empty());
    ui["title"] = {{"fr", "x"}};
    CHECK(warning_codes(pepite::parse_definition(survey("ko", ui).dump()).problems) ==
          std::vector<std::string>{"definition.missing_translation at ui.title",
                                   code + " at defaultLocale"});
  }
}

TEST_CASE("docs/contracts.md lists every ui key with its English and French defaults",
          "[ui][docs]") {
  std::ifstream in(std::string(PEPITE_FIXTURES) + "/../../docs/contracts.md");
  REQUIRE(in);
  std::stringstream text;
  text << in.rdbuf();
  const std::string doc = text.str();
  std::size_t rows = 0;
  for (const std::string_view* key = d::ui_keys_begin(); key != d::ui_keys_end(); ++key) {
    const std::string row = "| `" + std::string(*key) + "` | " +
                            std::string(d::builtin_ui(*key, "en")) + " | " +
                            std::string(d::builtin_ui(*key, "fr")) + " |";
    INFO(row);
    CHECK(doc.find(row) != std::string::npos);
    rows += doc.find(row) != std::string::npos;
  }
  // No row for a key the table no longer has.
  const std::regex any_row(R"(\n\| `([A-Za-z0-9]+)` \| [^|\n]+ \| [^|\n]+ \|)");
  std::size_t documented = 0;
  const std::size_t start = doc.find("### UI strings");
  REQUIRE(start != std::string::npos);
  const std::string section = doc.substr(start, doc.find("\n## ", start) - start);
  for (auto it = std::sregex_iterator(section.begin(), section.end(), any_row);
       it != std::sregex_iterator(); ++it) {
    ++documented;
    CHECK(d::is_ui_key((*it)[1].str()));
  }
  CHECK(documented == rows);
}
