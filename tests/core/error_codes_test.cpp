// The table of error codes (pepite/error_codes.hpp) against the sources that report them and
// docs/errors.md that explains them (issue 15): the three list the same codes.
#include <filesystem>
#include <regex>
#include <set>
#include <string>

#include <catch2/catch.hpp>

#include "pepite/error_codes.hpp"
#include "vector_match.hpp"

namespace {

const std::string root = std::string(PEPITE_FIXTURES) + "/../..";
/// The areas of the core's codes (the shell's and the collector's have others).
const char* const core_code =
    R"(\b(definition|session|action|answer|consent|analysis|payload)\.[a-z_0-9]+)";

std::set<std::string> table() {
  std::set<std::string> out;
  for (const std::string_view code : pepite::error_codes) out.emplace(code);
  return out;
}

/// Every quoted core code in `text` (`"answer.too_long"`).
void quoted_codes(const std::string& text, std::set<std::string>& out) {
  const std::regex quoted(std::string("\"") + core_code + "\"");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), quoted);
       it != std::sregex_iterator(); ++it) {
    const std::string match = it->str();
    out.insert(match.substr(1, match.size() - 2));
  }
}

}  // namespace

TEST_CASE("the table has every code the core's sources report", "[errors]") {
  std::set<std::string> reported;
  const auto scan = [&](const std::filesystem::path& file) {
    if (file.extension() == ".cpp" || file.extension() == ".hpp") {
      quoted_codes(pepite::testing::read_text_file(file.string()), reported);
    }
  };
  for (const char* dir : {"/wasm/src", "/wasm/src/detail"}) {
    for (const auto& entry : std::filesystem::directory_iterator(root + dir)) scan(entry.path());
  }
  scan(root + "/wasm/bindings.cpp");
  REQUIRE(reported.size() > 80);
  std::set<std::string> missing;
  for (const std::string& code : reported) {
    if (table().count(code) == 0) missing.insert(code);
  }
  CHECK(missing == std::set<std::string>{});
  CHECK(table().size() == std::size(pepite::error_codes));  // no code twice
}

TEST_CASE("docs/errors.md lists exactly the table's codes", "[errors]") {
  const std::string doc = pepite::testing::read_text_file(root + "/docs/errors.md");
  REQUIRE_FALSE(doc.empty());
  // Rows `| \`code\` | meaning |`; the browser shell names two codes of its own in core areas.
  const std::set<std::string> shell_only = {"definition.invalid", "session.failed"};
  std::set<std::string> documented;
  const std::regex row(std::string(R"(\n\| `()") + core_code + ")`");
  for (auto it = std::sregex_iterator(doc.begin(), doc.end(), row); it != std::sregex_iterator();
       ++it) {
    const std::string code = (*it)[1].str();
    if (shell_only.count(code) == 0) documented.insert(code);
  }
  CHECK(documented == table());
}
