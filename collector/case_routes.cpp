// The routes of cases: see case_routes.hpp.
#include "case_routes.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <map>

#include "auth.hpp"
#include "follow_up.hpp"
#include "query.hpp"
#include "reply.hpp"
#include "rows.hpp"

namespace pepite::collector {

namespace {

json option_label(const question* q, const std::string& id, const survey* s,
                  const std::string& lang) {
  if (q) {
    if (id == "other" && q->has_other) return resolve(q->other_label, lang, s->default_locale);
    for (const auto& option : q->options) {
      if (option.id == id) return resolve(option.label, lang, s->default_locale);
    }
  }
  return id;
}

json compact_row(const response_row& r) {
  json j = json::object();
  j["responseId"] = r.response_id;
  j["surveyId"] = r.survey_id;
  j["receivedAt"] = r.received_at;
  j["nps"] = r.nps ? json(*r.nps) : json(nullptr);
  j["category"] = r.category.empty() ? json(nullptr) : json(r.category);
  j["comment"] = r.comment;
  j["followUp"] = r.follow_up;
  return j;
}

// A queue's row: the API row (row_json) and everything the shopper said, the case, the other
// responses for the same order.
json case_json(app& a, const case_row& c, const std::string& lang, const std::string& now,
               const std::vector<response_row>& order_rows,
               const std::map<std::string, std::vector<case_note>>& notes_of) {
  const response_row& r = c.response;
  json j = row_json(r, false);
  const json payload = json::parse(r.payload, nullptr, false);
  const bool has_payload = payload.is_object();
  j["answers"] =
      has_payload ? labelled_answers(payload, survey_of(a, r.survey_id), lang) : json::array();
  json topics = json::array();
  if (has_payload) {
    if (auto t = payload.find("topics"); t != payload.end() && t->is_array()) topics = *t;
  }
  j["topics"] = topics;
  json contact = nullptr;
  if (has_payload && r.callback_consent) {
    if (auto t = payload.find("contact"); t != payload.end() && t->is_object()) {
      contact = json::object();
      contact["channel"] = t->value("channel", json(nullptr));
      contact["value"] = t->value("value", json(nullptr));
    }
  }
  j["contact"] = contact;
  json kase = json::object();
  kase["status"] = r.follow_up;
  kase["assignee"] = c.assignee.empty() ? json(nullptr) : json(c.assignee);
  kase["dueAt"] = c.due_at;
  kase["overdue"] = r.follow_up == "open" && !c.due_at.empty() && c.due_at < now;
  kase["createdAt"] = c.created_at;
  kase["contactedAt"] = c.contacted_at.empty() ? json(nullptr) : json(c.contacted_at);
  kase["resolvedAt"] = c.resolved_at.empty() ? json(nullptr) : json(c.resolved_at);
  kase["lastEvent"] = c.last_event > 0 ? json(c.last_event) : json(nullptr);
  json notes = json::array();
  if (const auto it = notes_of.find(r.response_id); c.has_case && it != notes_of.end()) {
    for (const auto& n : it->second) {
      json note = json::object();
      note["id"] = n.seq;
      note["at"] = n.at;
      note["author"] = n.author;
      note["text"] = n.text;
      note["forShopper"] = n.for_shopper;
      notes.push_back(note);
    }
  }
  kase["notes"] = notes;
  // The shopper's answer to "is it solved?" (issue 17), once given.
  json resolution = nullptr;
  if (c.has_case && !r.token_order.empty()) {
    if (const auto f = a.db->follow_up_of(r); f && f->status == "complete") {
      resolution = resolution_json(read_resolution(f->payload, f->updated_at));
    }
  }
  kase["resolution"] = resolution;
  j["case"] = kase;
  json same = json::array();
  if (!r.order_id.empty()) {
    for (const auto& other : order_rows) {
      if (other.order_id == r.order_id && other.response_id != r.response_id)
        same.push_back(compact_row(other));
    }
  }
  j["sameOrder"] = same;
  return j;
}

json case_page(app& a, const std::vector<case_row>& rows, const std::string& lang) {
  std::vector<std::string> orders;
  for (const auto& c : rows) {
    if (!c.response.order_id.empty()) orders.push_back(c.response.order_id);
  }
  const auto order_rows = a.db->same_order(orders);
  // Every case's notes in one query for the page.
  std::vector<std::string> ids;
  for (const auto& c : rows) {
    if (c.has_case) ids.push_back(c.response.response_id);
  }
  const auto notes_of = a.db->case_notes(ids);
  const std::string now = now_iso();
  json items = json::array();
  for (const auto& c : rows) items.push_back(case_json(a, c, lang, now, order_rows, notes_of));
  return items;
}

json event_json(const case_event& e) {
  json j = json::object();
  j["id"] = e.seq;
  j["at"] = e.at;
  j["actor"] = e.actor;
  j["kind"] = e.kind;
  j["from"] = e.from;
  j["to"] = e.to;
  if (!e.note.empty()) j["note"] = e.note;
  j["undone"] = e.undone;
  j["undoes"] = e.undoes > 0 ? json(e.undoes) : json(nullptr);
  return j;
}

// The body of a change: a JSON object with only `allowed` keys; otherwise answers 400.
bool read_body(const http::request& req, std::initializer_list<const char*> allowed, json& body,
               http::response& res) {
  body = json::parse(req.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    send_error(res, 400, "collector.invalid_body", "", "send a JSON object");
    return false;
  }
  json unknown = json::array();
  for (const auto& [key, value] : body.items()) {
    bool known = false;
    for (const char* k : allowed) known = known || key == k;
    if (!known) {
      unknown.push_back(error_item("collector.invalid_body", key, "unknown key \"" + key + "\""));
    }
  }
  if (unknown.empty()) return true;
  send_errors(res, 400, std::move(unknown));
  return false;
}

bool string_member(const json& body, const char* key, std::size_t max, bool required,
                   std::string& out, http::response& res) {
  auto it = body.find(key);
  if (it == body.end() && !required) return true;
  if (it == body.end() || !it->is_string() || it->get_ref<const std::string&>().size() > max) {
    send_error(res, 400, "collector.invalid_body", key,
               std::string(key) + " is a string of at most " + std::to_string(max) + " bytes");
    return false;
  }
  out = it->get<std::string>();
  return true;
}

}  // namespace

const survey* survey_of(const app& a, const std::string& survey_id) {
  auto found = a.surveys.find(survey_id);
  return found == a.surveys.end() ? nullptr : &found->second.definition;
}

std::string manager_lang(const http::request& req) {
  std::string lang = req.get_param_value("lang");
  if (lang.empty()) {
    lang = req.get_header_value("Accept-Language");
    lang = lang.substr(0, lang.find_first_of(",;"));
  }
  lang.erase(0, lang.find_first_not_of(' '));
  if (lang.size() > 35 || lang == "*") lang.clear();
  return lang;
}

std::string answer_cell(const json& answer) {
  if (const auto labels = answer.find("labels"); labels != answer.end() && labels->is_array()) {
    std::string cell;
    for (const auto& label : *labels) {
      if (!label.is_string()) continue;
      if (!cell.empty()) cell += "; ";
      cell += label.get<std::string>();
    }
    return cell;
  }
  const json& value = answer["value"];
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number()) return value.dump();
  return {};
}

json labelled_answers(const json& payload, const survey* s, const std::string& lang) {
  json out = json::array();
  const auto answers = payload.find("answers");
  if (answers == payload.end() || !answers->is_array()) return out;
  for (const json& answer : *answers) {
    if (!answer.is_object()) continue;
    const std::string id = answer.value("questionId", std::string());
    const question* q = s ? s->find(id) : nullptr;
    json item = json::object();
    item["questionId"] = id;
    item["question"] = q ? json(resolve(q->label, lang, s->default_locale)) : json(id);
    item["type"] = answer.value("type", json(nullptr));
    const json value = answer.value("value", json(nullptr));
    item["value"] = value;
    if (item["type"] == "choice") {
      json labels = json::array();
      if (value.is_string()) labels.push_back(option_label(q, value.get<std::string>(), s, lang));
      if (value.is_array()) {
        for (const json& v : value) {
          if (v.is_string()) labels.push_back(option_label(q, v.get<std::string>(), s, lang));
        }
      }
      item["labels"] = labels;
      if (auto t = answer.find("otherText"); t != answer.end() && t->is_string())
        item["otherText"] = *t;
    }
    out.push_back(item);
  }
  return out;
}

void list_cases(app& a, const http::request& req, http::response& res) {
  if (!signed_in(a, req, res)) return;
  case_query q;
  if (!read_filter(req, q.filter, res)) return;
  q.queue = req.has_param("queue") ? req.get_param_value("queue") : "callback";
  if (!one_of(q.queue, {"callback", "read", "history"})) {
    send_error(res, 400, "collector.invalid_query", "queue", "queue is callback, read or history");
    return;
  }
  q.search = req.get_param_value("q");
  if (q.search.size() > 200) {
    send_error(res, 400, "collector.invalid_query", "q", "q is at most 200 bytes");
    return;
  }
  const long long limit = int_param(req, "limit", 50);
  const long long offset = int_param(req, "offset", 0);
  if (limit < 1 || limit > 200) {
    send_error(res, 400, "collector.invalid_query", "limit", "limit is 1 to 200");
    return;
  }
  if (offset < 0 || offset > 1000000) {
    send_error(res, 400, "collector.invalid_query", "offset", "offset is 0 to 1000000");
    return;
  }
  q.limit = static_cast<int>(limit);
  q.offset = static_cast<int>(offset);
  bool more = false;
  const auto rows = a.db->list_cases(q, &more);
  json body = json::object();
  body["queue"] = q.queue;
  body["items"] = case_page(a, rows, manager_lang(req));
  body["nextOffset"] = more ? json(offset + limit) : json(nullptr);
  send_json(res, 200, body);
}

void count_cases(app& a, const http::request& req, http::response& res) {
  if (!signed_in(a, req, res)) return;
  response_filter filter;
  if (!read_filter(req, filter, res)) return;
  constexpr std::int64_t cap = 10000;
  const store::queue_counts n = a.db->count_queues(filter, now_iso(), cap);
  json body = json::object();
  body["callback"] = n.callback;
  body["overdue"] = n.overdue;
  body["read"] = n.read;
  body["history"] = n.history;
  body["cap"] = cap;
  send_json(res, 200, body);
}

void get_case(app& a, const http::request& req, http::response& res) {
  if (!signed_in(a, req, res)) return;
  const std::string id = req.matches[1];
  const auto found = a.db->find_case(id);
  if (!found) {
    send_error(res, 404, "collector.not_found", "", "no response with this id");
    return;
  }
  json body = case_page(a, {*found}, manager_lang(req))[0];
  json events = json::array();
  for (const auto& e : a.db->case_events(id)) events.push_back(event_json(e));
  body["events"] = events;
  send_json(res, 200, body);
}

void change_case(app& a, const http::request& req, http::response& res) {
  const auto actor = signed_in(a, req, res);
  if (!actor) return;
  case_change change;
  change.response_id = req.matches[1];
  change.actor = *actor;
  const std::string action = req.matches[2];
  json body;
  if (action == "status") {
    change.what = case_change::kind::status;
    if (!read_body(req, {"status"}, body, res) ||
        !string_member(body, "status", 20, true, change.value, res)) {
      return;
    }
    if (!one_of(change.value, {"open", "contacted", "resolved"})) {
      send_error(res, 400, "collector.invalid_body", "status",
                 "status is open, contacted or resolved");
      return;
    }
  } else if (action == "assign") {
    change.what = case_change::kind::assign;
    if (!read_body(req, {"assignee"}, body, res)) return;
    auto it = body.find("assignee");
    if (it == body.end() || !(it->is_null() || it->is_string())) {
      send_error(res, 400, "collector.invalid_body", "assignee",
                 "assignee is a user's name, or null for nobody");
      return;
    }
    change.value = it->is_string() ? it->get<std::string>() : "";
    if (!change.value.empty() && change.value != "admin") {
      const auto names = a.db->user_names();
      if (std::find(names.begin(), names.end(), change.value) == names.end()) {
        send_error(res, 400, "collector.unknown_user", "assignee",
                   "no user with this name (pepite-collector user add NAME)");
        return;
      }
    }
  } else if (action == "notes") {
    change.what = case_change::kind::note;
    if (!read_body(req, {"text", "forShopper"}, body, res) ||
        !string_member(body, "text", 2000, true, change.value, res)) {
      return;
    }
    if (change.value.find_first_not_of(" \t\r\n") == std::string::npos) {
      send_error(res, 400, "collector.invalid_body", "text", "a note needs some text");
      return;
    }
    if (auto it = body.find("forShopper"); it != body.end()) {
      if (!it->is_boolean()) {
        send_error(res, 400, "collector.invalid_body", "forShopper", "forShopper is true or false");
        return;
      }
      change.for_shopper = it->get<bool>();
    }
  } else {
    change.what = case_change::kind::undo;
    if (!read_body(req, {"eventId"}, body, res)) return;
    if (auto it = body.find("eventId"); it != body.end()) {
      if (!it->is_number_integer() || it->get<std::int64_t>() < 1) {
        send_error(res, 400, "collector.invalid_body", "eventId",
                   "eventId is the id of the change to undo (the case's lastEvent)");
        return;
      }
      change.expected_event = it->get<std::int64_t>();
    }
  }
  const auto current = a.db->find(change.response_id, false);
  if (!current) {
    send_error(res, 404, "collector.not_found", "", "no response with this id");
    return;
  }
  const survey_entry* entry = nullptr;
  if (auto found = a.surveys.find(current->survey_id); found != a.surveys.end())
    entry = &found->second;
  change.now = now_iso();
  change.due_at = add_hours(current->received_at,
                            entry ? entry->callback_delay_hours : default_callback_delay_hours);
  const case_result result = a.db->change_case(change);
  switch (result.outcome) {
    case case_outcome::ok:
      break;
    case case_outcome::not_found:
      send_error(res, 404, "collector.not_found", "", "no response with this id");
      return;
    case case_outcome::bad_transition:
      send_error(res, 409, "collector.bad_transition", "status",
                 "a case moves open → contacted → resolved, and back to open to reopen it");
      return;
    case case_outcome::nothing_to_undo:
      send_error(res, 409, "collector.nothing_to_undo", "", "this case has no change to undo");
      return;
    case case_outcome::conflict:
      send_error(res, 409, "collector.undo_conflict", "eventId",
                 "the case changed since: reload it before undoing");
      return;
    case case_outcome::failed:
      res.set_header("Retry-After", "1");
      send_error(res, 503, "collector.storage_failed", "", "the change could not be stored");
      return;
  }
  const auto updated = a.db->find_case(change.response_id);
  json out = updated ? case_page(a, {*updated}, manager_lang(req))[0] : json::object();
  out["event"] = result.event;
  send_json(res, 200, out);
}

void list_users(app& a, const http::request& req, http::response& res) {
  if (!signed_in(a, req, res)) return;
  json items = json::array();
  items.push_back("admin");
  for (const auto& name : a.db->user_names()) items.push_back(name);
  json body = json::object();
  body["items"] = items;
  send_json(res, 200, body);
}

namespace {

// `day` (YYYY-MM-DD) moved by `days`.
std::string shift_day(const std::string& day, long long days) {
  const auto at = iso_seconds(day + "T00:00:00Z");
  if (!at) return {};
  const std::time_t moved = static_cast<std::time_t>(*at + days * 86400);
  std::tm tm{};
  gmtime_r(&moved, &tm);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
  return buf;
}

json optional_number(const std::optional<double>& v) {
  return v ? json(*v) : json(nullptr);
}

// A figure with its count, the previous period's, and the trend (null: not enough answers).
json figure_json(const pepite::kpi_figure& now, const std::optional<pepite::kpi_figure>& before) {
  json j = json::object();
  j["value"] = optional_number(now.value);
  j["count"] = now.count;
  if (before) {
    json p = json::object();
    p["value"] = optional_number(before->value);
    p["count"] = before->count;
    j["previous"] = p;
  } else {
    j["previous"] = nullptr;
  }
  const auto trend = before ? pepite::kpi_trend(now, *before) : std::nullopt;
  j["trend"] = optional_number(trend);
  j["enough"] = now.count >= pepite::kpi_trend_min_count;
  return j;
}

}  // namespace

json overview_figures(app& a, const response_filter& filter, const pepite::stats& filter_stats) {
  response_filter current = filter;
  std::optional<response_filter> previous;
  const bool days = filter.from.size() == 10 && filter.to.size() == 10;
  if (days || (filter.from.empty() && filter.to.empty())) {
    if (!days) {
      current.to = now_iso().substr(0, 10);
      current.from = shift_day(current.to, -29);
    }
    const auto from = iso_seconds(current.from + "T00:00:00Z");
    const auto to = iso_seconds(current.to + "T00:00:00Z");
    if (from && to && *to >= *from) {
      const long long length = (*to - *from) / 86400 + 1;
      previous = current;
      previous->from = shift_day(current.from, -length);
      previous->to = shift_day(current.from, -1);
    }
  }
  const auto now_seconds = iso_seconds(now_iso()).value_or(0);
  auto kpis = [&](const response_filter& f) {
    return pepite::complaint_figures(static_cast<int>(a.db->count(f)),
                                     a.db->complaint_counts(f, now_seconds),
                                     a.db->complaint_confirmations(f));
  };
  const pepite::complaint_kpis k = kpis(current);
  std::optional<pepite::complaint_kpis> before;
  if (previous) before = kpis(*previous);
  auto pick = [&](pepite::kpi_figure pepite::complaint_kpis::*member) {
    return figure_json(
        k.*member, before ? std::optional<pepite::kpi_figure>((*before).*member) : std::nullopt);
  };
  json out = json::object();
  json period = json::object();
  period["from"] = current.from.empty() ? json(nullptr) : json(current.from);
  period["to"] = current.to.empty() ? json(nullptr) : json(current.to);
  out["period"] = period;
  if (previous) {
    json p = json::object();
    p["from"] = previous->from;
    p["to"] = previous->to;
    out["previousPeriod"] = p;
  } else {
    out["previousPeriod"] = nullptr;
  }
  json complaints = json::object();
  complaints["responses"] = k.responses;
  complaints["complaints"] = k.complaints;
  complaints["complaintShare"] = pick(&pepite::complaint_kpis::complaint_share);
  complaints["medianHoursToContact"] = pick(&pepite::complaint_kpis::median_hours_to_contact);
  complaints["p90HoursToContact"] = pick(&pepite::complaint_kpis::p90_hours_to_contact);
  complaints["withinPromiseShare"] = pick(&pepite::complaint_kpis::within_promise_share);
  complaints["resolutionRate"] = pick(&pepite::complaint_kpis::resolution_rate);
  complaints["npsBeforeResolution"] = pick(&pepite::complaint_kpis::nps_before_resolution);
  complaints["npsAfterResolution"] = pick(&pepite::complaint_kpis::nps_after_resolution);
  // "Is it solved?" (issue 17): `yes` ÷ answered, and each answer's count.
  json confirmed = pick(&pepite::complaint_kpis::resolution_confirmed);
  confirmed["yes"] = k.confirmed_yes;
  confirmed["partly"] = k.confirmed_partly;
  confirmed["no"] = k.confirmed_no;
  complaints["resolutionConfirmed"] = confirmed;
  out["complaints"] = complaints;
  // The NPS of the period and of the previous one, each with its count, and the trend.
  const auto nps_figure = [](const pepite::nps_stats& n) {
    pepite::kpi_figure f;
    f.count = n.total;
    if (n.total > 0) f.value = n.score;
    return f;
  };
  const pepite::stats now_stats = days ? filter_stats : a.db->compute_stats(current);
  json nps = figure_json(
      nps_figure(now_stats.nps),
      previous ? std::optional<pepite::kpi_figure>(nps_figure(a.db->compute_stats(*previous).nps))
               : std::nullopt);
  nps["margin95"] = now_stats.nps.margin95;
  nps["promoters"] = now_stats.nps.promoters;
  nps["passives"] = now_stats.nps.passives;
  nps["detractors"] = now_stats.nps.detractors;
  out["periodNps"] = nps;
  // Topics: how many responses of the period name each, the previous count and the difference.
  std::map<std::string, std::pair<std::int64_t, std::int64_t>> topics;
  for (const auto& [id, n] : a.db->topic_counts(current)) topics[id].first = n;
  if (previous) {
    for (const auto& [id, n] : a.db->topic_counts(*previous)) topics[id].second = n;
  }
  json list = json::array();
  for (const auto& [id, counts] : topics) {
    json t = json::object();
    t["id"] = id;
    t["count"] = counts.first;
    t["previous"] = previous ? json(counts.second) : json(nullptr);
    t["trend"] = previous ? json(counts.first - counts.second) : json(nullptr);
    list.push_back(t);
  }
  std::stable_sort(list.begin(), list.end(), [](const json& x, const json& y) {
    return x["count"].get<std::int64_t>() > y["count"].get<std::int64_t>();
  });
  out["topics"] = list;
  out["trendMinCount"] = pepite::kpi_trend_min_count;
  return out;
}

int run_user_command(int argc, char** argv) {
  // argv[0] is "user".
  std::string db = "pepite.db";
  std::string name;
  bool add = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--db" && i + 1 < argc) {
      db = argv[++i];
    } else if (arg == "add" && !add) {
      add = true;
    } else if (add && name.empty()) {
      name = arg;
    } else {
      add = false;
      break;
    }
  }
  bool valid = !name.empty() && name.size() <= 64 && name != "admin";
  for (const unsigned char ch : name) valid = valid && ch >= 0x20 && ch != 0x7f;
  if (!add || !valid) {
    std::fputs(
        "usage: pepite-collector user add NAME [--db pepite.db | postgresql://…]\n"
        "  NAME: 1 to 64 printable bytes, not \"admin\"; prints the user's token once\n",
        stderr);
    return 2;
  }
  std::string error;
  auto s = store::open(db, &error);
  if (!s) {
    std::fprintf(stderr, "store: %s\n", error.c_str());
    return 1;
  }
  const std::string token = generate_token();
  if (token.empty()) {
    std::fputs("cannot read /dev/urandom\n", stderr);
    return 1;
  }
  if (!s->add_user(name, token_hash(token), now_iso())) {
    std::fprintf(stderr, "a user named \"%s\" already exists\n", name.c_str());
    return 1;
  }
  std::printf("user %s added; token (shown once, stored hashed): %s\n", name.c_str(),
              token.c_str());
  return 0;
}

}  // namespace pepite::collector
