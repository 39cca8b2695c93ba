// Built-in UI strings of the widget in twelve languages (the view's `ui`, see contracts.md).
#pragma once

#include <cstddef>
#include <string_view>

namespace pepite::detail {

/// Every overridable UI key, in a stable order (the order of the view's `ui`). `{n}`, `{max}`,
/// `{low}`, `{high}`, `{total}`, `{delay}` are placeholders the shell fills in.
const std::string_view* ui_keys_begin();
const std::string_view* ui_keys_end();

/// Whether `key` is one of the UI keys.
bool is_ui_key(std::string_view key);

/// The languages with written UI strings (`fr`, `en`, `de`…), in a stable order.
const std::string_view* ui_languages_begin();
const std::string_view* ui_languages_end();

/// The language of `locale` (`fr-CA`, `FR_be` -> `fr`) when it is one of the UI languages, else
/// empty.
std::string_view ui_language(std::string_view locale);

/// Whether this build holds the texts of `language` (a UI language). The shopper's wasm core holds
/// French and English only (size budget, issue 20); the shell fetches the others'
/// pepite-ui-<language>.json, written from this same table by pepite-ui-strings.
bool ui_built_in(std::string_view language);

/// The built-in text of `key` in `language` when this build holds it, else empty.
std::string_view builtin_ui(std::string_view key, std::string_view language);

/// A language's strings as the shell gives them (`uiStrings`, pepite-ui-<language>.txt): one text
/// per line in the order of the keys, each line non-empty, an optional last newline. True when
/// `pack` has that shape.
bool valid_ui_pack(std::string_view pack);

/// The text of `key` in a valid pack, else empty.
std::string_view ui_pack_text(std::string_view pack, std::string_view key);

/// Whether `locale` reads right to left: Arabic, Hebrew, Persian, Urdu.
bool is_rtl(std::string_view locale);

}  // namespace pepite::detail
