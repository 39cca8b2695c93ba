// Field rules shared by the engine (session options) and the payload validator.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "pepite/error.hpp"

namespace pepite::detail {

/// Host properties: at most this many keys, keys `[A-Za-z0-9_.-]{1,40}`, strings <= 200 chars.
inline constexpr std::size_t max_properties = 20;
inline constexpr std::size_t max_property_key = 40;
inline constexpr std::size_t max_property_chars = 200;
/// A page URL is stored without query and fragment, at most this many characters.
inline constexpr std::size_t max_page_url_chars = 2000;
/// The "other" free text of a choice, in characters.
inline constexpr std::size_t max_other_text_chars = 200;
/// Longest call-back contact (issue 16), in code points: an e-mail address's limit.
inline constexpr std::size_t max_contact_chars = 254;
/// A text answer when no definition gives its maxLength.
inline constexpr std::size_t max_text_chars = 5000;

/// Number of Unicode code points in UTF-8 `text` (continuation bytes are not counted).
std::size_t code_points(std::string_view text);

/// The longest prefix of `text` with at most `limit` code points.
std::string_view truncate_code_points(std::string_view text, std::size_t limit);

/// A UUID in its 8-4-4-4-12 hexadecimal form (either case).
bool is_uuid(std::string_view text);

/// `[A-Za-z0-9_.-]{1,40}`.
bool is_property_key(std::string_view text);

/// The payload's `token` (issue 17): 1 to 4096 characters of `[A-Za-z0-9_.-]`, and its
/// `senderKey`: 22 to 128 characters of `[A-Za-z0-9_-]`.
bool is_order_token(std::string_view text);
bool is_sender_key(std::string_view text);
/// Their error messages, one copy for the session options and the payload.
inline constexpr const char* order_token_hint = "1 to 4096 characters of [A-Za-z0-9_.-]";
inline constexpr const char* sender_key_hint = "22 to 128 characters of [A-Za-z0-9_-]";

/// A locale tag such as `fr`, `fr-CA`, `zh-Hant-TW` (letters, digits, `-` or `_`; <= 35 chars,
/// starting with 2-3 letters).
bool is_locale_tag(std::string_view text);

/// A plausible call-back contact (issue 16): a phone number (6 to 20 digits, with + ( ) . - and
/// spaces) or an e-mail address (one @ with text before it and a dot in the domain after it, no
/// space), at most max_contact_chars, no control character.
bool is_contact(bool phone, std::string_view text);

/// `url` without its `?query` and `#fragment`.
std::string_view strip_query(std::string_view url);

/// Deepest nesting of arrays and objects in JSON `text`, counted without parsing (brackets inside
/// strings are skipped); stops counting once `limit` is exceeded.
int json_depth(std::string_view text, int limit);

/// Checks a `properties` object (see the limits above); reports under `path`.
void check_properties(const nlohmann::ordered_json& properties, const std::string& path,
                      const std::string& code, issues& out);

/// The entries of a session's `properties` that pass check_properties, at most max_properties of
/// them in their order; each one left out is a `session.property_dropped` warning under `path`
/// (a nested object from a shop's analytics must not cost the whole survey).
nlohmann::ordered_json valid_properties(const nlohmann::ordered_json& properties,
                                        const std::string& path, issues& out);

/// Appends an error.
void add_error(issues& out, std::string code, std::string path, std::string message);

/// `{code, path, message}` items of `list` with the given severity, as a JSON array.
nlohmann::ordered_json issues_array(const issues& list, severity level);

}  // namespace pepite::detail
