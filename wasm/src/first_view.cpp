// The first view computed ahead of time (issue 19), by a real session (see first_view.hpp).
#include "pepite/first_view.hpp"

#include <utility>

#include <nlohmann/json.hpp>

#include "detail/json_read.hpp"
#include "detail/json_write.hpp"
#include "pepite/engine.hpp"

namespace pepite {

using json = nlohmann::ordered_json;

namespace {

/// Any valid UUID: the session requires one, and first_view() sets the view's to null.
constexpr const char* placeholder_response_id = "00000000-0000-4000-8000-000000000000";

/// The `errors` or `warnings` of a start report, read back.
std::vector<issue> read_issues(const json& list, severity level) {
  std::vector<issue> out;
  if (!list.is_array()) return out;
  for (const json& item : list) {
    out.push_back(
        {item.value("code", ""), item.value("path", ""), item.value("message", ""), level});
  }
  return out;
}

}  // namespace

first_view_result first_view(std::string_view definition_json,
                             const std::vector<std::string>& locales) {
  json options = json::object();
  if (!locales.empty()) {
    json list = json::array();
    for (const std::string& locale : locales) list.push_back(locale);
    options["locale"] = std::move(list);
  }
  options["responseId"] = placeholder_response_id;
  options["startedAt"] = 0;
  const session s(definition_json, detail::write_json(options));
  json report = detail::read_json(s.start_report());

  first_view_result out;
  out.problems = read_issues(report["errors"], severity::error);
  for (issue& warning : read_issues(report["warnings"], severity::warning)) {
    out.problems.push_back(std::move(warning));
  }
  if (!s.ok()) return out;
  json view = report["view"];
  view["responseId"] = nullptr;
  out.locale = view["locale"].get<std::string>();
  out.definition_hash = view["definitionHash"].get<std::string>();
  out.view = detail::write_json(view);
  return out;
}

std::vector<std::string> locale_list(std::string_view comma_separated) {
  std::vector<std::string> out;
  if (comma_separated.empty()) return out;
  std::string tag;
  for (const char c : comma_separated) {
    if (c == ',') {
      out.push_back(std::move(tag));
      tag.clear();
    } else if (c != ' ') {
      tag += c;
    }
  }
  out.push_back(std::move(tag));
  return out;
}

std::string with_first_views(std::string_view definition_json,
                             const std::vector<first_view_result>& views) {
  json doc = detail::read_json(definition_json);
  if (!doc.is_object()) return {};
  json first = json::object();
  json by_locale = json::object();
  for (const first_view_result& fv : views) {
    if (!fv.ok()) continue;
    first["definitionHash"] = fv.definition_hash;
    by_locale[fv.locale] = detail::read_json(fv.view);
  }
  if (by_locale.empty()) return {};
  first["views"] = std::move(by_locale);
  doc["firstView"] = std::move(first);
  return detail::write_json(doc);
}

}  // namespace pepite
