// Check-digit and issuer tests for card numbers and IBANs (digits and letters only, no separators).
#pragma once

#include <string_view>

namespace pepite::detail {

/// Luhn (mod 10) check over a string of ASCII digits.
bool luhn_ok(std::string_view digits);

/// True when `digits` (13–19 ASCII digits) has the prefix and length of a payment card network:
/// Visa 4 (13/16/19), Mastercard 51–55 and 2221–2720 (16), Amex 34/37 (15), Discover
/// 6011/644–649/65, UnionPay 62, JCB 3528–3589, Mir 2200–2204 (16–19), Diners 300–305/36/38/39
/// (14–19), Maestro 50/56–58/63/67 (13–19).
bool card_issuer_ok(std::string_view digits);

/// Luhn and issuer together: a number worth redacting as a card.
inline bool card_number_ok(std::string_view digits) {
  return digits.size() >= 13 && digits.size() <= 19 && card_issuer_ok(digits) && luhn_ok(digits);
}

/// Length of an IBAN for an upper-case ISO country code, 0 when the country has no IBAN.
int iban_length(char c1, char c2);

/// Country length and mod-97 check of an upper-case IBAN without separators.
bool iban_ok(std::string_view iban);

}  // namespace pepite::detail
