// The hosted survey page (issue 17): `GET /s/{surveyId}?t={token}` shows the survey's card as a
// whole page, for links in order e-mails and SMS and for platforms whose order page takes no
// script. The same pepite.js (from --widget) draws it; the token says which order it is for.
#pragma once

#include "handlers.hpp"

namespace pepite::collector {

/// The page, or a page saying why not: 404 (unknown survey, or no --token-secret), 400 (no
/// token), 403 (a token that is not valid for this survey), 410 (an expired one). Strict CSP.
void hosted_page(app& a, const http::request& req, http::response& res);

/// Where the shopper's request stands (`GET /s/{surveyId}/status?t={token}`): the path of the
/// order's latest response to the survey (received → contacted → resolved, reopened), with the
/// dates, the promised delay and due time, and the staff notes marked for the shopper; the same
/// refusals as hosted_page(), and 404 for an order without an answer.
void status_page(app& a, const http::request& req, http::response& res);

/// Its style sheet, `/s/hosted.css`.
void hosted_page_css(app& a, const http::request& req, http::response& res);

/// `/s/status-link.js`: shows the page's status link once the widget's `sent` event says the
/// answer is acknowledged (the page's CSP allows only scripts of this origin).
void status_link_script(app& a, const http::request& req, http::response& res);

}  // namespace pepite::collector
