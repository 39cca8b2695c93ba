// Admin token: generation and constant-time Bearer checks.
#include <catch2/catch.hpp>

#include "auth.hpp"

using namespace pepite::collector;

TEST_CASE("generated tokens are 64 hex characters and differ", "[auth]") {
  std::string a = generate_token();
  std::string b = generate_token();
  CHECK(a.size() == 64);
  CHECK(a.find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(a != b);
}

TEST_CASE("constant_time_equal", "[auth]") {
  CHECK(constant_time_equal("abc", "abc"));
  CHECK_FALSE(constant_time_equal("abd", "abc"));
  CHECK_FALSE(constant_time_equal("ab", "abc"));
  CHECK_FALSE(constant_time_equal("abcd", "abc"));
  CHECK_FALSE(constant_time_equal("", "abc"));
}

TEST_CASE("bearer_matches", "[auth]") {
  CHECK(bearer_matches("Bearer s3cret", "s3cret"));
  CHECK_FALSE(bearer_matches("Bearer s3cre", "s3cret"));
  // The scheme is case-insensitive (RFC 7235 section 2.1); the token is not.
  CHECK(bearer_matches("bearer s3cret", "s3cret"));
  CHECK(bearer_matches("BEARER s3cret", "s3cret"));
  CHECK_FALSE(bearer_matches("Bearer S3CRET", "s3cret"));
  CHECK_FALSE(bearer_matches("Basic s3cret", "s3cret"));
  CHECK_FALSE(bearer_matches("", "s3cret"));
  CHECK_FALSE(bearer_matches("Bearer ", ""));  // an empty token never matches
}

TEST_CASE("tokens are kept as their SHA-256", "[auth]") {
  // FIPS 180-2's example: SHA-256("abc").
  CHECK(token_hash("abc") ==
        "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(is_token_hash(token_hash("s3cret")));
  CHECK_FALSE(is_token_hash("s3cret"));
  const std::string stored = token_hash("s3cret");
  CHECK(bearer_matches("Bearer s3cret", stored));
  CHECK_FALSE(bearer_matches("Bearer s3crex", stored));
  // The hash itself is no password.
  CHECK_FALSE(bearer_matches("Bearer " + stored, stored));
  CHECK_FALSE(bearer_matches("Bearer ", stored));
}
