// The collector's API routes (issue 6): receiving responses, reading them, changing their
// follow-up, exporting; the query readers are in query.cpp, the dashboard in dashboard_routes.cpp.
// Everything about a received payload (its survey, validation, redaction, topics, alert) is the
// core's pepite::reanalyse_payload().
#include "handlers.hpp"

#include <algorithm>
#include <chrono>
#include <map>

#include "auth.hpp"
#include "case_routes.hpp"
#include "csv.hpp"
#include "detail/iso_time.hpp"
#include "events.hpp"
#include "follow_up.hpp"
#include "pepite/reanalyse.hpp"
#include "query.hpp"
#include "reply.hpp"
#include "rows.hpp"
#include "sender.hpp"

namespace pepite::collector {

namespace {

// Adds the CORS headers of the shopper route when the request comes from an allowed origin.
void apply_cors(const app& a, const http::request& req, http::response& res) {
  std::string origin = req.get_header_value("Origin");
  if (!a.cors.allows(origin)) return;
  res.set_header("Access-Control-Allow-Origin", origin);
  // A widget on another origin reads Retry-After (429, 503) to wait as long as asked.
  res.set_header("Access-Control-Expose-Headers", "Retry-After");
  res.set_header("Vary", "Origin");
}

// True when `req` carries the admin token or a user's; otherwise answers 401.
bool authorized(app& a, const http::request& req, http::response& res) {
  return signed_in(a, req, res).has_value();
}

// What a matched path accepts; empty when the path is not one of the API's.
std::vector<std::string> allowed_methods(const std::string& path) {
  if (path == "/v1/responses") return {"GET", "POST", "OPTIONS"};
  if (path.rfind("/v1/responses/", 0) == 0) return {"PATCH"};
  if (path == "/v1/cases/") return {};
  if (path.rfind("/v1/cases/", 0) == 0) return {"GET", "POST"};
  if (path == "/v1/stats" || path == "/v1/cases" || path == "/v1/users" || path == "/v1/surveys" ||
      path == "/v1/export.csv" || path == "/healthz" || path == "/dashboard") {
    return {"GET"};
  }
  return {};
}

}  // namespace

std::optional<std::string> signed_in(app& a, const http::request& req, http::response& res) {
  const std::string authorization = req.get_header_value("Authorization");
  if (bearer_matches(authorization, a.token)) return std::string("admin");
  // A user's token (`pepite-collector user add NAME`): its hash is looked up.
  const std::string_view given = bearer_token(authorization);
  if (!given.empty() && given.size() <= 200) {
    if (auto name = a.db->user_by_token_hash(token_hash(given))) return name;
  }
  res.set_header("WWW-Authenticate", "Bearer realm=\"pepite\"");
  send_error(res, 401, "collector.unauthorized", "",
             "this route needs Authorization: Bearer <admin or user token>");
  return std::nullopt;
}

std::string now_iso() {
  using namespace std::chrono;
  return detail::format_iso_ms(
      duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count());
}

std::string client_address(const app& a, const http::request& req) {
  if (a.cfg.trust_proxy) {
    // The proxy appends the address it saw: the last hop is the one it vouches for.
    std::string forwarded = req.get_header_value("X-Forwarded-For");
    std::size_t comma = forwarded.rfind(',');
    std::string last = comma == std::string::npos ? forwarded : forwarded.substr(comma + 1);
    last.erase(0, last.find_first_not_of(' '));
    if (!last.empty()) return last;
  }
  return req.remote_addr;
}

void opening_state::set(const std::string& now_status, const std::string& now_detail) {
  const std::lock_guard<std::mutex> lock(mutex);
  if (now_status != status || since.empty()) {
    status = now_status;
    since = now_iso();
    since_clock = std::chrono::steady_clock::now();
  }
  detail = now_detail;
}

namespace {

// Seconds a client is asked to wait while the store opens: a balancer checks again sooner, a
// shopper's outbox comes back then.
constexpr int opening_retry_after = 5;

bool answer_while_opening(app& a, const http::request& req, http::response& res) {
  if (a.opening.ready.load(std::memory_order_acquire)) return false;
  if (req.method == "OPTIONS" && req.path == "/v1/responses") return false;  // no store needed
  json body = json::object();
  {
    const std::lock_guard<std::mutex> lock(a.opening.mutex);
    body["ok"] = false;
    body["status"] = a.opening.status;
    body["detail"] = a.opening.detail;
    body["since"] = a.opening.since;
    body["seconds"] = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::steady_clock::now() - a.opening.since_clock)
                          .count() /
                      1000.0;
  }
  res.set_header("Retry-After", std::to_string(opening_retry_after));
  if (req.path == "/healthz") {
    send_json(res, 503, body);
    return true;
  }
  if (req.path == "/v1/responses") apply_cors(a, req, res);
  send_error(res, 503, "collector.starting", "",
             "the collector is " + body["status"].get<std::string>() + " (" +
                 body["detail"].get<std::string>() + ", since " + body["since"].get<std::string>() +
                 "); retry after " + std::to_string(opening_retry_after) + " s");
  return true;
}

}  // namespace

bool pre_route(app& a, const http::request& req, http::response& res) {
  if (answer_while_opening(a, req, res)) return true;
  auto allowed = allowed_methods(req.path);
  if (!allowed.empty()) {
    std::string method = req.method == "HEAD" ? "GET" : req.method;
    if (std::find(allowed.begin(), allowed.end(), method) == allowed.end()) {
      std::string allow;
      for (const auto& m : allowed) allow += (allow.empty() ? "" : ", ") + m;
      res.set_header("Allow", allow);
      if (req.path == "/v1/responses") apply_cors(a, req, res);
      send_error(res, 405, "collector.method_not_allowed", "", "allowed: " + allow);
      return true;
    }
  }
  if (req.method != "POST" || req.path != "/v1/responses") return false;

  std::string length = req.get_header_value("Content-Length");
  bool too_long = length.size() > 9;
  std::size_t declared = 0;
  for (char c : length) {
    if (std::isdigit(static_cast<unsigned char>(c))) declared = declared * 10 + (c - '0');
  }
  if (too_long || declared > max_payload_bytes) {
    apply_cors(a, req, res);
    send_error(res, 413, "collector.payload_too_large", "", "a response payload is at most 32 KB");
    return true;
  }
  return false;
}

std::string timings_report(const app& a) {
  const post_timings& t = a.timings;
  return t.reanalyse.summary("post: reanalyse") + "\n" + t.store.summary("post: store") + "\n" +
         t.total.summary("post: handler") + "\n" + a.db->timings();
}

void post_response(app& a, const http::request& req, http::response& res) {
  auto t0 = histogram::clock::now();
  // A `text/plain` POST needs no preflight: a page on any site can send one, so the origin is
  // checked here too. Nothing else is done for a refused origin (no rate-limit token taken).
  if (a.cors.refuses(req.has_header("Origin"), req.get_header_value("Origin"),
                     req.get_header_value("Host"))) {
    send_error(res, 403, "collector.cors_refused", "",
               "this origin is not allowed by --allow-origin");
    return;
  }
  apply_cors(a, req, res);
  // 415 and 429 come after the (small) body is read, so a kept-alive connection stays in sync.
  std::string type = media_type(req.get_header_value("Content-Type"));
  if (type != "application/json" && type != "text/plain") {
    send_error(res, 415, "collector.unsupported_media_type", "",
               "send application/json or text/plain (JSON inside)");
    return;
  }
  int retry_after = 1;
  if (!a.limiter.allow(client_address(a, req), rate_limiter::clock::now(), &retry_after)) {
    res.set_header("Retry-After", std::to_string(retry_after));
    send_error(res, 429, "collector.rate_limited", "", "too many responses from this address");
    return;
  }
  if (req.body.size() > max_payload_bytes) {
    send_error(res, 413, "collector.payload_too_large", "", "a response payload is at most 32 KB");
    return;
  }
  // One call to the core: the survey the payload names (any, when none are configured), the
  // validation, and the analysis of its texts, properties and page path.
  reanalysis incoming = reanalyse_payload(req.body, [&a](std::string_view id) -> const survey* {
    const auto found = a.surveys.find(std::string(id));
    return found != a.surveys.end() ? &found->second.definition : nullptr;
  });
  auto t1 = histogram::clock::now();
  a.timings.reanalyse.add(t1 - t0);
  if (incoming.ok() && !a.surveys.empty() && incoming.definition == nullptr) {
    incoming.problems.push_back(
        {"collector.unknown_survey", "surveyId", "this collector has no survey with that id"});
  }
  if (!incoming.ok()) {
    json errors = json::array();
    for (const auto& p : incoming.problems) {
      if (p.level == severity::error) errors.push_back(error_item(p.code, p.path, p.message));
    }
    send_errors(res, 400, std::move(errors));
    return;
  }
  // Issue 17: the order token, the sender's key, a submittedAt from the future.
  payload_summary& summary = incoming.summary;
  const auto now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  const sender_check sender = check_sender(a.cfg, summary, now_ms);
  if (sender.status != 0) {
    send_error(res, sender.status, sender.code, sender.path, sender.message);
    return;
  }
  if (const std::string problem = apply_sender(sender, summary, incoming.payload);
      !problem.empty()) {
    send_error(res, 400, "collector.too_many_properties", "properties", problem);
    return;
  }
  // "Is it solved?" (issue 17): only while the order's case is resolved, and for the versions of
  // the answer already begun.
  std::string followed;
  if (is_follow_up_id(summary.survey_id, &followed)) {
    const auto base = a.db->order_case(followed, summary.order_id);
    if (!base ||
        (base->response.follow_up != "resolved" && !a.db->find(summary.response_id, false))) {
      send_error(res, 409, "collector.not_resolved", "surveyId",
                 "this order has no resolved case to confirm");
      return;
    }
    followed = base->response.response_id;
  }
  const upsert_sender who{sender.binding,
                          sender.has_token ? std::string_view(sender.claims.order_id) : ""};
  const auto entry = a.surveys.find(summary.survey_id);
  upsert_result stored = a.db->upsert(
      summary, incoming.payload, now_iso(),
      entry != a.surveys.end() ? entry->second.callback_delay_hours : default_callback_delay_hours,
      who);
  a.timings.store.add(histogram::clock::now() - t1);
  if (!stored.ok) {
    res.set_header("Retry-After", "1");
    send_error(res, 503, "collector.storage_failed", "", "the response could not be stored");
    return;
  }
  if (stored.refused == upsert_result::refusal::not_owner) {
    send_error(res, 403, "collector.not_your_response", "responseId",
               "this response was sent with another key; nothing was changed");
    return;
  }
  if (stored.refused == upsert_result::refusal::order_taken) {
    send_error(res, 409, "collector.order_already_answered", "token",
               "another response is already stored for this order and survey");
    return;
  }
  // The complete answer to "is it solved?" goes on the case it follows (once; a replay after a
  // failure here records it then).
  if (!followed.empty() && stored.status == "complete" && !stored.superseded) {
    if (const auto row = a.db->find(summary.response_id, true)) {
      const resolution_answer answer = read_resolution(row->payload, row->updated_at);
      if (!a.db->record_resolution(followed, answer.answer, answer.comment, row->updated_at)) {
        res.set_header("Retry-After", "1");
        send_error(res, 503, "collector.storage_failed", "",
                   "the answer is stored but not yet on its case: send it again");
        return;
      }
    }
  }
  // The body depends only on the id, the stored status and whether this version is the one
  // stored, so a replay gets the same answer. `superseded`: a newer version from the same
  // sender is stored (an older partial, a partial after the complete).
  json body = json::object();
  body["ok"] = true;
  body["responseId"] = summary.response_id;
  body["status"] = stored.status;
  body["result"] = stored.superseded ? "superseded" : "stored";
  send_json(res, 200, body);
  a.timings.total.add(histogram::clock::now() - t0);
}

void preflight(app& a, const http::request& req, http::response& res) {
  std::string origin = req.get_header_value("Origin");
  std::string method = req.get_header_value("Access-Control-Request-Method");
  if (!a.cors.allows(origin) || (method != "POST" && !method.empty()) ||
      !cors_policy::headers_allowed(req.get_header_value("Access-Control-Request-Headers"))) {
    send_error(res, 403, "collector.cors_refused", "",
               "origin, method or headers not allowed by --allow-origin");
    return;
  }
  apply_cors(a, req, res);
  res.set_header("Access-Control-Allow-Methods", cors_policy::allowed_methods);
  res.set_header("Access-Control-Allow-Headers", cors_policy::allowed_headers);
  res.set_header("Access-Control-Max-Age", cors_policy::max_age);
  res.status = 204;
}

void list_responses(app& a, const http::request& req, http::response& res) {
  if (!authorized(a, req, res)) return;
  response_filter filter;
  if (!read_filter(req, filter, res)) return;
  long long limit = int_param(req, "limit", 50);
  long long cursor = int_param(req, "cursor", 0);
  long long offset = int_param(req, "offset", 0);
  if (limit < 1 || limit > 500) {
    send_error(res, 400, "collector.invalid_query", "limit", "limit is 1 to 500");
    return;
  }
  if (cursor < 0 || offset < 0 || offset > 1000000) {
    send_error(res, 400, "collector.invalid_query", cursor < 0 ? "cursor" : "offset",
               "cursor and offset are non-negative integers");
    return;
  }
  // `count=1`: how many match, without the rows (the dashboard's "N open call-backs").
  const std::string count = req.get_param_value("count");
  if (count == "1" || count == "true") {
    const std::int64_t total = a.db->count(filter);
    if (total < 0) {
      send_error(res, 503, "collector.storage_failed", "", "the responses could not be counted");
      return;
    }
    json body = json::object();
    body["total"] = total;
    send_json(res, 200, body);
    return;
  }
  bool with_payload = req.get_param_value("payload") == "1";
  bool more = false;
  // The payload is read for every row: the "other" texts are in it (`otherTexts`).
  auto rows =
      a.db->list(filter, static_cast<int>(limit), cursor, static_cast<int>(offset), true, &more);
  json items = json::array();
  for (const auto& r : rows) items.push_back(row_json(r, with_payload));
  json body = json::object();
  body["items"] = items;
  body["nextCursor"] =
      more && !rows.empty() ? json(std::to_string(rows.back().seq)) : json(nullptr);
  send_json(res, 200, body);
}

void patch_response(app& a, const http::request& req, http::response& res) {
  const auto actor = signed_in(a, req, res);
  if (!actor) return;
  std::string id = req.matches[1];
  json body = json::parse(req.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    send_error(res, 400, "collector.invalid_body", "", "send {\"followUp\":..., \"note\":...}");
    return;
  }
  // Only the documented keys: a typo (`folowUp`) would otherwise answer 200 and change nothing.
  json unknown = json::array();
  for (const auto& [key, value] : body.items()) {
    if (key == "followUp" || key == "note") continue;
    unknown.push_back(
        error_item("collector.invalid_body", key,
                   "unknown key \"" + key + "\": the body holds followUp and note only"));
  }
  if (!unknown.empty()) {
    send_errors(res, 400, std::move(unknown));
    return;
  }
  auto current = a.db->find(id, false);
  if (!current) {
    send_error(res, 404, "collector.not_found", "", "no response with this id");
    return;
  }
  std::string state = current->follow_up;
  std::optional<std::string> note;  // absent: the stored note stays
  if (auto it = body.find("followUp"); it != body.end()) {
    if (!it->is_string() || !one_of(it->get<std::string>(), {"open", "contacted", "resolved"})) {
      send_error(res, 400, "collector.invalid_body", "followUp",
                 "followUp is open, contacted or resolved");
      return;
    }
    state = it->get<std::string>();
  }
  if (auto it = body.find("note"); it != body.end()) {
    if (!it->is_string() || it->get<std::string>().size() > 2000) {
      send_error(res, 400, "collector.invalid_body", "note",
                 "note is a string of at most 2000 bytes");
      return;
    }
    note = it->get<std::string>();
  }
  response_row row;
  const auto kept_or_new = note ? std::optional<std::string_view>(*note) : std::nullopt;
  switch (a.db->set_follow_up(id, state, kept_or_new, now_iso(), &row, *actor)) {
    case follow_up_outcome::ok:
      send_json(res, 200, row_json(row, false));
      return;
    case follow_up_outcome::not_found:
      send_error(res, 404, "collector.not_found", "", "no response with this id");
      return;
    case follow_up_outcome::bad_transition:
      send_error(res, 409, "collector.bad_transition", "followUp",
                 "follow-up moves forward only: open, contacted, resolved");
      return;
    case follow_up_outcome::failed:
      send_error(res, 503, "collector.storage_failed", "", "the change could not be stored");
      return;
  }
}

void list_surveys(app& a, const http::request& req, http::response& res) {
  if (!authorized(a, req, res)) return;
  // The surveys this collector validates against, and any other id found in the store (older
  // definitions, or responses stored without --surveys), each with its response count.
  std::map<std::string, std::pair<bool, std::int64_t>> found;
  for (const auto& [id, entry] : a.surveys) found[id] = {true, 0};
  for (const auto& [id, n] : a.db->survey_counts()) found[id].second = n;
  json items = json::array();
  for (const auto& [id, info] : found) {
    json item = json::object();
    item["id"] = id;
    item["configured"] = info.first;
    item["responses"] = info.second;
    items.push_back(item);
  }
  json body = json::object();
  body["items"] = items;
  send_json(res, 200, body);
}

void get_stats(app& a, const http::request& req, http::response& res) {
  if (!authorized(a, req, res)) return;
  response_filter filter;
  if (!read_filter(req, filter, res)) return;
  // tzOffset: minutes east of UTC of the reader's clock (-720 to 840), for the series' days.
  int tz_offset = 0;
  if (req.has_param("tzOffset")) {
    const std::string v = req.get_param_value("tzOffset");
    const bool negative = !v.empty() && v[0] == '-';
    const long long minutes = int_param_text(negative ? v.substr(1) : v);
    if (minutes < 0 || minutes > 840 || (negative && minutes > 720)) {
      send_error(res, 400, "collector.invalid_query", "tzOffset",
                 "tzOffset is minutes east of UTC, from -720 to 840");
      return;
    }
    tz_offset = static_cast<int>(negative ? -minutes : minutes);
  }
  const stats filtered = a.db->compute_stats(filter, tz_offset);
  json body = json::parse(stats_to_json(filtered), nullptr, false);
  // Issue 16: the period and the previous one, complaint KPIs, topics, each with count and trend.
  json figures = overview_figures(a, filter, filtered);
  for (auto it = figures.begin(); it != figures.end(); ++it) body[it.key()] = std::move(*it);
  send_json(res, 200, body);
}

void export_csv(app& a, const http::request& req, http::response& res) {
  if (!authorized(a, req, res)) return;
  response_filter filter;
  if (!read_filter(req, filter, res)) return;
  // `;` or `,`: asked for, else the one the manager's spreadsheet expects (issue 16).
  char sep = csv_separator_for(req.get_header_value("Accept-Language"));
  if (req.has_param("sep")) {
    const std::string v = req.get_param_value("sep");
    if (v != ";" && v != ",") {
      send_error(res, 400, "collector.invalid_query", "sep", "sep is ; or ,");
      return;
    }
    sep = v[0];
  }
  const std::string lang = manager_lang(req);
  // One column per question of the surveys exported (the filter's, else every --surveys one),
  // headed by its text in the manager's language.
  std::vector<std::string> question_ids;
  std::vector<std::string> header = {
      "response_id",   "survey_id",        "status",   "received_at", "submitted_at",
      "nps",           "category",         "csat",     "ces",         "alert_priority",
      "alert_reasons", "callback_consent", "order_id", "locale",      "follow_up",
      "note",          "comment",          "topics",   "assignee",    "contact_channel",
      "contact"};
  for (const auto& [id, entry] : a.surveys) {
    if (!filter.survey.empty() && id != filter.survey) continue;
    for (const auto& q : entry.definition.questions) {
      if (std::find(question_ids.begin(), question_ids.end(), q.id) != question_ids.end()) continue;
      question_ids.push_back(q.id);
      const std::string label = resolve(q.label, lang, entry.definition.default_locale);
      header.push_back(label.empty() ? q.id : label);
    }
  }
  header.push_back("other_texts");
  std::string out = "\xEF\xBB\xBF";  // UTF-8 BOM: Excel reads the accents right
  out += csv_line(header, sep);
  auto num = [](const std::optional<int>& v) { return v ? std::to_string(*v) : std::string(); };
  std::int64_t cursor = 0;
  for (;;) {
    bool more = false;
    const auto rows = a.db->list_with_cases(filter, 500, cursor, &more);
    // The note column: the older per-response note, then the case's notes, oldest first.
    std::vector<std::string> ids;
    for (const auto& c : rows) ids.push_back(c.response.response_id);
    const auto notes = a.db->case_notes(ids);
    for (const auto& c : rows) {
      const response_row& r = c.response;
      std::string note = r.note;
      if (auto n = notes.find(r.response_id); n != notes.end()) {
        for (const case_note& x : n->second) note += (note.empty() ? "" : "\n") + x.text;
      }
      const json payload = json::parse(r.payload, nullptr, false);
      const bool has_payload = payload.is_object();
      std::string topics;
      std::string channel;
      std::string contact;
      if (has_payload) {
        if (auto t = payload.find("topics"); t != payload.end() && t->is_array()) {
          for (const auto& topic : *t) {
            if (topic.is_string())
              topics += (topics.empty() ? "" : ", ") + topic.get<std::string>();
          }
        }
        if (auto t = payload.find("contact");
            r.callback_consent && t != payload.end() && t->is_object()) {
          channel = t->value("channel", std::string());
          contact = t->value("value", std::string());
        }
      }
      std::vector<std::string> cells = {r.response_id,   r.survey_id,
                                        r.status,        r.received_at,
                                        r.submitted_at,  num(r.nps),
                                        r.category,      num(r.csat),
                                        num(r.ces),      r.alert ? r.alert_priority : "",
                                        r.alert_reasons, r.callback_consent ? "yes" : "no",
                                        r.order_id,      r.locale,
                                        r.follow_up,     note,
                                        r.comment,       topics,
                                        c.assignee,      channel,
                                        contact};
      const json answers =
          has_payload ? labelled_answers(payload, survey_of(a, r.survey_id), lang) : json::array();
      for (const auto& id : question_ids) {
        std::string cell;
        for (const auto& answer : answers) {
          if (answer["questionId"] != id) continue;
          cell = answer_cell(answer);
        }
        cells.push_back(cell);
      }
      cells.push_back(has_payload ? other_texts_cell(r.payload) : "");
      for (auto& cell : cells) cell = csv_clean(cell);
      out += csv_line(cells, sep);
    }
    if (!more || rows.empty()) break;
    cursor = rows.back().response.seq;
  }
  res.status = 200;
  res.set_header("Content-Disposition", "attachment; filename=\"pepite-responses.csv\"");
  res.set_content(out, "text/csv; charset=utf-8; header=present");
}

void healthz(app& a, const http::request&, http::response& res) {
  json body = json::object();
  body["ok"] = true;
  body["schemaVersion"] = a.db->user_version();
  body["journalMode"] = a.db->journal_mode();
  if (const std::string side = a.db->read_side(); !side.empty()) body["readDb"] = side;
  body["synchronous"] = a.cfg.synchronous;
  send_json(res, 200, body);
}

void not_found(app&, const http::request&, http::response& res) {
  if (!res.body.empty()) return;
  if (res.status == 404) {
    send_error(res, 404, "collector.not_found", "", "no such route");
  } else if (res.status == 413) {
    send_error(res, 413, "collector.payload_too_large", "", "a response payload is at most 32 KB");
  } else if (res.status == 415) {
    send_error(res, 415, "collector.unsupported_media_type", "",
               "send the payload as JSON (application/json or text/plain), not encoded");
  } else if (res.status == 431) {
    send_error(res, 431, "collector.headers_too_large", "",
               "the request line and headers are at most 16 KB and 100 fields");
  } else if (res.status == 408) {
    send_error(res, 408, "collector.timeout", "", "the request did not arrive in time");
  } else if (res.status >= 400) {
    // Refused by the HTTP server before any route ran: a Content-Encoding it cannot read, a
    // multipart body, no Content-Length... The documented error shape all the same.
    send_error(res, res.status, "collector.bad_request", "",
               "the request could not be read: send one JSON body with a Content-Length, "
               "not encoded");
  }
}

void list_webhook_deliveries(app& a, const http::request& req, http::response& res) {
  if (!authorized(a, req, res)) return;
  const long long limit = int_param(req, "limit", 100);
  if (limit < 1 || limit > 500) {
    send_error(res, 400, "collector.invalid_query", "limit", "limit is 1 to 500");
    return;
  }
  json body = deliveries_json(*a.db, static_cast<int>(limit));
  json urls = json::array();
  for (const std::string& url : a.cfg.webhooks) urls.push_back(url_for_log(url));
  body["webhooks"] = std::move(urls);
  send_json(res, 200, body);
}

}  // namespace pepite::collector
