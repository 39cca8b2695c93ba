// Thank-you links: https-only checks and recognition of public review sites (review gating).
#pragma once

#include <string_view>

namespace pepite::detail {

enum class link_status { ok, insecure, malformed };

/// `ok` for an absolute `https://host/...` URL; `insecure` for any other scheme (`http:`,
/// `javascript:`, `data:`); `malformed` for relative URLs, a missing host, spaces or controls.
link_status check_link(std::string_view url);

/// True when `url` points at a public review site: google.* (Maps, search), g.page, goo.gl/maps,
/// trustpilot.*, avis-verifies.com, tripadvisor.*, yelp.*.
bool is_review_site(std::string_view url);

}  // namespace pepite::detail
