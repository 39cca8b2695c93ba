// Thank-you links: https-only checks and recognition of public review sites (review gating).
#include "detail/def_links.hpp"

#include <string>
#include <vector>

namespace pepite::detail {

namespace {

constexpr std::size_t max_url_length = 2000;

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool scheme_char(char c, bool first) {
  const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  if (first) return letter;
  return letter || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
}

/// The lower-cased host of an https URL (no user info, no port), and the rest after it.
bool split(std::string_view url, std::string& host, std::string_view& rest) {
  constexpr std::string_view prefix = "https://";
  if (url.size() < prefix.size() || lower(url.substr(0, prefix.size())) != prefix) return false;
  std::string_view tail = url.substr(prefix.size());
  const std::size_t end = tail.find_first_of("/?#");
  std::string_view authority = tail.substr(0, end);
  rest = end == std::string_view::npos ? std::string_view() : tail.substr(end);
  const std::size_t at = authority.rfind('@');
  if (at != std::string_view::npos) authority = authority.substr(at + 1);
  const std::size_t colon = authority.find(':');
  host = lower(authority.substr(0, colon));
  while (!host.empty() && host.back() == '.') host.pop_back();
  return true;
}

std::vector<std::string_view> labels(std::string_view host) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start <= host.size()) {
    const std::size_t dot = host.find('.', start);
    const std::size_t end = dot == std::string_view::npos ? host.size() : dot;
    out.push_back(host.substr(start, end - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return out;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

link_status check_link(std::string_view url) {
  if (url.empty() || url.size() > max_url_length) return link_status::malformed;
  for (char c : url) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return link_status::malformed;
  }
  std::size_t i = 0;
  while (i < url.size() && scheme_char(url[i], i == 0)) ++i;
  if (i == 0 || i >= url.size() || url[i] != ':') return link_status::malformed;
  if (lower(url.substr(0, i)) != "https") return link_status::insecure;
  std::string host;
  std::string_view rest;
  if (!split(url, host, rest) || host.empty()) return link_status::malformed;
  for (char c : host) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
                    static_cast<unsigned char>(c) >= 0x80 || c == '[' || c == ']';
    if (!ok) return link_status::malformed;
  }
  return link_status::ok;
}

bool is_review_site(std::string_view url) {
  std::string host;
  std::string_view rest;
  if (!split(url, host, rest)) return false;
  if (host == "g.page" || ends_with(host, ".g.page")) return true;
  if (host == "avis-verifies.com" || ends_with(host, ".avis-verifies.com")) return true;
  if (host == "maps.app.goo.gl") return true;
  if (host == "goo.gl" && lower(rest.substr(0, 5)) == "/maps") return true;
  const std::vector<std::string_view> parts = labels(host);
  // google.com, www.google.fr, maps.google.co.uk, fr.trustpilot.com, www.tripadvisor.fr ...:
  // the brand as a label that is not the top-level domain.
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    const std::string_view part = parts[i];
    if (part == "google" || part == "trustpilot" || part == "tripadvisor" || part == "yelp") {
      return true;
    }
  }
  return false;
}

}  // namespace pepite::detail
