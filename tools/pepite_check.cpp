// pepite-check: validates a survey definition and prints its report and a sample first view.
//
//     pepite-check survey.json [--locale fr] [--json]
//
// Exit code: 0 valid (warnings allowed), 1 invalid, 2 usage or I/O error.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "pepite/definition.hpp"
#include "pepite/engine.hpp"

namespace {

int usage() {
  std::cerr << "usage: pepite-check survey.json [--locale LOCALE] [--json]\n"
               "  Validates a pepite.survey/1 definition; prints every error and warning with\n"
               "  its JSON path, then (when valid) the first view a shopper would get.\n"
               "  --locale  locale of the sample view (default: the survey's defaultLocale)\n"
               "  --json    print the report as JSON {ok, errors, warnings} instead\n"
               "  exit code: 0 valid, 1 invalid, 2 usage or I/O error\n";
  return 2;
}

bool read_file(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  out = buffer.str();
  return !in.bad();
}

void print_json_report(const pepite::issues& problems) {
  const auto all = nlohmann::json::parse(pepite::issues_to_json(problems), nullptr, false);
  nlohmann::json report = {{"ok", pepite::no_errors(problems)},
                           {"errors", nlohmann::json::array()},
                           {"warnings", nlohmann::json::array()}};
  for (const auto& item : all) {
    const bool error = item["level"] == "error";
    report[error ? "errors" : "warnings"].push_back(item);
  }
  std::cout << report.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

void print_text_report(const std::string& file, const pepite::issues& problems) {
  int errors = 0;
  int warnings = 0;
  for (const pepite::issue& item : problems) {
    const bool error = item.level == pepite::severity::error;
    (error ? errors : warnings) += 1;
    std::cout << (error ? "error " : "warning ") << item.code << " at "
              << (item.path.empty() ? "(document)" : item.path) << ": " << item.message << "\n";
  }
  std::cout << file << ": " << errors << (errors == 1 ? " error, " : " errors, ") << warnings
            << (warnings == 1 ? " warning" : " warnings") << "\n";
}

void print_summary(const pepite::survey& s, const std::string& locale) {
  std::cout << "\nsurvey \"" << s.id << "\", " << s.questions.size() << " question(s), display "
            << s.display << ", locale " << locale << "\n";
  for (const pepite::question& q : s.questions) {
    std::cout << "  " << q.id << " (" << pepite::to_string(q.type)
              << (q.required ? ", required" : "") << (q.show_if ? ", conditional" : "")
              << "): " << pepite::resolve(q.label, locale, s.default_locale) << "\n";
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::string file;
  std::string locale;
  bool json = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--locale" && i + 1 < argc) {
      locale = argv[++i];
    } else if (arg == "--json") {
      json = true;
    } else if (arg == "-h" || arg == "--help") {
      usage();
      return 0;
    } else if (!arg.empty() && arg[0] != '-' && file.empty()) {
      file = arg;
    } else {
      return usage();
    }
  }
  if (file.empty()) return usage();
  std::string text;
  if (!read_file(file, text)) {
    std::cerr << "pepite-check: cannot read " << file << "\n";
    return 2;
  }
  const pepite::definition_result result = pepite::parse_definition(text);
  if (json) {
    print_json_report(result.problems);
    return result.ok() ? 0 : 1;
  }
  print_text_report(file, result.problems);
  if (!result.ok()) return 1;

  if (locale.empty()) locale = result.value.default_locale;
  print_summary(result.value, locale);
  const nlohmann::json options = {{"locale", locale},
                                  {"responseId", "00000000-0000-4000-8000-000000000000"},
                                  {"startedAt", 0},
                                  {"pageUrl", "https://shop.example/merci"}};
  pepite::session session(text, options.dump());
  const auto report = nlohmann::json::parse(session.start_report(), nullptr, false);
  std::cout << "\nfirst view:\n";
  // The view falls back to a locale the survey has: say so rather than show it under the asked one.
  if (report.is_object() && report.contains("view") && report["view"].contains("locale") &&
      report["view"]["locale"].is_string() && report["view"]["locale"] != locale) {
    std::cout << "(locale " << locale << " is not one of the survey's: the shopper sees "
              << report["view"]["locale"].get<std::string>() << ")\n";
  }
  if (report.is_object() && report.contains("view")) {
    std::cout << report["view"].dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
              << "\n";
  } else {
    std::cout << session.start_report() << "\n";
  }
  return 0;
}
