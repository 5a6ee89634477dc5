"""Who may call the model gateway (models/access.py), and keys that never reach the caller: the AGENTRUN4 signature
(relaxed on model paths as the official SDK needs), the API key of a credential bound to a proxy, and the upstream
key the gateway injects."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from local_helpers import unique
from model_helpers import all_events, model_path, post, proxy, service, signed_headers, stream
from upstreams import FakeUpstream

from agentrun._core import signing
from agentrun.client import AsyncAgentRun
from agentrun.local import LocalServer

HELLO = {"messages": [{"role": "user", "content": "hello"}]}
STALE = "2020-01-01T00:00:00Z"


@pytest.fixture
async def good() -> AsyncIterator[FakeUpstream]:
    async with FakeUpstream(name="good") as upstream:
        yield upstream
    await upstream.settled()


def model_info_headers(local: LocalServer, secret: str | None = None) -> dict[str, str]:
    """What agentrun-sdk 0.0.54's ModelDataAPI.model_info() signs: GET on the empty URL (host ""), once."""
    stamp = signing.acs_date()
    headers = {"host": "", "x-acs-date": stamp, "x-acs-content-sha256": signing.UNSIGNED_PAYLOAD}
    headers["agentrun-authorization"] = signing.agentrun4_authorization(
        method="GET",
        raw_path="/",
        raw_query="",
        headers=headers,
        access_key_id=local.identity.access_key_id,
        access_key_secret=secret or local.identity.access_key_secret,
        region=local.identity.region,
        date=stamp[:10].replace("-", ""),
    )
    del headers["host"]  # the real Host header goes out instead
    return headers


async def call(raw: httpx.AsyncClient, name: str, headers: dict[str, str]) -> httpx.Response:
    return await raw.post(model_path(name, "chat/completions"), json=HELLO, headers=headers)


# -- signatures --------------------------------------------------------------------------------------------------


async def test_unsigned_call_is_refused_with_401(raw: httpx.AsyncClient) -> None:
    response = await call(raw, "default", {})
    assert response.status_code == 401
    error = response.json()["error"]
    assert (error["type"], error["code"]) == ("authentication_error", "missing_signature")
    assert "agentrun local env" in error["message"]


async def test_unsigned_caller_learns_nothing_about_names(raw: httpx.AsyncClient) -> None:
    assert (await call(raw, "no-such-model", {})).status_code == 401


async def test_wrong_signature_is_refused(raw: httpx.AsyncClient, local: LocalServer) -> None:
    path = model_path("default", "chat/completions")
    response = await call(raw, "default", signed_headers(local, "POST", path, secret="not-the-secret"))
    assert response.status_code == 401 and response.json()["error"]["code"] == "invalid_signature"
    forged = await call(raw, "default", model_info_headers(local, secret="not-the-secret"))
    assert forged.status_code == 401


async def test_a_stale_signature_is_enough_without_a_credential(raw: httpx.AsyncClient, local: LocalServer) -> None:
    path = model_path("default", "chat/completions")
    response = await call(raw, "default", signed_headers(local, "POST", path, stamp=STALE))
    assert response.status_code == 200, response.text


async def test_the_sdks_empty_url_signature_is_enough_without_a_credential(
    raw: httpx.AsyncClient, local: LocalServer
) -> None:
    response = await call(raw, "default", model_info_headers(local))
    assert response.status_code == 200, response.text


async def test_relaxed_signatures_stay_strict_elsewhere_on_the_data_plane(
    raw: httpx.AsyncClient, local: LocalServer
) -> None:
    response = await raw.get(
        "/data/model-usage", headers=signed_headers(local, "GET", "/data/model-usage", stamp=STALE)
    )
    assert response.status_code == 401 and response.json()["code"] == "InvalidTimeStamp.Expired"


# -- a credential bound to the proxy ---------------------------------------------------------------------------


async def protected(client: AsyncAgentRun, base_url: str, **public: str) -> tuple[str, str]:
    credential = unique("cred")
    await client.credentials.create(
        credential, auth_type="api_key", source_type="internal", secret="s3cret-key", public_config=public or None
    )
    return await proxy(client, [{"baseUrl": base_url}], credential_name=credential), credential


async def test_bound_credential_key_is_accepted_as_x_api_key_or_bearer(
    raw: httpx.AsyncClient, client: AsyncAgentRun, good: FakeUpstream
) -> None:
    name, _ = await protected(client, good.base_url)
    assert (await call(raw, name, {"X-API-Key": "s3cret-key"})).status_code == 200
    assert (await call(raw, name, {"Authorization": "Bearer s3cret-key"})).status_code == 200
    for seen in good.seen:  # the caller's key stays at the gateway
        assert "x-api-key" not in seen.headers and "s3cret-key" not in str(seen.headers)


async def test_header_name_and_prefix_come_from_the_credential(
    raw: httpx.AsyncClient, client: AsyncAgentRun, good: FakeUpstream
) -> None:
    name, _ = await protected(client, good.base_url, headerKey="X-Team-Key", prefix="Key ")
    assert (await call(raw, name, {"X-Team-Key": "Key s3cret-key"})).status_code == 200
    assert (await call(raw, name, {"X-Team-Key": "s3cret-key"})).status_code == 401
    assert (await call(raw, name, {"X-API-Key": "s3cret-key"})).status_code == 401


async def test_bound_credential_refuses_everything_but_its_key_or_a_fresh_signature(
    raw: httpx.AsyncClient, local: LocalServer, client: AsyncAgentRun, good: FakeUpstream
) -> None:
    name, credential = await protected(client, good.base_url)
    path = model_path(name, "chat/completions")
    unsigned = await call(raw, name, {})
    assert (
        unsigned.status_code == 401 and f"protected by credential {credential}" in unsigned.json()["error"]["message"]
    )
    wrong = await call(raw, name, {"X-API-Key": "guess"})
    assert wrong.status_code == 401 and wrong.json()["error"]["code"] == "invalid_api_key"
    assert (await call(raw, name, signed_headers(local, "POST", path, stamp=STALE))).status_code == 401
    assert (await call(raw, name, model_info_headers(local))).status_code == 401
    assert (await call(raw, name, signed_headers(local, "POST", path))).status_code == 200
    assert len(good.seen) == 1


async def test_a_disabled_credential_accepts_no_key(
    raw: httpx.AsyncClient, client: AsyncAgentRun, good: FakeUpstream
) -> None:
    name, credential = await protected(client, good.base_url)
    await client.credentials.update(credential, enabled=False)
    response = await call(raw, name, {"X-API-Key": "s3cret-key"})
    assert response.status_code == 401 and f"credential {credential} is disabled" in response.json()["error"]["message"]
    assert good.seen == []


async def test_streams_need_the_key_too(
    raw: httpx.AsyncClient, local: LocalServer, client: AsyncAgentRun, good: FakeUpstream
) -> None:
    name, _ = await protected(client, good.base_url)
    path = model_path(name, "chat/completions")
    async with raw.stream("POST", path, json={**HELLO, "stream": True}, headers={"X-API-Key": "s3cret-key"}) as ok:
        assert ok.status_code == 200 and (await all_events(ok))[-1] == "[DONE]"
    async with raw.stream("POST", path, json={**HELLO, "stream": True}) as refused:
        await refused.aread()
        assert refused.status_code == 401


# -- the upstream key: injected, never shown ----------------------------------------------------------------------


async def test_service_key_is_injected_and_never_returned(
    raw: httpx.AsyncClient, local: LocalServer, client: AsyncAgentRun
) -> None:
    async with FakeUpstream(name="keyed", api_key="sk-upstream-123") as keyed:
        name = await service(client, keyed.base_url, api_key="sk-upstream-123")
        response = await post(raw, local, name, "chat/completions", HELLO)
        async with stream(raw, local, name, HELLO) as streamed:
            chunks = await all_events(streamed)
            streamed_headers = str(streamed.headers)
    assert response.status_code == 200 and chunks[-1] == "[DONE]"
    assert [seen.headers["authorization"] for seen in keyed.seen] == ["Bearer sk-upstream-123"] * 2
    assert "sk-upstream-123" not in response.text + str(response.headers) + str(chunks) + streamed_headers


async def test_a_rejected_key_is_not_echoed(raw: httpx.AsyncClient, local: LocalServer, client: AsyncAgentRun) -> None:
    async with FakeUpstream(name="picky", api_key="the-right-key") as picky:
        name = await service(client, picky.base_url, api_key="sk-wrong-456")
        response = await post(raw, local, name, "chat/completions", HELLO)
    assert picky.seen[0].headers["authorization"] == "Bearer sk-wrong-456"
    assert response.status_code == 502
    message = response.json()["error"]["message"]
    assert "HTTP 401: it rejected the API key the gateway sent" in message
    assert "sk-wrong-456" not in response.text and "Incorrect API key provided: Bearer ***" in message


async def test_key_from_a_credential_bound_to_the_service(
    raw: httpx.AsyncClient, local: LocalServer, client: AsyncAgentRun
) -> None:
    credential = unique("cred-llm")
    await client.credentials.create(credential, auth_type="api_key", source_type="external_llm", secret="sk-cred-789")
    async with FakeUpstream(name="keyed", api_key="sk-cred-789") as keyed:
        name = await service(client, keyed.base_url, credential_name=credential)
        response = await post(raw, local, name, "chat/completions", HELLO)
    assert response.status_code == 200 and "sk-cred-789" not in response.text + str(response.headers)


async def test_a_key_the_upstream_echoes_in_a_client_error_is_scrubbed(
    raw: httpx.AsyncClient, local: LocalServer, client: AsyncAgentRun
) -> None:
    async with FakeUpstream(name="echo") as echo:
        name = await service(client, echo.base_url, api_key="sk-echoed-000", model_names=[])
        response = await post(raw, local, name, "chat/completions", {**HELLO, "model": "reject-me"})
    assert response.status_code == 400 and "sk-echoed-000" not in response.text
    assert response.json()["error"]["message"] == "echo rejects model reject-me (authorization: Bearer ***)"
