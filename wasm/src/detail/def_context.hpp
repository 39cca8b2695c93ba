// Shared state of one definition parse: the problem list and typed readers over the JSON.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "pepite/definition.hpp"

namespace pepite::detail {

/// Definitions keep document order (the "first entry" of a translation map is a fallback).
using def_json = nlohmann::ordered_json;

/// Collects the problems of one parse, in document order.
struct def_report {
  issues& out;
  void error(std::string code, std::string path, std::string message);
  void warning(std::string code, std::string path, std::string message);
};

/// `node[key]` or null when absent (node must be an object).
const def_json* member(const def_json& node, std::string_view key);

/// Warns `definition.unknown_key` for every key of `node` not in `known`.
void check_keys(const def_json& node, const std::string& path,
                std::initializer_list<std::string_view> known, def_report& report);

/// The integer value of `node`, saturated to the int64 range; nullopt when not an integer.
std::optional<std::int64_t> as_integer(const def_json& node);

/// A JSON type name for messages (`string`, `array`, ...).
std::string type_name(const def_json& node);

/// `ll` or `ll-CC` (2–3 letters, then 2 letters or 3 digits), `-` or `_` as separator.
bool valid_locale(std::string_view locale);

/// `[a-z0-9_-]{1,40}`.
bool valid_id(std::string_view id);

}  // namespace pepite::detail
