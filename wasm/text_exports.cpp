// pepite-text.wasm: the comment analysis (redaction, topics, urgency) on its own, for the shopper's
// page (issue 4: it is downloaded after the card is drawn). A plain C interface instead of Embind,
// so it needs no Emscripten glue: js/text.js instantiates it and passes JSON through its memory.
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <string>

#include "pepite/comments.hpp"

extern "C" {

/// Analyses the request (`size` bytes of JSON at `data`, see comment_request_json) and returns a
/// NUL-terminated result from malloc, which the caller frees; `{"error":…}` for a malformed
/// request.
__attribute__((export_name("pepite_text_analyse"))) char* pepite_text_analyse(const char* data,
                                                                              std::size_t size) {
  const auto request = pepite::parse_comment_request(std::string_view(data, size));
  const std::string out = request ? pepite::comment_result_json(pepite::analyse_comments(*request))
                                  : std::string(R"({"error":"malformed request"})");
  char* copy = static_cast<char*>(std::malloc(out.size() + 1));
  if (copy == nullptr) return nullptr;
  std::memcpy(copy, out.c_str(), out.size() + 1);
  return copy;
}

}  // extern "C"
