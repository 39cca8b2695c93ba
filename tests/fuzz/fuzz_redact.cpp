// libFuzzer target: the redactor on arbitrary bytes, with and without order masks (issue 7).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "detail/text_utf8.hpp"
#include "pepite/redact.hpp"

namespace {

// Output must be valid UTF-8 and never longer than a placeholder per input byte.
void check(std::string_view in, const pepite::redaction& r) {
  std::size_t i = 0;
  while (i < r.text.size()) {
    const pepite::detail::utf8_char c = pepite::detail::utf8_at(r.text, i);
    if (c.cp == 0xFFFD && c.len == 1) std::abort();
    i += c.len;
  }
  if (r.text.size() > in.size() * 9 + 9) std::abort();
  for (const auto& [kind, n] : r.counts) {
    if (n <= 0) std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  check(in, pepite::redact(in));
  // The first line, if short, doubles as an order mask for a second pass.
  const std::size_t nl = in.find('\n');
  if (nl != std::string_view::npos && nl <= 64) {
    pepite::redact_options o;
    o.order_masks = {std::string(in.substr(0, nl)), "CMD-########"};
    o.address = (size & 1) != 0;
    check(in, pepite::redact(in.substr(nl + 1), o));
    if (pepite::redact_json(in.substr(nl + 1), in.substr(0, nl)).empty()) std::abort();
  }
  return 0;
}
