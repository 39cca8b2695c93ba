// The writes of cases (issue 16) in SQL, for both databases, inside the writer's transaction.
#pragma once

#include "sql.hpp"
#include "write_queue.hpp"

namespace pepite::collector {

/// Creates the case of a response unless it has one (`INSERT … ON CONFLICT DO NOTHING`).
/// Returns -1 on failure.
int ensure_case(sql_connection& db, std::string_view response_id, std::string_view due_at,
                std::string_view now);
/// The statement ensure_case() runs, to send with others (sql_connection::run_all).
sql_statement ensure_case_statement(std::string_view response_id, std::string_view due_at,
                                    std::string_view now);

/// What `PATCH /v1/responses/{id}` (a follow-up moved forward) does to the response's case: the
/// case is created if it has none (due `received_at` + 24 h), its first contact or resolution
/// time set, and the move recorded as a `status` event signed by `actor`. Returns -1 on failure.
int record_follow_up(sql_connection& db, std::string_view response_id, std::string_view actor,
                     std::string_view from, std::string_view to, std::string_view received_at,
                     std::string_view now, std::int64_t* event_seq = nullptr);

/// Applies `job.change` (status, assignee, note or undo) and records its event; fills
/// `job.changed_case`. Returns the rows written (0 when refused), -1 on failure.
int apply_case_change(sql_connection& db, const sql_dialect& dialect, write_job& job);

/// Inserts a user (`job.key` name, `job.value` token hash, `job.now`); `job.meta_ok` false
/// when the name or token is taken.
int add_user(sql_connection& db, write_job& job);

}  // namespace pepite::collector
