// CSV export helpers: RFC 4180 quoting with CRLF line ends, and spreadsheet-injection guards.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pepite::collector {

/// One cell: a leading `=`, `+`, `-`, `@`, tab or CR is neutralised with a `'` (OWASP's advice
/// against formula injection), then the cell is quoted when it holds `"`, `,`, `;`, CR or LF:
/// both separators, so a file opened by a spreadsheet that splits on the other one still keeps a
/// cell whole (an unquoted `a;=HYPERLINK(…)` would start a new cell, and a formula, there).
std::string csv_cell(std::string_view value);

/// Cells joined by `sep` (`,` or `;`), ending with CRLF.
std::string csv_line(const std::vector<std::string>& cells, char sep = ',');

/// `value` without NUL and control characters (C0 but LF, DEL, and C1 written as UTF-8): what a
/// spreadsheet would show as garbage or take as a line end. CRLF and CR become LF.
std::string csv_clean(std::string_view value);

/// The separator a spreadsheet in the manager's language expects: `;` where the decimal mark is a
/// comma (French, German, Spanish…: their Excel reads `,` files as one column), `,` otherwise.
/// `accept_language` is the Accept-Language header; its first language decides.
char csv_separator_for(std::string_view accept_language);

}  // namespace pepite::collector
