#!/usr/bin/env python3
"""uvicorn (what AgentRun Local runs on: uvloop, httptools) against granian (Rust HTTP, ASGI interface), serving the
same trivial ASGI app, one request at a time, interleaved in one run: the per-request latency either server adds.

    python bench/asgi_servers.py [--requests 300] [--rounds 10]      # needs `pip install granian`

The client is the standard library's blocking http.client on one keep-alive connection (the cheapest client), so
the difference is the servers'. The app reads the body and answers a small JSON, as a cached control-plane read.
Decision recorded in the performance issue: at one request at a time granian answers slower here (its Rust I/O
threads hand each request to the Python loop and back), so Local stays on uvicorn.
"""

from __future__ import annotations

import argparse
import http.client
import importlib.util
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

APP = """
import json
BODY = json.dumps({"requestId": "x" * 36, "data": {"name": "c1", "status": "ok"}}).encode()
HEAD = [(b"content-type", b"application/json"), (b"content-length", str(len(BODY)).encode())]
async def app(scope, receive, send):
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return
    more = True
    while more:
        more = (await receive()).get("more_body", False)
    await send({"type": "http.response.start", "status": 200, "headers": HEAD})
    await send({"type": "http.response.body", "body": BODY})
"""
BODY = b'{"code":"1+1","contextId":"ctx-1234567890abcdef"}'


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _commands(port: int) -> dict[str, list[str]]:
    python = sys.executable
    return {
        "uvicorn": [python, "-m", "uvicorn", "app:app", "--port", str(port), "--loop", "uvloop", "--http",
                    "httptools", "--log-level", "warning", "--no-access-log"],
        "granian": [python, "-m", "granian", "--interface", "asgi", "--port", str(port), "--loop", "uvloop",
                    "--workers", "1", "--runtime-threads", "1", "--log-level", "warning", "--no-ws", "app:app"],
    }  # fmt: skip


def _connect(port: int) -> http.client.HTTPConnection:
    deadline = time.monotonic() + 20
    while True:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port)
            _call(connection)
            return connection
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def _call(connection: http.client.HTTPConnection) -> None:
    connection.request("POST", "/x", body=BODY, headers={"content-type": "application/json"})
    connection.getresponse().read()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    if importlib.util.find_spec("granian") is None:
        print("granian is not installed: pip install granian")
        return 1
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "app.py").write_text(APP)
        servers, connections = [], {}
        try:
            for name in ("uvicorn", "granian"):
                port = _free_port()
                servers.append(subprocess.Popen(_commands(port)[name], cwd=folder, stdout=subprocess.DEVNULL))
                connections[name] = _connect(port)
            for connection in connections.values():
                for _ in range(500):
                    _call(connection)
            p50s: dict[str, list[float]] = {name: [] for name in connections}
            for _ in range(args.rounds):  # interleaved, so the machine's drift falls on both alike
                for name, connection in connections.items():
                    samples = []
                    for _ in range(args.requests):
                        started = time.perf_counter()
                        _call(connection)
                        samples.append(time.perf_counter() - started)
                    p50s[name].append(statistics.median(samples) * 1000)
        finally:
            for server in servers:
                server.terminate()
                server.wait(timeout=10)
    uvicorn = statistics.median(p50s["uvicorn"])
    print(f"one request at a time, {args.rounds} rounds of {args.requests} (median of the rounds' p50, ms)")
    for name, values in p50s.items():
        print(f"  {name:<8} {statistics.median(values):.3f}  (rounds {min(values):.3f}-{max(values):.3f})"
              f"  x{statistics.median(values) / uvicorn:.2f} uvicorn")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
