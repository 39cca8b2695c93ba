// The survey definitions a shopper's page reads: GET /pepite/surveys/{surveyId}.json, and
// GET /v1/surveys/{surveyId}/first-view (issue 19): a survey with its first view computed ahead of
// time for the shopper's locales, so the shell draws the card before pepite-core.wasm arrives.
#pragma once

#include "http_server.hpp"

#include "handlers.hpp"

namespace pepite::collector {

/// `?locales=fr-CA,fr,en` (tags by preference, at most 10; none = the survey's default locale):
/// answers the definition with `firstView` holding the view for the locale a session resolves
/// them to. Public, cacheable (`ETag: "<definitionHash>-<locale>"`, `If-None-Match` -> 304), with
/// the CORS headers of the shopper route for allowed origins. docs/collector.md.
void get_first_view(app& a, const http::request& req, http::response& res);

/// The definition of a `--surveys` survey as written, with the same CORS headers (a shop's page
/// on another origin reads it: docs/platforms.md).
void survey_definition(app& a, const http::request& req, http::response& res);

}  // namespace pepite::collector
