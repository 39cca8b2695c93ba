// CSV export helpers (RFC 4180) with formula-injection neutralisation.
#include "csv.hpp"

namespace pepite::collector {

namespace {

bool starts_formula(char c) {
  return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

}  // namespace

std::string csv_cell(std::string_view value) {
  std::string cell;
  cell.reserve(value.size() + 3);
  if (!value.empty() && starts_formula(value.front())) cell += '\'';
  // A spreadsheet splitting on the other separator sees this cell's quotes as plain text: a new
  // field (or a new row) starts after each `,`, `;` or line end inside it. A formula sign (or a
  // quote) there is neutralised too.
  char previous = '\0';
  for (const char c : value) {
    const bool boundary =
        previous == ',' || previous == ';' || previous == '\n' || previous == '\r';
    if (boundary && (starts_formula(c) || c == '"') && c != '\r') cell += '\'';
    cell += c;
    previous = c;
  }
  if (cell.find_first_of("\",;\r\n") == std::string::npos) return cell;
  std::string quoted = "\"";
  for (char c : cell) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

std::string csv_line(const std::vector<std::string>& cells, char sep) {
  std::string line;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) line += sep;
    line += csv_cell(cells[i]);
  }
  line += "\r\n";
  return line;
}

std::string csv_clean(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (std::size_t i = 0; i < value.size(); ++i) {
    const auto b = static_cast<unsigned char>(value[i]);
    if (b == '\r') {
      if (i + 1 < value.size() && value[i + 1] == '\n') continue;
      out += '\n';
    } else if (b == '\n' || (b >= 0x20 && b != 0x7f)) {
      // C1 controls are U+0080 to U+009F: 0xC2 then 0x80 to 0x9F.
      if (b == 0xc2 && i + 1 < value.size() && static_cast<unsigned char>(value[i + 1]) >= 0x80 &&
          static_cast<unsigned char>(value[i + 1]) <= 0x9f) {
        ++i;
        continue;
      }
      out += value[i];
    }
  }
  return out;
}

char csv_separator_for(std::string_view accept_language) {
  std::string lang;
  for (const char c : accept_language) {
    if (c == ',' || c == ';' || c == '-' || c == '_') break;
    if (c == ' ') continue;
    lang += c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  }
  // Languages whose usual decimal mark is a comma.
  static const char* const comma_decimal[] = {
      "fr", "de", "es", "it", "pt", "nl", "ru", "pl", "sv", "da", "fi", "nb", "nn", "no",
      "cs", "sk", "sl", "hr", "sr", "bs", "hu", "ro", "bg", "el", "tr", "uk", "be", "lt",
      "lv", "et", "is", "ca", "eu", "gl", "id", "vi", "az", "kk", "ka", "hy", "mk", "sq"};
  for (const char* l : comma_decimal) {
    if (lang == l) return ';';
  }
  return ',';
}

}  // namespace pepite::collector
