// pepite-ui-strings: writes the built-in UI strings of each language as pepite-ui-<language>.txt.
//
//     pepite-ui-strings OUTDIR
//
// The shopper's wasm core holds French and English only (size budget, issue 20); the shell fetches
// the file of any other language the view names in `uiPack` and hands it back in the `uiStrings`
// session option. One text per line in the order of the UI keys (the smallest form: 355 to 483
// bytes gzip). The texts come from the same C++ table (wasm/src/detail/ui_strings.cpp).
#include <fstream>
#include <iostream>
#include <string>

#include "detail/ui_strings.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: pepite-ui-strings OUTDIR\n";
    return 2;
  }
  namespace d = pepite::detail;
  for (const std::string_view* lang = d::ui_languages_begin(); lang != d::ui_languages_end();
       ++lang) {
    std::string pack;
    for (const std::string_view* key = d::ui_keys_begin(); key != d::ui_keys_end(); ++key) {
      pack.append(d::builtin_ui(*key, *lang)).push_back('\n');
    }
    const std::string path = std::string(argv[1]) + "/pepite-ui-" + std::string(*lang) + ".txt";
    std::ofstream out(path, std::ios::binary);
    out << pack;
    if (!d::valid_ui_pack(pack) || !out) {
      std::cerr << "pepite-ui-strings: cannot write " << path << "\n";
      return 2;
    }
  }
  return 0;
}
