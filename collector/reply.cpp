#include "reply.hpp"

namespace pepite::collector {

std::string dump(const json& j) {
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

void send_json(http::response& res, int status, const json& body) {
  res.status = status;
  res.set_content(dump(body), "application/json");
}

json error_item(const std::string& code, const std::string& path, const std::string& message) {
  json item = json::object();
  item["code"] = code;
  item["path"] = path;
  item["message"] = message;
  return item;
}

void send_errors(http::response& res, int status, json errors) {
  json body = json::object();
  body["ok"] = false;
  body["errors"] = std::move(errors);
  send_json(res, status, body);
}

void send_error(http::response& res, int status, const std::string& code, const std::string& path,
                const std::string& message) {
  send_errors(res, status, json::array({error_item(code, path, message)}));
}

}  // namespace pepite::collector
