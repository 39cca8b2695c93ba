// libFuzzer target: topic tagging and urgency detection on arbitrary bytes (issue 7).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "pepite/topics.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  const auto topics = pepite::tag_topics(in);
  if (topics.size() > 8) std::abort();
  if (pepite::detect_urgency(in).size() > 5) std::abort();
  // The first line, if any, doubles as a shop keyword list ('|'-separated) for two topics.
  const std::size_t nl = in.find('\n');
  if (nl != std::string_view::npos) {
    pepite::topic_lexicon lex;
    std::string_view head = in.substr(0, nl);
    while (!head.empty()) {
      const std::size_t bar = head.find('|');
      const std::string_view kw = head.substr(0, bar);
      lex.extra["price"].emplace_back(kw);
      lex.extra["custom_topic"].emplace_back(kw);
      if (bar == std::string_view::npos) break;
      head.remove_prefix(bar + 1);
    }
    if (pepite::tag_topics(in.substr(nl + 1), lex).size() > 9) std::abort();
    if (pepite::analyse_comment_json(in.substr(nl + 1), in.substr(0, nl)).empty()) std::abort();
  }
  return 0;
}
