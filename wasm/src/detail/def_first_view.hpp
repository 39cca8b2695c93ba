// The definition hash and the `firstView` member of a definition (issue 19): the first view a
// shopper sees, computed ahead of time natively (pepite/first_view.hpp), carried in the definition.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "detail/def_context.hpp"

namespace pepite::detail {

/// FNV-1a, 64 bits, of `bytes`.
std::uint64_t fnv1a_64(std::string_view bytes);

/// The hash of a definition: FNV-1a 64 of its canonical text (write_canonical_json) with the
/// top-level `firstView` member left out, as 16 lowercase hexadecimal digits. Whitespace, key
/// order and a precomputed first view do not change it; any other edit does.
std::string definition_hash(const def_json& root);

/// Checks the `firstView` member (`{"definitionHash": "…16 hex…", "views": {locale: view}}`): a
/// malformed one is a `definition.bad_first_view` warning, one computed for another version of
/// the definition (`definitionHash` differs from `hash`) a `definition.stale_first_view` warning.
/// The engine never reads it: only the shell draws it, before the core is ready.
void check_first_view(const def_json& node, std::string_view hash, def_report& report);

}  // namespace pepite::detail
