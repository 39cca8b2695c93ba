#include "dashboard_routes.hpp"

#include <cstdlib>
#include <string>

#include "query.hpp"
#include "reply.hpp"

namespace pepite::collector {

namespace {

// The dashboard's own policy: no inline script or style, nothing from elsewhere.
constexpr const char* dashboard_csp =
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

}  // namespace

// By q-value ("en;q=0.1, fr;q=0.9" is French), then by order.
bool prefers_french(std::string_view header) {
  double fr = -1;
  double en = -1;
  std::size_t fr_at = 0;
  std::size_t en_at = 0;
  std::size_t index = 0;
  while (!header.empty()) {
    const std::size_t comma = header.find(',');
    std::string_view item = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    ++index;
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    const std::size_t semi = item.find(';');
    const std::string_view tag = item.substr(0, semi);
    double q = 1;
    if (semi != std::string_view::npos) {
      const std::size_t at = item.find("q=", semi);
      if (at != std::string_view::npos) q = std::atof(std::string(item.substr(at + 2)).c_str());
    }
    const std::string_view primary = tag.substr(0, tag.find('-'));
    if (primary == "fr" && q > fr) {
      fr = q;
      fr_at = index;
    } else if (primary == "en" && q > en) {
      en = q;
      en_at = index;
    }
  }
  if (fr <= 0) return false;
  return fr > en || (fr == en && fr_at < en_at);
}

void dashboard_page(app& a, const http::request& req, http::response& res) {
  auto file = a.dashboard_files.find("index.html");
  if (file == a.dashboard_files.end()) {
    send_error(res, 404, "collector.not_found", "", "dashboard files not found");
    return;
  }
  // French when the browser prefers it to English, else English; the page has a toggle too.
  const bool french = prefers_french(lower(req.get_header_value("Accept-Language")));
  std::string html = file->second;
  const std::string marker = "<html lang=\"en\"";
  if (french) {
    if (auto at = html.find(marker); at != std::string::npos) {
      html.replace(at, marker.size(), "<html lang=\"fr\"");
    }
  }
  res.set_header("Content-Security-Policy", dashboard_csp);
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Referrer-Policy", "no-referrer");
  res.set_header("Cache-Control", "no-store");
  res.set_header("Vary", "Accept-Language");
  res.status = 200;
  res.set_content(html, "text/html; charset=utf-8");
}

void dashboard_asset(app& a, const http::request& req, http::response& res) {
  std::string name = req.matches[1];
  auto file = a.dashboard_files.find(name);
  if (file == a.dashboard_files.end() || name == "index.html") {
    send_error(res, 404, "collector.not_found", "", "no such dashboard file");
    return;
  }
  std::string type = "application/octet-stream";
  if (name.size() > 3 && name.compare(name.size() - 3, 3, ".js") == 0) {
    type = "text/javascript; charset=utf-8";
  } else if (name.size() > 4 && name.compare(name.size() - 4, 4, ".css") == 0) {
    type = "text/css; charset=utf-8";
  } else if (name.size() > 4 && name.compare(name.size() - 4, 4, ".svg") == 0) {
    type = "image/svg+xml";
  }
  res.set_header("Content-Security-Policy", dashboard_csp);
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Cache-Control", "no-cache");
  res.status = 200;
  res.set_content(file->second, type);
}

}  // namespace pepite::collector
