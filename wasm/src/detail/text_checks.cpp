// Check-digit and issuer tests for card numbers and IBANs (digits and letters only, no separators).
#include "detail/text_checks.hpp"

namespace pepite::detail {

namespace {

int prefix_value(std::string_view d, std::size_t n) {
  int v = 0;
  for (std::size_t i = 0; i < n && i < d.size(); ++i) v = v * 10 + (d[i] - '0');
  return v;
}

// Country code and IBAN length (SWIFT IBAN registry), five characters per country.
constexpr char k_iban_lengths[] =
    "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DK18 DO28 "
    "EE20 EG29 ES24 FI18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HR21 HU28 IE22 IL23 IQ23 IS26 "
    "IT27 JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 LY25 MC27 MD24 ME22 MK19 MR27 MT31 MU30 "
    "NL18 NO15 PK24 PL28 PS29 PT25 QA29 RO24 RS22 SA24 SC31 SE24 SI19 SK24 SM27 ST25 SV28 TL23 "
    "TN24 TR26 UA29 VA22 VG24 XK20 ";

}  // namespace

bool luhn_ok(std::string_view digits) {
  if (digits.empty()) return false;
  int sum = 0;
  bool twice = false;
  for (std::size_t i = digits.size(); i-- > 0;) {
    const char c = digits[i];
    if (c < '0' || c > '9') return false;
    int d = c - '0';
    if (twice) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    twice = !twice;
  }
  return sum % 10 == 0;
}

bool card_issuer_ok(std::string_view d) {
  const std::size_t n = d.size();
  if (n < 13 || n > 19) return false;
  const int p1 = prefix_value(d, 1);
  const int p2 = prefix_value(d, 2);
  const int p3 = prefix_value(d, 3);
  const int p4 = prefix_value(d, 4);
  const bool len16_19 = n >= 16;
  if (p1 == 4) return n == 13 || n == 16 || n == 19;                         // Visa (and CB)
  if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) return n == 16;  // Mastercard
  if (p2 == 34 || p2 == 37) return n == 15;                                  // Amex
  if (p4 == 6011 || (p3 >= 644 && p3 <= 649) || p2 == 65 || p2 == 62) return len16_19;
  if (p4 >= 3528 && p4 <= 3589) return len16_19;                                     // JCB
  if (p4 >= 2200 && p4 <= 2204) return len16_19;                                     // Mir
  if ((p3 >= 300 && p3 <= 305) || p2 == 36 || p2 == 38 || p2 == 39) return n >= 14;  // Diners
  if (p2 == 50 || (p2 >= 56 && p2 <= 58) || p2 == 63 || p2 == 67) return true;       // Maestro
  return false;
}

int iban_length(char c1, char c2) {
  for (const char* p = k_iban_lengths; *p; p += 5) {
    if (p[0] == c1 && p[1] == c2) return (p[2] - '0') * 10 + (p[3] - '0');
  }
  return 0;
}

bool iban_ok(std::string_view iban) {
  if (iban.size() < 15 || iban.size() > 34) return false;
  const int len = iban_length(iban[0], iban[1]);
  if (len == 0 || static_cast<std::size_t>(len) != iban.size()) return false;
  if (iban[2] < '0' || iban[2] > '9' || iban[3] < '0' || iban[3] > '9') return false;
  // Move the first four characters to the end, read letters as 10..35, and reduce mod 97.
  int r = 0;
  for (std::size_t k = 0; k < iban.size(); ++k) {
    const char c = iban[(k + 4) % iban.size()];
    if (c >= '0' && c <= '9') {
      r = (r * 10 + (c - '0')) % 97;
    } else if (c >= 'A' && c <= 'Z') {
      r = (r * 100 + (c - 'A' + 10)) % 97;
    } else {
      return false;
    }
  }
  return r == 1;
}

}  // namespace pepite::detail
