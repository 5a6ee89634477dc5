"""`/tools/{name}/mcp` scrubs the bound credential from the remote's streamed answer even when the secret arrives
split across chunks. The remote is a leaky one on purpose (fault injection): a raw ASGI app served by uvicorn that
answers every message with an SSE event echoing the Authorization header it got, sent in pieces cut inside the
secret, with pauses so that each piece reaches AgentRun Local as a chunk of its own."""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
from collections.abc import AsyncIterator
from typing import Any

import anyio
import httpx
import uvicorn
from local_helpers import agentrun4_headers
from test_mcp_tools import SECRET, _credential, _tool

from agentrun.client import AsyncAgentRun
from agentrun.local import LocalServer


def _leaky(pieces: int) -> Any:
    async def app(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        while (await receive()).get("more_body"):
            pass
        seen = dict(scope["headers"]).get(b"authorization", b"").decode()
        event = ("event: message\ndata: " + json.dumps({"jsonrpc": "2.0", "id": 1, "result": {"seen": seen}})).encode()
        event += b"\n\n"
        start = event.find(SECRET.encode())
        cuts = [start + (i + 1) * len(SECRET) // (pieces + 1) for i in range(pieces)]  # all inside the secret
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/event-stream")]})
        for begin, end in zip([0, *cuts], [*cuts, len(event)], strict=True):
            await send({"type": "http.response.body", "body": event[begin:end], "more_body": True})
            await anyio.sleep(0.05)
        await send({"type": "http.response.body", "body": b"", "more_body": False})

    return app


@contextlib.asynccontextmanager
async def _serve(app: Any) -> AsyncIterator[str]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    task = asyncio.create_task(server.serve([sock]))
    try:
        while not server.started:
            if task.done():
                task.result()
            await anyio.sleep(0.01)
        yield f"http://127.0.0.1:{sock.getsockname()[1]}/mcp"
    finally:
        server.should_exit = True
        await task
        sock.close()


async def test_a_secret_split_across_streamed_chunks_is_scrubbed(
    local: LocalServer, client: AsyncAgentRun, raw: httpx.AsyncClient
) -> None:
    credential = await _credential(client)
    for pieces in (1, 3):
        async with _serve(_leaky(pieces)) as url:
            name = await _tool(client, url, credential)
            path = f"/data/tools/{name}/mcp"
            headers = {**agentrun4_headers(local, "POST", path), "accept": "application/json, text/event-stream"}
            ping = {"jsonrpc": "2.0", "id": 1, "method": "ping"}
            async with raw.stream("POST", path, json=ping, headers=headers) as answer:
                assert answer.status_code == 200
                body = b"".join([chunk async for chunk in answer.aiter_raw()]).decode()
        assert SECRET not in body and SECRET[:8] not in body, body
        message = json.loads(body.split("data: ", 1)[1])
        assert message["result"] == {"seen": "Bearer ***"}  # the rest of the event passes unchanged
