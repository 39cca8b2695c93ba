// Replies of the collector: JSON bodies and the documented error shape (docs/errors.md).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "http_server.hpp"

namespace pepite::collector {

using json = nlohmann::json;

/// `j` as compact JSON; invalid UTF-8 replaced, never thrown on.
std::string dump(const json& j);

void send_json(http::response& res, int status, const json& body);

/// One entry of an error body: `{"code","path","message"}`.
json error_item(const std::string& code, const std::string& path, const std::string& message);

/// `{"ok":false,"errors":[...]}` with `errors` made by error_item().
void send_errors(http::response& res, int status, json errors);

/// A JSON error body `{"ok":false,"errors":[{"code","path","message"}]}`.
void send_error(http::response& res, int status, const std::string& code, const std::string& path,
                const std::string& message);

}  // namespace pepite::collector
