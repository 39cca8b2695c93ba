// Webhooks, the pure parts: the signature, the retry schedule, the ISO week of the digest, the
// events' bodies and texts, the URLs.
#include <catch2/catch.hpp>

#include "webhook.hpp"

using namespace pepite::collector;

TEST_CASE("HMAC-SHA256 matches RFC 4231 and the signature signs t.body", "[webhook]") {
  // RFC 4231, test case 2.
  CHECK(hmac_sha256_hex("Jefe", "what do ya want for nothing?") ==
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  // Python: hmac.new(b'whsec_test', b'1700000000.{"id":"evt_1"}', hashlib.sha256).hexdigest()
  CHECK(webhook_signature("whsec_test", 1700000000, R"({"id":"evt_1"})") ==
        "t=1700000000,v1=c89214b5b5da833daed6f0b8c5bb6bd58cea9022bd80ccc78230f3942d632925");
  CHECK(webhook_signature("whsec_test", 1700000001, R"({"id":"evt_1"})") !=
        webhook_signature("whsec_test", 1700000000, R"({"id":"evt_1"})"));
}

TEST_CASE("backoff doubles from the first delay, is capped, jittered into [half, whole]",
          "[webhook]") {
  CHECK(backoff_ms(1, 1000, 3600000, 0.0) == 500);
  CHECK(backoff_ms(1, 1000, 3600000, 0.999999) == 999);
  CHECK(backoff_ms(2, 1000, 3600000, 0.0) == 1000);
  CHECK(backoff_ms(3, 1000, 3600000, 0.5) == 3000);
  CHECK(backoff_ms(12, 1000, 3600000, 0.0) == 1024000);
  CHECK(backoff_ms(13, 1000, 3600000, 0.0) == 1800000);
  CHECK(backoff_ms(1000, 1000, 3600000, 0.0) == 1800000);  // no overflow, capped
  CHECK(backoff_ms(1000, 1000, 3600000, 1.0) == 3600000);
  // Out-of-range randomness is clamped.
  CHECK(backoff_ms(1, 1000, 3600000, -3.0) == 500);
}

TEST_CASE("Retry-After: delay-seconds or an HTTP date, capped, never negative", "[webhook]") {
  const std::int64_t now = 1796644800000;  // Mon, 07 Dec 2026 12:00:00 GMT
  const std::int64_t hour = 3600000;
  CHECK(retry_after_ms("120", now, hour) == 120000);
  CHECK(retry_after_ms(" 0 ", now, hour) == 0);
  CHECK(retry_after_ms("86400", now, hour) == hour);  // capped at an hour
  CHECK(retry_after_ms("999999999999", now, hour) == hour);
  CHECK(retry_after_ms("Mon, 07 Dec 2026 12:10:00 GMT", now, hour) == 600000);
  CHECK(retry_after_ms("Tue, 08 Dec 2026 12:00:00 GMT", now, hour) == hour);
  CHECK(retry_after_ms("Sun, 06 Nov 1994 08:49:37 GMT", now, hour) == 0);  // past: at once
  // Neither: the usual backoff applies.
  CHECK_FALSE(retry_after_ms("", now, hour));
  CHECK_FALSE(retry_after_ms("-5", now, hour));
  CHECK_FALSE(retry_after_ms("1.5", now, hour));
  CHECK_FALSE(retry_after_ms("soon", now, hour));
  CHECK_FALSE(retry_after_ms("Monday, 07-Dec-26 12:10:00 GMT", now, hour));
  CHECK_FALSE(retry_after_ms("Mon, 07 Dec 2026 12:10:00 CET", now, hour));
  CHECK_FALSE(retry_after_ms("Mon, 07 Foo 2026 12:10:00 GMT", now, hour));
  CHECK_FALSE(retry_after_ms("Mon, 32 Dec 2026 12:10:00 GMT", now, hour));
  CHECK_FALSE(retry_after_ms("Mon, 07 Dec 2026 25:10:00 GMT", now, hour));
}

TEST_CASE("ISO weeks, across year ends", "[webhook]") {
  CHECK(iso_week_of(1796644800000).label == "2026-W50");  // Monday 2026-12-07
  CHECK(iso_week_of(1796644800000).monday_ms == 1796601600000);
  CHECK(iso_week_of(1609675200000).label == "2020-W53");  // Sunday 2021-01-03
  CHECK(iso_week_of(1609675200000).monday_ms == 1609113600000);
  CHECK(iso_week_of(1735560000000).label == "2025-W01");  // Monday 2024-12-30
  CHECK(iso_week_of(1767268800000).label == "2026-W01");  // Thursday 2026-01-01
  CHECK(iso_week_of(1767268800000).monday_ms == 1766966400000);
  CHECK(iso_from_ms(1796601600000) == "2026-12-07T00:00:00.000Z");
  CHECK(iso_from_ms(1796644800123) == "2026-12-07T12:00:00.123Z");
}

TEST_CASE("an event body holds id, type, createdAt, text and data", "[webhook]") {
  const json data = json::parse(R"({"responseId":"r1","nps":2,"orderId":"CMD-7",
    "alert":{"priority":"high","reasons":["nps_detractor"]},"callbackConsent":true,
    "comment":"Colis cassé"})");
  const std::string en = alert_text(data, text_language::en);
  const std::string fr = alert_text(data, text_language::fr);
  CHECK(en == "New alert (high): NPS 2/10, order CMD-7, asks for a call-back\n“Colis cassé”");
  CHECK(fr ==
        "Nouvelle alerte (urgente) : NPS 2/10, commande CMD-7, accepte d’être rappelé\n« Colis "
        "cassé »");
  const json body =
      json::parse(event_body("evt_1", "alert.created", "2026-12-07T00:00:00.000Z", en, data));
  CHECK(body["id"] == "evt_1");
  CHECK(body["type"] == "alert.created");
  CHECK(body["createdAt"] == "2026-12-07T00:00:00.000Z");
  CHECK(body["text"] == en);
  CHECK(body["data"] == data);
  // A long comment is cut in the text (on a character boundary), never in the data.
  json long_comment = data;
  long_comment["comment"] = std::string(1499, 'a') + "é" + std::string(100, 'b');
  const std::string cut = alert_text(long_comment, text_language::en);
  CHECK(cut.find("a…") != std::string::npos);
  CHECK(json(cut).dump().size() > 0);  // still valid UTF-8
}

TEST_CASE("the digest's text lists each detractor's words", "[webhook]") {
  json d = json::object();
  d["week"] = "2026-W49";
  d["responseCount"] = 10;
  d["detractorCount"] = 2;
  d["detractors"] = json::array({digest_item(1, "Jamais reçu", "CMD-1", "t", "r1"),
                                 digest_item(std::nullopt, "", "", "t", "r2")});
  CHECK(digest_text(d, text_language::en) ==
        "Week 2026-W49: 2 detractors out of 10 responses.\n• 1/10 · CMD-1 · “Jamais reçu”\n• –");
  CHECK(digest_text(d, text_language::fr).rfind("Semaine 2026-W49 : 2 détracteurs sur 10", 0) == 0);
}

TEST_CASE("webhook URLs: http:// or https:// with a host", "[webhook]") {
  webhook_url u;
  std::string error;
  REQUIRE(parse_webhook_url("http://127.0.0.1:9000/hooks/a?x=1", &u, &error));
  CHECK(u.host == "127.0.0.1");
  CHECK(u.port == "9000");
  CHECK(u.target == "/hooks/a?x=1");
  REQUIRE(parse_webhook_url("http://relay.internal", &u, &error));
  CHECK(u.port == "80");
  CHECK(u.target == "/");
  CHECK_FALSE(u.tls);
  REQUIRE(parse_webhook_url("https://hooks.slack.com/services/T/B/X", &u, &error));
  CHECK(u.tls);
  CHECK(u.host == "hooks.slack.com");
  CHECK(u.port == "443");
  CHECK(u.target == "/services/T/B/X");
  CHECK_FALSE(parse_webhook_url("ftp://x/", &u, &error));
  CHECK_FALSE(parse_webhook_url("http://:80/", &u, &error));
  CHECK_FALSE(parse_webhook_url("http://h:99999/", &u, &error));
  CHECK_FALSE(parse_webhook_url("http://user:pw@h/", &u, &error));
  CHECK_FALSE(parse_webhook_url("http://h/a b", &u, &error));
  CHECK(url_for_log("https://hooks.slack.com/services/T0/B0/secret") ==
        "https://hooks.slack.com/services/…");
  CHECK(url_for_log("http://127.0.0.1:9/hook") == "http://127.0.0.1:9/hook");
}
