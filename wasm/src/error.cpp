// Structured problems (errors and warnings) and their JSON form.
#include "pepite/error.hpp"

#include <nlohmann/json.hpp>

#include "detail/json_write.hpp"

namespace pepite {

bool no_errors(const issues& list) {
  for (const issue& item : list) {
    if (item.level == severity::error) return false;
  }
  return true;
}

std::string issues_to_json(const issues& list) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const issue& item : list) {
    out.push_back({{"code", item.code},
                   {"path", item.path},
                   {"message", item.message},
                   {"level", item.level == severity::error ? "error" : "warning"}});
  }
  // `replace`: a message quoting malformed input must never abort the dump.
  return detail::write_json(out);
}

}  // namespace pepite
