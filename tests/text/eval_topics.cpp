// Precision, recall and F1 per topic of the tagger and of a keyword-only baseline on a labelled
// comment file (issue 7). Usage: eval_topics tests/fixtures/text/comments-dev.tsv [-v]
// The baseline uses the same built-in keyword lists but no normalisation and no negation: it
// lower-cases ASCII only and looks for each keyword as a substring starting a word.
#include <cstdio>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "detail/text_lexicon.hpp"
#include "pepite/topics.hpp"

namespace {

struct row {
  std::string id;
  std::set<std::string> topics;
  std::string text;
};

std::vector<row> read_rows(const char* path) {
  std::ifstream in(path);
  std::vector<row> rows;
  std::string line;
  bool header = true;
  while (std::getline(in, line)) {
    if (header) {
      header = false;
      continue;
    }
    std::istringstream ls(line);
    row r;
    std::string lang;
    std::string topics;
    std::getline(ls, r.id, '\t');
    std::getline(ls, lang, '\t');
    std::getline(ls, topics, '\t');
    std::getline(ls, r.text);
    std::istringstream ts(topics);
    std::string t;
    while (std::getline(ts, t, ',')) {
      if (t != "-" && !t.empty()) r.topics.insert(t);
    }
    rows.push_back(std::move(r));
  }
  return rows;
}

std::string ascii_lower(const std::string& s) {
  std::string out = s;
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
         (static_cast<unsigned char>(c) >= 0x80);
}

std::set<std::string> baseline(const std::string& text) {
  const std::string low = ascii_lower(text);
  std::set<std::string> out;
  for (std::size_t i = 0; i < pepite::detail::k_topic_source_count; ++i) {
    const auto& src = pepite::detail::k_topic_sources[i];
    std::string entries = src.entries;
    std::size_t p = 0;
    while (p < entries.size()) {
      std::size_t q = entries.find('|', p);
      if (q == std::string::npos) q = entries.size();
      std::string kw = entries.substr(p, q - p);
      p = q + 1;
      std::string clean;
      for (char c : kw) {
        if (c == '*' || c == '!') continue;
        clean += c == '~' ? ' ' : c;
      }
      for (std::size_t at = low.find(clean); at != std::string::npos;
           at = low.find(clean, at + 1)) {
        if (at == 0 || !word_char(low[at - 1])) {
          out.insert(src.id);
          break;
        }
      }
    }
  }
  return out;
}

struct counts {
  int tp = 0;
  int fp = 0;
  int fn = 0;
};

double f1(const counts& c, double* p, double* r) {
  *p = c.tp + c.fp == 0 ? 1.0 : static_cast<double>(c.tp) / (c.tp + c.fp);
  *r = c.tp + c.fn == 0 ? 1.0 : static_cast<double>(c.tp) / (c.tp + c.fn);
  return *p + *r == 0 ? 0.0 : 2 * *p * *r / (*p + *r);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: eval_topics FILE.tsv [-v]\n");
    return 2;
  }
  const bool verbose = argc > 2 && std::strcmp(argv[2], "-v") == 0;
  const std::vector<row> rows = read_rows(argv[1]);
  const std::size_t n = pepite::detail::k_topic_source_count;
  std::vector<counts> tagger(n);
  std::vector<counts> base(n);
  for (const row& r : rows) {
    const std::vector<std::string> got = pepite::tag_topics(r.text);
    const std::set<std::string> mine(got.begin(), got.end());
    const std::set<std::string> kw = baseline(r.text);
    if (verbose && mine != r.topics) {
      std::printf("%s %s\n   want:", r.id.c_str(), r.text.c_str());
      for (const auto& t : r.topics) std::printf(" %s", t.c_str());
      std::printf("\n   got: ");
      for (const auto& t : mine) std::printf(" %s", t.c_str());
      std::printf("\n");
    }
    for (std::size_t i = 0; i < n; ++i) {
      const std::string id = pepite::detail::k_topic_sources[i].id;
      const bool want = r.topics.count(id) > 0;
      for (int which = 0; which < 2; ++which) {
        const bool have = which == 0 ? mine.count(id) > 0 : kw.count(id) > 0;
        counts& c = which == 0 ? tagger[i] : base[i];
        c.tp += want && have;
        c.fp += !want && have;
        c.fn += want && !have;
      }
    }
  }
  std::printf("%s: %zu comments\n", argv[1], rows.size());
  std::printf("%-22s %6s %6s %6s | %6s %6s %6s  (tagger | keyword baseline)\n", "topic", "P", "R",
              "F1", "P", "R", "F1");
  double macro = 0;
  double macro_base = 0;
  for (std::size_t i = 0; i < n; ++i) {
    double p, r, pb, rb;
    const double f = f1(tagger[i], &p, &r);
    const double fb = f1(base[i], &pb, &rb);
    macro += f;
    macro_base += fb;
    std::printf("%-22s %6.3f %6.3f %6.3f | %6.3f %6.3f %6.3f\n",
                pepite::detail::k_topic_sources[i].id, p, r, f, pb, rb, fb);
  }
  std::printf("%-22s %20.3f | %20.3f\n", "macro-F1", macro / n, macro_base / n);
  return 0;
}
