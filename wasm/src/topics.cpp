// Topic tagging and urgency detection of free comments, in French and English.
//
// Comments and keyword lists go through the same normalisation (case, accents, elisions,
// contractions, light stemming), so a list entry "abîmé" also finds "ABIMEES" and "l'abîme".
// A cue of a negatable label is cancelled by a negator a few words before it in the same clause
// ("pas abîmé", "not late"); entries that contain a negator themselves ("never arrived",
// "pas reçu") are cues, never cancelled (issue 7).
#include "pepite/topics.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "detail/text_lexicon.hpp"
#include "detail/text_normalize.hpp"
#include "detail/text_utf8.hpp"

namespace pepite {

namespace {

using detail::norm_word;

constexpr std::size_t k_max_words = 2048;  // ~ 12,000 characters of comment
constexpr std::size_t k_gap_words = 5;     // "a~b": b within five words after a
constexpr int k_negation_reach = 3;        // words of 3+ letters a negator may stand before a cue
constexpr std::size_t k_max_extra_keywords = 256;
constexpr std::size_t k_max_keyword_length = 120;

struct pattern_word {
  std::string text;
  bool prefix = false;
  bool exact = false;  // "=late": the folded word itself, not its stem
  bool gap = false;
  bool negator = false;
};

struct entry {
  std::vector<pattern_word> words;
  std::size_t label = 0;
  bool has_negator = false;
};

// FNV-1a, also computed incrementally over a word's prefixes.
constexpr std::uint32_t k_fnv_basis = 2166136261u;
std::uint32_t fnv_step(std::uint32_t h, char c) {
  return (h ^ static_cast<unsigned char>(c)) * 16777619u;
}
std::uint32_t fnv(std::string_view s) {
  std::uint32_t h = k_fnv_basis;
  for (char c : s) h = fnv_step(h, c);
  return h;
}

// Open-addressing table from the hash of an entry's first word to the entry ids: one probe per
// word (and per prefix length in use) instead of string comparisons; hits are verified.
struct hash_index {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> keys;   // (hash, entry id) to insert
  std::vector<std::pair<std::uint32_t, std::uint32_t>> slots;  // (hash, entry id + 1), 0 empty
  std::uint64_t lengths = 0;  // bit n: some key has n characters (n < 64)

  void add(std::string_view key, std::size_t id) {
    if (key.size() >= 64) return;
    keys.emplace_back(fnv(key), static_cast<std::uint32_t>(id));
    lengths |= std::uint64_t{1} << key.size();
  }
  void build() {
    std::size_t cap = 16;
    while (cap < keys.size() * 2) cap *= 2;
    slots.assign(cap, {0, 0});
    for (const auto& [h, id] : keys) {
      std::size_t i = h & (cap - 1);
      while (slots[i].second != 0) i = (i + 1) & (cap - 1);
      slots[i] = {h, id + 1};
    }
  }
  template <typename F>
  void probe(std::uint32_t h, F f) const {
    if (slots.empty()) return;
    for (std::size_t i = h & (slots.size() - 1); slots[i].second != 0;
         i = (i + 1) & (slots.size() - 1)) {
      if (slots[i].first == h) f(slots[i].second - 1);
    }
  }
};

struct compiled {
  std::vector<entry> entries;
  hash_index exact;   // stem of the first word → entries
  hash_index prefix;  // prefix of the first word (and "=word" exact words) → entries
};

void add_entry(compiled& c, std::string_view text, std::size_t label) {
  entry e;
  e.label = label;
  if (!text.empty() && text[0] == '!') {  // "!recu que": "n'en ai reçu que" is not a negation
    e.has_negator = true;
    text.remove_prefix(1);
  }
  bool gap = false;
  std::size_t p = 0;
  while (p < text.size()) {
    if (text[p] == ' ') {
      ++p;
      continue;
    }
    if (text[p] == '~') {
      gap = true;
      ++p;
      continue;
    }
    std::size_t q = p;
    while (q < text.size() && text[q] != ' ' && text[q] != '~') ++q;
    std::string_view w = text.substr(p, q - p);
    const bool star = w.back() == '*';
    if (star) w.remove_suffix(1);
    const bool exact = !w.empty() && w.front() == '=';
    if (exact) w.remove_prefix(1);
    const std::vector<norm_word> parts = detail::normalize_words(w, 8);
    for (std::size_t k = 0; k < parts.size(); ++k) {
      pattern_word pw;
      const bool last = k + 1 == parts.size();
      pw.prefix = star && last;
      pw.exact = exact;
      pw.text = pw.prefix || pw.exact ? parts[k].word : parts[k].stem;
      pw.gap = gap && k == 0;
      pw.negator = detail::is_negator(parts[k].word);
      e.has_negator = e.has_negator || pw.negator;
      if (!pw.text.empty()) e.words.push_back(std::move(pw));
    }
    gap = false;
    p = q;
  }
  if (e.words.empty()) return;
  const std::size_t id = c.entries.size();
  if (e.words[0].prefix || e.words[0].exact) {
    c.prefix.add(e.words[0].text, id);
  } else {
    c.exact.add(e.words[0].text, id);
  }
  c.entries.push_back(std::move(e));
}

void add_source(compiled& c, std::string_view entries, std::size_t label) {
  std::size_t p = 0;
  while (p < entries.size()) {
    std::size_t q = entries.find('|', p);
    if (q == std::string_view::npos) q = entries.size();
    if (q > p) add_entry(c, entries.substr(p, q - p), label);
    p = q + 1;
  }
}

void finish(compiled& c) {
  c.exact.build();
  c.prefix.build();
}

compiled compile_sources(const detail::lexicon_source* sources, std::size_t count) {
  compiled c;
  for (std::size_t i = 0; i < count; ++i) add_source(c, sources[i].entries, i);
  finish(c);
  return c;
}

const compiled& builtin_topics() {
  static const compiled c = compile_sources(detail::k_topic_sources, detail::k_topic_source_count);
  return c;
}

const compiled& builtin_urgency() {
  static const compiled c =
      compile_sources(detail::k_urgency_sources, detail::k_urgency_source_count);
  return c;
}

bool word_matches(const norm_word& w, const pattern_word& p) {
  if (p.exact) return w.word == p.text;
  if (p.prefix) return w.word.compare(0, p.text.size(), p.text) == 0;
  return w.stem == p.text;
}

// Does entry `e` match with its first word at `i`? Multi-word entries stay inside one clause.
bool match_at(const std::vector<norm_word>& words, std::size_t i, const entry& e) {
  std::size_t pos = i;
  for (std::size_t k = 1; k < e.words.size(); ++k) {
    const pattern_word& p = e.words[k];
    if (p.gap) {
      bool found = false;
      for (std::size_t j = pos + 1; j < words.size() && j <= pos + k_gap_words; ++j) {
        if (words[j].clause_start) break;
        if (word_matches(words[j], p)) {
          pos = j;
          found = true;
          break;
        }
      }
      if (!found) return false;
    } else {
      if (pos + 1 >= words.size() || words[pos + 1].clause_start ||
          !word_matches(words[pos + 1], p)) {
        return false;
      }
      ++pos;
    }
  }
  return true;
}

// A negator within reach before `i`, in the same clause.
bool negated(const std::vector<norm_word>& words, std::size_t i) {
  int reach = 0;
  for (std::size_t j = i; j-- > 0 && i - j <= 8;) {  // short words are skipped, up to eight
    if (words[j + 1].clause_start) return false;
    if (detail::is_negator(words[j].word)) return true;
    if (words[j].word.size() > 2 && ++reach >= k_negation_reach) return false;
  }
  return false;
}

// Marks in `hit` (indexed by `label_of(entry.label)`) every label with a live cue.
template <typename LabelOf, typename Negatable>
void scan(const std::vector<norm_word>& words, const compiled& c, std::vector<bool>& hit,
          LabelOf label_of, Negatable negatable) {
  const auto try_entry = [&](std::size_t i, std::size_t id) {
    const entry& e = c.entries[id];
    const std::size_t label = label_of(e.label);
    if (hit[label] || !word_matches(words[i], e.words[0]) || !match_at(words, i, e)) return;
    if (negatable(e.label) && !e.has_negator && negated(words, i)) return;
    hit[label] = true;
  };
  for (std::size_t i = 0; i < words.size(); ++i) {
    const norm_word& w = words[i];
    const auto hit_entry = [&](std::size_t id) { try_entry(i, id); };
    c.exact.probe(fnv(w.stem), hit_entry);
    std::uint32_t h = k_fnv_basis;
    const std::size_t top = std::min<std::size_t>(w.word.size(), 63);
    for (std::size_t len = 1; len <= top; ++len) {
      h = fnv_step(h, w.word[len - 1]);
      if (c.prefix.lengths & (std::uint64_t{1} << len)) c.prefix.probe(h, hit_entry);
    }
  }
}

// Anger written in the text itself: "!!!" (three or more, '?' mixed in allowed) or SHOUTING
// (two all-capital words of five letters or more, or 70% capitals over 20+ letters).
bool typographic_anger(std::string_view comment) {
  const char* p = comment.data();
  const std::size_t n = comment.size();
  int run = 0;
  int bangs = 0;
  for (std::size_t k = 0; k < n; ++k) {
    const char ch = p[k];
    if (ch == '!' || ch == '?') {
      ++run;
      if (ch == '!') ++bangs;
      if (run >= 3 && bangs >= 2) return true;
    } else if (ch != ' ') {
      run = 0;
      bangs = 0;
    }
  }
  int letters = 0;
  int uppers = 0;
  int shouted = 0;
  int word_letters = 0;  // letters of the current word, -1 once it has a lower-case one
  for (std::size_t i = 0; i <= n;) {
    char32_t cp = 0;
    std::size_t len = 1;
    if (i < n) {
      const detail::utf8_char c = detail::utf8_at(p, n, i);
      cp = c.cp;
      len = c.len;
    }
    if (detail::is_letter_cp(cp)) {
      ++letters;
      if (detail::is_upper_cp(cp)) {
        ++uppers;
        if (word_letters >= 0) ++word_letters;
      } else {
        word_letters = -1;
      }
    } else if (!detail::is_digit_cp(cp)) {
      if (word_letters >= 5) ++shouted;
      word_letters = 0;
    }
    i += len;
  }
  return shouted >= 2 || (letters >= 20 && uppers * 10 >= letters * 7);
}

std::vector<std::string> topics_of(const std::vector<norm_word>& words,
                                   const topic_lexicon& lexicon) {
  const std::size_t n_builtin = detail::k_topic_source_count;
  // Labels: the built-in topics, then the shop's own topic ids in map (alphabetical) order.
  std::vector<std::string> labels;
  for (std::size_t i = 0; i < n_builtin; ++i) labels.emplace_back(detail::k_topic_sources[i].id);
  compiled extra;
  std::size_t keywords = 0;
  for (const auto& [topic, list] : lexicon.extra) {
    std::size_t label = labels.size();
    for (std::size_t i = 0; i < n_builtin; ++i) {
      if (topic == detail::k_topic_sources[i].id) label = i;
    }
    if (label == labels.size()) labels.push_back(topic);
    for (const std::string& kw : list) {
      if (kw.empty() || kw.size() > k_max_keyword_length || ++keywords > k_max_extra_keywords) {
        continue;
      }
      add_entry(extra, kw, label);
    }
  }
  finish(extra);
  std::vector<bool> hit(labels.size(), false);
  const auto builtin_negatable = [](std::size_t label) {
    return label < detail::k_topic_source_count && detail::k_topic_sources[label].negatable;
  };
  const auto same = [](std::size_t label) { return label; };
  scan(words, builtin_topics(), hit, same, builtin_negatable);
  if (!extra.entries.empty()) scan(words, extra, hit, same, builtin_negatable);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (hit[i]) out.push_back(labels[i]);
  }
  return out;
}

std::vector<std::string> urgency_of(const std::vector<norm_word>& words, std::string_view comment) {
  const std::size_t n = detail::k_urgency_source_count;
  std::vector<bool> hit(n, false);
  scan(
      words, builtin_urgency(), hit, [](std::size_t label) { return label; },
      [](std::size_t label) { return detail::k_urgency_sources[label].negatable; });
  for (std::size_t i = 0; i < n; ++i) {
    if (std::string_view(detail::k_urgency_sources[i].id) == "anger" && !hit[i]) {
      hit[i] = typographic_anger(comment);
    }
  }
  std::vector<std::string> out;
  for (std::size_t i = 0; i < n; ++i) {
    if (hit[i]) out.emplace_back(detail::k_urgency_sources[i].id);
  }
  return out;
}

}  // namespace

std::vector<std::string> tag_topics(std::string_view comment, const topic_lexicon& lexicon) {
  return topics_of(detail::normalize_words(comment, k_max_words), lexicon);
}

std::vector<std::string> detect_urgency(std::string_view comment) {
  return urgency_of(detail::normalize_words(comment, k_max_words), comment);
}

comment_signals analyse_comment(std::string_view comment, const topic_lexicon& lexicon) {
  const std::vector<norm_word> words = detail::normalize_words(comment, k_max_words);
  return {topics_of(words, lexicon), urgency_of(words, comment)};
}

}  // namespace pepite
