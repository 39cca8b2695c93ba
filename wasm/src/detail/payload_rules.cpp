// Field rules shared by the engine (session options) and the payload validator.
#include "detail/payload_rules.hpp"

namespace pepite::detail {

namespace {

bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

}  // namespace

std::size_t code_points(std::string_view text) {
  std::size_t count = 0;
  for (const char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  }
  return count;
}

std::string_view truncate_code_points(std::string_view text, std::size_t limit) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (count == limit) return text.substr(0, i);
    ++count;
  }
  return text;
}

bool is_uuid(std::string_view text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? text[i] != '-' : !is_hex(text[i])) return false;
  }
  return true;
}

namespace {

bool is_base64url(std::string_view text, std::size_t min, std::size_t max, bool dots) {
  if (text.size() < min || text.size() > max) return false;
  for (const char c : text) {
    if (!is_alpha(c) && !is_digit(c) && c != '_' && c != '-' && !(dots && c == '.')) return false;
  }
  return true;
}

}  // namespace

bool is_order_token(std::string_view text) {
  return is_base64url(text, 1, 4096, true);
}

bool is_sender_key(std::string_view text) {
  return is_base64url(text, 22, 128, false);
}

bool is_property_key(std::string_view text) {
  if (text.empty() || text.size() > max_property_key) return false;
  for (const char c : text) {
    if (!is_alpha(c) && !is_digit(c) && c != '_' && c != '.' && c != '-') return false;
  }
  return true;
}

bool is_contact(bool phone, std::string_view text) {
  if (text.empty() || code_points(text) > max_contact_chars) return false;
  std::size_t digits = 0;
  std::size_t ats = 0;
  std::size_t at = 0;
  std::size_t dot = 0;  ///< the last dot after the @
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f || (!phone && c == ' ')) return false;
    if (c >= '0' && c <= '9') {
      ++digits;
    } else if (phone) {
      if (c != '+' && c != '(' && c != ')' && c != '.' && c != '-' && c != ' ') return false;
    } else if (c == '@') {
      ++ats;
      at = i;
    } else if (c == '.' && ats == 1) {
      dot = i;
    }
  }
  if (phone) return digits >= 6 && digits <= 20;
  return ats == 1 && at > 0 && dot > at + 1 && dot + 1 < text.size();
}

bool is_locale_tag(std::string_view text) {
  if (text.size() < 2 || text.size() > 35) return false;
  std::size_t letters = 0;
  while (letters < text.size() && is_alpha(text[letters])) ++letters;
  if (letters < 2 || letters > 3) return false;
  bool after_separator = false;
  for (std::size_t i = letters; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '-' || c == '_') {
      if (after_separator || i + 1 == text.size()) return false;
      after_separator = true;
    } else if (is_alpha(c) || is_digit(c)) {
      after_separator = false;
    } else {
      return false;
    }
  }
  return true;
}

std::string_view strip_query(std::string_view url) {
  const std::size_t cut = url.find_first_of("?#");
  return cut == std::string_view::npos ? url : url.substr(0, cut);
}

int json_depth(std::string_view text, int limit) {
  int depth = 0;
  int deepest = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return deepest;
}

namespace {

using json = nlohmann::ordered_json;

// What is wrong with a property's key (nullptr: nothing).
const char* key_problem(const std::string& key) {
  return is_property_key(key) ? nullptr : "property keys match [A-Za-z0-9_.-]{1,40}";
}

// What is wrong with a property's value (nullptr: nothing).
const char* value_problem(const json& value) {
  if (value.is_string()) {
    return code_points(value.get_ref<const std::string&>()) > max_property_chars
               ? "property strings have at most 200 characters"
               : nullptr;
  }
  return value.is_number() || value.is_boolean()
             ? nullptr
             : "property values are strings, numbers or booleans";
}

}  // namespace

void check_properties(const nlohmann::ordered_json& properties, const std::string& path,
                      const std::string& code, issues& out) {
  if (!properties.is_object()) {
    add_error(out, code, path, "properties must be an object");
    return;
  }
  if (properties.size() > max_properties) {
    add_error(out, code, path, "at most 20 properties");
  }
  for (auto it = properties.begin(); it != properties.end(); ++it) {
    const std::string item = path + "." + it.key();
    if (const char* problem = key_problem(it.key())) add_error(out, code, item, problem);
    if (const char* problem = value_problem(it.value())) add_error(out, code, item, problem);
  }
}

nlohmann::ordered_json valid_properties(const nlohmann::ordered_json& properties,
                                        const std::string& path, issues& out) {
  const std::string code = "session.property_dropped";
  nlohmann::ordered_json kept = nlohmann::ordered_json::object();
  if (!properties.is_object()) {
    out.push_back(issue{code, path, "properties must be an object (ignored)", severity::warning});
    return kept;
  }
  for (auto it = properties.begin(); it != properties.end(); ++it) {
    const std::string item = path + "." + it.key();
    const char* problem = key_problem(it.key());
    if (problem == nullptr) problem = value_problem(it.value());
    if (problem != nullptr) {
      out.push_back(issue{code, item, std::string(problem) + " (dropped)", severity::warning});
    } else if (kept.size() == max_properties) {
      out.push_back(issue{code, item, "at most 20 properties (dropped)", severity::warning});
    } else {
      kept[it.key()] = it.value();
    }
  }
  return kept;
}

void add_error(issues& out, std::string code, std::string path, std::string message) {
  out.push_back(issue{std::move(code), std::move(path), std::move(message), severity::error});
}

nlohmann::ordered_json issues_array(const issues& list, severity level) {
  nlohmann::ordered_json array = nlohmann::ordered_json::array();
  for (const issue& item : list) {
    if (item.level != level) continue;
    array.push_back({{"code", item.code}, {"path", item.path}, {"message", item.message}});
  }
  return array;
}

}  // namespace pepite::detail
