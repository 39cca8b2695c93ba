// The admin token: generation from /dev/urandom and constant-time checking of Bearer headers.
#pragma once

#include <string>
#include <string_view>

namespace pepite::collector {

/// 32 random bytes from /dev/urandom as 64 hex characters; empty if the device is unreadable.
std::string generate_token();

/// Compares in time that depends only on the lengths, never on where the bytes differ.
bool constant_time_equal(std::string_view a, std::string_view b);

/// How a token is stored and kept in memory: `sha256:` and the SHA-256 of the token in hex.
/// A database that leaks gives no working token.
std::string token_hash(std::string_view token);

/// True when `token` is already a token_hash().
bool is_token_hash(std::string_view token);

/// The token of `Bearer <token>` (scheme name in any case); empty when it is not one.
std::string_view bearer_token(std::string_view authorization);

/// True when `authorization` is `Bearer <token>` with the right token; `token` may be the token
/// or its token_hash().
bool bearer_matches(std::string_view authorization, std::string_view token);

}  // namespace pepite::collector
