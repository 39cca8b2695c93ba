// The comment analysis itself, in the same process (pepite_text: native builds, the collector,
// pepite-tools.wasm and pepite-text.wasm). A session never calls it: its view asks the shell.
#include "pepite/comments.hpp"

namespace pepite {

comment_result analyse_comments(const comment_request& request) {
  comment_result out;
  out.available = true;
  std::string all;
  for (const std::string& raw : request.texts) {
    redaction r = redact(raw, request.redaction);
    for (const auto& [kind, count] : r.counts) out.counts[kind] += count;
    if (!r.text.empty()) {
      if (!all.empty()) all += '\n';
      all += r.text;
    }
    out.texts.push_back(std::move(r.text));
  }
  if (all.empty()) return out;
  comment_signals signals = analyse_comment(all, request.topics);
  out.topics = std::move(signals.topics);
  out.urgency = std::move(signals.urgency);
  return out;
}

}  // namespace pepite
