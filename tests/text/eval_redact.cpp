// Recall per PII kind and false-positive rate on look-alikes of the redactor, on seeded
// synthetic comments (issue 7 budgets). Usage: eval_redact [seed] [per_kind] [lookalikes] [-v]
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string>

#include "pepite/redact.hpp"
#include "pii_generator.hpp"

int main(int argc, char** argv) {
  std::uint64_t seed = 7;
  int per_kind = 1000;
  int lookalikes = 2000;
  bool verbose = false;
  int positional = 0;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "-v") == 0) {
      verbose = true;
      continue;
    }
    const long v = std::strtol(argv[i], nullptr, 10);
    if (positional == 0) seed = static_cast<std::uint64_t>(v);
    if (positional == 1) per_kind = static_cast<int>(v);
    if (positional == 2) lookalikes = static_cast<int>(v);
    ++positional;
  }
  pepite::redact_options options;
  options.order_masks = {"CMD-########"};
  struct tally {
    int total = 0;
    int ok = 0;
  };
  std::map<std::string, tally> by_kind;
  std::map<std::string, tally> by_family;
  for (const auto& s : pepite::textgen::generate(seed, per_kind, lookalikes)) {
    const pepite::redaction r = pepite::redact(s.text, options);
    bool ok;
    if (s.kind == "none") {
      ok = r.counts.empty() && r.text == s.text;
    } else {
      const auto it = r.counts.find(s.kind);
      ok = it != r.counts.end() && r.text.find(s.value) == std::string::npos;
    }
    tally& k = by_kind[s.kind];
    tally& f = by_family[s.kind + "/" + s.family];
    ++k.total;
    ++f.total;
    k.ok += ok;
    f.ok += ok;
    if (!ok && verbose)
      std::printf("MISS %-8s %-20s %s\n   -> %s\n", s.kind.c_str(), s.family.c_str(),
                  s.text.c_str(), r.text.c_str());
  }
  std::printf("seed %llu, %d per kind, %d look-alikes\n", static_cast<unsigned long long>(seed),
              per_kind, lookalikes);
  bool budgets = true;
  for (const auto& [kind, t] : by_kind) {
    const double rate = 100.0 * t.ok / t.total;
    if (kind == "none") {
      const double fp = 100.0 - rate;
      std::printf("look-alikes  %5d  wrongly redacted %6.2f%%  (budget <= 1%%)\n", t.total, fp);
      budgets = budgets && fp <= 1.0;
    } else {
      const double budget = kind == "phone" ? 97.0 : (kind == "address" ? 0.0 : 99.0);
      std::printf("%-12s %5d  recall %6.2f%%  (budget >= %.0f%%)\n", kind.c_str(), t.total, rate,
                  budget);
      budgets = budgets && rate >= budget;
    }
  }
  std::printf("\nby family (correct / total):\n");
  for (const auto& [family, t] : by_family) {
    if (t.ok != t.total) std::printf("  %-32s %4d / %4d\n", family.c_str(), t.ok, t.total);
  }
  std::printf("%s\n", budgets ? "budgets: met" : "budgets: MISSED");
  return budgets ? 0 : 1;
}
