"""A real remote MCP server for MCP tool tests: the `mcp` package's MCPServer over streamable HTTP and SSE, served by
uvicorn on a free loopback port inside the test's event loop. It records the headers of every HTTP request it gets,
so a test sees exactly what AgentRun Local sent (the credential included)."""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import anyio
import uvicorn
from mcp.server import MCPServer
from starlette.applications import Starlette


@dataclass
class McpUpstream:
    port: int = 0
    headers: list[dict[str, str]] = field(default_factory=list)  # lower-case names, one dict per HTTP request
    methods: list[str] = field(default_factory=list)  # the method of each HTTP request
    deleted: anyio.Event = field(default_factory=anyio.Event)  # a client ended its streamable-HTTP session
    open_requests: int = 0  # HTTP requests being answered now (a held event stream included)
    with_wait: bool = False  # serve a `wait` tool that never answers (fault injection)
    waiting: int = 0  # calls of the `wait` tool still running

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/mcp"

    @property
    def sse_url(self) -> str:
        """The same tools over the MCP SSE transport."""
        return f"http://127.0.0.1:{self.port}/sse"

    def app(self) -> Any:
        server = MCPServer("remote-tools")

        @server.tool()
        def add(a: int, b: int) -> int:
            """Add two numbers."""
            return a + b

        @server.tool()
        def shout(text: str) -> str:
            """Upper-case a text."""
            return text.upper()

        if self.with_wait:

            @server.tool()
            async def wait() -> str:
                """Never answer (a hung remote), until the call is cancelled."""
                self.waiting += 1
                try:
                    await anyio.sleep_forever()
                finally:
                    self.waiting -= 1
                return "never"

        @server.tool()
        def leak() -> str:
            """Tell the Authorization header this server got last (a remote that echoes a secret back)."""
            return "seen: " + next((h["authorization"] for h in reversed(self.headers) if "authorization" in h), "")

        streamable = server.streamable_http_app(streamable_http_path="/mcp")
        sse = server.sse_app(sse_path="/sse", message_path="/messages/")
        inner = Starlette(routes=[*streamable.routes, *sse.routes], lifespan=lambda app: server.session_manager.run())

        async def recording(scope: Any, receive: Any, send: Any) -> None:
            if scope["type"] == "http":
                self.headers.append({k.decode().lower(): v.decode() for k, v in scope["headers"]})
                self.methods.append(scope["method"])
                if scope["method"] == "DELETE":
                    self.deleted.set()
                self.open_requests += 1
                try:
                    await inner(scope, receive, send)
                finally:
                    self.open_requests -= 1
                return
            await inner(scope, receive, send)

        return recording


@contextlib.asynccontextmanager
async def mcp_upstream(*, with_wait: bool = False) -> AsyncIterator[McpUpstream]:
    upstream = McpUpstream(with_wait=with_wait)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    upstream.port = sock.getsockname()[1]
    config = uvicorn.Config(upstream.app(), log_level="warning", lifespan="on", timeout_graceful_shutdown=1)
    server = uvicorn.Server(config)
    # A plain task, not a task group: pytest-asyncio sets a fixture up and tears it down in different tasks.
    task = asyncio.create_task(server.serve([sock]))
    try:
        while not server.started:
            if task.done():
                task.result()
            await anyio.sleep(0.01)
        yield upstream
    finally:
        server.should_exit = True
        await task
        sock.close()
