// CSV export helpers: RFC 4180 quoting with CRLF line ends, and spreadsheet-injection guards.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pepite::collector {

/// One cell: a leading `=`, `+`, `-`, `@`, tab or CR is neutralised with a `'` (OWASP's advice
/// against formula injection), then the cell is quoted when it holds `"`, `,`, CR or LF.
std::string csv_cell(std::string_view value);

/// Cells joined by `,`, ending with CRLF.
std::string csv_line(const std::vector<std::string>& cells);

}  // namespace pepite::collector
