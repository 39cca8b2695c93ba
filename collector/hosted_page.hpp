// The hosted survey page (issue 17): `GET /s/{surveyId}?t={token}` shows the survey's card as a
// whole page, for links in order e-mails and SMS and for platforms whose order page takes no
// script. The same pepite.js (from --widget) draws it; the token says which order it is for.
#pragma once

#include "handlers.hpp"

namespace pepite::collector {

/// The page, or a page saying why not: 404 (unknown survey, or no --token-secret), 400 (no
/// token), 403 (a token that is not valid for this survey), 410 (an expired one). Strict CSP.
void hosted_page(app& a, const http::request& req, http::response& res);

/// Its style sheet, `/s/hosted.css`.
void hosted_page_css(app& a, const http::request& req, http::response& res);

}  // namespace pepite::collector
