// The core's JSON reader and writer against nlohmann's parser and serializer: same trees, same
// text.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "detail/json_read.hpp"
#include "detail/json_write.hpp"
#include "vector_match.hpp"

namespace {

using json = nlohmann::ordered_json;

/// Same verdict and, when accepted, the same tree: values, number kinds, key order.
/// A name repeated in one object is the one deliberate difference (tested on its own below).
void same_as_nlohmann(const std::string& text) {
  pepite::detail::read_failure why = pepite::detail::read_failure::none;
  const json ours = pepite::detail::read_json(text, &why);
  const json theirs = json::parse(text, nullptr, false);
  INFO("text: " << text);
  if (why == pepite::detail::read_failure::duplicate_key) return;
  REQUIRE(ours.is_discarded() == theirs.is_discarded());
  if (ours.is_discarded()) return;
  CHECK(pepite::detail::write_json(ours) ==
        theirs.dump(-1, ' ', false, json::error_handler_t::replace));
  // Number kinds matter (unsigned vs signed vs float): compare them all along the tree.
  std::vector<std::pair<const json*, const json*>> todo{{&ours, &theirs}};
  while (!todo.empty()) {
    auto [a, b] = todo.back();
    todo.pop_back();
    REQUIRE(a->type() == b->type());
    if (a->is_number_float()) {
      CHECK(a->get<double>() == b->get<double>());
      CHECK(std::signbit(a->get<double>()) == std::signbit(b->get<double>()));
    }
    if (a->is_structured()) {
      REQUIRE(a->size() == b->size());
      auto ia = a->begin();
      auto ib = b->begin();
      for (; ia != a->end(); ++ia, ++ib) {
        if (a->is_object()) CHECK(ia.key() == ib.key());
        todo.emplace_back(&*ia, &*ib);
      }
    }
  }
}

}  // namespace

TEST_CASE("literals, structures and whitespace read as nlohmann reads them", "[json]") {
  for (const char* text :
       {"null", "true", "false", " \t\r\n true \n", "[]", "{}", "[1,2,3]", "{\"a\":1,\"b\":[{}]}",
        "[[[[[]]]]]", "{\"z\":1,\"a\":2}", "\xEF\xBB\xBF{}", "\"\"", "  [ 1 , 2 ]  "}) {
    same_as_nlohmann(text);
  }
}

TEST_CASE("a name repeated in one object is refused, and said so", "[json]") {
  using pepite::detail::read_failure;
  // nlohmann keeps the last value; a validator reading it and a store keeping the text would
  // disagree about what was sent.
  for (const char* text :
       {"{\"a\":1,\"a\":2}", "{\"a\":1,\"b\":2,\"a\":1}",
        "[{\"x\":{\"v\":\"06 12\",\"v\":\"fine\"}}]", "{\"\\u0061\":1,\"a\":2}"}) {
    read_failure why = read_failure::none;
    CHECK(pepite::detail::read_json(text, &why).is_discarded());
    CHECK(why == read_failure::duplicate_key);
  }
  // The same name in two different objects is fine; so are names differing only in case.
  read_failure why = read_failure::syntax;
  CHECK(pepite::detail::read_json("{\"a\":{\"a\":1},\"b\":{\"a\":2},\"A\":3}", &why).is_object());
  CHECK(why == read_failure::none);
  pepite::detail::read_json("[1,", &why);
  CHECK(why == read_failure::syntax);
}

TEST_CASE("malformed documents are refused", "[json]") {
  for (const char* text : {"",
                           " ",
                           "nul",
                           "tru",
                           "falsey",
                           "[1,]",
                           "{\"a\":1,}",
                           "[1 2]",
                           "{\"a\" 1}",
                           "{1:2}",
                           "{\"a\":}",
                           "[",
                           "]",
                           "{",
                           "}",
                           "\"abc",
                           "01",
                           "-",
                           "+1",
                           "1.",
                           ".5",
                           "1e",
                           "1e+",
                           "--1",
                           "0x10",
                           "NaN",
                           "Infinity",
                           "[1]]",
                           "{} {}",
                           "1 2",
                           "// c\n1",
                           "/* */1",
                           "'a'",
                           "\xEF\xBB{}",
                           "\xEF{}",
                           "[\"a\"\x01]",
                           "\xEF\xBB\xBF"}) {
    same_as_nlohmann(text);
    CHECK(pepite::detail::read_json(text).is_discarded());
  }
}

TEST_CASE("a NUL byte is refused where nlohmann stops reading", "[json]") {
  const std::string text("3\0\x02", 3);
  CHECK(pepite::detail::read_json(text).is_discarded());
  CHECK_FALSE(json::parse(text, nullptr, false).is_discarded());  // nlohmann reads "3"
  CHECK(pepite::detail::read_json(std::string("{}\0", 3)).is_discarded());
  CHECK(pepite::detail::read_json(std::string("\"a\0b\"", 5)).is_discarded());
}

TEST_CASE("numbers: integer kinds, limits and correctly rounded doubles", "[json]") {
  for (const char* text : {"0",
                           "-0",
                           "1",
                           "-1",
                           "42",
                           "9007199254740993",
                           "9223372036854775807",
                           "9223372036854775808",
                           "-9223372036854775808",
                           "-9223372036854775809",
                           "18446744073709551615",
                           "18446744073709551616",
                           "123456789012345678901234567890",
                           "-123456789012345678901234567890",
                           "0.0",
                           "-0.0",
                           "0.1",
                           "0.30000000000000004",
                           "1e22",
                           "1e23",
                           "1.5e300",
                           "1e308",
                           "1.7976931348623157e308",
                           "4.9e-324",
                           "5e-324",
                           "2e-324",
                           "2.2250738585072011e-308",
                           "2.2250738585072014e-308",
                           "1e-400",
                           "0e500",
                           "-0e-5",
                           "1E2",
                           "1e+2",
                           "1e-2",
                           "3.14159265358979323846264338327950288",
                           "0.000001",
                           "1234567890123456789.5",
                           "9007199254740993.0",
                           "1.00000000000000011102230246251565404",
                           "100000000000000000000000",
                           "8.98846567431158e307",
                           "1e309",
                           "-1e309",
                           "1e999999999"}) {
    same_as_nlohmann(text);
    same_as_nlohmann(std::string("[") + text + "]");
  }
}

TEST_CASE("strings: escapes, surrogates and UTF-8 checked byte for byte", "[json]") {
  for (const char* text : {R"("a\"b\\c\/d\b\f\n\r\t")",
                           R"("\u0041\u00e9\u20AC")",
                           R"("\ud83d\ude00")",
                           R"("\u0000x")",
                           R"("\ud83d")",
                           R"("\ude00")",
                           R"("\ud83dx")",
                           R"("\ud83d\u0041")",
                           R"("\u12")",
                           R"("\u12G4")",
                           R"("\x")",
                           R"("\)",
                           "\"caf\xC3\xA9\"",
                           "\"\xE2\x82\xAC\"",
                           "\"\xF0\x9F\x98\x80\"",
                           "\"\x7F\"",
                           "\"\xC3\"",
                           "\"\xC0\x80\"",
                           "\"\xC1\xBF\"",
                           "\"\xE0\x80\x80\"",
                           "\"\xE0\x9F\xBF\"",
                           "\"\xED\xA0\x80\"",
                           "\"\xED\x9F\xBF\"",
                           "\"\xF0\x8F\xBF\xBF\"",
                           "\"\xF4\x8F\xBF\xBF\"",
                           "\"\xF4\x90\x80\x80\"",
                           "\"\xF5\x80\x80\x80\"",
                           "\"\xFF\"",
                           "\"\x80\"",
                           "\"a\nb\"",
                           "\"a\tb\"",
                           "\"\x1F\"",
                           "{\"\xC3\xA9t\xC3\xA9\":\"\xC3\xA9\"}"}) {
    same_as_nlohmann(text);
  }
}

TEST_CASE("nesting beyond the reader's limit is refused instead of exhausting the stack",
          "[json]") {
  const std::size_t limit = pepite::detail::max_read_depth;
  const std::string ok = std::string(limit, '[') + std::string(limit, ']');
  const std::string deep = std::string(limit + 1, '[') + std::string(limit + 1, ']');
  CHECK_FALSE(pepite::detail::read_json(ok).is_discarded());
  CHECK(pepite::detail::read_json(deep).is_discarded());
  CHECK(pepite::detail::read_json(std::string(100000, '[')).is_discarded());
}

TEST_CASE("fixtures and seeded mutations of them read as nlohmann reads them", "[json]") {
  std::vector<std::string> corpus{pepite::testing::fixture_text("surveys/post-purchase.json"),
                                  pepite::testing::fixture_text("vectors/payloads.json"),
                                  pepite::testing::fixture_text("vectors/definitions.json")};
  std::mt19937 rng(20261125);
  const std::string alphabet = "{}[]\":,.-+eE0123456789tfnul \\/\x01\xC3\xA9\xF0\x9F\xED";
  for (const auto& base : corpus) {
    REQUIRE_FALSE(base.empty());
    same_as_nlohmann(base);
    for (int round = 0; round < 1500; ++round) {
      std::string text = base;
      const int edits = 1 + static_cast<int>(rng() % 4);
      for (int e = 0; e < edits && !text.empty(); ++e) {
        const std::size_t at = rng() % text.size();
        switch (rng() % 3) {
          case 0:
            text[at] = alphabet[rng() % alphabet.size()];
            break;
          case 1:
            text.erase(at, 1 + rng() % 3);
            break;
          default:
            text.insert(at, 1, alphabet[rng() % alphabet.size()]);
        }
      }
      same_as_nlohmann(text);
    }
  }
}

TEST_CASE("the writer prints what nlohmann's serializer prints", "[json]") {
  const auto same = [](const json& v) {
    CHECK(pepite::detail::write_json(v) == v.dump(-1, ' ', false, json::error_handler_t::replace));
  };
  for (const char* text : {"null",
                           "true",
                           "false",
                           "0",
                           "-0",
                           "-0.0",
                           "0.0",
                           "1.0",
                           "0.1",
                           "1e22",
                           "1e23",
                           "-1e-7",
                           "1.7976931348623157e308",
                           "4.9e-324",
                           "123456789012345678901234567890",
                           "-9223372036854775808",
                           "18446744073709551615",
                           "[]",
                           "{}",
                           "[[],{}]",
                           R"({"b":1,"a":[1,2,{"c":null}]})",
                           R"("a\"b\\c\/d\b\f\n\r\t\u0001\u001f\u007f")",
                           "\"caf\xC3\xA9 \xF0\x9F\x98\x80 \xE2\x82\xAC\"",
                           R"("\u0000")"}) {
    same(json::parse(text, nullptr, false));
  }
  // Control characters are written as \u00XX with lower-case hex, like nlohmann.
  CHECK(pepite::detail::write_json(json(std::string("\x1b"))) == "\"\\u001b\"");
  // Invalid UTF-8 (not from the reader, which refuses it) becomes U+FFFD instead of aborting.
  CHECK(pepite::detail::write_json(json(std::string("a\xFF"
                                                    "b"))) ==
        "\"a\xEF\xBF\xBD"
        "b\"");
  CHECK(pepite::detail::write_json(json(std::string("\xC3"))) == "\"\xEF\xBF\xBD\"");
  // NaN and infinities (never produced by the core) are written as null.
  CHECK(pepite::detail::write_json(json(std::nan(""))) == "null");
}
