// Structured problems reported by every entry point of the core: errors are values, never thrown.
#pragma once

#include <string>
#include <vector>

namespace pepite {

/// How bad a reported problem is. Warnings never stop a definition or payload from being used.
enum class severity { error, warning };

/// One problem: a stable `area.reason` code (see docs/errors.md), the JSON path of the offending
/// value (`questions[1].options`, empty for the document itself) and a message for developers.
struct issue {
  std::string code;
  std::string path;
  std::string message;
  severity level = severity::error;
};

/// All the problems found by one call, errors and warnings together, in document order.
using issues = std::vector<issue>;

/// True when `list` holds no issue of level `error`.
bool no_errors(const issues& list);

/// Serialises `list` as a JSON array of `{code, path, message, level}` objects.
std::string issues_to_json(const issues& list);

}  // namespace pepite
