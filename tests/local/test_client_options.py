"""`client.with_options(...)`, raw responses and errors carrying the request and the response, against a real
AgentRun Local over HTTPS."""

from __future__ import annotations

import anyio
import pytest
from local_helpers import unique

import agentrun
from agentrun import errors
from agentrun._core.raw_response import ResponseLog
from agentrun.client import AsyncAgentRun
from agentrun.sync import AgentRun


async def test_raw_response_of_a_control_plane_call(client: AsyncAgentRun) -> None:
    name = unique("raw")
    raw = await agentrun.with_raw_response(
        client.credentials.create(name, auth_type="api_key", source_type="internal", secret="s")
    )
    assert raw.parsed.credential_name == name and raw.status_code == 200
    assert raw.request_id and raw.request_id == raw.http_response.json()["requestId"]
    assert raw.http_response.request.headers["x-acs-action"] == "CreateCredential"
    listed = await agentrun.with_raw_response(client.credentials.list(name=name).to_list())
    assert [c.credential_name for c in listed.parsed] == [name] and listed.http_response.request.method == "GET"
    await client.credentials.delete(name)


async def test_with_options_client_shares_the_pool_and_sends_its_settings(client: AsyncAgentRun) -> None:
    derived = client.with_options(timeout=7, max_retries=0, default_headers={"x-acs-trace-id": "h10"})
    assert derived._core.http is client._core.http
    name = unique("opt")
    with agentrun.raw_responses() as raw:
        await derived.credentials.create(name, auth_type="api_key", source_type="internal", secret="s")
        await client.credentials.get(name)
    sent_derived, sent_parent = (response.request for response in raw.all)
    assert sent_derived.headers["x-acs-trace-id"] == "h10"  # signed (an x-acs- header) and accepted by the server
    assert sent_derived.extensions["timeout"]["read"] == 7 and sent_parent.extensions["timeout"]["read"] != 7
    assert "x-acs-trace-id" not in sent_parent.headers
    await derived.aclose()  # not its pool: the session's client keeps working
    await client.credentials.delete(name)


async def test_not_found_carries_request_and_response_without_secrets(client: AsyncAgentRun) -> None:
    name = unique("missing")
    with pytest.raises(errors.NotFoundError) as caught:
        await client.credentials.get(name)
    error = caught.value
    assert error.response is not None and error.response.status_code == 404
    assert error.request is not None and error.request.url.path.endswith(f"/credentials/{name}")
    secret = client.config.access_key_secret
    assert secret
    signature = error.request.headers["authorization"]
    for text in (str(error), repr(error), repr(error.request), repr(error.response)):
        assert secret not in text and signature not in text


async def test_blocking_with_options_against_local(client: AsyncAgentRun) -> None:
    name = unique("sopt")

    def blocking_calls() -> ResponseLog:  # in a worker thread: the server runs on this loop
        with AgentRun(client.config) as parent:
            derived = parent.with_options(default_headers={"x-acs-trace-id": "sync"})
            with agentrun.raw_responses() as raw:
                derived.credentials.create(name, auth_type="api_key", source_type="internal", secret="s")
            opened_by_derived = set(derived._core._connections._open)
            derived.close()  # leaves the connections it shares with its parent open
            assert parent.credentials.get(name).credential_name == name
            # The blocking calls' own connections are shared too: the one the derived client opened served both.
            assert parent._core._connections._open == opened_by_derived and len(opened_by_derived) == 1
            parent.credentials.delete(name)
        return raw

    raw = await anyio.to_thread.run_sync(blocking_calls)
    assert raw.last.request.headers["x-acs-trace-id"] == "sync" and raw.last.status_code == 200
