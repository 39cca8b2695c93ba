#include "query.hpp"

#include <cctype>
#include <string>

#include "reply.hpp"

namespace pepite::collector {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool one_of(const std::string& v, std::initializer_list<const char*> allowed) {
  for (const char* a : allowed) {
    if (v == a) return true;
  }
  return false;
}

bool valid_date_prefix(const std::string& v) {
  if (v.size() < 10 || v.size() > 30) return false;
  for (std::size_t i = 0; i < v.size(); ++i) {
    char c = v[i];
    bool ok = i < 10 ? ((i == 4 || i == 7) ? c == '-' : std::isdigit(static_cast<unsigned char>(c)))
                     : (std::isdigit(static_cast<unsigned char>(c)) || c == 'T' || c == ':' ||
                        c == '.' || c == 'Z');
    if (!ok) return false;
  }
  // A real calendar day: 2026-13-45 or 9999-99-99 would otherwise match nothing, silently.
  const int year = std::stoi(v.substr(0, 4));
  const int month = std::stoi(v.substr(5, 2));
  const int day = std::stoi(v.substr(8, 2));
  if (month < 1 || month > 12 || day < 1) return false;
  static constexpr int days_in[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return day <= days_in[month - 1] + (month == 2 && leap ? 1 : 0);
}

bool read_filter(const http::request& req, response_filter& f, http::response& res) {
  f.survey = req.get_param_value("survey");
  f.category = req.get_param_value("category");
  f.status = req.get_param_value("status");
  f.follow_up = req.get_param_value("followUp");
  f.from = req.get_param_value("from");
  f.to = req.get_param_value("to");
  f.alert_only = req.get_param_value("alert") == "1" || req.get_param_value("alert") == "true";
  f.callback = req.get_param_value("callback") == "1" || req.get_param_value("callback") == "true";
  if (!f.category.empty() && !one_of(f.category, {"detractor", "passive", "promoter"})) {
    send_error(res, 400, "collector.invalid_query", "category",
               "category is detractor, passive or promoter");
    return false;
  }
  if (!f.status.empty() && !one_of(f.status, {"partial", "complete"})) {
    send_error(res, 400, "collector.invalid_query", "status", "status is partial or complete");
    return false;
  }
  if (!f.follow_up.empty() && !one_of(f.follow_up, {"open", "contacted", "resolved"})) {
    send_error(res, 400, "collector.invalid_query", "followUp",
               "followUp is open, contacted or resolved");
    return false;
  }
  if (!f.from.empty() && !valid_date_prefix(f.from)) {
    send_error(res, 400, "collector.invalid_query", "from", "from is YYYY-MM-DD or ISO 8601");
    return false;
  }
  if (!f.to.empty() && !valid_date_prefix(f.to)) {
    send_error(res, 400, "collector.invalid_query", "to", "to is YYYY-MM-DD or ISO 8601");
    return false;
  }
  return true;
}

long long int_param_text(const std::string& v) {
  if (v.empty() || v.size() > 18) return -1;
  long long n = 0;
  for (char c : v) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return -1;
    n = n * 10 + (c - '0');
  }
  return n;
}

long long int_param(const http::request& req, const char* name, long long fallback) {
  if (!req.has_param(name)) return fallback;
  return int_param_text(req.get_param_value(name));
}

std::string media_type(const std::string& content_type) {
  std::string type = lower(content_type.substr(0, content_type.find(';')));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  return type;
}

}  // namespace pepite::collector
