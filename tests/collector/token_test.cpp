// Signed order tokens: the vectors of issue 17 (valid, expired, wrong secret, altered field,
// wrong survey, malformed) and the strict base64url under them.
#include <catch2/catch.hpp>

#include "token.hpp"

using namespace pepite::collector;

namespace {

const std::string secret = "shop-secret-0123456789abcdef";
constexpr std::int64_t now = 1796000000;  // 2026-11-28

token_claims order(std::string survey = "post-purchase") {
  token_claims c;
  c.survey_id = std::move(survey);
  c.order_id = "A-10023";
  c.expires = now + 30 * 86400;
  return c;
}

// The token with its claims part replaced by `claims_json`, signature kept.
std::string with_claims(const std::string& token, const std::string& claims_json) {
  const std::size_t first = token.find('.');
  const std::size_t last = token.rfind('.');
  return token.substr(0, first + 1) + base64url_encode(claims_json) + token.substr(last);
}

}  // namespace

TEST_CASE("a token signed with the secret verifies and gives its claims back", "[token]") {
  token_claims c = order();
  c.locale = "fr-CA";
  c.properties = {{"channel", "email"}, {"store", "lyon-2"}};
  const std::string t = sign_token(c, secret);
  REQUIRE(t.rfind("v1.", 0) == 0);
  CHECK(t.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.") ==
        std::string::npos);
  const token_check r = verify_token(t, secret, now, "post-purchase");
  REQUIRE(r.ok);
  CHECK(r.code.empty());
  CHECK(r.claims.survey_id == "post-purchase");
  CHECK(r.claims.order_id == "A-10023");
  CHECK(r.claims.expires == now + 30 * 86400);
  CHECK(r.claims.locale == "fr-CA");
  CHECK(r.claims.properties.at("channel") == "email");
  CHECK(r.claims.properties.at("store") == "lyon-2");
}

TEST_CASE("a known vector: the format is stable", "[token]") {
  token_claims c;
  c.survey_id = "post-purchase";
  c.order_id = "A-1";
  c.expires = 1800000000;
  // HMAC-SHA256("k", "v1." + base64url('{"s":"post-purchase","o":"A-1","e":1800000000}')),
  // computed independently with `openssl dgst -sha256 -hmac k`.
  const std::string t = sign_token(c, "k");
  CHECK(t.substr(0, t.rfind('.')) ==
        "v1.eyJzIjoicG9zdC1wdXJjaGFzZSIsIm8iOiJBLTEiLCJlIjoxODAwMDAwMDAwfQ");
  CHECK(t.substr(t.rfind('.') + 1) == "v-Ed5Mxw1eHiBz2nEAcPpTQhNm69sGMESdGPlLczEJk");
}

TEST_CASE("an expired token is refused from its expiry second on", "[token]") {
  const std::string t = sign_token(order(), secret);
  CHECK(verify_token(t, secret, now + 30 * 86400 - 1, "post-purchase").ok);
  const token_check r = verify_token(t, secret, now + 30 * 86400, "post-purchase");
  CHECK_FALSE(r.ok);
  CHECK(r.code == "collector.token_expired");
}

TEST_CASE("a token signed with another secret is refused", "[token]") {
  const std::string t = sign_token(order(), "another-shop-secret-0123456789");
  const token_check r = verify_token(t, secret, now, "post-purchase");
  CHECK_FALSE(r.ok);
  CHECK(r.code == "collector.token_bad_signature");
  CHECK(r.claims.order_id.empty());
}

TEST_CASE("an altered field breaks the signature", "[token]") {
  const std::string t = sign_token(order(), secret);
  const std::string expiry = std::to_string(now + 30 * 86400);
  SECTION("order id") {
    const std::string altered =
        with_claims(t, R"({"s":"post-purchase","o":"A-10024","e":)" + expiry + "}");
    CHECK(verify_token(altered, secret, now, "post-purchase").code ==
          "collector.token_bad_signature");
  }
  SECTION("expiry pushed back") {
    const std::string altered =
        with_claims(t, R"({"s":"post-purchase","o":"A-10023","e":4102444800})");
    CHECK(verify_token(altered, secret, now, "post-purchase").code ==
          "collector.token_bad_signature");
  }
  SECTION("one signature character") {
    std::string altered = t;
    altered[altered.size() - 3] = altered[altered.size() - 3] == 'A' ? 'B' : 'A';
    CHECK(verify_token(altered, secret, now, "post-purchase").code ==
          "collector.token_bad_signature");
  }
  SECTION("the version prefix") {
    std::string altered = "v2" + t.substr(2);
    CHECK(verify_token(altered, secret, now, "post-purchase").code == "collector.token_malformed");
  }
}

TEST_CASE("a token for another survey is refused", "[token]") {
  const std::string t = sign_token(order("exit-survey"), secret);
  const token_check r = verify_token(t, secret, now, "post-purchase");
  CHECK_FALSE(r.ok);
  CHECK(r.code == "collector.token_wrong_survey");
}

TEST_CASE("malformed tokens are refused with a clear code, never a crash", "[token]") {
  const std::string good = sign_token(order(), secret);
  const std::string sig = good.substr(good.rfind('.') + 1);
  for (const std::string& bad :
       std::vector<std::string>{"", "v1", "v1.", "v1..", "v1.e30", "v1.e30.", "v1..abc",
                                "V1.e30." + sig, "v1.e30=." + sig, "v1.e3+0." + sig, "v1.a." + sig,
                                good + ".x", good + "A", good.substr(0, good.size() - 1),
                                std::string(5000, 'a'), "v1." + std::string(4094, 'A')}) {
    const token_check r = verify_token(bad, secret, now, "post-purchase");
    INFO(bad.substr(0, 80));
    CHECK_FALSE(r.ok);
    CHECK((r.code == "collector.token_malformed" || r.code == "collector.token_bad_signature"));
    CHECK_FALSE(r.message.empty());
  }
}

TEST_CASE("claims that break the rules are refused even when signed", "[token]") {
  // The signer never makes these; a shop's own code might. Signed with the real secret.
  for (const std::string& claims : std::vector<std::string>{
           "[]", "{}", R"({"s":"post-purchase","o":"A-1"})",
           R"({"s":"Post","o":"A-1","e":2000000000})",
           R"({"s":"post-purchase","o":"","e":2000000000})",
           R"({"s":"post-purchase","o":"A-1","e":"2000000000"})",
           R"({"s":"post-purchase","o":"A-1","e":2000000000,"x":1})",
           R"({"s":"post-purchase","o":"A-1","e":2000000000,"l":"fr FR"})",
           R"({"s":"post-purchase","o":"A-1","e":2000000000,"p":{"a b":"x"}})",
           R"({"s":"post-purchase","o":"A-1","e":2000000000,"p":{"n":1}})",
           R"({"s":"post-purchase","o":"A-1","e":2000000000,"p":{"orderId":"B-2"}})", "not json"}) {
    const std::string t = sign_claims_json(claims, secret);
    const token_check r = verify_token(t, secret, now, "post-purchase");
    INFO(claims);
    CHECK_FALSE(r.ok);
    CHECK(r.code == "collector.token_malformed");
  }
}

TEST_CASE("the signer refuses claims it could not verify", "[token]") {
  token_claims c = order();
  CHECK(token_claims_problem(c).empty());
  c.order_id = std::string(129, 'x');
  CHECK_FALSE(token_claims_problem(c).empty());
  c = order();
  c.order_id = "A\n1";
  CHECK_FALSE(token_claims_problem(c).empty());
  c = order();
  c.locale = "français";
  CHECK_FALSE(token_claims_problem(c).empty());
  c = order();
  // 19 properties and the order id make the 20 a payload may carry (docs/contracts.md).
  for (int i = 0; i < 19; ++i) c.properties["k" + std::to_string(i)] = "v";
  CHECK(token_claims_problem(c).empty());
  c.properties["k19"] = "v";
  CHECK(token_claims_problem(c) ==
        "at most 19 properties: with the order id they make the 20 a payload may carry");
}

TEST_CASE("base64url is strict", "[token]") {
  std::string out;
  CHECK(base64url_encode("") == "");
  CHECK(base64url_encode("f") == "Zg");
  CHECK(base64url_encode("fo") == "Zm8");
  CHECK(base64url_encode("foo") == "Zm9v");
  CHECK(base64url_encode("\xfb\xff") == "-_8");
  REQUIRE(base64url_decode("Zm9vYg", &out));
  CHECK(out == "foob");
  REQUIRE(base64url_decode("-_8", &out));
  CHECK(out == "\xfb\xff");
  CHECK_FALSE(base64url_decode("Zg==", &out));  // padding
  CHECK_FALSE(base64url_decode("Zh", &out));    // non-zero trailing bits
  CHECK_FALSE(base64url_decode("Z", &out));     // 4n+1 characters
  CHECK_FALSE(base64url_decode("Zm+v", &out));  // the other alphabet
}
