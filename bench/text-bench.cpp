// Benchmark (not a test): redaction, then topics and urgency (analyse_comment) on a 1,000-character
// comment (issue 7 budget: < 1 ms in the browser). Native figure here; the wasm figure is measured
// by the lead. Build: g++ -O2 -std=c++17 -Iwasm/include -Iwasm/src bench/text-bench.cpp
// wasm/src/redact.cpp
//        wasm/src/topics.cpp wasm/src/detail/text_*.cpp -o text-bench
#include <chrono>
#include <cstdio>
#include <string>

#include "pepite/redact.hpp"
#include "pepite/topics.hpp"

int main() {
  const std::string sentence =
      "Bonjour, colis arrivé avec 10 jours de retard et l’emballage était déchiré ; il manque "
      "un article. Rappelez-moi au 06 12 34 56 78 ou écrivez à jean.dupont@gmail.com, sinon "
      "je contacte un avocat !!! Remboursez-moi sur FR76 3000 6000 0112 3456 7890 189. ";
  std::string comment;
  while (comment.size() < 1000) comment += sentence;
  comment.resize(1000);
  while ((static_cast<unsigned char>(comment.back()) & 0xC0) == 0x80) comment.pop_back();
  pepite::redact_options options;
  options.order_masks = {"CMD-########"};
  const auto run = [&] {
    const pepite::redaction r = pepite::redact(comment, options);
    const pepite::comment_signals s = pepite::analyse_comment(r.text);
    return r.text.size() + s.topics.size() + s.urgency.size();
  };
  std::size_t sink = 0;
  for (int i = 0; i < 200; ++i) sink += run();  // warm-up (builds the lexicon index once)
  const int rounds = 5000;
  const auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < rounds; ++i) sink += run();
  const auto t1 = std::chrono::steady_clock::now();
  const double us = std::chrono::duration<double, std::micro>(t1 - t0).count() / rounds;
  std::printf(
      "comment %zu bytes: redact + analyse_comment = %.1f us per call "
      "(native, %d rounds; sink %zu)\n",
      comment.size(), us, rounds, sink);
  const auto c0 = std::chrono::steady_clock::now();
  sink += pepite::tag_topics("premier appel", {}).size();
  const auto c1 = std::chrono::steady_clock::now();
  std::printf("first call after warm-up: %.1f us\n",
              std::chrono::duration<double, std::micro>(c1 - c0).count());
  return sink == 0;
}
