"""Signature verification on both planes: what passes, and the 401/403 answers (with their messages) for what does
not. Wire facts: openapi/control.yaml and openapi/data.yaml."""

from __future__ import annotations

import time

import httpx
import pytest
from local_helpers import acs3_headers, agentrun4_headers, signed, unique

from agentrun._core import signing
from agentrun.local import LocalServer
from agentrun.local.auth import MAX_SKEW_SECONDS, AuthFailure, Verifier, _Request

CREDENTIALS = "/2025-09-10/agents/credentials"


def assert_error(response: httpx.Response, status: int, code: str, *phrases: str) -> None:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["code"] == code
    assert body["requestId"] and response.headers["x-acs-request-id"] == body["requestId"]
    for phrase in phrases:
        assert phrase in body["message"]


async def test_signed_request_is_accepted(raw: httpx.AsyncClient, local: LocalServer) -> None:
    response = await signed(raw, local, "GET", CREDENTIALS, query={"pageNumber": "1", "pageSize": "10"})
    assert response.status_code == 200
    assert response.json()["code"] == "SUCCESS"


async def test_unsigned_request_gets_401_saying_how_to_get_keys(raw: httpx.AsyncClient) -> None:
    response = await raw.get(CREDENTIALS)
    assert_error(response, 401, "MissingAuthorization", "not signed", "agentrun local env")


async def test_wrong_signature_gets_403_with_the_canonical_request(raw: httpx.AsyncClient, local: LocalServer) -> None:
    response = await signed(raw, local, "GET", CREDENTIALS, secret="not-the-secret")
    assert_error(response, 403, "SignatureDoesNotMatch", "does not match", "GET\\n/2025-09-10/agents/credentials")


async def test_stale_date_gets_401(raw: httpx.AsyncClient, local: LocalServer) -> None:
    response = await signed(raw, local, "GET", CREDENTIALS, date="2020-01-01T00:00:00Z")
    assert_error(response, 401, "InvalidTimeStamp.Expired", "2020-01-01T00:00:00Z", "15 minutes")


async def test_unknown_access_key_gets_401(raw: httpx.AsyncClient, local: LocalServer) -> None:
    response = await signed(raw, local, "GET", CREDENTIALS, key_id="LTAIsomeoneelse")
    assert_error(response, 401, "InvalidAccessKeyId.NotFound", "LTAIsomeoneelse", "agentrun local env")


async def test_replayed_nonce_gets_403(raw: httpx.AsyncClient, local: LocalServer) -> None:
    headers = acs3_headers(local, "GET", CREDENTIALS)
    first = await raw.get(CREDENTIALS, headers=headers)
    replay = await raw.get(CREDENTIALS, headers=headers)
    assert first.status_code == 200
    assert_error(replay, 403, "SignatureNonceUsed", headers["x-acs-signature-nonce"])


async def test_malformed_authorization_gets_401(raw: httpx.AsyncClient, local: LocalServer) -> None:
    headers = {**acs3_headers(local, "GET", CREDENTIALS), "authorization": "ACS3-HMAC-SHA256 garbage"}
    assert_error(await raw.get(CREDENTIALS, headers=headers), 401, "InvalidAuthorization", "malformed")


async def test_body_changed_after_signing_gets_403(raw: httpx.AsyncClient, local: LocalServer) -> None:
    body = b'{"credentialName":"x","credentialAuthType":"api_key","credentialSourceType":"internal"}'
    headers = acs3_headers(local, "POST", CREDENTIALS, body=body)
    response = await raw.post(CREDENTIALS, content=body.replace(b'"x"', b'"y"'), headers=headers)
    assert_error(response, 403, "SignatureDoesNotMatch", "x-acs-content-sha256")


async def test_host_header_with_a_scheme_is_verified_as_received(raw: httpx.AsyncClient, local: LocalServer) -> None:
    """The official client's plain-HTTP quirk signs `Host: http://127.0.0.1:PORT`."""
    host = f"http://{local.host}:{local.port}"
    response = await signed(raw, local, "GET", CREDENTIALS, host=host)
    assert response.status_code == 200, response.text


async def test_unsigned_transport_headers_are_tolerated(raw: httpx.AsyncClient, local: LocalServer) -> None:
    """aiohttp adds an unsigned octet-stream Content-Type to body-less requests, urllib3 Accept-Encoding."""
    headers = acs3_headers(local, "GET", CREDENTIALS)
    headers.update({"content-type": "application/octet-stream", "accept-encoding": "identity"})
    assert (await raw.get(CREDENTIALS, headers=headers)).status_code == 200


async def test_official_query_encoding_verifies(raw: httpx.AsyncClient, local: LocalServer) -> None:
    """Capitalised booleans, and a form-encoded space (`+`) that the signature encodes as %20."""
    query = {"enabled": "True", "credentialName": "a b*~", "pageNumber": "1", "pageSize": "50"}
    response = await signed(raw, local, "GET", CREDENTIALS, query=query)
    assert response.status_code == 200, response.text
    assert response.json()["data"]["items"] == []


async def test_sdk_client_signs_every_method(client, local: LocalServer) -> None:  # type: ignore[no-untyped-def]
    name = unique("auth")
    await client.credentials.create(name, auth_type="api_key", source_type="internal", secret="s")
    await client.credentials.update(name, description="d")
    await client.credentials.get(name)
    await client.credentials.delete(name)


# -- data plane ---------------------------------------------------------------------------------------------------


async def test_data_plane_without_credentials_gets_401(raw: httpx.AsyncClient) -> None:
    assert_error(await raw.get("/data/sandboxes/sbx-1/health"), 401, "MissingAuthorization", "Agentrun-Authorization")


async def test_data_plane_signed_request_passes_verification(raw: httpx.AsyncClient, local: LocalServer) -> None:
    path = "/data/sandboxes/sbx-1/health"
    response = await raw.get(
        path + "?foo=bar&zoo=", headers=agentrun4_headers(local, "GET", path, raw_query="foo=bar&zoo=")
    )
    # Verified; sbx-1 does not exist, so the answer is the JSON 404 of an unknown sandbox.
    assert_error(response, 404, "ERR_NOT_FOUND", "does not exist")


async def test_data_plane_wrong_signature_gets_403(raw: httpx.AsyncClient, local: LocalServer) -> None:
    path = "/data/sandboxes/sbx-1/health"
    response = await raw.get(path, headers=agentrun4_headers(local, "GET", path, secret="wrong"))
    assert_error(response, 403, "SignatureDoesNotMatch")


async def test_data_plane_stale_signature_gets_401(raw: httpx.AsyncClient, local: LocalServer) -> None:
    path = "/data/sandboxes"
    response = await raw.get(path, headers=agentrun4_headers(local, "GET", path, stamp="2020-01-01T00:00:00Z"))
    assert_error(response, 401, "InvalidTimeStamp.Expired")


async def test_a_proven_data_plane_signature_covers_only_the_request_it_signed(
    raw: httpx.AsyncClient, local: LocalServer
) -> None:
    """The server remembers an Agentrun-Authorization it has verified (a client repeats it for every call to a path
    within a second); the same value on a request that differs in anything signed is verified afresh, and fails."""
    path = "/data/sandboxes/sbx-1/health"
    headers = agentrun4_headers(local, "GET", path)
    for _ in range(2):  # verified, then known
        assert_error(await raw.get(path, headers=headers), 404, "ERR_NOT_FOUND")
    assert_error(await raw.get("/data/sandboxes/sbx-2/health", headers=headers), 403, "SignatureDoesNotMatch")
    assert_error(await raw.get(path + "?x=1", headers=headers), 403, "SignatureDoesNotMatch")
    assert_error(await raw.delete(path, headers=headers), 403, "SignatureDoesNotMatch")
    assert_error(await raw.get(path, headers={**headers, "host": "elsewhere:1"}), 403, "SignatureDoesNotMatch")
    moved = {**headers, "x-acs-content-sha256": signing.EMPTY_SHA256}
    assert_error(await raw.get(path, headers=moved), 403, "SignatureDoesNotMatch")


def test_a_proven_data_plane_signature_expires_with_its_date() -> None:
    now = [time.time()]
    verifier = Verifier({"AK": "SK"}, clock=lambda: now[0])
    stamp = signing.acs_date()
    headers = {"host": "127.0.0.1:1", "x-acs-date": stamp, "x-acs-content-sha256": signing.UNSIGNED_PAYLOAD}
    headers["agentrun-authorization"] = signing.agentrun4_authorization(
        method="GET", raw_path="/data/x", raw_query="", headers=headers, access_key_id="AK",
        access_key_secret="SK", region="cn-hangzhou", date=stamp[:10].replace("-", ""),
    )  # fmt: skip
    scope = {
        "type": "http", "method": "GET", "path": "/data/x", "raw_path": b"/data/x", "query_string": b"",
        "headers": [(name.encode(), value.encode()) for name, value in headers.items()],
    }  # fmt: skip
    assert not verifier.proven(scope)
    verifier.agentrun4(_Request.of(scope))
    assert verifier.proven(scope)  # known now
    now[0] += MAX_SKEW_SECONDS + 60
    assert not verifier.proven(scope)
    with pytest.raises(AuthFailure, match="away from the server's clock"):
        verifier.agentrun4(_Request.of(scope))


@pytest.mark.parametrize("path", ["/health"])
async def test_health_probe_needs_no_signature(raw: httpx.AsyncClient, path: str) -> None:
    response = await raw.get(path)
    assert response.status_code == 200 and response.json() == {"status": "ok"}


def test_signing_module_is_what_the_server_verifies_with() -> None:
    """Guard: the verifier reuses the SDK's canonicalisation (one implementation for both directions)."""
    from agentrun.local import auth

    assert auth.signing is signing
