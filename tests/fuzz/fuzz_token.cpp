// libFuzzer target: the order token parser (issue 17) must never crash, accept only what it
// signed, and keep base64url a bijection.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "token.hpp"

using namespace pepite::collector;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  constexpr std::string_view secret = "fuzz-secret-0123456789abcdef";
  constexpr std::int64_t now = 1796000000;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  // The input as a whole token: bytes from a link are the attacker's.
  (void)verify_token(text, secret, now, "post-purchase");
  // The input as claims signed with the right secret: the claims reader past the signature.
  const token_check signed_claims =
      verify_token(sign_claims_json(text, secret), secret, now, "post-purchase");
  if (signed_claims.ok) {
    // What it accepted, signed again by the signer, verifies to the same claims.
    if (!token_claims_problem(signed_claims.claims).empty()) std::abort();
    const token_check again =
        verify_token(sign_token(signed_claims.claims, secret), secret, now, "post-purchase");
    if (!again.ok || again.claims.order_id != signed_claims.claims.order_id ||
        again.claims.properties != signed_claims.claims.properties) {
      std::abort();
    }
  }
  // base64url: decode(encode(x)) == x, and a decoded text encodes back to itself.
  std::string bytes;
  if (!base64url_decode(base64url_encode(text), &bytes) || bytes != text) std::abort();
  if (base64url_decode(text, &bytes) && base64url_encode(bytes) != text) std::abort();
  return 0;
}
