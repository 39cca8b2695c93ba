"""Checks a Pépite webhook's `Pepite-Signature` header (docs/webhooks.md), Python 3 standard
library only. `raw_body` is the request body exactly as received (bytes): parse the JSON only
after this returns True."""
import hashlib
import hmac
import re
import sys
import time


def verify_webhook(secret: str, header: str, raw_body: bytes, tolerance_seconds: int = 300,
                   now_seconds: float | None = None) -> bool:
    parts = dict(kv.split("=", 1) for kv in (header or "").split(",") if "=" in kv)
    t, v1 = parts.get("t", ""), parts.get("v1", "")
    if not re.fullmatch(r"\d+", t) or not re.fullmatch(r"[0-9a-f]{64}", v1):
        return False
    now = time.time() if now_seconds is None else now_seconds
    if abs(now - int(t)) > tolerance_seconds:
        return False
    expected = hmac.new(secret.encode(), t.encode() + b"." + raw_body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, v1)


if __name__ == "__main__":
    # python3 verify-webhook.py SECRET HEADER < body; exit 0 when valid.
    ok = verify_webhook(sys.argv[1], sys.argv[2], sys.stdin.buffer.read())
    print("valid" if ok else "INVALID")
    sys.exit(0 if ok else 1)
