// The dashboard's page and files, each under the dashboard's own strict policy.
#pragma once

#include "handlers.hpp"

namespace pepite::collector {

/// `GET /dashboard`: index.html, in French when Accept-Language ranks French above English.
void dashboard_page(app& a, const http::request& req, http::response& res);

/// `GET /dashboard/<name>`: the page's scripts, styles and images.
void dashboard_asset(app& a, const http::request& req, http::response& res);

/// True when an Accept-Language header (lower case) ranks French above English.
bool prefers_french(std::string_view header);

}  // namespace pepite::collector
