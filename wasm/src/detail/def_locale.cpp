// Locale resolution of user-facing texts: `fr-CA` -> `fr` -> default locale -> first entry.
#include <string>
#include <string_view>

#include "pepite/definition.hpp"

namespace pepite {

namespace {

/// Lower case, `_` read as `-`: `fr_CA` and `FR-ca` both become `fr-ca`.
std::string normalize(std::string_view locale) {
  std::string out(locale);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c == '_') c = '-';
  }
  return out;
}

/// The map key equal to `locale` once normalized, or null.
const std::string* find_key(const text& value, std::string_view locale) {
  if (locale.empty()) return nullptr;
  const std::string wanted = normalize(locale);
  for (const auto& entry : value.by_locale) {
    if (normalize(entry.first) == wanted) return &entry.first;
  }
  return nullptr;
}

/// The exact locale, then its language alone (`fr-CA` -> `fr`).
const std::string* find_with_language(const text& value, std::string_view locale) {
  if (const std::string* key = find_key(value, locale)) return key;
  const std::size_t dash = locale.find_first_of("-_");
  if (dash == std::string_view::npos) return nullptr;
  return find_key(value, locale.substr(0, dash));
}

const std::string* pick(const text& value, std::string_view locale,
                        std::string_view default_locale) {
  if (!value.localized || value.by_locale.empty()) return nullptr;
  if (const std::string* key = find_with_language(value, locale)) return key;
  if (const std::string* key = find_with_language(value, default_locale)) return key;
  if (!value.first_locale.empty() && value.by_locale.count(value.first_locale) != 0) {
    return &value.by_locale.find(value.first_locale)->first;
  }
  return &value.by_locale.begin()->first;
}

}  // namespace

std::string resolve(const text& value, std::string_view locale, std::string_view default_locale) {
  if (!value.localized) return value.plain;
  const std::string* key = pick(value, locale, default_locale);
  return key == nullptr ? std::string() : value.by_locale.find(*key)->second;
}

bool covers_locale(const text& value, std::string_view locale) {
  return value.localized && find_with_language(value, locale) != nullptr;
}

std::string resolved_locale(const text& value, std::string_view locale,
                            std::string_view default_locale) {
  const std::string* key = pick(value, locale, default_locale);
  return key == nullptr ? std::string() : *key;
}

}  // namespace pepite
