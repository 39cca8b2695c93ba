// The store's rules, with no database in them: which version of a response wins, when a response
// already called back comes back to the list, how a follow-up may move.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pepite/payload.hpp"

namespace pepite::collector {

/// What is stored of a response, as far as the upsert rules need it.
struct stored_version {
  std::string status;
  std::string submitted_at;
  std::string payload;
  std::string alert_reasons;
  std::string follow_up;
  std::string sender_key;  ///< the binding of its first version (empty: unbound)
};

/// What an incoming version does to the stored one.
struct upsert_decision {
  /// `refuse`: the incoming version's sender is not the one the response is bound to.
  enum class action { insert, replace, keep, refuse } what = action::insert;
  /// With `replace`: the follow-up goes back to `open` (the new version carries an alert reason
  /// the old one had not, after the response was called back or closed).
  bool reopen = false;
};

/// A response bound to a sender (its first version's `senderKey` or token) takes later versions
/// from that sender alone: `binding` must equal the stored one, else `refuse` (issue 17). Then a
/// complete response is never downgraded and always replaces a partial (the shopper's clock may
/// have moved between the two); otherwise an older version never replaces a newer one; a replay
/// (same bytes) writes nothing. `stored`: nullopt when the id is new.
upsert_decision decide_upsert(const std::optional<stored_version>& stored,
                              const payload_summary& incoming, std::string_view payload,
                              std::string_view binding = {});

/// The reason ids of a stored `alert_reasons` column (comma-separated, as the core's summary
/// writes them).
std::vector<std::string> split_reasons(std::string_view reasons);

/// True when the `now` alert reasons hold one the `before` ones have not.
bool adds_reason(std::string_view before, std::string_view now);

/// `open` 0, `contacted` 1, `resolved` 2, anything else -1. A follow-up moves forward only
/// (staying in the same state only updates the note).
int follow_up_rank(std::string_view state);

/// The same ranking as a SQL expression over the `follow_up` column, for a guarded UPDATE.
extern const char* const follow_up_rank_sql;

}  // namespace pepite::collector
