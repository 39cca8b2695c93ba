// Built-in UI strings of the widget in French and English (the view's `ui`, see contracts.md).
#pragma once

#include <string_view>

namespace pepite::detail {

/// One built-in UI string: its key in the view's `ui` and its French and English texts.
struct ui_string {
  std::string_view key;
  std::string_view fr;
  std::string_view en;
};

/// Every built-in UI string, in a stable order. `{n}`, `{max}`, `{low}`, `{high}`, `{total}` are
/// placeholders the shell fills in.
const ui_string* ui_strings_begin();
const ui_string* ui_strings_end();

/// True when `locale` (`fr`, `fr-CA`, `FR_be`) is French; every other locale gets English.
bool is_french(std::string_view locale);

/// The built-in text of `key` in `locale` (French or English), empty when unknown.
std::string_view builtin_ui(std::string_view key, std::string_view locale);

}  // namespace pepite::detail
