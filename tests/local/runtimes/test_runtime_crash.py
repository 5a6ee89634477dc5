"""An instance that exits in the middle of a streamed answer gives the caller a typed error, never a silent
truncation: the proxy sends an INSTANCE_EXITED error event and cuts the body off (an incomplete read for any HTTP
client); the SDK raises ModelStreamError carrying that code. Both framings of the agent's answer: close-delimited
and chunked."""

from __future__ import annotations

import anyio
import httpx
import pytest
from local_helpers import agentrun4_headers
from test_runtime_invoke import _path, deploy

from agentrun import errors
from agentrun.client import AsyncAgentRun
from agentrun.local import LocalServer


@pytest.mark.parametrize("framing", ["", " chunked"])
async def test_a_crash_mid_stream_is_an_error(
    client: AsyncAgentRun, raw: httpx.AsyncClient, local: LocalServer, framing: str
) -> None:
    name, runtime_id = await deploy(client)
    path = _path(name, "openai/v1/chat/completions")
    body = {"model": name, "stream": True, "messages": [{"role": "user", "content": f"crash{framing} now please"}]}
    received = b""
    with pytest.raises(httpx.RemoteProtocolError):  # a plain HTTP client: the body ends without its end
        async with raw.stream("POST", path, json=body, headers=agentrun4_headers(local, "POST", path)) as stream:
            assert stream.status_code == 200
            async for chunk in stream.aiter_raw():
                received += chunk
    assert b'"you "' in received and b"event: error" in received and b"INSTANCE_EXITED" in received

    runtime = await client.agent_runtimes.get(runtime_id)
    words: list[str] = []
    with anyio.fail_after(30), pytest.raises(errors.ModelStreamError) as raised:
        async for chunk in runtime.invoke_stream([{"role": "user", "content": f"crash{framing} again"}]):
            words.append(chunk.text)
    assert raised.value.code == "INSTANCE_EXITED" and "exit status 3" in str(raised.value)
    assert "crashing mid-stream" in str(raised.value)  # the instance's last output
    assert words == ["you ", "said: "]  # what arrived before was delivered


async def test_a_whole_answer_is_not_an_error(client: AsyncAgentRun) -> None:
    _, runtime_id = await deploy(client)
    runtime = await client.agent_runtimes.get(runtime_id)
    words = [chunk.text async for chunk in runtime.invoke_stream([{"role": "user", "content": "all is well"}])]
    assert "".join(words) == "you said: all is well "
