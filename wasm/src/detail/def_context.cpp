// Shared state of one definition parse: the problem list and typed readers over the JSON.
#include "detail/def_context.hpp"

#include <limits>

#include "detail/json_path.hpp"

namespace pepite::detail {

void def_report::error(std::string code, std::string path, std::string message) {
  out.push_back({std::move(code), std::move(path), std::move(message), severity::error});
}

void def_report::warning(std::string code, std::string path, std::string message) {
  out.push_back({std::move(code), std::move(path), std::move(message), severity::warning});
}

const def_json* member(const def_json& node, std::string_view key) {
  if (!node.is_object()) return nullptr;
  const auto it = node.find(std::string(key));
  return it == node.end() ? nullptr : &*it;
}

void check_keys(const def_json& node, const std::string& path,
                std::initializer_list<std::string_view> known, def_report& report) {
  if (!node.is_object()) return;
  for (auto it = node.begin(); it != node.end(); ++it) {
    bool found = false;
    for (std::string_view k : known) {
      if (k == it.key()) {
        found = true;
        break;
      }
    }
    if (!found) {
      report.warning("definition.unknown_key", path_key(path, it.key()),
                     "unknown key \"" + it.key() + "\" is ignored");
    }
  }
}

std::optional<std::int64_t> as_integer(const def_json& node) {
  if (node.is_number_unsigned()) {
    const auto value = node.get<std::uint64_t>();
    const auto top = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    return static_cast<std::int64_t>(value > top ? top : value);
  }
  if (node.is_number_integer()) return node.get<std::int64_t>();
  return std::nullopt;
}

std::string type_name(const def_json& node) {
  return node.type_name();
}

namespace {

bool letters(std::string_view s) {
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
  }
  return true;
}

bool digits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

bool valid_locale(std::string_view locale) {
  const std::size_t dash = locale.find_first_of("-_");
  const std::string_view language = locale.substr(0, dash);
  if (language.size() < 2 || language.size() > 3 || !letters(language)) return false;
  if (dash == std::string_view::npos) return true;
  const std::string_view region = locale.substr(dash + 1);
  return (region.size() == 2 && letters(region)) || (region.size() == 3 && digits(region));
}

bool valid_id(std::string_view id) {
  if (id.empty() || id.size() > 40) return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

}  // namespace pepite::detail
