// Normalised word stream of a comment for topic and urgency matching (case, accents, elisions,
// English contractions, light French/English stemming, clause boundaries).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace pepite::detail {

/// One normalised word. `word` is lower-case and unaccented; `stem` drops plural and common
/// French/English endings ("abîmées" → "abim", "delayed" → "delay").
struct norm_word {
  std::string word;
  std::string stem;
  bool clause_start = false;  ///< punctuation or "mais"/"but" precedes it: negation stops here
};

/// Light suffix stripping shared by comments and lexicon entries, so that both meet halfway.
std::string stem_word(std::string_view folded);

/// Words of `text`: elisions l' d' j' c' s' t' dropped, qu' → "que", m' → "me", n' → "ne", "didn't"
/// → "did not", "dont"/"cant"… → "not". At most `max_words` words.
std::vector<norm_word> normalize_words(std::string_view text, std::size_t max_words = 2048);

/// True when `word` is one of the '|'-separated entries of `list` ("at|arobase|@").
bool in_list(std::string_view word, std::string_view list);

/// Words that negate what follows (pas, jamais, aucun, sans, ne, not, no, never, without…).
bool is_negator(std::string_view word);

}  // namespace pepite::detail
