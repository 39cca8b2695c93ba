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
