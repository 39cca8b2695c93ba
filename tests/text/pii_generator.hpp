// Seeded synthetic comments with personal data and look-alikes, to measure the redactor (issue 7).
// Header-only so the evaluation tool (tests/text/eval_redact.cpp) and the Catch2 budget test
// (tests/core/redact_test.cpp) share it. Deterministic on every platform: own PRNG, no <random>.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace pepite::textgen {

/// One generated comment: `kind` is the PII kind it holds ("email", "phone", "card", "iban",
/// "address") or "none" for a look-alike that must come back unchanged; `value` is the personal
/// data as written (empty for look-alikes); `family` names the generator branch for reports.
struct sample {
  std::string kind;
  std::string family;
  std::string value;
  std::string text;
};

/// splitmix64: tiny, seedable, identical results everywhere.
class rng {
 public:
  explicit rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }
  template <typename T>
  const T& pick(const std::vector<T>& v) {
    return v[static_cast<std::size_t>(below(static_cast<int>(v.size())))];
  }
  std::string digits(int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s += static_cast<char>('0' + below(10));
    return s;
  }

 private:
  std::uint64_t state_;
};

inline char luhn_check_digit(const std::string& body) {
  int sum = 0;
  bool twice = true;  // the check digit will be appended to the right
  for (std::size_t i = body.size(); i-- > 0;) {
    int d = body[i] - '0';
    if (twice) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    twice = !twice;
  }
  return static_cast<char>('0' + (10 - sum % 10) % 10);
}

inline std::string group_digits(const std::string& d, const std::vector<int>& sizes,
                                const std::string& sep) {
  std::string out;
  std::size_t at = 0;
  for (int n : sizes) {
    if (at >= d.size()) break;
    if (!out.empty()) out += sep;
    out += d.substr(at, static_cast<std::size_t>(n));
    at += static_cast<std::size_t>(n);
  }
  if (at < d.size()) out += sep + d.substr(at);
  return out;
}

inline std::string by_four(const std::string& d, const std::string& sep) {
  std::vector<int> sizes(12, 4);
  return group_digits(d, sizes, sep);
}

inline std::string make_card(rng& r, std::string& family) {
  struct network {
    const char* name;
    std::vector<std::string> prefixes;
    int length;
  };
  static const std::vector<network> networks = {
      {"visa", {"4"}, 16},
      {"visa19", {"4"}, 19},
      {"mastercard", {"51", "52", "53", "54", "55", "2221", "2500", "2720"}, 16},
      {"amex", {"34", "37"}, 15},
      {"discover", {"6011", "65"}, 16},
      {"jcb", {"3528", "3566", "3589"}, 16},
      {"diners", {"36", "38", "300"}, 14},
      {"unionpay", {"62"}, 16},
      {"maestro", {"50", "56", "67"}, 16}};
  const network& n = r.pick(networks);
  std::string body = r.pick(n.prefixes);
  body += r.digits(n.length - 1 - static_cast<int>(body.size()));
  const std::string d = body + luhn_check_digit(body);
  family = n.name;
  static const std::vector<std::string> seps = {"", " ", "-", " ", "\xC2\xA0"};
  const std::string sep = r.pick(seps);
  if (n.length == 15) return group_digits(d, {4, 6, 5}, sep);
  if (n.length == 14) return group_digits(d, {4, 6, 4}, sep);
  return by_four(d, sep);
}

inline int mod97(const std::string& s) {
  int m = 0;
  for (char c : s) {
    if (c >= '0' && c <= '9') {
      m = (m * 10 + (c - '0')) % 97;
    } else {
      m = (m * 100 + (c - 'A' + 10)) % 97;
    }
  }
  return m;
}

inline std::string make_iban(rng& r, std::string& family) {
  struct country {
    const char* code;
    int letters;  // bank letters at the start of the BBAN (GB, NL, IT)
    int length;
  };
  static const std::vector<country> countries = {
      {"FR", 0, 27}, {"DE", 0, 22}, {"BE", 0, 16}, {"ES", 0, 24}, {"IT", 1, 27},
      {"GB", 4, 22}, {"NL", 4, 18}, {"CH", 0, 21}, {"LU", 0, 20}, {"PT", 0, 25}};
  const country& c = r.pick(countries);
  std::string bban;
  for (int i = 0; i < c.letters; ++i) bban += static_cast<char>('A' + r.below(26));
  bban += r.digits(c.length - 4 - c.letters);
  const int check = 98 - mod97(bban + c.code + "00");
  std::string iban = std::string(c.code) + static_cast<char>('0' + check / 10) +
                     static_cast<char>('0' + check % 10) + bban;
  family = c.code;
  std::string out;
  const int style = r.below(4);
  for (std::size_t i = 0; i < iban.size(); ++i) {
    if (style != 1 && i > 0 && i % 4 == 0) out += style == 3 ? "-" : " ";
    char ch = iban[i];
    if (style == 2 && ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    out += ch;
  }
  return out;
}

inline std::string make_phone(rng& r, std::string& family) {
  const std::string nat = std::string("0") + static_cast<char>('1' + r.below(7)) + r.digits(8);
  const std::string rest = nat.substr(1);
  switch (r.below(14)) {
    case 0:
      family = "fr-spaces";
      return group_digits(nat, {2, 2, 2, 2, 2}, " ");
    case 1:
      family = "fr-dots";
      return group_digits(nat, {2, 2, 2, 2, 2}, ".");
    case 2:
      family = "fr-dashes";
      return group_digits(nat, {2, 2, 2, 2, 2}, "-");
    case 3:
      family = "fr-none";
      return nat;
    case 4:
      family = "fr-nbsp";
      return group_digits(nat, {2, 2, 2, 2, 2}, "\xC2\xA0");
    case 5:
      family = "+33";
      return "+33 " + group_digits(rest, {1, 2, 2, 2, 2}, " ");
    case 6:
      family = "+33(0)";
      return "+33 (0)" + group_digits(rest, {1, 2, 2, 2, 2}, " ");
    case 7:
      family = "+33-none";
      return "+33" + rest;
    case 8:
      family = "0033";
      return "0033 " + group_digits(rest, {1, 2, 2, 2, 2}, " ");
    case 9:
      family = "+44";
      return "+44 20 " + r.digits(4) + " " + r.digits(4);
    case 10:
      family = "+1";
      return "+1 " + std::to_string(200 + r.below(800)) + " " + std::to_string(200 + r.below(800)) +
             " " + r.digits(4);
    case 11:
      family = "+49";
      return "+49 30 " + r.digits(8);
    case 12:
      family = "us-national";
      return "(" + std::to_string(200 + r.below(800)) + ") " + std::to_string(200 + r.below(800)) +
             "-" + r.digits(4);
    default:
      family = "+32";
      return "+32 4" + r.digits(2) + " " + r.digits(2) + " " + r.digits(2) + " " + r.digits(2);
  }
}

inline std::string make_email(rng& r, std::string& family) {
  static const std::vector<std::string> first = {"jean", "marie", "luc",   "sophie", "karim",
                                                 "emma", "john",  "sarah", "li",     "olivia"};
  static const std::vector<std::string> last = {"dupont", "martin", "nguyen", "smith",
                                                "benali", "durand", "brown",  "lefevre"};
  static const std::vector<std::string> domains = {"gmail", "orange",  "free",    "hotmail",
                                                   "yahoo", "laposte", "outlook", "example"};
  static const std::vector<std::string> tlds = {"fr", "com", "net", "co.uk", "org", "be"};
  const std::string f = r.pick(first);
  const std::string l = r.pick(last);
  const std::string d = r.pick(domains);
  const std::string t = r.pick(tlds);
  std::string local = f + (r.below(2) ? "." + l : "") + (r.below(3) == 0 ? r.digits(2) : "");
  switch (r.below(9)) {
    case 0:
      family = "plain";
      return local + "@" + d + "." + t;
    case 1:
      family = "plus-tag";
      return f + "+shop@" + d + "." + t;
    case 2:
      family = "upper";
      {
        std::string s = local + "@" + d + "." + t;
        for (char& ch : s) ch = (ch >= 'a' && ch <= 'z') ? static_cast<char>(ch - 32) : ch;
        return s;
      }
    case 3:
      family = "arobase";
      return f + " arobase " + d + " point " + (t == "co.uk" ? "fr" : t);
    case 4:
      family = "[at]";
      return f + " [at] " + d + " [dot] " + (t == "co.uk" ? "com" : t);
    case 5:
      family = "(at)";
      return f + "(at)" + d + "." + t;
    case 6:
      family = "at-dot";
      return f + " at " + d + " dot " + (t == "co.uk" ? "com" : t);
    case 7:
      family = "spaced-@";
      return local + " @ " + d + "." + t;
    default:
      family = "subdomain";
      return local + "@mail." + d + "." + t;
  }
}

inline std::string make_address(rng& r, std::string& family) {
  static const std::vector<std::string> fr_types = {
      "rue", "avenue", "boulevard", "bd", "allée", "impasse", "place", "quai", "chemin", "route"};
  static const std::vector<std::string> fr_names = {
      "de la Paix",   "Victor Hugo",  "des Lilas",   "du Général de Gaulle",
      "Saint-Michel", "des Tilleuls", "Jean Jaurès", "de l'Église",
      "du Marché",    "Pasteur"};
  static const std::vector<std::string> cities = {"75011 Paris", "69003 Lyon", "33000 Bordeaux",
                                                  "13001 Marseille", "59000 Lille"};
  static const std::vector<std::string> en_names = {"Baker", "Main",    "Oak",    "Elm",
                                                    "High",  "Station", "Church", "Maple Grove"};
  static const std::vector<std::string> en_types = {"Street", "St",   "Road",  "Rd",
                                                    "Avenue", "Lane", "Drive", "Close"};
  const std::string num = std::to_string(1 + r.below(250));
  switch (r.below(5)) {
    case 0:
      family = "fr";
      return num + " " + r.pick(fr_types) + " " + r.pick(fr_names);
    case 1:
      family = "fr-postcode";
      return num + (r.below(2) ? " bis" : "") + ", " + r.pick(fr_types) + " " + r.pick(fr_names) +
             ", " + r.pick(cities);
    case 2:
      family = "fr-postcode-nocomma";
      return num + " " + r.pick(fr_types) + " " + r.pick(fr_names) + " " + r.pick(cities);
    case 3:
      family = "en";
      return num + (r.below(4) == 0 ? "B" : "") + " " + r.pick(en_names) + " " + r.pick(en_types);
    default:
      family = "en-zip";
      return num + " " + r.pick(en_names) + " " + r.pick(en_types) + ", Springfield, IL " +
             r.digits(5);
  }
}

// Sentences around the value: start, middle and end, French and English.
inline std::string embed(rng& r, const std::string& kind, const std::string& value) {
  static const std::vector<std::string> generic = {
      "{} merci de me recontacter rapidement.",
      "Bonjour, voici mes coordonnées : {} en cas de souci.",
      "Commande reçue mais abîmée. {}",
      "Vous pouvez utiliser {} pour me joindre, merci.",
      "{} is where you can reach me.",
      "Hi, my details are {} if you need them.",
      "Parcel arrived damaged, please sort it out. {}",
      "Please use {} to get back to me, thanks!"};
  static const std::vector<std::string> phone = {"Appelez-moi au {} svp.", "Mon numéro : {}",
                                                 "Call me on {} please.", "tel {}"};
  static const std::vector<std::string> email = {"Écrivez-moi à {} merci", "mail: {}",
                                                 "Email me at {} please.", "{}"};
  static const std::vector<std::string> card = {"J'ai payé avec la carte {} et rien reçu.",
                                                "Ma CB {} a été débitée deux fois !",
                                                "My card {} was charged twice.", "card number {}"};
  static const std::vector<std::string> iban = {"Remboursez-moi sur mon IBAN {} svp.", "IBAN : {}",
                                                "Please refund to {} thanks.", "my IBAN is {}"};
  static const std::vector<std::string> address = {"Livrez plutôt au {} merci.",
                                                   "J'habite au {} depuis 3 ans.",
                                                   "Please deliver to {} instead.", "Address: {}"};
  const std::vector<std::string>* pool = &generic;
  if (r.below(2) == 0) {
    if (kind == "phone") pool = &phone;
    if (kind == "email") pool = &email;
    if (kind == "card") pool = &card;
    if (kind == "iban") pool = &iban;
    if (kind == "address") pool = &address;
  }
  std::string t = r.pick(*pool);
  return t.replace(t.find("{}"), 2, value);
}

inline std::string make_lookalike(rng& r, std::string& family) {
  switch (r.below(16)) {
    case 0:
      family = "order-mask";
      return "Ma commande CMD-" + r.digits(8) + " est incomplète.";
    case 1:
      family = "price-fr";
      return "Payé " + std::to_string(1 + r.below(9)) + "\xE2\x80\xAF" + r.digits(3) + "," +
             r.digits(2) + " € pour ça !";
    case 2:
      family = "price-en";
      return "I paid $" + std::to_string(1 + r.below(999)) + "." + r.digits(2) + " for this.";
    case 3:
      family = "date";
      {
        const std::string d = std::to_string(10 + r.below(18));
        const std::string m = "0" + std::to_string(1 + r.below(9));
        const std::string y = "202" + std::to_string(r.below(6));
        switch (r.below(3)) {
          case 0:
            return "Commandé le " + d + "/" + m + "/" + y + ", livré le " + d + "/" + m + "/" + y +
                   ".";
          case 1:
            return "Ordered on " + y + "-" + m + "-" + d + " and still waiting.";
          default:
            return "Livraison prévue le " + d + "." + m + "." + y + " entre 8 h et 12 h.";
        }
      }
    case 4:
      family = "quantity";
      return "J'ai commandé " + std::to_string(2 + r.below(20)) + " x " +
             std::to_string(100 + r.below(900)) + " g et reçu 10 000 grammes en trop.";
    case 5:
      family = "postcode";
      return "Je suis au " + r.digits(5) + ", livraison lente.";
    case 6:
      family = "tracking-laposte";
      return "Suivi " + std::string(r.below(2) ? "LA" : "CB") + r.digits(9) + "FR bloqué.";
    case 7:
      family = "tracking-colissimo";
      return "Colis 6A" + r.digits(11) + " jamais arrivé.";
    case 8:
      family = "tracking-ups";
      return "UPS tracking 1Z" + r.digits(3) + "AA" + r.digits(10) + " says delivered.";
    case 9:
      family = "tracking-usps";
      return "USPS 9400 " + r.digits(4) + " " + r.digits(4) + " " + r.digits(4) + " " +
             r.digits(4) + " " + r.digits(2) + " no update.";
    case 10:
      family = "tracking-dhl";
      return "DHL " + std::to_string(1 + r.below(9)) + r.digits(9) + " stuck in customs.";
    case 11:
      family = "siret";
      {
        std::string body = std::to_string(1 + r.below(9)) + r.digits(12);
        const std::string d = body + luhn_check_digit(body);
        return r.below(2) ? "Facture au nom de la société, SIRET " +
                                group_digits(d, {3, 3, 3, 5}, " ") + "."
                          : "siret : " + d + " pour la facture";
      }
    case 12:
      family = "siren";
      return "SIREN " + group_digits(std::to_string(1 + r.below(9)) + r.digits(8), {3, 3, 3}, " ");
    case 13:
      family = "card-bad-luhn";
      {
        std::string body = "4" + r.digits(14);
        const char good = luhn_check_digit(body);
        const char bad = static_cast<char>('0' + ((good - '0' + 1 + r.below(9)) % 10));
        return "Référence produit " + by_four(body + bad, " ") + " introuvable.";
      }
    case 14:
      family = "amazon-order";
      return "Order " + r.digits(3) + "-" + r.digits(7) + "-" + r.digits(7) + " arrived late.";
    default:
      family = "street-words";
      {
        static const std::vector<std::string> s = {
            "J'ai reçu 2 places de cinéma en cadeau, merci.",
            "5 stars, way better than expected.",
            "It spent 3 days on the road.",
            "Livré au 3e étage sans ascenseur, 2 colis de 20 kg.",
            "We ordered 4 street lamps and 2 were broken.",
            "Rendez-vous à 14 h 30, le livreur est venu à 18 h."};
        return r.pick(s);
      }
  }
}

/// `per_kind` comments for each PII kind, then `lookalikes` look-alike comments.
inline std::vector<sample> generate(std::uint64_t seed, int per_kind, int lookalikes) {
  rng r(seed);
  std::vector<sample> out;
  const char* kinds[] = {"email", "phone", "card", "iban", "address"};
  for (const char* kind : kinds) {
    for (int i = 0; i < per_kind; ++i) {
      sample s;
      s.kind = kind;
      const std::string k = kind;
      if (k == "email") s.value = make_email(r, s.family);
      if (k == "phone") s.value = make_phone(r, s.family);
      if (k == "card") s.value = make_card(r, s.family);
      if (k == "iban") s.value = make_iban(r, s.family);
      if (k == "address") s.value = make_address(r, s.family);
      s.text = embed(r, k, s.value);
      out.push_back(std::move(s));
    }
  }
  for (int i = 0; i < lookalikes; ++i) {
    sample s;
    s.kind = "none";
    s.text = make_lookalike(r, s.family);
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace pepite::textgen
