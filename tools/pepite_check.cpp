// pepite-check: validates a survey definition and prints its report and a sample first view, or
// the definition with its first view computed ahead of time (issue 19).
//
//     pepite-check survey.json [--locale fr] [--json]
//     pepite-check --first-view [--locale fr-CA,fr]... survey.json > survey.fr.json
//
// Exit code: 0 valid (warnings allowed), 1 invalid, 2 usage or I/O error.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pepite/definition.hpp"
#include "pepite/engine.hpp"
#include "pepite/first_view.hpp"

namespace {

int usage() {
  std::cerr << "usage: pepite-check survey.json [--locale LOCALE] [--json]\n"
               "       pepite-check --first-view [--locale LOCALES]... survey.json\n"
               "  Validates a pepite.survey/1 definition; prints every error and warning with\n"
               "  its JSON path, then (when valid) the first view a shopper would get.\n"
               "  --locale      locale of the sample view (default: the survey's defaultLocale)\n"
               "  --json        print the report as JSON {ok, errors, warnings} instead\n"
               "  --first-view  print the definition with its first view computed ahead of time\n"
               "                (member firstView), for the shell to draw before the core loads;\n"
               "                one view per --locale (a tag, or tags by preference: fr-CA,fr),\n"
               "                keyed by the locale it resolves to; the report goes to stderr\n"
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

/// --first-view: the definition with its first views on stdout, the report on stderr.
int print_first_view(const std::string& file, const std::string& text,
                     const std::vector<std::string>& requests) {
  std::vector<pepite::first_view_result> views;
  for (const std::string& request : requests) {
    views.push_back(pepite::first_view(text, pepite::locale_list(request)));
  }
  if (views.empty()) views.push_back(pepite::first_view(text, {}));
  int failed = 0;
  std::vector<std::string> printed;  // the definition's problems come with every view: once
  for (const pepite::first_view_result& fv : views) {
    for (const pepite::issue& item : fv.problems) {
      const bool error = item.level == pepite::severity::error;
      std::string line = file + ": " + (error ? "error " : "warning ") + item.code + " at " +
                         (item.path.empty() ? "(document)" : item.path) + ": " + item.message;
      if (std::find(printed.begin(), printed.end(), line) != printed.end()) continue;
      std::cerr << line << "\n";
      printed.push_back(std::move(line));
    }
    if (!fv.ok()) ++failed;
  }
  if (failed > 0) {
    std::cerr << file << ": no first view computed\n";
    return 1;
  }
  const std::string out = pepite::with_first_views(text, views);
  // The shell hands the whole text to the core, which refuses a definition over 64 KB.
  if (out.size() > pepite::max_definition_bytes) {
    std::cerr << file << ": with its first views the definition has " << out.size()
              << " bytes, over the " << pepite::max_definition_bytes
              << " a definition may have: precompute fewer locales\n";
    return 1;
  }
  std::cout << out << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string file;
  std::string locale;
  std::vector<std::string> locales;  // every --locale, for --first-view
  bool json = false;
  bool first_view = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--locale" && i + 1 < argc) {
      locale = argv[++i];
      locales.push_back(locale);
    } else if (arg == "--first-view") {
      first_view = true;
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
  if (file.empty() || (first_view && json)) return usage();
  std::string text;
  if (!read_file(file, text)) {
    std::cerr << "pepite-check: cannot read " << file << "\n";
    return 2;
  }
  if (first_view) return print_first_view(file, text, locales);
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
