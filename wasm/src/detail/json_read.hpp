// The core's one JSON reader: strict RFC 8259 text (UTF-8) into an nlohmann::ordered_json.
#pragma once

#include <cstddef>
#include <string_view>

#include <nlohmann/json.hpp>

namespace pepite::detail {

/// Deepest nesting of arrays and objects read_json accepts (callers check tighter limits first).
inline constexpr std::size_t max_read_depth = 64;

/// Why read_json discarded a text.
enum class read_failure {
  none,
  syntax,         ///< not JSON: grammar, invalid UTF-8, a number out of range, too deep
  duplicate_key,  ///< a name appears twice in one object
};

/// Parses `text` as one JSON value with optional whitespace around it. The result equals what
/// nlohmann::ordered_json::parse(text, nullptr, false) gives (integers ≥ 0 as unsigned), and is
/// discarded (is_discarded()) for invalid JSON, invalid UTF-8, a number out of double range or
/// nesting deeper than max_read_depth. `why`, when given, says which.
/// Two deliberate differences: a NUL byte after the value is an error (nlohmann stops there), and
/// so is a name repeated in one object (nlohmann keeps the last value; I-JSON, RFC 7493, forbids
/// them). A validator reading one value and a store keeping the text would otherwise disagree:
/// `{"value": "call me on 06…", "value": "fine"}` was checked as "fine" and stored as sent.
/// Written for the core (instead of nlohmann's parser) because it is a third of the size in wasm
/// and needs neither printf nor exceptions.
nlohmann::ordered_json read_json(std::string_view text, read_failure* why = nullptr);

}  // namespace pepite::detail
