// Stored responses as the API and the CSV export give them.
#pragma once

#include <string>

#include "reply.hpp"
#include "store.hpp"

namespace pepite::collector {

/// The free texts typed for the "other" option of choice answers, in answer order:
/// `[{"questionId","text"}]` (already redacted like the comment).
json other_texts(const json& payload);

/// The "other" texts of a stored payload as one CSV cell: `questionId: text`, one per line.
std::string other_texts_cell(const std::string& payload_text);

/// A row as the API returns it; the payload is embedded whole only when `embed_payload`.
json row_json(const response_row& r, bool embed_payload);

}  // namespace pepite::collector
