// Reading the query string and request headers of the collector's routes: filters, integers,
// media types. Every reader answers 400 `collector.invalid_query` itself on a bad value.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

#include "http_server.hpp"
#include "store.hpp"

namespace pepite::collector {

/// ASCII lower case.
std::string lower(std::string_view s);

/// True when `v` is one of `allowed`.
bool one_of(const std::string& v, std::initializer_list<const char*> allowed);

/// `YYYY-MM-DD`, optionally followed by the rest of an ISO timestamp, naming a real day.
bool valid_date_prefix(const std::string& v);

/// Reads the shared filters from the query string; answers 400 on a bad value.
bool read_filter(const http::request& req, response_filter& f, http::response& res);

/// A non-negative decimal integer, or -1.
long long int_param_text(const std::string& v);

/// A non-negative integer query parameter; `fallback` when absent, -1 when malformed.
long long int_param(const http::request& req, const char* name, long long fallback);

/// The media type of a Content-Type header, lower case, without parameters.
std::string media_type(const std::string& content_type);

}  // namespace pepite::collector
