// The HTTP server's small pure parts: percent-decoding, the control-byte check, header lookup.
#include <catch2/catch.hpp>

#include "http_server.hpp"

using namespace pepite::collector::http;

TEST_CASE("percent_decode decodes escapes and refuses malformed ones") {
  std::string out;
  CHECK(percent_decode("/a%20b/%C3%A9", false, &out));
  CHECK(out == "/a b/\xC3\xA9");
  CHECK(percent_decode("a+b%2B", true, &out));
  CHECK(out == "a b+");
  CHECK(percent_decode("a+b", false, &out));
  CHECK(out == "a+b");
  CHECK_FALSE(percent_decode("%", false, &out));
  CHECK_FALSE(percent_decode("%4", false, &out));
  CHECK_FALSE(percent_decode("abc%", false, &out));
  CHECK_FALSE(percent_decode("%zz", false, &out));
}

TEST_CASE("a decoded path with NUL, a control byte or DEL names nothing") {
  std::string path;
  REQUIRE(percent_decode("/pepite/pepite.js%00.html", false, &path));
  CHECK(has_control_bytes(path));
  CHECK(has_control_bytes("/a\nb"));
  CHECK(has_control_bytes("/a\x7f"));
  CHECK(has_control_bytes("/\x1b[31m"));
  CHECK_FALSE(has_control_bytes("/pepite/pepite.js"));
  CHECK_FALSE(has_control_bytes("/caf\xC3\xA9"));
}

TEST_CASE("headers are looked up without regard to case; set_header replaces") {
  request req;
  req.headers.emplace("Content-Type", "text/plain");
  CHECK(req.has_header("content-type"));
  CHECK(req.get_header_value("CONTENT-TYPE") == "text/plain");
  CHECK(req.get_header_value("Origin").empty());
  response res;
  res.set_header("Vary", "Origin");
  res.set_header("vary", "Accept-Language");
  REQUIRE(res.headers.size() == 1);
  CHECK(res.header("VARY") == "Accept-Language");
  res.set_content("{}", "application/json");
  CHECK(res.header("content-type") == "application/json");
}
