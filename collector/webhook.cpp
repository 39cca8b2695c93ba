// Webhooks, the pure parts: see webhook.hpp.
#include "webhook.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <iterator>

namespace pepite::collector {

namespace {

constexpr std::int64_t day_ms = 86400000;

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

int year_of_day(std::int64_t days) {
  const std::time_t secs = static_cast<std::time_t>(days * 86400);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  return tm.tm_year + 1900;
}

// The Monday of ISO week 1 of `year`: the week holding January 4th.
std::int64_t week_one_monday(int year) {
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mday = 4;
  const std::int64_t jan4 = floor_div(static_cast<std::int64_t>(timegm(&tm)), 86400);
  const std::int64_t weekday = ((jan4 + 3) % 7 + 7) % 7;  // 0 = Monday (1970-01-01 a Thursday)
  return jan4 - weekday;
}

std::string quoted(std::string_view text, text_language lang) {
  return lang == text_language::fr ? "« " + std::string(text) + " »"
                                   : "“" + std::string(text) + "”";
}

// At most `max` bytes of `text`, cut before a UTF-8 continuation byte, with "…" when cut.
std::string shortened(const std::string& text, std::size_t max) {
  if (text.size() <= max) return text;
  std::size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end) + "…";
}

std::string score_text(const json& score) {
  return score.is_number_integer() ? std::to_string(score.get<int>()) + "/10" : "–";
}

}  // namespace

std::string hmac_sha256_hex(std::string_view key, std::string_view message) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (!HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
            reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac, &length)) {
    return {};
  }
  static const char digits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    hex += digits[mac[i] >> 4];
    hex += digits[mac[i] & 15];
  }
  return hex;
}

std::string webhook_signature(std::string_view secret, std::int64_t unix_seconds,
                              std::string_view body) {
  const std::string t = std::to_string(unix_seconds);
  std::string signed_text;
  signed_text.reserve(t.size() + 1 + body.size());
  signed_text.append(t).append(".").append(body);
  return "t=" + t + ",v1=" + hmac_sha256_hex(secret, signed_text);
}

std::int64_t backoff_ms(int attempts, std::int64_t first_ms, std::int64_t cap_ms, double random01) {
  std::int64_t delay = std::max<std::int64_t>(1, first_ms);
  for (int i = 1; i < attempts && delay < cap_ms; ++i) delay *= 2;
  delay = std::min(delay, cap_ms);
  const double jitter = std::clamp(random01, 0.0, 1.0);
  return delay / 2 + static_cast<std::int64_t>(static_cast<double>(delay - delay / 2) * jitter);
}

namespace {

// The digits of `s` as a number, or -1 when it is not only digits (or too long to matter).
std::int64_t digits_value(std::string_view s) {
  if (s.empty() || s.size() > 12) return -1;
  std::int64_t n = 0;
  for (const char c : s) {
    if (c < '0' || c > '9') return -1;
    n = n * 10 + (c - '0');
  }
  return n;
}

// An IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`) as ms since the epoch, or nothing.
std::optional<std::int64_t> http_date_ms(std::string_view s) {
  static constexpr std::string_view days[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  static constexpr std::string_view months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  if (s.size() != 29 || s.substr(3, 2) != ", " || s[7] != ' ' || s[11] != ' ' || s[16] != ' ' ||
      s[19] != ':' || s[22] != ':' || s.substr(25) != " GMT" ||
      std::find(std::begin(days), std::end(days), s.substr(0, 3)) == std::end(days)) {
    return std::nullopt;
  }
  const auto month = std::find(std::begin(months), std::end(months), s.substr(8, 3));
  const std::int64_t day = digits_value(s.substr(5, 2)), year = digits_value(s.substr(12, 4)),
                     hour = digits_value(s.substr(17, 2)), minute = digits_value(s.substr(20, 2)),
                     second = digits_value(s.substr(23, 2));
  if (month == std::end(months) || day < 1 || day > 31 || year < 1970 || hour < 0 || hour > 23 ||
      minute < 0 || minute > 59 || second < 0 || second > 60) {
    return std::nullopt;
  }
  std::tm tm{};
  tm.tm_year = static_cast<int>(year - 1900);
  tm.tm_mon = static_cast<int>(month - std::begin(months));
  tm.tm_mday = static_cast<int>(day);
  tm.tm_hour = static_cast<int>(hour);
  tm.tm_min = static_cast<int>(minute);
  tm.tm_sec = static_cast<int>(second);
  return static_cast<std::int64_t>(timegm(&tm)) * 1000;
}

}  // namespace

std::optional<std::int64_t> retry_after_ms(std::string_view value, std::int64_t now_ms,
                                           std::int64_t cap_ms) {
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
  if (const std::int64_t seconds = digits_value(value); seconds >= 0) {
    return std::min(seconds * 1000, cap_ms);
  }
  const std::optional<std::int64_t> at = http_date_ms(value);
  if (!at) return std::nullopt;
  return std::clamp<std::int64_t>(*at - now_ms, 0, cap_ms);
}

std::string iso_from_ms(std::int64_t ms) {
  const std::time_t secs = static_cast<std::time_t>(floor_div(ms, 1000));
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(ms - floor_div(ms, 1000) * 1000));
  return buf;
}

iso_week iso_week_of(std::int64_t ms) {
  const std::int64_t day = floor_div(ms, day_ms);
  const std::int64_t monday = day - ((day + 3) % 7 + 7) % 7;
  // The ISO year is the year of the week's Thursday.
  const int year = year_of_day(monday + 3);
  const std::int64_t week = (monday - week_one_monday(year)) / 7 + 1;
  char label[16];
  std::snprintf(label, sizeof label, "%04d-W%02d", year, static_cast<int>(week));
  return {label, monday * day_ms};
}

std::string alert_text(const json& r, text_language lang) {
  const bool fr = lang == text_language::fr;
  std::string text = fr ? "Nouvelle alerte" : "New alert";
  const std::string priority = r.contains("alert") && r["alert"].is_object()
                                   ? r["alert"].value("priority", std::string())
                                   : std::string();
  if (priority == "high") text += fr ? " (urgente)" : " (high)";
  text += fr ? " : NPS " : ": NPS ";
  text += score_text(r.value("nps", json()));
  const std::string order = r.value("orderId", std::string());
  if (!order.empty()) text += (fr ? ", commande " : ", order ") + order;
  if (r.value("callbackConsent", false))
    text += fr ? ", accepte d’être rappelé" : ", asks for a call-back";
  const std::string comment = r.value("comment", std::string());
  text += comment.empty() ? (fr ? ". Sans commentaire." : ". No comment.")
                          : "\n" + quoted(shortened(comment, 1500), lang);
  return text;
}

json digest_item(const std::optional<int>& score, std::string_view comment,
                 std::string_view order_id, std::string_view received_at,
                 std::string_view response_id) {
  json item = json::object();
  item["score"] = score ? json(*score) : json(nullptr);
  item["comment"] = comment;
  item["orderId"] = order_id;
  item["receivedAt"] = received_at;
  item["responseId"] = response_id;
  return item;
}

std::string case_text(std::string_view type, const json& d, text_language lang) {
  const bool fr = lang == text_language::fr;
  const std::string order = d.value("orderId", std::string());
  std::string text = fr ? "Cas" : "Case";
  text += order.empty() ? " " + d.value("responseId", std::string())
                        : (fr ? " de la commande " : " of order ") + order;
  if (type == "case.overdue") {
    return text + (fr ? " en retard : à rappeler depuis " : " overdue: call-back due since ") +
           d.value("dueAt", std::string());
  }
  const std::string kind = d.value("change", std::string());
  const std::string to = d.value("to", std::string());
  if (kind == "status") {
    text += (fr ? " : " : ": ") + d.value("from", std::string()) + " → " + to;
  } else if (kind == "assign") {
    text += fr ? (to.empty() ? " : sans responsable" : " : confié à " + to)
               : (to.empty() ? ": unassigned" : ": assigned to " + to);
  } else if (kind == "resolution") {
    // Issue 17: the shopper's answer to "is it solved?", and their comment.
    const char* said = to == "yes"      ? (fr ? "résolu" : "solved")
                       : to == "partly" ? (fr ? "résolu en partie" : "partly solved")
                                        : (fr ? "non résolu" : "not solved");
    text += (fr ? " : le client dit « " : ": the shopper says “") + std::string(said) +
            (fr ? " »" : "”");
    const std::string comment = d.value("note", std::string());
    if (!comment.empty()) text += "\n" + quoted(shortened(comment, 1500), lang);
  } else if (kind == "note") {
    text += (fr ? " : note\n" : ": note\n") +
            quoted(shortened(d.value("note", std::string()), 1500), lang);
  } else {
    text += fr ? " : dernière modification annulée" : ": last change undone";
  }
  return text + (fr ? " (par " : " (by ") + d.value("actor", std::string()) + ")";
}

std::string digest_text(const json& d, text_language lang) {
  const bool fr = lang == text_language::fr;
  const auto detractors = d.value("detractorCount", 0);
  std::string text = (fr ? "Semaine " : "Week ") + d.value("week", std::string()) +
                     (fr ? " : " : ": ") + std::to_string(detractors) +
                     (fr ? (detractors > 1 ? " détracteurs" : " détracteur")
                         : (detractors == 1 ? " detractor" : " detractors")) +
                     (fr ? " sur " : " out of ") + std::to_string(d.value("responseCount", 0)) +
                     (fr ? " réponses." : " responses.");
  // Slack shows up to 40,000 characters; the digest stays well below, the data keeps them all.
  std::size_t shown = 0;
  for (const json& item : d.value("detractors", json::array())) {
    std::string line = "\n• " + score_text(item.value("score", json()));
    const std::string order = item.value("orderId", std::string());
    if (!order.empty()) line += " · " + order;
    const std::string comment = item.value("comment", std::string());
    if (!comment.empty()) line += " · " + quoted(shortened(comment, 600), lang);
    if (text.size() + line.size() > 30000) break;
    text += line;
    ++shown;
  }
  if (shown < d.value("detractors", json::array()).size()) {
    text += fr ? "\n(suite dans les données de l’événement)" : "\n(more in the event's data)";
  }
  return text;
}

std::string event_body(std::string_view id, std::string_view type, std::string_view created_at,
                       std::string_view text, const json& data) {
  json body = json::object();
  body["id"] = id;
  body["type"] = type;
  body["createdAt"] = created_at;
  body["text"] = text;
  body["data"] = data;
  return dump(body);
}

bool parse_webhook_url(std::string_view url, webhook_url* out, std::string* error) {
  webhook_url u;
  const bool tls = url.substr(0, 8) == "https://";
  if (!tls && url.substr(0, 7) != "http://") {
    *error = "a webhook URL starts with https:// or http://";
    return false;
  }
  u.tls = tls;
  u.port = tls ? "443" : "80";
  std::string_view rest = url.substr(tls ? 8 : 7);
  const std::size_t slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  if (slash != std::string_view::npos) u.target = std::string(rest.substr(slash));
  if (authority.find('@') != std::string_view::npos) {
    *error = "a webhook URL carries no user or password";
    return false;
  }
  const std::size_t colon = authority.rfind(':');
  if (colon != std::string_view::npos && authority.find(']') == std::string_view::npos) {
    u.port = std::string(authority.substr(colon + 1));
    authority = authority.substr(0, colon);
    const bool digits =
        !u.port.empty() && u.port.size() <= 5 &&
        std::all_of(u.port.begin(), u.port.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits || std::stoi(u.port) == 0 || std::stoi(u.port) > 65535) {
      *error = "bad port in the webhook URL";
      return false;
    }
  }
  if (authority.empty() || u.target.find_first_of(" \r\n\t") != std::string::npos) {
    *error = "a webhook URL needs a host and a path without spaces";
    return false;
  }
  u.host = std::string(authority);
  *out = std::move(u);
  return true;
}

std::string url_for_log(std::string_view url) {
  const std::size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return "…";
  const std::size_t path = url.find('/', scheme + 3);
  if (path == std::string_view::npos) return std::string(url);
  const std::size_t second = url.find('/', path + 1);
  if (second == std::string_view::npos || second + 1 == url.size()) {
    return std::string(url.substr(0, second == std::string_view::npos ? url.size() : second + 1));
  }
  return std::string(url.substr(0, second + 1)) + "…";
}

}  // namespace pepite::collector
