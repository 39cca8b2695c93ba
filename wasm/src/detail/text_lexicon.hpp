// Built-in French/English keyword lists for topics and urgency reasons (compact source form).
#pragma once

#include <cstddef>

namespace pepite::detail {

/// One label and its entries. Entries are separated by '|', words by spaces; a word ending in
/// '*' matches any word starting with it (unstemmed); "a~b" means b within five words after a.
/// Words are folded and stemmed like comments, so accents and plurals need not be listed. A
/// leading '!' makes the entry immune to negation ("!recu que": "je n'en ai reçu que deux"); a
/// word starting with '=' must match exactly, unstemmed ("=late" does not find "later").
struct lexicon_source {
  const char* id;
  bool negatable;  ///< "pas abîmé", "not late": a negator just before the cue cancels it
  const char* entries;
};

extern const lexicon_source k_topic_sources[];
extern const std::size_t k_topic_source_count;
extern const lexicon_source k_urgency_sources[];
extern const std::size_t k_urgency_source_count;

}  // namespace pepite::detail
