// The hosted survey page: see hosted_page.hpp.
#include "hosted_page.hpp"

#include <cstdio>
#include <ctime>
#include <string>

#include "case_rules.hpp"
#include "detail/ui_strings.hpp"
#include "follow_up.hpp"
#include "page_text.hpp"
#include "query.hpp"
#include "reply.hpp"
#include "token.hpp"

namespace pepite::collector {

namespace {

// No inline script or style: the page is markup, pepite.js and one style sheet. The core is
// WebAssembly ('wasm-unsafe-eval'); the card's sheets are constructable (adoptedStyleSheets).
constexpr const char* hosted_csp =
    "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
    "connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; "
    "form-action 'none'";

// Readable on a 390 px phone and on a desktop; colours pass WCAG AA (text #1f2328 on #f6f7f9).
constexpr const char* hosted_css = R"css(*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:#f6f7f9;color:#1f2328;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif}
main{max-width:600px;margin:0 auto;padding:24px 16px 48px}
h1{font-size:1.375rem;line-height:1.3;margin:0 0 4px}
.ph-order{margin:0 0 20px;color:#4f5964}
.ph-message{background:#fff;border:1px solid #6e7781;border-radius:12px;padding:16px 20px}
h2{font-size:1.125rem;margin:28px 0 8px}
a{color:#0b5cad;text-decoration:underline;text-underline-offset:2px}
.ph-status{margin:20px 0 0}
.ph-steps{list-style:none;margin:0;padding:0}
.ph-step{position:relative;margin:0;padding:0 0 18px 36px;overflow-wrap:anywhere}
.ph-step::before{content:"";position:absolute;left:4px;top:4px;width:16px;height:16px;border-radius:50%;border:2px solid #57606a;background:#fff}
.ph-step::after{content:"";position:absolute;left:13px;top:24px;bottom:0;border-left:2px solid #8c959f}
.ph-step:last-child::after{display:none}
.ph-done::before{background:#1a7f37;border-color:#1a7f37}
.ph-step-name{display:block;font-weight:600}
.ph-when{display:block;color:#4f5964}
.ph-notes{list-style:none;margin:0;padding:0}
.ph-note{background:#fff;border:1px solid #6e7781;border-radius:12px;padding:12px 16px;margin:0 0 12px;overflow-wrap:anywhere;white-space:pre-line}
.ph-note time{display:block;color:#4f5964;font-size:.875rem}
@media (prefers-color-scheme:dark){body{background:#0d1117;color:#eef1f4}.ph-order,.ph-when,.ph-note time{color:#b3bcc6}.ph-message,.ph-note{background:#1b1e23;border-color:#8b949e}a{color:#7cb8ff}.ph-step::before{background:#0d1117;border-color:#b3bcc6}.ph-done::before{background:#3fb950;border-color:#3fb950}}
)css";

// Shows the hosted page's status link (`#ph-status`) once the collector acknowledged the answer
// (the widget's public `sent` event): after a consented call-back request, or after any answer
// when the link says `data-when="sent"` (the "is it solved?" card). No change to pepite.js.
constexpr const char* status_link_js = R"js((function () {
  var box = document.getElementById('ph-status');
  if (!box || typeof window.pepite !== 'function') return;
  window.pepite('on', 'sent', function (detail) {
    var payload = detail && detail.payload;
    if (!payload) return;
    if (box.getAttribute('data-when') === 'sent' || payload.callbackConsent === true) {
      box.hidden = false;
    }
  });
})();
)js";

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// The page around `body`: language, title, no referrer (the link holds the token), no cache.
void send_page(http::response& res, int status, const std::string& lang, const page_text& t,
               const char* title, const std::string& body) {
  res.status = status;
  res.set_header("Content-Type", "text/html; charset=utf-8");
  res.set_header("Content-Security-Policy", hosted_csp);
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Referrer-Policy", "no-referrer");
  res.set_header("Cache-Control", "no-store");
  res.body = "<!doctype html>\n<html lang=\"" + lang + (t.rtl ? "\" dir=\"rtl" : "") +
             "\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
             "content=\"width=device-width, initial-scale=1\">\n<title>" +
             title +
             "</title>\n<link rel=\"stylesheet\" href=\"/s/hosted.css\">\n</head>\n<body>\n<main>\n"
             "<h1>" +
             title + "</h1>\n" + body + "</main>\n</body>\n</html>\n";
}

void send_message(http::response& res, int status, const std::string& lang, const page_text& t,
                  const char* title, const char* message) {
  send_page(res, status, lang, t, title,
            std::string("<p class=\"ph-message\" role=\"alert\">") + message + "</p>\n");
}

// A link's survey and token, checked: the claims, the page's language and its texts; otherwise
// the refusal page is sent and nullopt returned. `title` picks the page's title in the texts.
struct checked_link {
  token_claims claims;
  std::string lang;
  const page_text* text = nullptr;
  const page_text& texts() const { return *text; }
};

std::optional<checked_link> check_link(app& a, const http::request& req, http::response& res,
                                       const char* page_text::*title) {
  const std::string survey_id = req.matches.at(1);
  const std::string token = req.get_param_value("t");
  // The token's locale once it is checked; until then the browser's language (of the twelve).
  checked_link link;
  link.text = &page_text_for_header(req.get_header_value("Accept-Language"));
  link.lang = link.text->code;
  const page_text& t = link.texts();
  if (a.surveys.find(survey_id) == a.surveys.end() || is_follow_up_id(survey_id)) {
    send_message(res, 404, link.lang, t, t.*title, t.unknown_survey);
    return std::nullopt;
  }
  if (a.cfg.token_secret.empty()) {
    send_message(res, 404, link.lang, t, t.*title, t.no_tokens);
    return std::nullopt;
  }
  if (token.empty()) {
    send_message(res, 400, link.lang, t, t.*title, t.missing);
    return std::nullopt;
  }
  token_check check = verify_token(token, a.cfg.token_secret,
                                   static_cast<std::int64_t>(std::time(nullptr)), survey_id);
  if (!check.ok) {
    const bool expired = check.code == "collector.token_expired";
    send_message(res, expired ? 410 : 403, link.lang, t, t.*title, expired ? t.expired : t.invalid);
    return std::nullopt;
  }
  // A token's locale outside the twelve keeps the browser's language for the page's words.
  if (!check.claims.locale.empty()) {
    link.lang = check.claims.locale;
    if (const page_text* own = page_text_of(link.lang)) link.text = own;
  }
  link.lang = html_escape(link.lang);
  link.claims = std::move(check.claims);
  return link;
}

// `/s/{survey}/status?t=…`: the page's own link, from the same token (URL-safe characters).
std::string status_href(const std::string& survey_id, const std::string& token) {
  return "/s/" + survey_id + "/status?t=" + token;
}

std::string order_line(const page_text& t, const std::string& order_id) {
  return "<p class=\"ph-order\">" + std::string(t.order) + html_escape(order_id) + "</p>\n";
}

// The card of `survey_file` (a survey id) drawn by pepite.js, and the status link the helper
// script shows once the answer is acknowledged (`when`: `consent` or `sent`).
std::string card_markup(app& a, const std::string& base_id, const std::string& survey_file,
                        const std::string& token, const checked_link& link, const char* when) {
  // The shop's theme from the definition (checked at start), as the script tag's data-theme.
  std::string theme_attribute;
  const json definition = json::parse(a.surveys.at(base_id).json, nullptr, false);
  if (definition.is_object() && definition.contains("theme") && definition["theme"].is_object()) {
    theme_attribute = " data-theme=\"" + html_escape(dump(definition["theme"])) + "\"";
  }
  // pepite.js reads its own tag: the survey, the endpoint (this collector), the token, and the
  // card drawn inline in the page. The token's characters are [A-Za-z0-9_.-]: safe in an
  // attribute; the order id is escaped.
  return order_line(link.texts(), link.claims.order_id) +
         "<div id=\"pepite-card\"></div>\n<p id=\"ph-status\" class=\"ph-status\" data-when=\"" +
         when + "\" hidden><a href=\"" + status_href(base_id, html_escape(token)) + "\">" +
         link.texts().follow_link +
         "</a></p>\n<script src=\"/pepite/pepite.js\" data-survey=\"/pepite/surveys/" +
         survey_file + ".json\" data-endpoint=\"/v1/responses\" data-token=\"" +
         html_escape(token) + "\" data-locale=\"" + link.lang +
         "\" data-position=\"inline\" data-target=\"#pepite-card\"" + theme_attribute +
         "></script>\n<script src=\"/s/status-link.js\"></script>\n";
}

// `2026-12-07T09:15:00.000Z` as `<time>`: "7 décembre 2026 à 09:15 UTC", "7 December 2026, 09:15
// UTC" (the page has no script to know the shopper's time zone: UTC, said).
std::string time_markup(const page_text& t, const std::string& iso) {
  const auto seconds = iso_seconds(iso);
  if (!seconds) return {};
  const std::time_t at = static_cast<std::time_t>(*seconds);
  std::tm tm{};
  gmtime_r(&at, &tm);
  char clock[16];
  std::snprintf(clock, sizeof clock, "%02d:%02d", tm.tm_hour, tm.tm_min);
  // The language's order: {d} {m} {y} {t}, each once.
  std::string date(t.date);
  const std::pair<const char*, std::string> parts[] = {{"{d}", std::to_string(tm.tm_mday)},
                                                       {"{m}", t.months[tm.tm_mon]},
                                                       {"{y}", std::to_string(tm.tm_year + 1900)},
                                                       {"{t}", clock}};
  for (const auto& [name, value] : parts) {
    const std::size_t at = date.find(name);
    if (at != std::string::npos) date.replace(at, 3, value);
  }
  return "<time datetime=\"" + html_escape(iso) + "\">" + date + " UTC</time>";
}

std::string step(const char* name, const std::string& when, bool done) {
  return std::string("<li class=\"ph-step") + (done ? " ph-done" : "") +
         "\"><span class=\"ph-step-name\">" + name + "</span><span class=\"ph-when\">" + when +
         "</span></li>\n";
}

const char* answer_text(const page_text& t, const std::string& answer) {
  if (answer == "yes") return t.yes;
  if (answer == "partly") return t.partly;
  if (answer == "no") return t.no;
  return nullptr;
}

// The promise of the survey's detractor screen in `lang` ("sous 24 h") in the core's UI sentence
// ("Nous vous rappelons {delay}."); empty when the survey promises nothing.
std::string promise_text(const app& a, const std::string& survey_id, const std::string& lang) {
  const survey& s = a.surveys.at(survey_id).definition;
  const auto screen = s.thank_you_screens.find("detractor");
  if (screen == s.thank_you_screens.end()) return {};
  const std::string delay = resolve(screen->second.callback_delay, lang, s.default_locale);
  if (delay.empty()) return {};
  std::string language(detail::ui_language(lang));
  if (language.empty()) language = "en";
  std::string sentence(detail::builtin_ui("callbackPromise", language));
  const std::size_t at = sentence.find("{delay}");
  if (at == std::string::npos) return {};
  return html_escape(sentence.replace(at, 7, delay));
}

}  // namespace

void hosted_page(app& a, const http::request& req, http::response& res) {
  const auto link = check_link(a, req, res, &page_text::title);
  if (!link) return;
  const std::string survey_id = req.matches.at(1);
  const std::string token = req.get_param_value("t");
  const page_text& t = link->texts();
  // One response per order and survey: a link opened again after the answer says it is in, with
  // the link to where the request stands. Once the order's case is resolved, the link asks
  // once "is it solved?" (a survey of its own; asked until answered, never again after).
  const std::string follow_id = follow_up_due(a, survey_id, link->claims.order_id);
  if (!follow_id.empty()) {
    send_page(res, 200, link->lang, t, t.title,
              card_markup(a, survey_id, follow_id, token, *link, "sent"));
    return;
  }
  if (a.db->order_answered(survey_id, link->claims.order_id)) {
    send_page(res, 200, link->lang, t, t.title,
              order_line(t, link->claims.order_id) + "<p class=\"ph-message\">" + t.answered +
                  "</p>\n<p class=\"ph-status\"><a href=\"" +
                  status_href(survey_id, html_escape(token)) + "\">" + t.follow_link +
                  "</a></p>\n");
    return;
  }
  send_page(res, 200, link->lang, t, t.title,
            card_markup(a, survey_id, survey_id, token, *link, "consent"));
}

void status_page(app& a, const http::request& req, http::response& res) {
  const auto link = check_link(a, req, res, &page_text::status_title);
  if (!link) return;
  const std::string survey_id = req.matches.at(1);
  const page_text& t = link->texts();
  // The page's words are in the language of its texts (the token's, else the browser's).
  const std::string lang = t.code;
  const auto found = a.db->order_case(survey_id, link->claims.order_id);
  if (!found) {
    send_page(res, 404, lang, t, t.status_title,
              order_line(t, link->claims.order_id) + "<p class=\"ph-message\" role=\"alert\">" +
                  t.unknown_order + "</p>\n<p class=\"ph-status\"><a href=\"/s/" + survey_id +
                  "?t=" + html_escape(req.get_param_value("t")) + "\">" + t.answer_link +
                  "</a></p>\n");
    return;
  }
  const case_row& c = *found;
  const response_row& r = c.response;
  std::string body = order_line(t, link->claims.order_id) + "<ol class=\"ph-steps\">\n" +
                     step(t.step_received, time_markup(t, r.received_at), true);
  // The path as it went: each status move still in force, and the shopper's own answer.
  bool moved = false;
  if (c.has_case) {
    for (const auto& e : a.db->case_events(r.response_id)) {
      if (e.undone) continue;
      const char* name = nullptr;
      std::string extra;
      if (e.kind == "status") {
        name = e.to == "contacted"  ? t.step_contacted
               : e.to == "resolved" ? t.step_resolved
               : e.to == "open"     ? t.step_reopened
                                    : nullptr;
        moved = moved || name != nullptr;
      } else if (e.kind == "resolution") {
        if (const char* said = answer_text(t, e.to)) {
          name = t.step_confirmed;
          extra = said;
        }
      }
      if (name) body += step((std::string(name) + extra).c_str(), time_markup(t, e.at), true);
    }
  }
  // What is still to come, and the promise: only for a case whose call-back was asked for (or
  // that staff already moved); otherwise "received" is the whole story, said so.
  const bool followed = c.has_case && (r.callback_consent || moved);
  if (followed && r.follow_up == "open") body += step(t.step_contacted, t.not_yet, false);
  if (followed && r.follow_up != "resolved") body += step(t.step_resolved, t.not_yet, false);
  body += "</ol>\n";
  if (!followed) {
    body += "<p class=\"ph-message\">" + std::string(t.received_only) + "</p>\n";
  } else if (r.follow_up == "open" && r.callback_consent) {
    const std::string promise = promise_text(a, survey_id, lang);
    body += "<p class=\"ph-message\">";
    if (!promise.empty()) body += promise + " ";
    body += std::string(t.due) + time_markup(t, c.due_at) + ".";
    if (!c.due_at.empty() && c.due_at < now_iso()) body += " " + std::string(t.overdue);
    body += "</p>\n";
  }
  // Staff notes marked for the shopper; the others stay in the team.
  std::string notes;
  if (c.has_case) {
    for (const auto& n : a.db->case_notes(r.response_id)) {
      if (!n.for_shopper) continue;
      notes += "<li class=\"ph-note\">" + time_markup(t, n.at) + html_escape(n.text) + "</li>\n";
    }
  }
  if (!notes.empty()) {
    body += "<h2>" + std::string(t.notes_title) + "</h2>\n<ul class=\"ph-notes\">\n" + notes +
            "</ul>\n";
  }
  send_page(res, 200, lang, t, t.status_title, body);
}

namespace {

// A file of the shopper's pages, the same for everyone: cached for 5 minutes.
void send_static(http::response& res, const char* content_type, std::string_view body) {
  res.status = 200;
  res.set_header("Content-Type", content_type);
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Cache-Control", "public, max-age=300");
  res.body = std::string(body);
}

}  // namespace

void hosted_page_css(app&, const http::request&, http::response& res) {
  send_static(res, "text/css; charset=utf-8", hosted_css);
}

void status_link_script(app&, const http::request&, http::response& res) {
  send_static(res, "text/javascript; charset=utf-8", status_link_js);
}

}  // namespace pepite::collector
