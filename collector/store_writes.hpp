// The store's writes in SQL, for both databases: one batch of queued writes in one transaction.
#pragma once

#include <vector>

#include "sql.hpp"
#include "write_queue.hpp"

namespace pepite::collector {

/// Begins a transaction, applies every job of `batch` (upserts by `INSERT … ON CONFLICT`, then
/// the upsert rules on the locked row; follow-ups by a guarded UPDATE), commits. Returns the rows
/// written, -1 when the transaction did not commit (rolled back).
int apply_batch(sql_connection& db, const sql_dialect& dialect,
                const std::vector<write_job*>& batch);

}  // namespace pepite::collector
