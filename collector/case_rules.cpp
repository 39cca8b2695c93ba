// The rules of a case: see case_rules.hpp.
#include "case_rules.hpp"

#include <cstdio>
#include <ctime>

namespace pepite::collector {

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

// Seconds and milliseconds of `2026-11-25T19:57:54.123Z` (milliseconds optional).
bool parse_iso(std::string_view iso, std::time_t* seconds, int* ms) {
  const std::string text(iso);
  std::tm tm{};
  int consumed = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                  &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &consumed) != 6 ||
      consumed != 19) {
    return false;
  }
  *ms = 0;
  std::string_view rest = iso.substr(19);
  if (!rest.empty() && rest.front() == '.') {
    rest.remove_prefix(1);
    int digits = 0;
    while (!rest.empty() && rest.front() >= '0' && rest.front() <= '9') {
      if (digits < 3) *ms = *ms * 10 + (rest.front() - '0');
      ++digits;
      rest.remove_prefix(1);
    }
    if (digits == 0) return false;
    for (; digits < 3; ++digits) *ms *= 10;
  }
  if (rest != "Z") return false;
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  *seconds = timegm(&tm);
  return true;
}

}  // namespace

std::optional<long long> iso_seconds(std::string_view iso) {
  std::time_t seconds = 0;
  int ms = 0;
  if (!parse_iso(iso, &seconds, &ms)) return std::nullopt;
  return static_cast<long long>(seconds);
}

std::string add_hours(std::string_view iso, int hours) {
  std::time_t seconds = 0;
  int ms = 0;
  if (!parse_iso(iso, &seconds, &ms)) return {};
  const std::time_t at = seconds + static_cast<std::time_t>(hours) * 3600;
  std::tm out{};
  gmtime_r(&at, &out);
  char buf[80];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", out.tm_year + 1900,
                out.tm_mon + 1, out.tm_mday, out.tm_hour, out.tm_min, out.tm_sec, ms);
  return buf;
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
