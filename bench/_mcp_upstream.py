#!/usr/bin/env python3
"""A remote MCP server for bench/tools.py: the `mcp` package's MCPServer over streamable HTTP (`/mcp`, JSON answers,
so a call is one POST and one answer) and SSE (`/sse`), served by uvicorn on 127.0.0.1.

    python bench/_mcp_upstream.py        # prints "PORT <n>" once listening
"""

from __future__ import annotations

import logging
import socket

import uvicorn
from mcp.server import MCPServer
from starlette.applications import Starlette


def app() -> Starlette:
    server = MCPServer("bench-tools")

    @server.tool()
    def add(a: int, b: int) -> int:
        """Add two numbers."""
        return a + b

    streamable = server.streamable_http_app(streamable_http_path="/mcp", json_response=True)
    sse = server.sse_app(sse_path="/sse", message_path="/messages/")
    return Starlette(routes=[*streamable.routes, *sse.routes], lifespan=lambda _: server.session_manager.run())


def main() -> None:
    logging.getLogger("mcp").setLevel(logging.WARNING)  # a line per session otherwise
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    print(f"PORT {sock.getsockname()[1]}", flush=True)
    server = uvicorn.Server(uvicorn.Config(app(), log_level="warning", lifespan="on"))
    server.run([sock])


if __name__ == "__main__":
    main()
