// The store's case queries (issue 16): the work queue's pages and counts, one case, its events
// and notes, the other responses of its order, the shopper's "is it solved?" answer (issue 17),
// and the case tables `migrate` copies.
#include <algorithm>
#include <map>

#include "follow_up.hpp"
#include "store.hpp"
#include "store_impl.hpp"

namespace pepite::collector {

const char* const case_from =
    " FROM responses r LEFT JOIN cases c ON c.response_id = r.response_id";

namespace {

// The response's columns with the `r.` of the queues' join, then the case's.
std::string case_columns() {
  std::string out;
  std::string_view all = row_columns;
  while (!all.empty()) {
    const auto comma = all.find(", ");
    out += "r.";
    out += all.substr(0, comma);
    out += ", ";
    if (comma == std::string_view::npos) break;
    all.remove_prefix(comma + 2);
  }
  // A response copied by `migrate` may have no case row: due at its receipt.
  return out +
         "r.payload, CASE WHEN c.response_id IS NULL THEN 0 ELSE 1 END, COALESCE(c.assignee, ''), "
         "COALESCE(c.due_at, "
         "r.received_at), COALESCE(c.created_at, r.received_at), COALESCE(c.contacted_at, ''), "
         "COALESCE(c.resolved_at, ''), (SELECT max(e.seq) FROM case_events e WHERE "
         "e.response_id = r.response_id AND e.kind NOT IN ('undo', 'resolution') AND e.undone = "
         "0)";
}

case_row read_case_row(const sql_row& s) {
  case_row c;
  c.response = read_row(s, true);
  constexpr int at = payload_column + 1;
  c.has_case = s.integer(at) != 0;
  c.assignee = s.text(at + 1);
  c.due_at = s.text(at + 2);
  // A response without a case yet (a promoter's comment): due as its case would be made.
  if (!c.has_case) c.due_at = add_hours(c.response.received_at, default_callback_delay_hours);
  c.created_at = s.text(at + 3);
  c.contacted_at = s.text(at + 4);
  c.resolved_at = s.text(at + 5);
  c.last_event = s.is_null(at + 6) ? 0 : s.integer(at + 6);
  return c;
}

}  // namespace

std::vector<case_row> store::list_cases(const case_query& q, bool* more) {
  where_clause w = build_where(q.filter);
  const char* const open_case = "(category = 'detractor' OR alert = 1)";
  std::string order;
  if (q.queue == "callback") {
    w.add("follow_up = 'open'");
    w.add(open_case);
    w.add("callback_consent = 1");
    // callback_page: by urgency_rank_sql, then COALESCE(c.due_at, r.received_at), then r.seq.
  } else if (q.queue == "read") {
    w.add("follow_up = 'open'");
    w.add("((category = 'detractor' OR alert = 1) AND callback_consent = 0 OR comment <> '')");
    w.add("NOT ((category = 'detractor' OR alert = 1) AND callback_consent = 1)");
    order = " ORDER BY r.seq DESC";
  } else {
    // Written as the history index's WHERE, so that the database searches it.
    w.add("follow_up <> 'open'");
    if (!q.search.empty()) {
      std::string like = "%";
      for (char ch : q.search) {
        if (ch == '%' || ch == '_' || ch == '\\') like += '\\';
        like += ch;
      }
      like += '%';
      w.add(
          "(lower(comment) LIKE lower(?) ESCAPE '\\' OR lower(order_id) LIKE lower(?) ESCAPE "
          "'\\' OR lower(COALESCE(c.assignee, '')) LIKE lower(?) ESCAPE '\\' OR EXISTS "
          "(SELECT 1 FROM case_notes n WHERE n.response_id = r.response_id AND n.removed = 0 "
          "AND lower(n.text) LIKE lower(?) ESCAPE '\\'))");
      w.values.insert(w.values.end(), {like, like, like, like});
    }
    order = " ORDER BY r.follow_up_at DESC, r.seq DESC";
  }
  // The page is chosen on the narrow columns first (sorting tens of thousands of open cases with
  // their payloads took 0.4 s at 1,000,000 responses), then only its rows are read whole.
  std::vector<std::int64_t> seqs;
  if (q.queue == "callback") {
    seqs = callback_page(w.sql, w.values, static_cast<std::size_t>(q.offset) + q.limit + 1);
    seqs.erase(seqs.begin(), seqs.begin() + static_cast<std::ptrdiff_t>(std::min(
                                                seqs.size(), static_cast<std::size_t>(q.offset))));
  } else {
    const std::string page = "SELECT r.seq" + std::string(case_from) + w.sql + order + " LIMIT " +
                             std::to_string(q.limit + 1) + " OFFSET " + std::to_string(q.offset);
    impl_->read(page, w.values, [&](const sql_row& r) { seqs.push_back(r.integer(0)); });
  }
  std::vector<case_row> rows;
  if (!seqs.empty()) {
    std::string in;
    std::vector<sql_value> values;
    for (const auto seq : seqs) {
      in += in.empty() ? "?" : ", ?";
      values.emplace_back(seq);
    }
    std::map<std::int64_t, case_row> by_seq;
    impl_->read("SELECT " + case_columns() + case_from + " WHERE r.seq IN (" + in + ")", values,
                [&](const sql_row& r) {
                  case_row c = read_case_row(r);
                  by_seq[c.response.seq] = std::move(c);
                });
    for (const auto seq : seqs) {
      if (auto it = by_seq.find(seq); it != by_seq.end()) rows.push_back(std::move(it->second));
    }
  }
  const bool has_more = static_cast<int>(rows.size()) > q.limit;
  if (has_more) rows.pop_back();
  if (more) *more = has_more;
  return rows;
}

// The call-back queue's first `wanted` rows in its order (urgency tier, the earliest due, seq)
// without sorting every open case (60,000 at 1,000,000 responses: 0.8 s): tier by tier, the
// `need` first received (the `responses_callback_queue` index, in order) bound the page, since
// a case is never due before its receipt (the promised delay is 0 h or more): whatever is due
// first was received no later than the latest due of those. Only the rows received up to that
// bound are sorted, about one delay's worth.
std::vector<std::int64_t> store::callback_page(const std::string& where,
                                               const std::vector<sql_value>& values,
                                               std::size_t wanted) {
  static const char* const tiers[] = {"alert_priority = 'high'", "alert_priority = 'medium'",
                                      "alert_priority = 'normal'", "alert_priority = 'low'",
                                      "alert_priority NOT IN ('high', 'medium', 'normal', 'low')"};
  static_assert(sizeof(tiers) / sizeof(tiers[0]) == 5, "one per rank of urgency_rank_sql");
  std::vector<std::int64_t> seqs;
  for (const char* tier : tiers) {
    if (seqs.size() >= wanted) break;
    const std::string need = std::to_string(wanted - seqs.size());
    where_clause in_tier{where, values};
    in_tier.add(tier);
    std::string bound;
    std::size_t found = 0;
    impl_->read("SELECT COALESCE(c.due_at, r.received_at)" + std::string(case_from) + in_tier.sql +
                    " ORDER BY r.received_at, r.seq LIMIT " + need,
                in_tier.values, [&](const sql_row& r) {
                  ++found;
                  bound = std::max(bound, r.text(0));
                });
    if (found == 0) continue;
    if (std::to_string(found) == need) in_tier.add("r.received_at <= ?", bound);
    impl_->read("SELECT r.seq" + std::string(case_from) + in_tier.sql +
                    " ORDER BY COALESCE(c.due_at, r.received_at), r.seq LIMIT " + need,
                in_tier.values, [&](const sql_row& r) { seqs.push_back(r.integer(0)); });
  }
  return seqs;
}

std::optional<case_row> store::find_case(std::string_view response_id) {
  std::optional<case_row> row;
  impl_->read("SELECT " + case_columns() + case_from + " WHERE r.response_id = ?1", {response_id},
              [&](const sql_row& r) { row = read_case_row(r); });
  return row;
}

store::queue_counts store::count_queues(const response_filter& filter, std::string_view now,
                                        std::int64_t cap) {
  // The conditions of list_cases()'s queues, each counted over at most `cap` rows (LIMIT in a
  // subquery: the database stops there), searched by the same indexes as the pages.
  queue_counts out;
  const std::string limit = " LIMIT " + std::to_string(cap) + ") x";
  const auto count = [&](const char* conditions, const char* select, const char* outer,
                         std::vector<sql_value> first, auto&& on_row) {
    where_clause w = build_where(filter);
    w.add(conditions);
    first.insert(first.end(), w.values.begin(), w.values.end());
    impl_->read(
        std::string("SELECT ") + outer + " FROM (SELECT " + select + case_from + w.sql + limit,
        first, on_row);
  };
  count("follow_up = 'open' AND (category = 'detractor' OR alert = 1) AND callback_consent = 1",
        "COALESCE(c.due_at, '') AS due",
        "count(*), COALESCE(sum(CASE WHEN due <> '' AND due < ? THEN 1 ELSE 0 END), 0)",
        {std::string(now)}, [&](const sql_row& r) {
          out.callback = r.integer(0);
          out.overdue = r.integer(1);
        });
  count(
      "follow_up = 'open' AND ((category = 'detractor' OR alert = 1) AND callback_consent = 0 OR "
      "comment <> '') AND NOT ((category = 'detractor' OR alert = 1) AND callback_consent = 1)",
      "1 AS one", "count(*)", {}, [&](const sql_row& r) { out.read = r.integer(0); });
  count("follow_up <> 'open'", "1 AS one", "count(*)", {},
        [&](const sql_row& r) { out.history = r.integer(0); });
  return out;
}

std::vector<case_row> store::list_with_cases(const response_filter& filter, int limit,
                                             std::int64_t after_seq, bool* more) {
  where_clause w = build_where(filter);
  if (after_seq > 0) w.add("r.seq < ?", after_seq);
  const std::string sql = "SELECT " + case_columns() + case_from + w.sql +
                          " ORDER BY r.seq DESC LIMIT " + std::to_string(limit + 1);
  std::vector<case_row> rows;
  impl_->read(sql, w.values, [&](const sql_row& r) { rows.push_back(read_case_row(r)); });
  const bool has_more = static_cast<int>(rows.size()) > limit;
  if (has_more) rows.pop_back();
  if (more) *more = has_more;
  return rows;
}

std::vector<response_row> store::same_order(const std::vector<std::string>& order_ids) {
  std::vector<response_row> rows;
  if (order_ids.empty()) return rows;
  std::string in;
  std::vector<sql_value> values;
  for (const auto& id : order_ids) {
    in += in.empty() ? "?" : ", ?";
    values.emplace_back(id);
  }
  impl_->read(std::string("SELECT ") + row_columns +
                  ", payload FROM responses WHERE order_id IN (" + in +
                  ") ORDER BY seq DESC LIMIT 500",
              values, [&](const sql_row& r) { rows.push_back(read_row(r, true)); });
  return rows;
}

std::vector<case_event> store::case_events(std::string_view response_id) {
  std::vector<case_event> out;
  impl_->read(
      "SELECT seq, at, actor, kind, from_value, to_value, note, undone, undoes FROM "
      "case_events WHERE response_id = ?1 ORDER BY seq",
      {response_id}, [&](const sql_row& r) {
        out.push_back({r.integer(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5),
                       r.text(6), r.integer(7) != 0, r.is_null(8) ? 0 : r.integer(8)});
      });
  return out;
}

std::optional<case_row> store::order_case(std::string_view survey_id, std::string_view order_id) {
  std::optional<case_row> row;
  impl_->read("SELECT " + case_columns() + case_from +
                  " WHERE r.survey_id = ?1 AND r.order_id = ?2 ORDER BY CASE WHEN r.token_order "
                  "= ?2 THEN 0 ELSE 1 END, r.seq DESC LIMIT 1",
              {survey_id, order_id}, [&](const sql_row& r) { row = read_case_row(r); });
  return row;
}

std::optional<response_row> store::follow_up_of(const response_row& base) {
  if (base.token_order.empty()) return std::nullopt;
  std::optional<response_row> row;
  impl_->read(std::string("SELECT ") + row_columns +
                  ", payload FROM responses WHERE survey_id = ?1 AND token_order = ?2",
              {base.survey_id + std::string(follow_up_suffix), base.token_order},
              [&](const sql_row& r) { row = read_row(r, true); });
  return row;
}

bool store::record_resolution(std::string_view response_id, std::string_view answer,
                              std::string_view comment, std::string_view at) {
  return transact([&](sql_connection& db, const sql_dialect&) {
    bool recorded = false;
    if (db.run("SELECT 1 FROM case_events WHERE response_id = ?1 AND kind = 'resolution'",
               {response_id}, [&](const sql_row&) { recorded = true; }) < 0) {
      return -1;
    }
    if (recorded) return 0;
    if (db.run("INSERT INTO case_events (response_id, at, actor, kind, from_value, to_value, "
               "note) VALUES (?1, ?2, 'shopper', 'resolution', '', ?3, ?4)",
               {response_id, at, answer, comment}) != 1) {
      return -1;
    }
    // Webhooks: a `case.changed` telling the team what the shopper said, in the same transaction.
    if (!impl_->events.enabled) return 1;
    std::int64_t seq = 0;
    if (db.run("SELECT seq FROM case_events WHERE response_id = ?1 AND kind = 'resolution'",
               {response_id}, [&](const sql_row& r) { seq = r.integer(0); }) < 0 ||
        seq == 0) {
      return -1;
    }
    return queue_case_changed(db, impl_->events, seq, unix_ms_now()) < 0 ? -1 : 1;
  });
}

std::vector<case_note> store::case_notes(std::string_view response_id) {
  std::vector<case_note> out;
  impl_->read(
      "SELECT seq, at, author, text, for_shopper FROM case_notes WHERE response_id = ?1 "
      "AND removed = 0 ORDER BY seq",
      {response_id}, [&](const sql_row& r) {
        out.push_back({r.integer(0), r.text(1), r.text(2), r.text(3), r.integer(4) != 0});
      });
  return out;
}

std::map<std::string, std::vector<case_note>> store::case_notes(
    const std::vector<std::string>& response_ids) {
  std::map<std::string, std::vector<case_note>> out;
  if (response_ids.empty()) return out;
  std::string in;
  std::vector<sql_value> values;
  for (const auto& id : response_ids) {
    in += in.empty() ? "?" : ", ?";
    values.emplace_back(id);
  }
  impl_->read(
      "SELECT response_id, seq, at, author, text, for_shopper FROM case_notes WHERE response_id "
      "IN (" +
          in + ") AND removed = 0 ORDER BY response_id, seq",
      values, [&](const sql_row& r) {
        out[r.text(0)].push_back(
            {r.integer(1), r.text(2), r.text(3), r.text(4), r.integer(5) != 0});
      });
  return out;
}

std::vector<store::table_copy> store::case_tables() {
  std::vector<table_copy> tables = {
      {"users", {"name", "token_hash", "created_at"}, {false, false, false}, {}},
      {"cases",
       {"response_id", "assignee", "due_at", "created_at", "contacted_at", "resolved_at",
        "updated_at"},
       {false, false, false, false, false, false, false},
       {}},
      {"case_events",
       {"seq", "response_id", "at", "actor", "kind", "from_value", "to_value", "note", "undone",
        "undoes"},
       {true, false, false, false, false, false, false, false, true, true},
       {}},
      {"case_notes",
       {"seq", "response_id", "at", "author", "text", "for_shopper", "removed"},
       {true, false, false, false, false, true, true},
       {}},
      // The webhooks' queue (issue 16): an event not yet delivered is sent by the new store's
      // collectors, each URL's progress kept; and the delivery log the dashboard shows.
      {"events",
       {"id", "dedupe_key", "type", "created_at", "created_ms", "body", "next_attempt_ms",
        "attempts", "delivered_at", "lease_owner", "lease_until_ms"},
       {false, false, false, false, true, false, true, true, false, false, true},
       {}},
      {"event_targets",
       {"event_id", "url", "attempts", "next_attempt_ms", "done"},
       {false, false, true, true, true},
       {}},
      {"webhook_deliveries",
       {"seq", "event_id", "event_type", "url", "at", "attempt", "status", "error", "duration_ms"},
       {true, false, false, false, false, true, true, false, true},
       {}}};
  for (auto& t : tables) {
    std::string columns;
    for (const auto& c : t.columns) columns += (columns.empty() ? "" : ", ") + c;
    impl_->read("SELECT " + columns + " FROM " + t.table + " ORDER BY " + t.columns.front(), {},
                [&](const sql_row& r) {
                  std::vector<sql_value> row;
                  for (std::size_t i = 0; i < t.columns.size(); ++i) {
                    const int column = static_cast<int>(i);
                    if (r.is_null(column)) {
                      row.emplace_back();
                    } else if (t.integer[i]) {
                      row.emplace_back(r.integer(column));
                    } else {
                      row.emplace_back(r.text(column));
                    }
                  }
                  t.rows.push_back(std::move(row));
                });
  }
  return tables;
}

bool store::import_tables(const std::vector<table_copy>& tables) {
  write_job job;
  job.what = write_job::kind::tables;
  job.tables = &tables;
  impl_->queue->submit(job);
  return job.meta_ok;
}

}  // namespace pepite::collector
