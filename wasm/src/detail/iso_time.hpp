// ISO 8601 UTC timestamps with milliseconds, from and to epoch milliseconds, without any clock.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pepite::detail {

/// Earliest and latest instants the core writes or accepts: 1970-01-01 to 9999-12-31 (UTC).
inline constexpr std::int64_t min_epoch_ms = 0;
inline constexpr std::int64_t max_epoch_ms = 253402300799999;

/// Days since 1970-01-01 of a proleptic Gregorian date (month 1-12, day 1-31).
std::int64_t days_from_civil(std::int64_t year, unsigned month, unsigned day);

/// `2026-11-25T19:57:54.123Z` for `ms` (clamped to [min_epoch_ms, max_epoch_ms]).
std::string format_iso_ms(std::int64_t ms);

/// Parses exactly `YYYY-MM-DDTHH:MM:SS.mmmZ` (the form format_iso_ms writes), checking every
/// field's range including the days of the month; nothing when malformed.
std::optional<std::int64_t> parse_iso_ms(std::string_view text);

}  // namespace pepite::detail
