// The core's one JSON writer: an nlohmann::ordered_json to compact UTF-8 text.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace pepite::detail {

/// Compact JSON text, byte for byte what dump(-1, ' ', false, error_handler_t::replace) writes
/// for valid UTF-8 strings; an invalid UTF-8 sequence becomes U+FFFD instead of aborting.
/// Written for the core (instead of nlohmann's serializer) because that one formats control
/// characters with snprintf, which brings printf and long-double arithmetic into the wasm.
std::string write_json(const nlohmann::ordered_json& value);

/// The canonical text of `value`: write_json()'s, with the members of every object in byte order
/// of their names, so neither whitespace nor key order changes it (what definition hashes are
/// computed over). `skip` names a member of `value` itself to leave out (not of nested objects).
std::string write_canonical_json(const nlohmann::ordered_json& value, std::string_view skip = {});

}  // namespace pepite::detail
