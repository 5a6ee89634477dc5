"""The signed query that opens a sandbox's live-view page on AgentRun Local (openapi/data.yaml, LiveViewPage).

A web browser cannot sign a request's headers, so the page's URL carries a short-lived token instead: an
HMAC-SHA256, keyed by the access key secret, of the sandbox id and the time the URL stops working. Whoever holds
the URL may watch that one sandbox until then, and nothing else.

    params = sign(key_id, secret, sandbox_id, expires)        # {"accessKeyId", "expires", "signature"}
    check(params, secret_of, sandbox_id, now)                 # None, or why the URL is refused
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable, Mapping

MAX_TTL_SECONDS = 24 * 3600  # a leaked URL stops working within a day whatever it asked for
PARAMS = ("accessKeyId", "expires", "signature")


def _digest(secret: str, sandbox_id: str, expires: int) -> str:
    message = f"AGENTRUN-LIVEVIEW\n{sandbox_id}\n{expires}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def sign(key_id: str, secret: str, sandbox_id: str, expires: int) -> dict[str, str]:
    return {"accessKeyId": key_id, "expires": str(expires), "signature": _digest(secret, sandbox_id, expires)}


def check(
    params: Mapping[str, str], secret_of: Callable[[str], str | None], sandbox_id: str, now: float
) -> tuple[int, str] | None:
    """None when `params` open `sandbox_id` at `now`; else (401 or 403, what is wrong)."""
    missing = [name for name in PARAMS if not params.get(name)]
    if missing:
        return 401, f"the live-view URL lacks {', '.join(missing)}: ask the SDK for one (sandbox.browser.viewer_url())"
    try:
        expires = int(params["expires"])
    except ValueError:
        return 401, f"expires={params['expires']!r} is not a Unix time in seconds"
    if expires < now:
        return 401, "the live-view URL has expired: ask for a new one (sandbox.browser.viewer_url())"
    if expires > now + MAX_TTL_SECONDS:
        return 401, f"the live-view URL is valid for more than {MAX_TTL_SECONDS} s: ask for a shorter one"
    secret = secret_of(params["accessKeyId"])
    if secret is None:
        return 401, f"access key id {params['accessKeyId']!r} is not known to this server"
    if not hmac.compare_digest(_digest(secret, sandbox_id, expires), params["signature"].lower()):
        return 403, "the live-view URL's signature does not match: it was changed, or is for another sandbox"
    return None
