// The definition hash and the checks of the `firstView` member (see def_first_view.hpp).
#include "detail/def_first_view.hpp"

#include <cstdint>

#include "detail/json_path.hpp"
#include "detail/json_write.hpp"

namespace pepite::detail {

std::uint64_t fnv1a_64(std::string_view bytes) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const char c : bytes) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

std::string definition_hash(const def_json& root) {
  std::uint64_t h = fnv1a_64(write_canonical_json(root, "firstView"));
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, h >>= 4) out[i] = "0123456789abcdef"[h & 0xF];
  return out;
}

namespace {

// One message for every malformed part (the path says which): these few bytes are in the
// shopper's wasm.
void bad_first_view(def_report& report, std::string path) {
  report.warning("definition.bad_first_view", std::move(path),
                 "firstView is {\"definitionHash\": 16 hex digits, \"views\": {locale: view}} "
                 "(pepite-check --first-view writes it); it is ignored");
}

}  // namespace

void check_first_view(const def_json& node, std::string_view hash, def_report& report) {
  if (!node.is_object()) return bad_first_view(report, "firstView");
  check_keys(node, "firstView", {"definitionHash", "views"}, report);
  const def_json* given = member(node, "definitionHash");
  if (given == nullptr || !given->is_string() ||
      given->get_ref<const std::string&>().size() != 16 ||
      given->get_ref<const std::string&>().find_first_not_of("0123456789abcdef") !=
          std::string::npos) {
    bad_first_view(report, "firstView.definitionHash");
  } else if (given->get_ref<const std::string&>() != hash) {
    report.warning("definition.stale_first_view", "firstView.definitionHash",
                   "firstView was computed for another version of this definition: compute it "
                   "again (pepite-check --first-view)");
  }
  const def_json* views = member(node, "views");
  if (views == nullptr || !views->is_object() || views->empty()) {
    return bad_first_view(report, "firstView.views");
  }
  for (auto it = views->begin(); it != views->end(); ++it) {
    // A view is keyed by its own locale.
    const def_json* locale = member(it.value(), "locale");
    if (locale == nullptr || !locale->is_string() ||
        locale->get_ref<const std::string&>() != it.key()) {
      bad_first_view(report, path_key("firstView.views", it.key()));
    }
  }
}

}  // namespace pepite::detail
