// Redaction of personal data (e-mail, phone, card, IBAN, street address) in free comments.
//
// Each detector scans the text once and proposes spans; order-number masks protect their
// matches; overlapping spans are resolved left to right (earliest, then longest) and replaced by
// typed placeholders. No regex, no backtracking: every loop is bounded by the input length times
// a small constant. Decisions on look-alikes are documented in docs/text.md (issue 7).
#include "pepite/redact.hpp"

#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

#include "detail/text_checks.hpp"
#include "detail/text_fold.hpp"
#include "detail/text_normalize.hpp"
#include "detail/text_tokens.hpp"
#include "detail/text_utf8.hpp"

namespace pepite {

namespace {

using detail::in_list;
using detail::text_token;

enum class pii { email, phone, card, iban, address };

constexpr const char* k_placeholder[] = {"[email]", "[phone]", "[card]", "[iban]", "[address]"};
constexpr const char* k_kind_name[] = {"email", "phone", "card", "iban", "address"};

struct span {
  std::size_t begin;
  std::size_t end;
  pii kind;
};

bool ascii_digit(char c) {
  return c >= '0' && c <= '9';
}
bool ascii_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool ascii_alnum(char c) {
  return ascii_digit(c) || ascii_alpha(c);
}
char ascii_upper(char c) {
  return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c;
}
char ascii_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
}

bool word_before(std::string_view s, std::size_t i) {
  return detail::is_word_cp(detail::utf8_before(s, i));
}
bool word_at(std::string_view s, std::size_t i) {
  return i < s.size() && detail::is_word_cp(detail::utf8_at(s, i).cp);
}

// ---------------------------------------------------------------------------------------------
// Digit chains: groups of digits joined by short runs of separators ("06 12 34 56 78",
// "+33 (0)6.12.34.56.78", "4970-1012-3456-7893"), read once from a word boundary.

struct group {
  std::size_t begin;
  std::size_t end;
  char sep;         // separator before the group: 0 (first), ' ', '-', '.', '/', '('
  bool trunk_zero;  // "(0)" of "+33 (0)6…"
};

struct chain {
  std::size_t begin = 0;
  bool plus = false;
  std::vector<group> groups;
};

constexpr std::size_t k_max_groups = 24;

bool hard_sep(char32_t cp) {
  return cp == '-' || cp == '.' || cp == '/' || cp == 0x2010 || cp == 0x2011 || cp == 0x2013;
}

// Reads a chain at `i` ('+', '(' or a digit). Returns an empty chain when none starts here.
chain read_chain(std::string_view s, std::size_t i) {
  chain c;
  c.begin = i;
  std::size_t j = i;
  const std::size_t n = s.size();
  if (s[j] == '(' && j + 1 < n && s[j + 1] == '+') ++j;
  if (s[j] == '+') {
    c.plus = true;
    ++j;
    if (j < n && s[j] == ' ') ++j;
  }
  char pending = 0;
  if (j < n && s[j] == '(') {
    pending = '(';
    ++j;
  }
  if (j >= n || !ascii_digit(s[j])) return c;
  while (c.groups.size() < k_max_groups) {
    const std::size_t gb = j;
    while (j < n && ascii_digit(s[j])) ++j;
    group g{gb, j, c.groups.empty() ? '\0' : pending, false};
    g.trunk_zero =
        j == gb + 1 && s[gb] == '0' && gb > 0 && s[gb - 1] == '(' && j < n && s[j] == ')';
    c.groups.push_back(g);
    // Separators: up to four code points, at most one of '-', '.', '/'; no line breaks.
    std::size_t k = j;
    int count = 0;
    int hard = 0;
    char kind = 0;
    while (k < n && count < 4) {
      const detail::utf8_char u = detail::utf8_at(s, k);
      if (u.cp == '\n' || u.cp == '\r') break;
      if (detail::is_space_cp(u.cp)) {
        if (kind == 0) kind = ' ';
      } else if (hard_sep(u.cp)) {
        ++hard;
        kind = (u.cp == '.' || u.cp == '/') ? static_cast<char>(u.cp) : '-';
      } else if (u.cp == '(' || u.cp == ')') {
        if (kind == 0 || kind == ' ') kind = '(';
      } else {
        break;
      }
      ++count;
      k += u.len;
    }
    if (count == 0 || hard > 1 || k >= n || !ascii_digit(s[k])) break;
    pending = kind;
    j = k;
  }
  return c;
}

// Letters just before the chain that say "this is a company number" (SIRET/SIREN, VAT).
bool company_number_context(std::string_view s, std::size_t begin) {
  const std::size_t from = begin > 24 ? begin - 24 : 0;
  std::string low;
  for (std::size_t k = from; k < begin; ++k) low += ascii_lower(s[k]);
  return low.find("siret") != std::string::npos || low.find("siren") != std::string::npos ||
         low.find("tva") != std::string::npos || low.find("vat") != std::string::npos;
}

std::size_t chain_length(const chain& c, std::size_t g0, std::size_t k) {
  std::size_t n = 0;
  for (std::size_t g = g0; g <= k; ++g) n += c.groups[g].end - c.groups[g].begin;
  return n;
}

std::string chain_digits(std::string_view s, const chain& c, std::size_t g0, std::size_t k,
                         bool drop_trunk_zero) {
  std::string d;
  for (std::size_t g = g0; g <= k; ++g) {
    if (drop_trunk_zero && c.groups[g].trunk_zero) continue;
    d.append(s.data() + c.groups[g].begin, c.groups[g].end - c.groups[g].begin);
  }
  return d;
}

// Groups g0+1..k all follow plain spaces: "4111 1111 1111 111 1", "06 12 34 56 7 8". Spacing
// inside a number is then read as an attempt to hide it, not as a grouping that tells what it is.
bool spaces_only(const chain& c, std::size_t g0, std::size_t k) {
  for (std::size_t g = g0 + 1; g <= k; ++g) {
    if (c.groups[g].sep != ' ') return false;
  }
  return true;
}

bool card_in_chain(std::string_view s, const chain& c, std::size_t g0, std::size_t k) {
  if (g0 == 0 && c.plus) return false;
  const std::size_t n = chain_length(c, g0, k);
  if (n < 13 || n > 19) return false;
  for (std::size_t g = g0 + 1; g <= k; ++g) {
    if (c.groups[g].sep != ' ' && c.groups[g].sep != '-') return false;
  }
  // A card's grouping: one block, fours (the last one shorter), or Amex/Diners 4-6-5 / 4-6-4.
  // This keeps "678-7336544-3566070" (an order id) even when its digits pass Luhn.
  const auto len = [&](std::size_t g) { return c.groups[g].end - c.groups[g].begin; };
  if (k > g0) {
    bool fours = true;
    for (std::size_t g = g0; g < k; ++g) fours = fours && len(g) == 4;
    fours = fours && len(k) <= 4;
    const bool amex =
        k == g0 + 2 && len(g0) == 4 && len(g0 + 1) == 6 && (len(k) == 5 || len(k) == 4);
    if (!fours && !amex && !spaces_only(c, g0, k)) return false;
  }
  const std::string d = chain_digits(s, c, g0, k, false);
  if (!detail::card_number_ok(d)) return false;
  // SIRET numbers pass Luhn: 14 digits introduced as SIRET/SIREN (or VAT) are kept.
  return d.size() != 14 || !company_number_context(s, c.groups[g0].begin);
}

bool french_national_ok(std::string_view rest) {
  return (rest.size() == 9 && rest[0] != '0') || (rest.size() == 10 && rest[0] == '0');
}

bool phone_in_chain(std::string_view s, const chain& c, std::size_t g0, std::size_t k) {
  if (chain_length(c, g0, k) > 20) return false;  // 00 + 15 digits + a "(0)" at most
  const bool plus = g0 == 0 && c.plus;
  const std::string d = chain_digits(s, c, g0, k, true);
  const auto len = [&](std::size_t g) { return c.groups[g].end - c.groups[g].begin; };
  if (plus) {
    if (d.compare(0, 2, "33") == 0) return french_national_ok(std::string_view(d).substr(2));
    return d.size() >= 8 && d.size() <= 15 && d[0] != '0';  // E.164
  }
  for (std::size_t g = g0; g <= k; ++g) {
    if (c.groups[g].trunk_zero && !(g0 == 0 && d.compare(0, 2, "00") == 0)) return false;
  }
  const std::size_t first = len(g0);
  if (d.size() >= 11 && d.compare(0, 2, "00") == 0 && d[2] != '0' &&
      (first == 2 || first == 4 || first == 5 || first >= 11)) {  // 00 33…, 0044…
    const std::string_view intl = std::string_view(d).substr(2);
    if (intl.compare(0, 2, "33") == 0) return french_national_ok(intl.substr(2));
    return intl.size() >= 9 && intl.size() <= 15;
  }
  if (d.size() == 10 && d[0] == '0' && d[1] != '0') {  // French national 0X XX XX XX XX
    // One kind of separator throughout ("01/02/2023 12" is a date and a count, not a phone),
    // and a phone's grouping: 10, 2-2-2-2-2, 2-8 or 4-2-2-2 (not "055-9786314", an order id).
    for (std::size_t g = g0 + 1; g <= k; ++g) {
      if (c.groups[g].sep == '(' || c.groups[g].sep != c.groups[g0 + 1].sep) return false;
    }
    const std::size_t n = k - g0 + 1;
    bool pairs = n == 5;
    bool short_groups = spaces_only(c, g0, k);  // "06 12 34 56 7 8", "0 6 1 2 3 4 5 6 7 8"
    for (std::size_t g = g0; g <= k; ++g) {
      pairs = pairs && len(g) == 2;
      short_groups = short_groups && len(g) <= 2;
    }
    return n == 1 || pairs || short_groups || (n == 2 && len(g0) == 2) ||
           (n == 4 && len(g0) == 4 && len(g0 + 1) == 2 && len(g0 + 2) == 2);
  }
  // North American (415) 555-0132, 415-555-0132, 1-800-555-0199.
  std::size_t a = g0;
  if (k == g0 + 3 && len(g0) == 1 && s[c.groups[g0].begin] == '1') a = g0 + 1;
  if (k == a + 2 && len(a) == 3 && len(a + 1) == 3 && len(a + 2) == 4) {
    const char first = s[c.groups[a].begin];
    const char exchange = s[c.groups[a + 1].begin];
    if (first < '2' || exchange < '2') return false;
    for (std::size_t g = a + 1; g <= k; ++g) {
      if (c.groups[g].sep == '/') return false;
    }
    return true;
  }
  return false;
}

void find_numbers(std::string_view s, const redact_options& o, std::vector<span>& out) {
  const char* p = s.data();
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    const char ch = p[i];
    const bool start =
        ascii_digit(ch) ||
        ((ch == '+' || ch == '(') && i + 1 < n &&
         (ascii_digit(p[i + 1]) || p[i + 1] == '+' || (p[i + 1] == ' ' && ch == '+')));
    if (!start || word_before(s, i)) {
      ++i;  // continuation bytes never start a number either
      continue;
    }
    const chain c = read_chain(s, i);
    if (c.groups.empty()) {
      ++i;
      continue;
    }
    const std::size_t last = c.groups.size() - 1;
    const bool glued = word_at(s, c.groups[last].end);  // "12h30", "4x": not a number token
    std::size_t g0 = 0;
    bool fresh = true;
    while (g0 <= last) {
      bool found = false;
      const std::size_t top = std::min(last, g0 + 11);
      for (std::size_t k = top + 1; k-- > g0;) {
        if (k == last && glued) continue;
        pii kind;
        // Numbers start a chain or follow a match: a tail of a longer number (a tracking
        // number's last groups) is not read as a card or a phone.
        if (!fresh) break;
        if (o.card && card_in_chain(s, c, g0, k)) {
          kind = pii::card;
        } else if (o.phone && phone_in_chain(s, c, g0, k)) {
          kind = pii::phone;
        } else {
          continue;
        }
        std::size_t b = g0 == 0 ? c.begin : c.groups[g0].begin;
        if (g0 > 0 && c.groups[g0].sep == '(' && s[b - 1] == '(') --b;
        out.push_back({b, c.groups[k].end, kind});
        g0 = k + 1;
        found = true;
        break;
      }
      fresh = found;
      if (!found) ++g0;
    }
    i = c.groups[last].end;
  }
}

// ---------------------------------------------------------------------------------------------
// IBAN: two letters of a known country, two check digits, then the country's length of letters
// and digits, optionally grouped (usually by four) with spaces or dashes.

void find_ibans(std::string_view s, std::vector<span>& out) {
  const char* p = s.data();
  const std::size_t n = s.size();
  for (std::size_t i = 0; i + 4 <= n; ++i) {
    if (!ascii_digit(p[i + 2]) || !ascii_digit(p[i + 3]) || !ascii_alpha(p[i]) ||
        !ascii_alpha(p[i + 1]) || word_before(s, i)) {
      continue;
    }
    const int len = detail::iban_length(ascii_upper(s[i]), ascii_upper(s[i + 1]));
    if (len == 0) continue;
    std::string buf;
    buf += ascii_upper(s[i]);
    buf += ascii_upper(s[i + 1]);
    std::size_t j = i + 2;
    while (j < n && buf.size() < static_cast<std::size_t>(len)) {
      if (ascii_alnum(s[j])) {
        buf += ascii_upper(s[j]);
        ++j;
        continue;
      }
      const detail::utf8_char u = detail::utf8_at(s, j);
      const bool sep = (detail::is_space_cp(u.cp) && u.cp != '\n' && u.cp != '\r') || u.cp == '-';
      if (!sep || !ascii_alnum(s[j - 1]) || j + u.len >= n || !ascii_alnum(s[j + u.len])) break;
      j += u.len;
    }
    if (buf.size() != static_cast<std::size_t>(len) || word_at(s, j)) continue;
    if (!detail::iban_ok(buf)) continue;
    out.push_back({i, j, pii::iban});
    i = j - 1;
  }
}

// ---------------------------------------------------------------------------------------------
// E-mail addresses, literal ("jean.dupont@mail.fr", "jean @ mail.fr") or spelled out
// ("jean arobase mail point fr", "jean [at] mail [dot] fr", "jean(at)mail.fr").

constexpr std::string_view k_mail_providers =
    "gmail|googlemail|hotmail|yahoo|outlook|orange|free|laposte|sfr|wanadoo|icloud|live|msn|aol|"
    "protonmail|proton|gmx|bbox|neuf|yopmail";
constexpr std::string_view k_common_tlds =
    "fr|com|net|org|eu|be|ch|ca|io|co|uk|de|es|it|info|me|us|lu|biz";

bool local_cp(char32_t cp) {
  return (cp < 0x80 && (ascii_alnum(static_cast<char>(cp)) || cp == '.' || cp == '_' || cp == '%' ||
                        cp == '+' || cp == '-')) ||
         (cp >= 0x80 && detail::is_letter_cp(cp));
}
bool domain_cp(char32_t cp) {
  return (cp < 0x80 && (ascii_alnum(static_cast<char>(cp)) || cp == '.' || cp == '-')) ||
         (cp >= 0x80 && detail::is_letter_cp(cp));
}

// A domain written with real dots: at least one dot and an alphabetic last label of 2–24
// letters, or a bare well-known provider ("gmail").
bool domain_ok(std::string_view d, bool allow_provider) {
  const std::size_t dot = d.rfind('.');
  if (dot == std::string_view::npos) {
    std::string low;
    for (char c : d) low += ascii_lower(c);
    return allow_provider && in_list(low, k_mail_providers);
  }
  const std::string_view tld = d.substr(dot + 1);
  if (tld.size() < 2 || tld.size() > 24 || dot == 0) return false;
  for (char c : tld) {
    if (!ascii_alpha(c)) return false;
  }
  return true;
}

void find_literal_emails(std::string_view s, std::vector<span>& out) {
  const std::size_t n = s.size();
  for (std::size_t p = s.find('@'); p < n; p = s.find('@', p + 1)) {
    std::size_t l = p;
    if (l >= 2 && s[l - 1] == ' ' && s[l - 2] != ' ') --l;
    std::size_t lb = l;
    for (int count = 0; lb > 0 && count < 64; ++count) {
      std::size_t st = 0;
      const char32_t cp = detail::utf8_before(s, lb, &st);
      if (!local_cp(cp)) break;
      lb = st;
    }
    while (lb < l && s[lb] == '.') ++lb;
    if (lb == l) continue;
    std::size_t r = p + 1;
    if (r + 1 < n && s[r] == ' ' && s[r + 1] != ' ') ++r;
    std::size_t re = r;
    for (int count = 0; re < n && count < 255; ++count) {
      const detail::utf8_char u = detail::utf8_at(s, re);
      if (!domain_cp(u.cp)) break;
      re += u.len;
    }
    while (re > r && (s[re - 1] == '.' || s[re - 1] == '-')) --re;
    if (re == r || !domain_ok(s.substr(r, re - r), true)) continue;
    out.push_back({lb, re, pii::email});
    p = re > p ? re - 1 : p;
  }
}

// Spelled-out markers work on tokens: a word, an "at" marker, a domain of words joined by dot
// markers ("point", "dot", "[dot]", "(.)", or a real dot inside a token).
struct marker {
  std::size_t length = 0;  // tokens used, 0 when none
  bool bare = false;       // the English word "at" without brackets: needs stronger evidence
};

bool punct_in(const text_token& t, std::string_view set) {
  return t.kind == text_token::punct && t.folded.size() == 1 &&
         set.find(t.folded[0]) != std::string_view::npos;
}
bool open_bracket(const text_token& t) {
  return punct_in(t, "[({<");
}
bool close_bracket(const text_token& t) {
  return punct_in(t, "])}>");
}

marker at_marker(const std::vector<text_token>& t, std::size_t i) {
  if (i >= t.size()) return {};
  static const detail::word_list spelled_at("arobase|arobas|arrobase|arobaz");
  if (t[i].kind == text_token::word && spelled_at.contains(t[i].folded)) {
    return {1, false};
  }
  if (t[i].kind == text_token::word && std::string_view(t[i].folded) == "at") return {1, true};
  if (i + 2 < t.size() && open_bracket(t[i]) && close_bracket(t[i + 2]) &&
      in_list(t[i + 1].folded, "at|arobase|a|@")) {
    return {3, false};
  }
  return {};
}

marker dot_marker(const std::vector<text_token>& t, std::size_t i) {
  if (i >= t.size()) return {};
  if (punct_in(t[i], ".") && !t[i].space_before) return {1};
  static const detail::word_list spoken_dot("point|dot|pt");
  if (t[i].kind == text_token::word && spoken_dot.contains(t[i].folded)) return {1};
  if (i + 2 < t.size() && open_bracket(t[i]) && close_bracket(t[i + 2]) &&
      in_list(t[i + 1].folded, "dot|point|pt|.")) {
    return {3};
  }
  return {};
}

bool local_word(const text_token& t) {
  return t.kind != text_token::punct;
}

void find_spelled_emails(const std::vector<text_token>& t, std::vector<span>& out) {
  for (std::size_t i = 1; i < t.size(); ++i) {
    const marker at = at_marker(t, i);
    if (at.length == 0 || !local_word(t[i - 1])) continue;
    // Local part: a word, extended left over "x point y" (at most three times). A '.', '_' or
    // '-' glued between words also joins them ("jean.dupont arobase …").
    std::size_t lb = i - 1;
    for (int ext = 0; ext < 3 && lb >= 2; ++ext) {
      const text_token& prev = t[lb - 1];
      if (prev.kind == text_token::punct && !t[lb].space_before && !prev.space_before &&
          punct_in(prev, "._-") && local_word(t[lb - 2])) {
        lb -= 2;
        continue;
      }
      if (lb >= 4 && open_bracket(t[lb - 3]) && dot_marker(t, lb - 3).length == 3 &&
          local_word(t[lb - 4])) {
        lb -= 4;
        continue;
      }
      if (!at.bare && prev.kind == text_token::word && dot_marker(t, lb - 1).length == 1 &&
          local_word(t[lb - 2])) {
        lb -= 2;
        continue;
      }
      break;
    }
    if (at.bare && in_list(t[i - 1].folded,
                           "me|us|you|him|her|them|it|arrived|arrive|delivered|look|is|was|"
                           "are|were|be|been|am|left|home|work|stayed|only|not|just|back")) {
      continue;
    }
    // Domain: word (dot word)*.
    std::size_t j = i + at.length;
    if (j >= t.size() || t[j].kind == text_token::punct) continue;
    std::size_t end = j;
    int dots = 0;
    std::string last = t[j].folded;
    std::size_t k = j + 1;
    // Real dots glued inside the domain ("mail.fr") are separate '.' tokens without spaces.
    for (int ext = 0; ext < 4 && k < t.size(); ++ext) {
      const marker d = dot_marker(t, k);
      if (d.length == 0 || k + d.length >= t.size()) break;
      const text_token& next = t[k + d.length];
      if (next.kind == text_token::punct) break;
      if (d.length == 1 && t[k].kind == text_token::punct && next.space_before) break;
      ++dots;
      end = k + d.length;
      last = next.folded;
      k = end + 1;
    }
    bool ok = false;
    if (dots > 0) {
      bool alpha = last.size() >= 2 && last.size() <= 6;
      for (char c : last) alpha = alpha && ascii_alpha(c);
      ok = alpha && (!at.bare || in_list(last, k_common_tlds));
    } else {
      ok = !at.bare && in_list(t[j].folded, k_mail_providers);
    }
    if (!ok) continue;
    out.push_back({t[lb].begin, t[end].end, pii::email});
    i = end;
  }
}

// ---------------------------------------------------------------------------------------------
// Street addresses: "12 bis, rue de la Paix 75002 Paris", "221B Baker Street", "12 Main St."

constexpr std::string_view k_fr_street_types =
    "rue|avenue|av|ave|bd|boulevard|blvd|chemin|allee|allees|impasse|imp|place|quai|route|rte|"
    "square|passage|faubourg|fbg|chaussee|sentier|residence|lotissement|hameau|esplanade|"
    "promenade|parvis|montee|ruelle|traverse";
constexpr std::string_view k_en_street_types =
    "street|st|road|rd|avenue|ave|av|lane|ln|drive|dr|boulevard|blvd|court|ct|way|place|pl|"
    "terrace|crescent|close|square|sq|highway|hwy|parkway|pkwy|circle|cir|row|grove|gardens";
constexpr std::string_view k_en_full_types = "street|road|avenue|lane|drive|boulevard|highway";
// Words that end a street name: conjunctions, pronouns, common verbs, "à".
constexpr std::string_view k_name_stops =
    "et|ou|mais|car|pour|avec|depuis|puis|donc|je|j|il|elle|on|nous|vous|ils|elles|qui|que|qu|"
    "a|est|etait|sont|ai|avait|ont|ne|n|pas|ce|cette|chez|mon|ma|mes|votre|notre|son|sa|ses|"
    "leur|se|y|en|mardi|lundi|mercredi|jeudi|vendredi|samedi|dimanche|and|or|but|for|with|"
    "since|then|i|he|she|we|you|they|it|is|was|are|were|has|have|had|my|your|our|their|the|a|an|"
    "to|at|in|on|of|from|by|this|that|not|no|please|merci|svp|thanks|tel|telephone|phone";
constexpr std::string_view k_name_links = "de|du|des|la|le|les|l|d|aux|au|sur|sous|of|the";

bool is_word(const text_token& t) {
  return t.kind == text_token::word;
}
bool is_punct(const text_token& t, const char* p) {
  return t.kind == text_token::punct && std::string_view(t.folded) == p;
}

// A house number: 1–5 digits, optionally followed directly by one letter ("221B", "12b").
bool house_number(const text_token& t) {
  if (t.kind != text_token::number || t.digits < 1 || t.digits > 5) return false;
  return t.letters == 0 ||
         (t.letters == 1 && t.folded.size() == static_cast<std::size_t>(t.digits) + 1);
}

// Optional ", 75011 Paris" / "75011 Paris": returns the index after it (or `j` if absent).
std::size_t postcode_city(const std::vector<text_token>& t, std::size_t j) {
  std::size_t k = j;
  if (k < t.size() && is_punct(t[k], ",")) ++k;
  if (k >= t.size() || t[k].kind != text_token::number || t[k].digits != 5 || t[k].letters != 0) {
    return j;
  }
  ++k;
  std::size_t city = 0;
  while (k < t.size() && city < 4) {
    if (is_word(t[k]) && t[k].capitalised) {
      ++k;
      ++city;
    } else if (city > 0 && k + 1 < t.size() && (is_punct(t[k], "-") || is_punct(t[k], "'")) &&
               !t[k].space_before && is_word(t[k + 1])) {
      k += 2;
    } else {
      break;
    }
  }
  return k;
}

void find_addresses(const std::vector<text_token>& t, std::vector<span>& out) {
  static const detail::word_list fr_types(k_fr_street_types);
  static const detail::word_list en_types(k_en_street_types);
  static const detail::word_list stops(k_name_stops);
  static const detail::word_list links(k_name_links);
  for (std::size_t i = 0; i + 2 < t.size(); ++i) {
    if (!house_number(t[i])) continue;
    std::size_t j = i + 1;
    // French order: number [bis|ter] [,] type name… [postcode city]
    std::size_t f = j;
    if (f < t.size() && is_word(t[f]) && in_list(t[f].folded, "bis|ter|quater|b")) ++f;
    if (f < t.size() && is_punct(t[f], ",")) ++f;
    if (f < t.size() && is_word(t[f]) && fr_types.contains(t[f].folded)) {
      std::size_t k = f + 1;
      if (k < t.size() && is_punct(t[k], ".") && !t[k].space_before) ++k;
      std::size_t name_end = 0;
      int names = 0;
      for (int steps = 0; k < t.size() && steps < 10; ++steps) {
        const text_token& w = t[k];
        if (w.newline_before) break;
        if (is_word(w) && links.contains(w.folded)) {
          ++k;
        } else if ((is_punct(w, "'") || is_punct(w, "-")) && !w.space_before) {
          ++k;
        } else if (is_word(w) && !stops.contains(w.folded) && names < 5) {
          ++k;
          ++names;
          name_end = k;
        } else if (w.kind == text_token::number && w.digits <= 2 && names == 0) {
          ++k;  // "rue du 8 Mai 1945"
        } else {
          break;
        }
      }
      if (names > 0) {
        const std::size_t e = postcode_city(t, name_end);
        out.push_back({t[i].begin, t[e - 1].end, pii::address});
        i = e - 1;
        continue;
      }
    }
    // English order: number name… type [direction] [, city, ST 12345]
    for (std::size_t m = 1; m <= 3 && j + m < t.size(); ++m) {
      const text_token& type = t[j + m];
      if (!is_word(type) || !en_types.contains(type.folded)) continue;
      bool names_ok = true;
      const bool full = in_list(type.folded, k_en_full_types);
      for (std::size_t q = j; q < j + m; ++q) {
        if (!is_word(t[q]) || stops.contains(t[q].folded) || t[q].newline_before ||
            (!full && !t[q].capitalised)) {
          names_ok = false;
        }
      }
      if (!names_ok || !(type.capitalised || full)) continue;
      std::size_t e = j + m + 1;
      if (e < t.size() && is_punct(t[e], ".") && !t[e].space_before) ++e;
      if (e < t.size() && is_word(t[e]) && t[e].uppers == t[e].letters && t[e].letters <= 2 &&
          in_list(t[e].folded, "n|s|e|w|nw|ne|sw|se")) {
        ++e;
      }
      // ", Springfield, IL 62704": only when a ZIP code closes it.
      std::size_t k = e;
      if (k < t.size() && is_punct(t[k], ",")) ++k;
      int city = 0;
      while (k < t.size() && city < 3 && is_word(t[k]) && t[k].capitalised && t[k].letters > 2) {
        ++k;
        ++city;
      }
      if (city > 0 && k < t.size() && is_punct(t[k], ",")) ++k;
      if (k < t.size() && is_word(t[k]) && t[k].letters == 2 && t[k].uppers == 2) ++k;
      if (city > 0 && k < t.size() && t[k].kind == text_token::number && t[k].digits == 5 &&
          t[k].letters == 0) {
        e = k + 1;
      }
      out.push_back({t[i].begin, t[e - 1].end, pii::address});
      i = e - 1;
      break;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Order-number masks: '#' a digit, 'A' a letter, anything else literal (ASCII case ignored).

constexpr std::size_t k_max_masks = 32;
constexpr std::size_t k_max_mask_length = 64;

std::size_t match_mask(std::string_view s, std::size_t i, std::string_view mask) {
  std::size_t j = i;
  for (char m : mask) {
    if (j >= s.size()) return 0;
    const char c = s[j];
    if (m == '#') {
      if (!ascii_digit(c)) return 0;
    } else if (m == 'A') {
      if (!ascii_alpha(c)) return 0;
    } else if (ascii_lower(m) != ascii_lower(c)) {
      return 0;
    }
    ++j;
  }
  return j;
}

void find_masks(std::string_view s, const redact_options& o, std::vector<span>& candidates,
                std::vector<span>& kept) {
  std::size_t masks = 0;
  for (const std::string& mask : o.order_masks) {
    if (mask.empty() || mask.size() > k_max_mask_length || ++masks > k_max_masks) continue;
    for (std::size_t i = 0; i + mask.size() <= s.size(); ++i) {
      const std::size_t e = match_mask(s, i, mask);
      if (e == 0 || word_before(s, i) || word_at(s, e)) continue;
      // A match that is also a valid card or IBAN is still redacted.
      std::string digits;
      std::string alnum;
      for (std::size_t k = i; k < e; ++k) {
        if (ascii_digit(s[k])) digits += s[k];
        if (ascii_alnum(s[k])) alnum += ascii_upper(s[k]);
      }
      if (o.card && detail::card_number_ok(digits)) {
        candidates.push_back({i, e, pii::card});
      } else if (o.iban && detail::iban_ok(alnum)) {
        candidates.push_back({i, e, pii::iban});
      } else {
        kept.push_back({i, e, pii::card});
      }
      i = e - 1;
    }
  }
}

}  // namespace

redaction redact(std::string_view original, const redact_options& options) {
  // Detectors read the folded text (fullwidth forms, invisible characters); the output keeps the
  // original around the placeholders.
  const detail::folded_text folded = detail::fold_for_detection(original);
  const std::string_view input = folded.changed ? std::string_view(folded.text) : original;
  const auto at_original = [&](std::size_t k) -> std::size_t {
    return folded.changed ? folded.origin[k] : k;
  };
  std::vector<span> found;
  std::vector<span> kept;
  find_masks(input, options, found, kept);
  if (options.email) find_literal_emails(input, found);
  if (options.iban) find_ibans(input, found);
  if (options.card || options.phone) find_numbers(input, options, found);
  if (options.email || options.address) {
    const std::vector<text_token> tokens = detail::tokenize(input, 1u << 20);
    if (options.email) find_spelled_emails(tokens, found);
    if (options.address) find_addresses(tokens, found);
  }
  // Drop what overlaps a kept order number (unless it is that very span, checked above).
  const auto overlaps = [](const span& a, const span& b) {
    return a.begin < b.end && b.begin < a.end;
  };
  std::vector<span> spans;
  for (const span& f : found) {
    bool protect = false;
    for (const span& k : kept) protect = protect || overlaps(f, k);
    if (!protect && f.end > f.begin) spans.push_back(f);
  }
  std::sort(spans.begin(), spans.end(), [](const span& a, const span& b) {
    if (a.begin != b.begin) return a.begin < b.begin;
    if (a.end != b.end) return a.end > b.end;
    return static_cast<int>(a.kind) < static_cast<int>(b.kind);
  });
  redaction r;
  r.text.reserve(original.size());
  std::size_t at = 0;
  std::size_t folded_at = 0;
  for (const span& sp : spans) {
    if (sp.begin < folded_at) continue;
    const std::size_t begin = at_original(sp.begin);
    detail::utf8_sanitize_append(r.text, original.substr(at, begin - at));
    r.text += k_placeholder[static_cast<int>(sp.kind)];
    ++r.counts[k_kind_name[static_cast<int>(sp.kind)]];
    folded_at = sp.end;
    at = at_original(sp.end);
  }
  detail::utf8_sanitize_append(r.text, original.substr(at));
  return r;
}

}  // namespace pepite
