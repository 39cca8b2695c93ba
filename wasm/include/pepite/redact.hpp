// Redaction of personal data (e-mail, phone, card, IBAN, street address) in free comments.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace pepite {

/// Which kinds of personal data to replace by placeholders; all on by default (`redaction` in a
/// definition). `order_masks` are shop order-number formats (`CMD-########`, `#` = digit,
/// `A` = letter, anything else literal) whose matches are kept.
struct redact_options {
  bool email = true;
  bool phone = true;
  bool card = true;
  bool iban = true;
  bool address = true;
  std::vector<std::string> order_masks;
};

/// The redacted text and how many of each kind were replaced (`email`, `phone`, `card`, `iban`,
/// `address`; kinds with no match are absent). Never the values themselves.
struct redaction {
  std::string text;
  std::map<std::string, int> counts;
};

/// Replaces personal data in `input` (UTF-8) by `[email]`, `[phone]`, `[card]`, `[iban]`,
/// `[address]`. Pure: same input, same output.
redaction redact(std::string_view input, const redact_options& options = {});

/// JSON facade for bindings and tools. `options_json` is a definition's `redaction` object
/// (`{"email": true, "phone": false, "orderMasks": ["CMD-########"]}`; missing keys, `""` or
/// invalid JSON give the defaults). Returns `{"text": "…", "counts": {"phone": 1}}`.
std::string redact_json(std::string_view input, std::string_view options_json);

}  // namespace pepite
