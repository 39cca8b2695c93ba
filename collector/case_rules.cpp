// The rules of a case: see case_rules.hpp.
#include "case_rules.hpp"

#include <cstdio>
#include <ctime>

#include "detail/iso_time.hpp"

namespace pepite::collector {

bool is_follow_up_id(std::string_view survey_id, std::string* base) {
  if (survey_id.size() <= follow_up_suffix.size() ||
      survey_id.substr(survey_id.size() - follow_up_suffix.size()) != follow_up_suffix) {
    return false;
  }
  if (base) *base = std::string(survey_id.substr(0, survey_id.size() - follow_up_suffix.size()));
  return true;
}

bool case_transition_allowed(std::string_view from, std::string_view to) {
  if (from == "open") return to == "contacted" || to == "resolved";
  if (from == "contacted") return to == "resolved" || to == "open";
  if (from == "resolved") return to == "open";
  return false;
}

namespace {

bool starts_with_word(std::string_view text, std::string_view word) {
  if (text.size() < word.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    char c = text[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != word[i]) return false;
  }
  return true;
}

}  // namespace

int delay_hours_from_text(std::string_view text, int fallback) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') continue;
    long n = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9' && n < 100000) {
      n = n * 10 + (text[i] - '0');
      ++i;
    }
    while (i < text.size() && (text[i] == ' ' || text[i] == '\xc2' || text[i] == '\xa0')) ++i;
    const std::string_view unit = text.substr(i);
    if (n <= 0 || n > 24 * 365) return fallback;
    if (starts_with_word(unit, "h")) return static_cast<int>(n);
    if (starts_with_word(unit, "j") || starts_with_word(unit, "d"))
      return n > 365 ? fallback : static_cast<int>(n * 24);
    return fallback;
  }
  return fallback;
}

namespace {

// Milliseconds of `2026-11-25T19:57:54.123Z` (or without the milliseconds), read by the core's
// time code.
std::optional<std::int64_t> iso_ms(std::string_view iso) {
  std::string text(iso);
  if (text.size() < 20 || text.back() != 'Z') return std::nullopt;
  // One to three digits of a second (or none) are written as the three the core reads.
  std::string fraction =
      text.size() > 20 && text[19] == '.' ? text.substr(20, text.size() - 21) : "";
  if (text.size() > 20 && (text[19] != '.' || fraction.empty() || fraction.size() > 3)) {
    return std::nullopt;
  }
  fraction.resize(3, '0');
  return detail::parse_iso_ms(text.substr(0, 19) + "." + fraction + "Z");
}

}  // namespace

std::optional<long long> iso_seconds(std::string_view iso) {
  const auto ms = iso_ms(iso);
  if (!ms) return std::nullopt;
  return static_cast<long long>(*ms / 1000);
}

std::string add_hours(std::string_view iso, int hours) {
  const auto ms = iso_ms(iso);
  if (!ms) return {};
  return detail::format_iso_ms(*ms + static_cast<std::int64_t>(hours) * 3600000);
}

int urgency_rank(std::string_view priority) {
  if (priority == "high") return 0;
  if (priority == "medium") return 1;
  if (priority == "normal") return 2;
  if (priority == "low") return 3;
  return 4;
}

const char* const urgency_rank_sql =
    "(CASE alert_priority WHEN 'high' THEN 0 WHEN 'medium' THEN 1 WHEN 'normal' THEN 2 "
    "WHEN 'low' THEN 3 ELSE 4 END)";

}  // namespace pepite::collector
