// The routes of cases (issue 16): the inbox's queues, one case with its history, and the changes
// a user signs (status, assignee, note, undo).
#pragma once

#include "handlers.hpp"
#include "reply.hpp"

namespace pepite::collector {

/// `GET /v1/cases?queue=callback|read|history&q=&limit=&offset=` (+ the shared filters).
void list_cases(app& a, const http::request& req, http::response& res);
/// `GET /v1/cases/counts` (+ the shared filters): `{"callback","overdue","read","history","cap"}`,
/// each count at most `cap`: the queues' tabs and the phone's first line.
void count_cases(app& a, const http::request& req, http::response& res);
/// `GET /v1/cases/{id}`: the case, its events and notes.
void get_case(app& a, const http::request& req, http::response& res);
/// `POST /v1/cases/{id}/{status|assign|notes|undo}`.
void change_case(app& a, const http::request& req, http::response& res);
/// `GET /v1/users`: the names a case may be assigned to.
void list_users(app& a, const http::request& req, http::response& res);

/// What a shopper's answers say, question by question, with the survey's labels in `lang`
/// (`survey` null: raw values): `[{"questionId","question","type","value","labels","otherText"}]`.
json labelled_answers(const json& payload, const survey* definition, const std::string& lang);

/// What `GET /v1/stats` adds for the overview (issue 16): `period` and `previousPeriod`, the
/// complaint KPIs of both with trends, the previous period's NPS, topics with counts and trends.
/// The period is the filter's `from`..`to` when both are days, else the 30 days ending today
/// (UTC); the previous one is as long and ends the day before.
/// `filter_stats`: the stats of `filter` already computed, reused when the period is the filter's.
json overview_figures(app& a, const response_filter& filter, const pepite::stats& filter_stats);

/// One labelled answer (from labelled_answers()) as a CSV cell: the score, the text, or the
/// choices' labels joined by `; `.
std::string answer_cell(const json& answer);

/// The definition of `survey_id` when this collector has it, else null.
const survey* survey_of(const app& a, const std::string& survey_id);

/// The manager's language: `lang=`, else the first tag of Accept-Language; empty: the survey's
/// default locale.
std::string manager_lang(const http::request& req);

/// `pepite-collector user add NAME [--db …]`: prints the new user's token once.
int run_user_command(int argc, char** argv);

}  // namespace pepite::collector
