// The hosted survey page: see hosted_page.hpp.
#include "hosted_page.hpp"

#include <ctime>
#include <string>

#include "dashboard_routes.hpp"
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
@media (prefers-color-scheme:dark){body{background:#0d1117;color:#eef1f4}.ph-order{color:#b3bcc6}.ph-message{background:#1b1e23;border-color:#8b949e}}
)css";

struct page_text {
  const char* title;
  const char* order;  // followed by the order id
  const char* unknown_survey;
  const char* no_tokens;
  const char* missing;
  const char* invalid;
  const char* expired;
  const char* answered;
};

const page_text french = {
    "Votre avis sur votre commande",
    "Commande n° ",
    "Ce questionnaire n'existe pas ou n'est plus proposé.",
    "Les liens de questionnaire ne sont pas activés sur ce serveur.",
    "Ce lien est incomplet : ouvrez le lien reçu par e-mail ou SMS en entier.",
    "Ce lien n'est pas valide. Ouvrez le lien reçu par e-mail ou SMS sans le modifier.",
    "Ce lien a expiré. Merci de votre intérêt : il n'est plus possible de répondre.",
    "Merci : votre réponse pour cette commande est bien enregistrée."};

const page_text english = {
    "Your opinion on your order",
    "Order ",
    "This survey does not exist or is no longer offered.",
    "Survey links are not enabled on this server.",
    "This link is incomplete: open the whole link you received by e-mail or text message.",
    "This link is not valid. Open the link you received by e-mail or text message unchanged.",
    "This link has expired. Thank you for your interest: answers are no longer accepted.",
    "Thank you: your answer for this order is recorded."};

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
               const std::string& body) {
  res.status = status;
  res.set_header("Content-Type", "text/html; charset=utf-8");
  res.set_header("Content-Security-Policy", hosted_csp);
  res.set_header("Referrer-Policy", "no-referrer");
  res.set_header("Cache-Control", "no-store");
  res.body = "<!doctype html>\n<html lang=\"" + lang +
             "\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
             "content=\"width=device-width, initial-scale=1\">\n<title>" +
             t.title +
             "</title>\n<link rel=\"stylesheet\" href=\"/s/hosted.css\">\n</head>\n<body>\n<main>\n"
             "<h1>" +
             t.title + "</h1>\n" + body + "</main>\n</body>\n</html>\n";
}

void send_message(http::response& res, int status, const std::string& lang, const page_text& t,
                  const char* message) {
  send_page(res, status, lang, t,
            std::string("<p class=\"ph-message\" role=\"alert\">") + message + "</p>\n");
}

}  // namespace

void hosted_page(app& a, const http::request& req, http::response& res) {
  const std::string survey_id = req.matches.at(1);
  const std::string token = req.get_param_value("t");
  // The token's locale once it is checked; until then the browser's language.
  bool fr = prefers_french(lower(req.get_header_value("Accept-Language")));
  std::string lang = fr ? "fr" : "en";
  const auto texts = [&] { return fr ? french : english; };
  if (a.surveys.find(survey_id) == a.surveys.end()) {
    send_message(res, 404, lang, texts(), texts().unknown_survey);
    return;
  }
  if (a.cfg.token_secret.empty()) {
    send_message(res, 404, lang, texts(), texts().no_tokens);
    return;
  }
  if (token.empty()) {
    send_message(res, 400, lang, texts(), texts().missing);
    return;
  }
  const token_check check =
      verify_token(token, a.cfg.token_secret, static_cast<std::int64_t>(std::time(nullptr)),
                   survey_id);
  if (!check.ok) {
    const bool expired = check.code == "collector.token_expired";
    send_message(res, expired ? 410 : 403, lang, texts(),
                 expired ? texts().expired : texts().invalid);
    return;
  }
  if (!check.claims.locale.empty()) {
    lang = check.claims.locale;
    fr = lower(lang.substr(0, 2)) == "fr" && (lang.size() == 2 || lang[2] == '-');
  }
  // One response per order and survey: a link opened again after the answer says it is in.
  if (a.db->order_answered(survey_id, check.claims.order_id)) {
    send_page(res, 200, html_escape(lang), texts(),
              "<p class=\"ph-order\">" + std::string(texts().order) +
                  html_escape(check.claims.order_id) + "</p>\n<p class=\"ph-message\">" +
                  texts().answered + "</p>\n");
    return;
  }
  // The shop's theme from the definition (checked at start), as the script tag's data-theme.
  std::string theme_attribute;
  const json definition = json::parse(a.surveys.at(survey_id).json, nullptr, false);
  if (definition.is_object() && definition.contains("theme") && definition["theme"].is_object()) {
    theme_attribute = " data-theme=\"" + html_escape(dump(definition["theme"])) + "\"";
  }
  // pepite.js reads its own tag: the survey, the endpoint (this collector), the token, and the
  // card drawn inline in the page. The token's characters are [A-Za-z0-9_.-]: safe in an
  // attribute; the order id is escaped.
  send_page(res, 200, html_escape(lang), texts(),
            "<p class=\"ph-order\">" + std::string(texts().order) +
                html_escape(check.claims.order_id) +
                "</p>\n<div id=\"pepite-card\"></div>\n<script src=\"/pepite/pepite.js\" "
                "data-survey=\"/pepite/surveys/" +
                survey_id + ".json\" data-endpoint=\"/v1/responses\" data-token=\"" +
                html_escape(token) + "\" data-locale=\"" + html_escape(lang) +
                "\" data-position=\"inline\" data-target=\"#pepite-card\"" + theme_attribute +
                "></script>\n");
}

void hosted_page_css(app&, const http::request&, http::response& res) {
  res.status = 200;
  res.set_header("Content-Type", "text/css; charset=utf-8");
  res.set_header("Cache-Control", "public, max-age=300");
  res.body = hosted_css;
}

}  // namespace pepite::collector
