// The survey definitions a shopper's page reads, with and without the first view (see the header).
#include "first_view_route.hpp"

#include <ctime>
#include <string>

#include "follow_up.hpp"
#include "pepite/first_view.hpp"
#include "reply.hpp"
#include "token.hpp"

namespace pepite::collector {

namespace {

/// How long a browser or a cache may reuse an answer without asking: a stale first view is safe
/// (the core's own view replaces it), and a new definition needs a restart anyway.
constexpr const char* cache_control = "public, max-age=300";

/// The survey the path names, for a shopper's page that fetches it from the shop's origin:
/// readable from the origins allowed to POST responses (a simple GET needs no preflight), with
/// Vary on every answer, with or without the header (a shared cache must not hand an answer made
/// for one origin to another). Answers 404 and returns `a.surveys.end()` when there is none.
auto requested_survey(app& a, const http::request& req, http::response& res) {
  const std::string origin = req.get_header_value("Origin");
  if (a.cors.allows(origin)) res.set_header("Access-Control-Allow-Origin", origin);
  res.set_header("Vary", "Origin");
  auto found = a.surveys.find(req.matches[1]);
  if (found == a.surveys.end())
    send_error(res, 404, "collector.not_found", "", "no survey with this id");
  return found;
}

}  // namespace

void survey_definition(app& a, const http::request& req, http::response& res) {
  auto found = requested_survey(a, req, res);
  if (found == a.surveys.end()) return;
  res.set_header("Cache-Control", "no-cache");
  res.status = 200;
  res.set_content(found->second.json, "application/json");
}

void get_first_view(app& a, const http::request& req, http::response& res) {
  auto found = requested_survey(a, req, res);
  if (found == a.surveys.end()) return;
  // The order page's widget with the shop's token (`t`, issue 17): once the order's case is
  // resolved, the "is it solved?" survey instead, as the hosted link does. A token that is not
  // valid for this survey changes nothing here (the POST says why it is refused). Either way the
  // reply is the order's own: never shared, and tagged apart from the public one.
  const std::string token = req.get_param_value("t");
  if (!token.empty() && !a.cfg.token_secret.empty()) {
    const token_check check = verify_token(
        token, a.cfg.token_secret, static_cast<std::int64_t>(std::time(nullptr)), found->first);
    const std::string follow_id =
        check.ok ? follow_up_due(a, found->first, check.claims.order_id) : std::string();
    if (!follow_id.empty()) found = a.surveys.find(follow_id);
  }
  const bool personal = !token.empty();
  const first_view_result fv =
      first_view(found->second.json, locale_list(req.get_param_value("locales")));
  if (!fv.ok()) {
    // The definitions were checked at start: only the locales can be refused.
    send_error(res, 400, "collector.bad_locales", "locales",
               "locales is 1 to 10 tags by preference, such as fr-CA,fr,en");
    return;
  }
  const std::string etag =
      "\"" + fv.definition_hash + "-" + fv.locale + (personal ? "-t" : "") + "\"";
  res.set_header("ETag", etag);
  res.set_header("Cache-Control", personal ? "private, no-store" : cache_control);
  // If-None-Match holds entity tags (or *); W/"x" names "x" too (weak comparison, RFC 9110).
  const std::string if_none_match = req.get_header_value("If-None-Match");
  if (if_none_match == "*" || if_none_match.find(etag) != std::string::npos) {
    res.status = 304;
    return;
  }
  res.status = 200;
  res.set_content(with_first_views(found->second.json, {fv}), "application/json");
}

}  // namespace pepite::collector
