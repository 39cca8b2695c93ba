// The store's figures: NPS / CSAT / CES and their series (from the rollups when the filter
// allows, else from the rows), the response counts, the topics, and the complaint KPIs.
#include <cstdio>
#include <map>

#include "follow_up.hpp"
#include "store.hpp"
#include "store_impl.hpp"

namespace pepite::collector {

namespace {

// The day of a UTC `received_at` on a clock `minutes` east of UTC.
std::string day_sql(const sql_dialect& dialect, int minutes) {
  if (minutes == 0) return "substr(received_at, 1, 10)";
  const std::string shift =
      (minutes < 0 ? "-" : "+") + std::to_string(minutes < 0 ? -minutes : minutes) + " minutes";
  if (dialect.postgres) {
    return "to_char(received_at::timestamptz + interval '" + shift + "', 'YYYY-MM-DD')";
  }
  return "date(received_at, '" + shift + "')";
}

// Days since 1970-01-01 of a civil date, and back (proleptic Gregorian).
long long days_from_civil(long long y, long long m, long long d) {
  y -= m <= 2;
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const long long yoe = y - era * 400;
  const long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

std::string civil_from_days(long long z) {
  z += 719468;
  const long long era = (z >= 0 ? z : z - 146096) / 146097;
  const long long doe = z - era * 146097;
  const long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long long mp = (5 * doy + 2) / 153;
  const long long d = doy - (153 * mp + 2) / 5 + 1;
  const long long m = mp + (mp < 10 ? 3 : -9);
  const long long y = yoe + era * 400 + (m <= 2);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lld", y, m, d);
  return buf;
}

// The day of a bucket (`YYYY-MM-DDTHH:MM`, UTC) on a clock `minutes` east of UTC.
std::string bucket_day(const std::string& bucket, int minutes) {
  if (minutes == 0 || bucket.size() < 16) return bucket.substr(0, 10);
  auto number = [&](std::size_t at, std::size_t n) { return std::stoll(bucket.substr(at, n)); };
  const long long at = days_from_civil(number(0, 4), number(5, 2), number(8, 2)) * 1440 +
                       number(11, 2) * 60 + number(14, 2) + minutes;
  return civil_from_days(at >= 0 ? at / 1440 : (at - 1439) / 1440);
}

// A complaint's times from the first three columns (received_at, due_at or '', contacted_at or
// ''), as the figures read them; nullopt without a receipt time.
std::optional<complaint_case> complaint_times(const sql_row& r) {
  const auto received = iso_seconds(r.text(0));
  if (!received) return std::nullopt;
  complaint_case c;
  c.received = *received;
  // Every alert has its case row; without one, the default delay.
  c.due = iso_seconds(r.text(1)).value_or(c.received + default_callback_delay_hours * 3600LL);
  if (auto contacted = iso_seconds(r.text(2))) c.contacted = *contacted;
  return c;
}

// The quarter of an hour (`YYYY-MM-DDTHH:MM`, UTC) of `seconds` since the epoch.
std::string quarter_of(long long seconds) {
  const long long start = seconds - ((seconds % 900) + 900) % 900;
  const long long day = start >= 0 ? start / 86400 : (start - 86399) / 86400;
  const long long in_day = start - day * 86400;
  char time[48];
  std::snprintf(time, sizeof time, "T%02lld:%02lld", in_day / 3600, in_day % 3600 / 60);
  return civil_from_days(day) + time;
}

// The complete "is it solved?" response of `r`'s token order (a scalar subquery's FROM and
// WHERE: the unique index on survey and token order finds it).
const char* const follow_up_where =
    " FROM responses f WHERE r.token_order <> '' AND f.survey_id = r.survey_id || '--solved' AND "
    "f.token_order = r.token_order AND f.status = 'complete'";

}  // namespace

stats store::compute_stats(const response_filter& filter, int utc_offset_minutes) {
  if (auto w = rollup_where(filter, utc_offset_minutes)) {
    // The same figures as the aggregator's over the rows, from the rollups' sums: days (or
    // quarters, when the days are not UTC ones) with their counts, then the totals.
    std::string sql = std::string("SELECT ") +
                      (utc_offset_minutes == 0 ? "substr(bucket, 1, 10)" : "bucket") +
                      ", sum(responses)";
    for (int score = 0; score <= 10; ++score) sql += ", sum(nps" + std::to_string(score) + ")";
    sql +=
        ", sum(csat_responses), sum(csat_satisfied), sum(ces_responses), sum(ces_sum) FROM "
        "response_rollups" +
        w->sql + " GROUP BY 1";
    stats out;
    std::map<std::string, day_stats> days;
    long long ces_sum = 0;
    if (impl_->read(sql, w->values, [&](const sql_row& r) {
          const auto n = static_cast<int>(r.integer(1));
          if (n == 0) return;  // every response of these buckets was replaced
          day_stats& day = days[bucket_day(r.text(0), utc_offset_minutes)];
          day.responses += n;
          out.responses += n;
          for (int score = 0; score <= 10; ++score) {
            const auto k = static_cast<int>(r.integer(2 + score));
            out.distribution[static_cast<std::size_t>(score)] += k;
            int& tier = score >= 9 ? day.nps.promoters
                                   : (score >= 7 ? day.nps.passives : day.nps.detractors);
            tier += k;
          }
          out.csat_responses += static_cast<int>(r.integer(13));
          out.csat_satisfied += static_cast<int>(r.integer(14));
          out.ces_responses += static_cast<int>(r.integer(15));
          ces_sum += r.integer(16);
        }) < 0) {
      return out;
    }
    const auto& d = out.distribution;
    out.nps =
        nps_from_counts(d[9] + d[10], d[7] + d[8], d[0] + d[1] + d[2] + d[3] + d[4] + d[5] + d[6]);
    out.csat_percent =
        out.csat_responses > 0 ? 100.0 * out.csat_satisfied / out.csat_responses : 0.0;
    out.ces_mean = out.ces_responses > 0 ? static_cast<double>(ces_sum) / out.ces_responses : 0.0;
    for (auto& [day, figures] : days) {
      figures.day = day;
      figures.nps =
          nps_from_counts(figures.nps.promoters, figures.nps.passives, figures.nps.detractors);
      out.series.push_back(figures);
    }
    return out;
  }
  where_clause w = build_where(filter);
  std::string sql = "SELECT " + day_sql(impl_->db->dialect(), utc_offset_minutes) +
                    ", nps, csat, ces FROM responses" + w.sql;
  aggregator agg;
  impl_->read(sql, w.values, [&](const sql_row& s) {
    score_record r;
    r.day = s.text(0);
    r.nps = s.optional_int(1);
    r.csat = s.optional_int(2);
    r.ces = s.optional_int(3);
    agg.add(r);
  });
  return agg.result();
}

std::vector<complaint_case> store::complaint_cases(const response_filter& filter) {
  where_clause w = build_where(filter);
  w.add("alert = 1");
  std::vector<complaint_case> out;
  // With the shopper's "is it solved?" answer (issue 17), when one is stored for the order.
  impl_->read(
      "SELECT r.received_at, COALESCE(c.due_at, ''), COALESCE(c.contacted_at, "
      "''), r.follow_up, r.nps, (SELECT f.nps" +
          std::string(follow_up_where) + "), (SELECT f.payload" + follow_up_where + ")" +
          case_from + w.sql,
      w.values, [&](const sql_row& r) {
        auto c = complaint_times(r);
        if (!c) return;
        c->resolved = r.text(3) == "resolved";
        if (!r.is_null(6)) {
          c->confirmation = read_resolution(r.text(6), {}).answer;
          c->nps_before = r.optional_int(4);
          c->nps_after = r.optional_int(5);
        }
        out.push_back(*c);
      });
  return out;
}

pepite::complaint_counts store::complaint_counts(const response_filter& filter, long long now) {
  const auto w = rollup_where(filter, 0);
  if (!w) return pepite::count_complaints(complaint_cases(filter), now);
  // The complaints not contacted are kept by the quarter they are due: those of earlier
  // quarters are past due now, those of later ones not; this quarter's are read one by one.
  const std::string quarter = quarter_of(now);
  std::vector<sql_value> values = {quarter, quarter};
  values.insert(values.end(), w->values.begin(), w->values.end());
  pepite::complaint_counts out;
  bool due_this_quarter = false;
  if (impl_->read("SELECT minutes, CASE WHEN due_bucket = '' THEN 0 WHEN due_bucket < ? THEN 1 "
                  "WHEN due_bucket = ? THEN 2 ELSE 3 END, sum(complaints), sum(kept), "
                  "sum(resolved) FROM complaint_rollups" +
                      w->sql + " GROUP BY 1, 2",
                  values,
                  [&](const sql_row& r) {
                    const auto n = static_cast<int>(r.integer(2));
                    out.complaints += n;
                    out.kept += static_cast<int>(r.integer(3));
                    out.resolved += static_cast<int>(r.integer(4));
                    if (n == 0) return;  // every complaint of these rows was replaced
                    if (r.integer(0) >= 0) {
                      out.contact_minutes[r.integer(0)] += n;
                      out.decided += n;
                    } else if (r.integer(1) == 1) {
                      out.decided += n;
                    } else if (r.integer(1) == 2) {
                      due_this_quarter = true;
                    }
                  }) < 0 ||
      !due_this_quarter) {
    return out;
  }
  // The hours received in that hold complaints due this quarter, then their rows.
  where_clause due_now = *w;
  due_now.add("due_bucket = ?", quarter);
  std::vector<std::string> hours;
  impl_->read("SELECT substr(bucket, 1, 14) FROM complaint_rollups" + due_now.sql +
                  " GROUP BY 1 HAVING sum(complaints) <> 0",
              due_now.values, [&](const sql_row& r) { hours.push_back(r.text(0)); });
  const long long quarter_start = now - ((now % 900) + 900) % 900;
  for (const auto& hour : hours) {
    where_clause rows = build_where(filter);
    rows.add("alert = 1");
    rows.add("received_at >= ?", hour);
    rows.add("received_at < ?", hour + "\x7f");
    impl_->read("SELECT r.received_at, COALESCE(c.due_at, ''), COALESCE(c.contacted_at, '')" +
                    std::string(case_from) + rows.sql,
                rows.values, [&](const sql_row& r) {
                  const auto c = complaint_times(r);
                  if (c && !c->contacted && now > c->due && c->due >= quarter_start &&
                      c->due < quarter_start + 900) {
                    ++out.decided;
                  }
                });
  }
  return out;
}

std::vector<complaint_case> store::complaint_confirmations(const response_filter& filter) {
  // From the "is it solved?" answers (`responses_solved`: received after their complaint, so
  // after the period's start) to their complaints, not from every complaint to its answer.
  std::string answers =
      "SELECT substr(survey_id, 1, length(survey_id) - 8) AS base_survey, token_order AS "
      "base_order, nps AS nps_after, payload AS answer FROM responses WHERE survey_id LIKE "
      "'%--solved' AND status = 'complete' AND token_order <> ''";
  std::vector<sql_value> values;
  if (!filter.from.empty()) {
    answers += " AND received_at >= ?";
    values.emplace_back(filter.from);
  }
  where_clause w = build_where(filter);
  w.add("alert = 1");
  // CROSS JOIN: SQLite takes the answers first (else it reads the period's complaints and builds
  // an index of the answers on every request); the token's unique index finds each complaint.
  w.add("responses.survey_id = answers.base_survey");
  w.add("responses.token_order = answers.base_order");
  w.add("token_order <> ''");
  values.insert(values.end(), w.values.begin(), w.values.end());
  std::vector<complaint_case> out;
  impl_->read("WITH answers AS (" + answers +
                  ") SELECT responses.nps, answers.nps_after, answers.answer FROM answers CROSS "
                  "JOIN responses" +
                  w.sql,
              values, [&](const sql_row& r) {
                complaint_case c;
                c.confirmation = read_resolution(r.text(2), {}).answer;
                c.nps_before = r.optional_int(0);
                c.nps_after = r.optional_int(1);
                out.push_back(c);
              });
  return out;
}

std::vector<std::pair<std::string, std::int64_t>> store::topic_counts(
    const response_filter& filter) {
  std::vector<std::pair<std::string, std::int64_t>> out;
  if (auto w = rollup_where(filter, 0)) {
    impl_->read("SELECT topic, sum(responses) FROM topic_rollups" + w->sql +
                    " GROUP BY topic HAVING sum(responses) <> 0 ORDER BY topic",
                w->values, [&](const sql_row& r) { out.emplace_back(r.text(0), r.integer(1)); });
    return out;
  }
  where_clause w = build_where(filter);
  // Only payloads that name topics are read; the database takes the array apart itself (no
  // payload crosses to the collector).
  w.add("payload LIKE '%\"topics\"%'");
  const std::string sql =
      impl_->db->dialect().postgres
          ? "SELECT t, count(*) FROM responses, jsonb_array_elements_text(CASE WHEN "
            "jsonb_typeof(payload::jsonb -> 'topics') = 'array' THEN payload::jsonb -> 'topics' "
            "ELSE '[]'::jsonb END) AS t" +
                w.sql + " GROUP BY t ORDER BY t"
          : "SELECT j.value, count(*) FROM responses, json_each(responses.payload, '$.topics') "
            "AS j" +
                w.sql +
                " AND json_type(responses.payload, '$.topics') = 'array' GROUP BY j.value "
                "ORDER BY j.value";
  impl_->read(sql, w.values, [&](const sql_row& r) { out.emplace_back(r.text(0), r.integer(1)); });
  return out;
}

std::int64_t store::count() {
  return count(response_filter{});
}

std::int64_t store::count(const response_filter& filter) {
  std::int64_t n = -1;
  if (auto w = rollup_where(filter, 0)) {
    impl_->read("SELECT COALESCE(sum(responses), 0) FROM response_rollups" + w->sql, w->values,
                [&](const sql_row& r) { n = r.integer(0); });
    return n;
  }
  where_clause w = build_where(filter);
  impl_->read("SELECT count(*) FROM responses" + w.sql, w.values,
              [&](const sql_row& r) { n = r.integer(0); });
  return n;
}

std::vector<std::pair<std::string, std::int64_t>> store::survey_counts() {
  std::vector<std::pair<std::string, std::int64_t>> out;
  impl_->read("SELECT survey_id, count(*) FROM responses GROUP BY survey_id ORDER BY survey_id", {},
              [&](const sql_row& r) { out.emplace_back(r.text(0), r.integer(1)); });
  return out;
}

}  // namespace pepite::collector
