// Shared helpers of the data-driven core tests: fixture loading and deep-partial JSON matching.
#pragma once

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

namespace pepite::testing {

inline std::string read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

/// A file under tests/fixtures/ (`surveys/post-purchase.json`), empty when missing.
inline std::string fixture_text(const std::string& name) {
  return read_text_file(std::string(PEPITE_FIXTURES) + "/" + name);
}

/// Deep-partial match: every key of an expected object must be in `actual` and match; arrays
/// match element by element and must have the same length; numbers compare by value; anything
/// else must be equal. On mismatch `where` gets the path and both values.
inline bool subset_match(const nlohmann::ordered_json& expected, const nlohmann::ordered_json& actual,
                         std::string& where, const std::string& path = "") {
  if (expected.is_object()) {
    if (!actual.is_object()) {
      where = path + ": expected an object, got " + actual.dump();
      return false;
    }
    for (auto it = expected.begin(); it != expected.end(); ++it) {
      const auto found = actual.find(it.key());
      const std::string item = path.empty() ? it.key() : path + "." + it.key();
      if (found == actual.end()) {
        where = item + ": missing";
        return false;
      }
      if (!subset_match(it.value(), *found, where, item)) return false;
    }
    return true;
  }
  if (expected.is_array()) {
    if (!actual.is_array() || actual.size() != expected.size()) {
      where = path + ": expected " + expected.dump() + ", got " + actual.dump();
      return false;
    }
    for (std::size_t i = 0; i < expected.size(); ++i) {
      if (!subset_match(expected[i], actual[i], where, path + "[" + std::to_string(i) + "]")) {
        return false;
      }
    }
    return true;
  }
  if (expected.is_number() && actual.is_number()) {
    if (std::fabs(expected.get<double>() - actual.get<double>()) < 1e-9) return true;
  } else if (expected == actual) {
    return true;
  }
  where = path + ": expected " + expected.dump() + ", got " + actual.dump();
  return false;
}

/// The `code` of every item of an `errors` array, in order.
inline nlohmann::ordered_json error_codes(const nlohmann::ordered_json& errors) {
  nlohmann::ordered_json codes = nlohmann::ordered_json::array();
  if (!errors.is_array()) return codes;
  for (const auto& item : errors) {
    const auto code = item.find("code");
    codes.push_back(code == item.end() ? nlohmann::ordered_json() : *code);
  }
  return codes;
}

}  // namespace pepite::testing
