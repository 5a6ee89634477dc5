#!/usr/bin/env python3
"""The floor under the model gateway, for bench/gateway_floor.py: a bare Starlette app on the same uvicorn settings as
AgentRun Local (uvloop, httptools, plain HTTP) whose one route reads the body, POSTs it to the upstream through one
aiohttp ClientSession (as the gateway's upstream client does) and answers the upstream's bytes. No signature, no
target lookup, no body checks, no usage, no disconnect watch: what forwarding alone costs.

    python bench/_bare_forward.py UPSTREAM_URL     # prints "PORT <n>" once listening on 127.0.0.1
"""

from __future__ import annotations

import socket
import sys

import aiohttp
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

UPSTREAM = sys.argv[1]
_session: list[aiohttp.ClientSession] = []


async def forward(request: Request) -> Response:
    if not _session:
        _session.append(aiohttp.ClientSession())
    body = await request.body()
    headers = {"content-type": "application/json", "accept": "application/json"}
    async with _session[0].post(UPSTREAM, data=body, headers=headers) as answer:
        content = await answer.read()
        return Response(content, status_code=answer.status, media_type="application/json")


def main() -> None:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)  # TCP_NODELAY, as server.py binds
    sock.bind(("127.0.0.1", 0))
    sock.listen(512)
    print(f"PORT {sock.getsockname()[1]}", flush=True)
    app = Starlette(routes=[Route("/v1/chat/completions", forward, methods=["POST"])])
    config = uvicorn.Config(app, loop="uvloop", http="httptools", log_level="warning", lifespan="off")
    uvicorn.Server(config).run(sockets=[sock])


if __name__ == "__main__":
    main()
