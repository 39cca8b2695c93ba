"""A Pépite order token in Python (hmac, hashlib; docs/tokens.md). Copy sign_token() into the
shop's server; the command line is for trying it:
    PEPITE_TOKEN_SECRET=… python3 token.py post-purchase A-10023 [fr]
"""
import base64
import hashlib
import hmac
import json
import os
import sys
import time


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def sign_token(secret, survey, order, days=30, locale=None, properties=None):
    claims = {"s": survey, "o": order, "e": int(time.time()) + days * 86400}
    if locale:
        claims["l"] = locale
    if properties:
        claims["p"] = properties
    text = json.dumps(claims, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    body = "v1." + _b64url(text)
    mac = hmac.new(secret.encode("utf-8"), body.encode("ascii"), hashlib.sha256).digest()
    return body + "." + _b64url(mac)


if __name__ == "__main__":
    args = sys.argv[1:]
    print(sign_token(os.environ.get("PEPITE_TOKEN_SECRET", ""), args[0], args[1],
                     locale=args[2] if len(args) > 2 else None))
