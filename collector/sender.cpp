// Who sends a response: see sender.hpp.
#include "sender.hpp"

#include "auth.hpp"
#include "detail/iso_time.hpp"
#include "reply.hpp"

namespace pepite::collector {

namespace {

constexpr std::int64_t future_margin_ms = 5 * 60 * 1000;

sender_check refuse(int status, const char* code, const char* path, std::string message) {
  sender_check out;
  out.status = status;
  out.code = code;
  out.path = path;
  out.message = std::move(message);
  return out;
}

}  // namespace

sender_check check_sender(const config& cfg, const payload_summary& summary, std::int64_t now_ms) {
  // The core accepts one form of timestamp only (`YYYY-MM-DDTHH:MM:SS.mmmZ`): strings compare as
  // instants.
  if (summary.submitted_at > detail::format_iso_ms(now_ms + future_margin_ms)) {
    return refuse(400, "collector.submitted_in_future",
                  summary.status == "complete" ? "context.submittedAt" : "context.updatedAt",
                  "more than 5 minutes ahead of the collector's clock");
  }
  sender_check out;
  // An "is it solved?" answer (issue 17) carries the token of the order it follows: a token
  // for the survey it follows, and never without one (the order is what ties it to a case).
  std::string token_survey = summary.survey_id;
  const bool follow_up = is_follow_up_id(summary.survey_id, &token_survey);
  if (follow_up && summary.token.empty()) {
    return refuse(403, "collector.token_required", "token",
                  "an \"is it solved?\" answer needs the order's token");
  }
  if (!summary.token.empty()) {
    if (cfg.token_secret.empty()) {
      return refuse(400, "collector.token_not_configured", "token",
                    "this collector has no --token-secret to check order tokens");
    }
    token_check t = verify_token(summary.token, cfg.token_secret, now_ms / 1000, token_survey);
    if (!t.ok) {
      return refuse(t.code == "collector.token_malformed" ? 400 : 403, t.code.c_str(), "token",
                    t.message);
    }
    out.has_token = true;
    out.claims = std::move(t.claims);
    // Derived from the token: whoever holds the shopper's link may send its later versions.
    out.binding = token_hash(summary.token);
  } else if (cfg.require_token) {
    return refuse(403, "collector.token_required", "token",
                  "this collector stores only responses carrying a valid order token");
  } else if (!summary.sender_key.empty()) {
    out.binding = token_hash(summary.sender_key);
  }
  return out;
}

std::string apply_sender(const sender_check& sender, payload_summary& summary,
                         std::string& payload) {
  if (summary.token.empty() && summary.sender_key.empty()) return {};
  json doc = json::parse(payload, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return {};  // check_payload() accepted it: never
  doc.erase("token");
  doc.erase("senderKey");
  if (sender.has_token) {
    json& properties = doc["properties"];
    if (!properties.is_object()) properties = json::object();
    for (const auto& [key, value] : sender.claims.properties) properties[key] = value;
    properties["orderId"] = sender.claims.order_id;
    // The token's properties and order id join the payload's: together they must stay within
    // the contract's limit, or the stored payload would be one no endpoint should accept.
    if (properties.size() > max_payload_properties) {
      return "the token's properties and order id with the payload's make " +
             std::to_string(properties.size()) + " properties; a payload carries at most " +
             std::to_string(max_payload_properties);
    }
    summary.order_id = sender.claims.order_id;
    if (!sender.claims.locale.empty()) {
      json& context = doc["context"];
      if (context.is_object()) context["locale"] = sender.claims.locale;
      summary.locale = sender.claims.locale;
    }
  }
  payload = dump(doc);
  return {};
}

}  // namespace pepite::collector
