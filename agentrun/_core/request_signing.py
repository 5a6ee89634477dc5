"""The signing headers of a built request: ACS3-HMAC-SHA256 for the control plane, AGENTRUN4-HMAC-SHA256 for the
data plane (the algorithms themselves are in `signing`). Signed again on every attempt: a fresh date and nonce."""

from __future__ import annotations

import httpx

from agentrun._config import Config
from agentrun._core import signing

CONTROL_API_VERSION = "2025-09-10"


def sign_data_request(config: Config, request: httpx.Request) -> None:
    """Sign a data-plane request with AGENTRUN4-HMAC-SHA256 (sets x-acs-date, x-acs-content-sha256 and
    Agentrun-Authorization). Also used by clients the SDK configures for others (`client.models.openai()`)."""
    key_id, secret = config.require_credentials()
    stamp = signing.acs_date()
    request.headers["x-acs-date"] = stamp
    request.headers["x-acs-content-sha256"] = signing.UNSIGNED_PAYLOAD
    if config.security_token:
        request.headers["x-acs-security-token"] = config.security_token
    request.headers["agentrun-authorization"] = signing.agentrun4_authorization(
        method=request.method,
        raw_path=request.url.raw_path.split(b"?", 1)[0].decode(),
        raw_query=request.url.query.decode(),
        headers=dict(request.headers),
        access_key_id=key_id,
        access_key_secret=secret,
        region=config.region,
        date=stamp[:10].replace("-", ""),
    )


def sign_control_request(config: Config, request: httpx.Request, action: str | None) -> None:
    """Sign a control-plane request with ACS3-HMAC-SHA256 over its body as httpx holds it (JSON, bytes and forms
    are already in memory; a streamed body is signed as empty)."""
    key_id, secret = config.require_credentials()
    body = request.content if isinstance(request.stream, httpx.ByteStream) else b""
    payload_hash = signing.sha256_hex(body)
    signed: dict[str, str] = {
        "host": request.headers["host"],
        "x-acs-version": CONTROL_API_VERSION,
        "x-acs-date": signing.acs_date(),
        "x-acs-signature-nonce": signing.new_nonce(),
        "x-acs-content-sha256": payload_hash,
    }
    if action:
        signed["x-acs-action"] = action
    if config.security_token:
        signed["x-acs-security-token"] = config.security_token
        signed["x-acs-accesskey-id"] = key_id
    for name in ("user-agent", "accept", "content-type"):
        if name in request.headers:
            signed[name] = request.headers[name]
    for name, value in request.headers.items():
        if name.startswith("x-acs-") and name not in signed:
            signed[name] = value
    request.headers.update(signed)
    request.headers["authorization"] = signing.acs3_authorization(
        method=request.method,
        raw_path=request.url.raw_path.split(b"?", 1)[0].decode(),
        query=signing.parse_query(request.url.query.decode()),
        headers=signed,
        payload_hash=payload_hash,
        access_key_id=key_id,
        access_key_secret=secret,
    )
