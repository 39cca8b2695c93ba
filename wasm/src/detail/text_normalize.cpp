// Normalised word stream of a comment for topic and urgency matching (case, accents, elisions,
// English contractions, light French/English stemming, clause boundaries).
#include "detail/text_normalize.hpp"

#include <cstring>

#include "detail/text_tokens.hpp"

namespace pepite::detail {

namespace {

// Punctuation that closes a clause (negation does not reach across it).
bool clause_punct(std::string_view p) {
  return in_list(p,
                 ".|,|;|:|!|?|(|)|[|]|\"|\xC2\xAB|\xC2\xBB|\xE2\x80\xA6|\xE2\x80\x9C|\xE2\x80\x9D");
}

}  // namespace

bool in_list(std::string_view word, std::string_view list) {
  std::size_t p = 0;
  while (p <= list.size()) {
    std::size_t q = list.find('|', p);
    if (q == std::string_view::npos) q = list.size();
    if (list.substr(p, q - p) == word) return true;
    p = q + 1;
  }
  return false;
}

bool is_negator(std::string_view w) {
  static const word_list negators(
      "pas|jamais|aucun|aucune|sans|ni|rien|ne|not|no|never|without|nor|none|nothing|nobody|"
      "zero");
  return negators.contains(w);
}

std::string stem_word(std::string_view w) {
  const char* p = w.data();
  std::size_t n = w.size();
  if (n <= 3) return std::string(p, n);
  const auto ends = [&](const char* suffix, std::size_t len) {
    return n >= len && std::memcmp(p + n - len, suffix, len) == 0;
  };
  const char last = p[n - 1];
  // Every rule below strips a word ending in s, x, e, d, g, n, r, t or z (the last letters of
  // the suffixes); anything else is its own stem.
  if (last != 's' && last != 'x' && last != 'e' && last != 'd' && last != 'g' && last != 'r' &&
      last != 'n' && last != 't' && last != 'z') {
    return std::string(p, n);
  }
  if (n > 4 && ends("ies", 3)) return std::string(p, n - 3) + 'y';
  if ((last == 's' || last == 'x') && !ends("ss", 2) && !ends("us", 2)) --n;
  static const char* const suffixes[] = {"ements", "ement", "ations", "ation", "ing", "ees",
                                         "ee",     "ed",    "er",     "ez",    "es",  "e"};
  for (const char* suffix : suffixes) {
    const std::size_t len = std::strlen(suffix);
    if (n >= len + 3 && ends(suffix, len)) {
      n -= len;
      break;
    }
  }
  return std::string(p, n);
}

std::vector<norm_word> normalize_words(std::string_view text, std::size_t max_words) {
  std::vector<text_token> t = tokenize(text, max_words * 3);
  static const word_list clause_words("mais|but|however|cependant|pourtant");
  std::vector<norm_word> out;
  bool boundary = true;
  const auto emit = [&](std::string w) {
    if (out.size() >= max_words) return;
    if (clause_words.contains(w)) boundary = true;
    norm_word n;
    n.stem = stem_word(w);
    n.word = std::move(w);
    n.clause_start = boundary;
    boundary = false;
    out.push_back(std::move(n));
  };
  static const word_list contractions(
      "dont|didnt|doesnt|wasnt|isnt|wont|cant|couldnt|havent|hasnt|arent|werent|wouldnt|"
      "shouldnt|aint");
  for (std::size_t i = 0; i < t.size(); ++i) {
    text_token& tok = t[i];
    if (tok.kind == text_token::punct) {
      if (clause_punct(tok.folded) || tok.newline_before) boundary = true;
      continue;
    }
    if (tok.newline_before) boundary = true;
    const bool apostrophe = i + 2 < t.size() && std::string_view(t[i + 1].folded) == "'" &&
                            !t[i + 1].space_before && t[i + 2].kind != text_token::punct &&
                            !t[i + 2].space_before;
    const std::string& w = tok.folded;
    if (apostrophe) {
      const std::string& right = t[i + 2].folded;
      if (in_list(w, "qu|jusqu|lorsqu|puisqu|quoiqu")) {
        emit(w == "qu" ? "que" : w);  // keeps "ne … qu'une" readable as a restriction
        ++i;
        continue;
      }
      if (in_list(w, "l|d|j|c|s|t")) {
        ++i;  // elision dropped; the word after the apostrophe is read next
        continue;
      }
      if (w == "m" || w == "n") {
        emit(w == "m" ? "me" : "ne");
        ++i;
        continue;
      }
      if (right == "t" && w.size() > 1 && w.back() == 'n') {
        emit(w.substr(0, w.size() - 1));
        emit("not");
        i += 2;
        continue;
      }
      if (in_list(right, "s|re|ve|ll|m|d")) {
        emit(w);
        i += 2;
        continue;
      }
      emit(w);
      ++i;
      continue;
    }
    if (contractions.contains(w)) {
      emit("not");
      continue;
    }
    emit(std::move(tok.folded));
  }
  return out;
}

}  // namespace pepite::detail
