// The rules of a case (issue 16), with no database in them: how a case's status may move, when
// it is due, how urgent it is. Tested alone in tests/collector/case_rules_test.cpp.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace pepite::collector {

/// The suffix of the id of a survey's "is it solved?" follow-up (issue 17, follow_up.hpp): its
/// responses have no case of their own and stay out of the unfiltered lists and figures.
inline constexpr std::string_view follow_up_suffix = "--solved";

/// Whether `survey_id` names a follow-up survey; `*base` (when given) gets the survey it follows.
bool is_follow_up_id(std::string_view survey_id, std::string* base = nullptr);

/// The promised delay when a survey names none: 24 hours.
inline constexpr int default_callback_delay_hours = 24;

/// A case moves `open` -> `contacted` -> `resolved`, may be resolved without a call (`open` ->
/// `resolved`) and reopened (`contacted` or `resolved` -> `open`). Staying put is no move.
bool case_transition_allowed(std::string_view from, std::string_view to);

/// Hours promised by a definition's `callbackDelay` text: the first whole number followed by an
/// hour unit (`24 h`, `48 hours`, `2 heures`) or a day unit (`2 jours`, `3 days`, counted 24 h);
/// `fallback` when the text names none (`demain`, empty).
int delay_hours_from_text(std::string_view text, int fallback = default_callback_delay_hours);

/// `iso` (`2026-11-25T19:57:54.123Z`, milliseconds optional) plus `hours`, written the same way
/// with milliseconds; empty when `iso` is not such a UTC time.
std::string add_hours(std::string_view iso, int hours);

/// Seconds since the Unix epoch of a UTC time written as `add_hours` reads it; nullopt otherwise.
std::optional<long long> iso_seconds(std::string_view iso);

/// Sort rank of an urgency tier: `high` 0, `medium` 1, `normal` 2, `low` 3, none 4.
int urgency_rank(std::string_view priority);

/// The same ranking as a SQL expression over `alert_priority` (the queue's ORDER BY).
extern const char* const urgency_rank_sql;

}  // namespace pepite::collector
