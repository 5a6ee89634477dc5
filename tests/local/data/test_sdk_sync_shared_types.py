"""The blocking API returns the very classes of the async API (pure-data modules are shared, not copied), and its
client takes blocking httpx types: an `httpx.Client` or an `httpx.HTTPTransport` sends its requests, uploads and
downloads included. Against a real AgentRun Local; the blocking side runs in a worker thread (the server lives on
this test's loop)."""

from __future__ import annotations

import dataclasses
import ssl
from typing import Any

import anyio
import httpx
import pytest

import agentrun.model
import agentrun.sandbox
from agentrun import errors
from agentrun.local import LocalServer

pytestmark = pytest.mark.usefixtures("isolation_available")

CODE = "print('hi')\n40 + 2"
FAILING = "1 / 0"


def _timeless(value: Any) -> Any:
    """`value` without its duration (the one field two runs of the same code differ in)."""
    return dataclasses.replace(value, duration_ms=None)


async def test_sync_results_are_the_async_classes_and_compare_equal(local: LocalServer, template: str) -> None:
    from agentrun.sync import AgentRun

    def blocking() -> tuple[Any, Any, list[Any]]:
        with AgentRun(local.client.config) as client, client.sandboxes.create(template) as sandbox:
            return sandbox.run_code(CODE), sandbox.run_code(FAILING), list(sandbox.run_code_stream(CODE))

    sync_ok, sync_failed, sync_events = await anyio.to_thread.run_sync(blocking)
    async with await local.client.sandboxes.create(template) as sandbox:
        async_ok = await sandbox.run_code(CODE)
        async_failed = await sandbox.run_code(FAILING)
        async_events = [event async for event in sandbox.run_code_stream(CODE)]

    assert type(sync_ok) is agentrun.sandbox.Execution and isinstance(sync_ok.results[0], agentrun.sandbox.Result)
    assert isinstance(sync_failed.error, agentrun.sandbox.ExecutionError)
    assert sync_failed.error == async_failed.error
    assert _timeless(sync_ok) == _timeless(async_ok)
    assert isinstance(sync_events[0], agentrun.sandbox.Stdout) and isinstance(sync_events[-1], agentrun.sandbox.End)
    assert [_timeless(e) if isinstance(e, agentrun.sandbox.End) else e for e in sync_events] == [
        _timeless(e) if isinstance(e, agentrun.sandbox.End) else e for e in async_events
    ]


def test_the_sync_model_classes_are_the_async_ones() -> None:
    import agentrun.sync.model

    assert agentrun.sync.model.ChatCompletion is agentrun.model.ChatCompletion
    assert agentrun.sync.model.ChatCompletionChunk is agentrun.model.ChatCompletionChunk


@pytest.mark.parametrize("given", ["http_client", "transport"])
async def test_the_sync_client_sends_through_a_blocking_httpx_client_or_transport(
    local: LocalServer, template: str, given: str
) -> None:
    from agentrun.sync import AgentRun

    payload = bytes(range(256)) * 4096  # 1 MiB: streamed upload and download through the blocking transport

    def scenario() -> tuple[bytes, str, bool]:
        trust = ssl.create_default_context(cafile=str(local.ca_file))
        sent: list[str] = []
        with httpx.Client(verify=trust, event_hooks={"request": [lambda r: sent.append(r.method)]}) as http:
            transport = httpx.HTTPTransport(verify=trust)
            options: dict[str, Any] = {"http_client": http} if given == "http_client" else {"transport": transport}
            with AgentRun(local.client.config, **options) as client, client.sandboxes.create(template) as sandbox:
                sandbox.files.write("/home/user/big.bin", iter([payload[:1000], payload[1000:]]))
                back = sandbox.files.read_bytes("/home/user/big.bin")
                text = sandbox.run_code(CODE).text or ""
                with pytest.raises(errors.NotFoundError):
                    sandbox.files.read_bytes("/home/user/missing.bin")
            used = bool(sent) if given == "http_client" else not sent
            return back, text, used

    back, text, used = await anyio.to_thread.run_sync(scenario)
    assert back == payload and text == "42" and used
