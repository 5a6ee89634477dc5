"""The signing headers of a request: ACS3-HMAC-SHA256 for the control plane, AGENTRUN4-HMAC-SHA256 for the data plane
(the algorithms themselves are in `signing`). Signed again on every attempt: a fresh date and nonce.

`control_headers` / `data_headers` sign from plain values, before any `httpx.Request` exists (the HTTP core's path:
httpx's header container costs more per lookup than the HMACs); `sign_control_request` / `sign_data_request` sign a
built `httpx.Request` in place (multipart bodies, whose content type is known only once built, and clients the SDK
configures for others)."""

from __future__ import annotations

from collections.abc import Mapping

import httpx

from agentrun._config import Config
from agentrun._core import signing

CONTROL_API_VERSION = "2025-09-10"
_ALSO_SIGNED = ("user-agent", "accept", "content-type")


def _path_and_query(url: httpx.URL) -> tuple[str, str]:
    return url.raw_path.split(b"?", 1)[0].decode(), url.query.decode()


def control_headers(
    config: Config, method: str, url: httpx.URL, headers: Mapping[str, str], body: bytes, action: str | None
) -> dict[str, str]:
    """The headers to add to a control-plane request for ACS3-HMAC-SHA256. `headers` are the request's own, with
    lower-case names; `body` the bytes sent (empty for a streamed body, which is signed as empty)."""
    key_id, secret = config.require_credentials()
    payload_hash = signing.sha256_hex(body) if body else signing.EMPTY_SHA256
    signed: dict[str, str] = {
        "host": url.netloc.decode("ascii"),
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
    for name in _ALSO_SIGNED:
        if name in headers:
            signed[name] = headers[name]
    for name, value in headers.items():
        if name.startswith("x-acs-") and name not in signed:
            signed[name] = value
    path, query = _path_and_query(url)
    signed["authorization"] = signing.acs3_authorization(
        method=method,
        raw_path=path,
        query=signing.parse_query(query),
        headers=signed,
        payload_hash=payload_hash,
        access_key_id=key_id,
        access_key_secret=secret,
    )
    return signed


def data_headers(config: Config, method: str, url: httpx.URL, headers: Mapping[str, str]) -> dict[str, str]:
    """The headers to add to a data-plane request for AGENTRUN4-HMAC-SHA256 (x-acs-date, x-acs-content-sha256,
    Agentrun-Authorization). `headers` are the request's own, with lower-case names."""
    key_id, secret = config.require_credentials()
    stamp = signing.acs_date()
    added = {"x-acs-date": stamp, "x-acs-content-sha256": signing.UNSIGNED_PAYLOAD}
    if config.security_token:
        added["x-acs-security-token"] = config.security_token
    path, query = _path_and_query(url)
    added["agentrun-authorization"] = signing.agentrun4_authorization(
        method=method,
        raw_path=path,
        raw_query=query,
        headers={"host": url.netloc.decode("ascii"), **headers, **added},
        access_key_id=key_id,
        access_key_secret=secret,
        region=config.region,
        date=stamp[:10].replace("-", ""),
    )
    return added


def sign_data_request(config: Config, request: httpx.Request) -> None:
    """Sign a built data-plane request in place. Also used by clients the SDK configures for others
    (`client.models.openai()`)."""
    headers = request.headers
    for name, value in data_headers(config, request.method, request.url, dict(headers)).items():
        headers[name] = value  # one at a time: half the cost of httpx's Headers.update for three headers


def sign_control_request(config: Config, request: httpx.Request, action: str | None) -> None:
    """Sign a built control-plane request in place, over its body as httpx holds it (JSON, bytes and forms are
    already in memory; a streamed body is signed as empty)."""
    body = request.content if isinstance(request.stream, httpx.ByteStream) else b""
    request.headers.update(control_headers(config, request.method, request.url, dict(request.headers), body, action))
