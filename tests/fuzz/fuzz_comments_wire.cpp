// libFuzzer target: the JSON between pepite-core.wasm and pepite-text.wasm (issue 4). The result
// side comes from the page, so anything may arrive: it is taken whole or not at all.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "pepite/comments.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  if (const auto request = pepite::parse_comment_request(in)) {
    // What the text module answers for any request it accepts is a result the core takes whole.
    const pepite::comment_result r = pepite::analyse_comments(*request);
    const pepite::comment_result back =
        pepite::parse_comment_result(pepite::comment_result_json(r), request->texts.size());
    if (!back.available || back.texts != r.texts || back.topics != r.topics) std::abort();
    // And the request itself survives the wire.
    const auto again = pepite::parse_comment_request(pepite::comment_request_json(*request));
    if (!again || again->texts != request->texts) std::abort();
  }
  for (std::size_t expected : {std::size_t{0}, std::size_t{1}, std::size_t{3}}) {
    const pepite::comment_result r = pepite::parse_comment_result(in, expected);
    if (r.available && r.texts.size() != expected) std::abort();
    if (!r.available && (!r.texts.empty() || !r.counts.empty())) std::abort();
  }
  return 0;
}
