// CSV export cells: RFC 4180 quoting, CRLF, and spreadsheet formula neutralisation.
#include <catch2/catch.hpp>

#include "csv.hpp"

using pepite::collector::csv_cell;
using pepite::collector::csv_line;

TEST_CASE("plain cells are written as they are", "[csv]") {
  CHECK(csv_cell("") == "");
  CHECK(csv_cell("abc") == "abc");
  CHECK(csv_cell("Colis abîmé") == "Colis abîmé");
  CHECK(csv_cell("10") == "10");
}

TEST_CASE("RFC 4180 quoting", "[csv]") {
  CHECK(csv_cell("a,b") == "\"a,b\"");
  CHECK(csv_cell("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_cell("line1\nline2") == "\"line1\nline2\"");
  CHECK(csv_cell("line1\r\nline2") == "\"line1\r\nline2\"");
}

TEST_CASE("formula injection is neutralised", "[csv]") {
  CHECK(csv_cell("=HYPERLINK(\"http://x\")") == "\"'=HYPERLINK(\"\"http://x\"\")\"");
  CHECK(csv_cell("+33 6 12") == "'+33 6 12");
  CHECK(csv_cell("-2+3") == "'-2+3");
  CHECK(csv_cell("@SUM(A1)") == "'@SUM(A1)");
  CHECK(csv_cell("\tcmd") == "'\tcmd");
  CHECK(csv_cell("\rcmd") == "\"'\rcmd\"");
  CHECK(csv_cell("a=b") == "a=b");
}

TEST_CASE("lines end with CRLF", "[csv]") {
  CHECK(csv_line({"a", "b,c", ""}) == "a,\"b,c\",\r\n");
  CHECK(csv_line({}) == "\r\n");
}

TEST_CASE("both separators are quoted, whichever one the file uses", "[csv]") {
  // A `,` file opened by a spreadsheet splitting on `;` (and the reverse) keeps a cell whole.
  CHECK(csv_cell("a,b;c") == "\"a,b;c\"");
  CHECK(csv_line({"a;b", "c,d", "=1"}, ';') == "\"a;b\";\"c,d\";'=1\r\n");
  CHECK(csv_line({"x", "y"}, ';') == "x;y\r\n");
}

TEST_CASE("NUL and control characters are removed, line ends kept as LF", "[csv]") {
  using pepite::collector::csv_clean;
  CHECK(csv_clean(std::string("a\0b", 3)) == "ab");
  CHECK(csv_clean("a\x01\x08\x1b[31mb\x7f") == "a[31mb");
  CHECK(csv_clean("\t=1") == "=1");
  CHECK(csv_clean("l1\r\nl2\rl3\nl4") == "l1\nl2\nl3\nl4");
  CHECK(csv_clean("x\xc2\x85y\xc2\x9fz") == "xyz");                      // C1 controls (NEL, APC)
  CHECK(csv_clean("Colis abîmé \xc2\xa0!") == "Colis abîmé \xc2\xa0!");  // NBSP stays
  // Cleaning first, then the cell: a formula hidden behind a control byte is still caught.
  CHECK(csv_cell(csv_clean("\x01=cmd")) == "'=cmd");
}

TEST_CASE("the separator follows the manager's language", "[csv]") {
  using pepite::collector::csv_separator_for;
  CHECK(csv_separator_for("fr-FR,fr;q=0.9,en;q=0.8") == ';');
  CHECK(csv_separator_for("de") == ';');
  CHECK(csv_separator_for("pt-BR") == ';');
  CHECK(csv_separator_for("en-US,en;q=0.9") == ',');
  CHECK(csv_separator_for("EN") == ',');
  CHECK(csv_separator_for("*") == ',');
  CHECK(csv_separator_for("") == ',');
  CHECK(csv_separator_for("ja,fr") == ',');
}

TEST_CASE("a formula after a separator or a line end inside a cell is neutralised", "[csv]") {
  // Read with the other separator, or line by line, these would start a field with a formula.
  CHECK(csv_cell("a;=1+1") == "\"a;'=1+1\"");
  CHECK(csv_cell("x,@SUM(A1)") == "\"x,'@SUM(A1)\"");
  CHECK(csv_cell("ok\n-2+3") == "\"ok\n'-2+3\"");
  CHECK(csv_cell("f(\"a\";\"b\")") == "\"f(\"\"a\"\";'\"\"b\"\")\"");
  CHECK(csv_cell("late; damaged") == "\"late; damaged\"");
  CHECK(csv_cell("a;b") == "\"a;b\"");
}
