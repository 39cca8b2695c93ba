// The admin token: generation from /dev/urandom and constant-time checking of Bearer headers.
#pragma once

#include <string>
#include <string_view>

namespace pepite::collector {

/// 32 random bytes from /dev/urandom as 64 hex characters; empty if the device is unreadable.
std::string generate_token();

/// Compares in time that depends only on the lengths, never on where the bytes differ.
bool constant_time_equal(std::string_view a, std::string_view b);

/// True when `authorization` is `Bearer <token>` with the right token.
bool bearer_matches(std::string_view authorization, std::string_view token);

}  // namespace pepite::collector
