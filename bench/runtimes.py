#!/usr/bin/env python3
"""What AgentRun Local's agent runtimes cost, in one run: cold starts, and the invocation proxy against calling the
agent itself.

    python bench/runtimes.py [--cold 8] [--requests 300] [--streams 20] [--chunks 40] [--interval-ms 2] [--https]

AgentRun Local runs in a subprocess (`agentrun local serve`, plain HTTP unless --https); this process deploys a
standard-library agent (GET /health, POST /ping, POST /stream) as a runtime, and runs the very same code as a plain
process on a loopback port (the baseline: the agent's port, called directly). It reports p50 / p90 of:

(a) cold start: the first invocation of a runtime scaled to zero (sessionIdleTimeoutSeconds=1, then idle until its
    instance stopped): sandbox (after the first instance, a spare one started while the runtime idled: runtimes/
    manager.py), interpreter, health check and the call; the stdlib agent, and an agent built on
    agentrun.server (Starlette, uvicorn, ag-ui-protocol to import) for comparison;
(b) a warm call (POST /ping): direct to the agent's port, to the instance's relay socket (the unix socket the server
    reaches the sandboxed agent through), and through the invocation route (signed raw httpx, as the SDK signs);
    the added latency is the route's figure minus the direct one;
(c) each chunk of a stream the agent writes every --interval-ms, stamped with the time it was written (CLOCK_MONOTONIC,
    one clock for every process here): the lag from write to arrival, direct and through the route.

Targets (printed, never asserted): cold start < 300 ms p50 for the stdlib agent; added latency per warm call
<= 1 ms p50.
"""

from __future__ import annotations

import argparse
import base64
import glob
import io
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import anyio
import httpx
from _harness import local_server, percentile

from agentrun._core.crc64 import crc64
from agentrun._core.openai_compat import DataPlaneSignature
from agentrun.client import AsyncAgentRun

COLD_TARGET_MS = 300.0
LATENCY_TARGET_MS = 1.0

AGENT = r"""
import json, os, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body are two writes: with Nagle on, the body waits for the peer's delayed ACK (~40 ms per call,
    # direct or not). uvicorn (agentrun.server) sets TCP_NODELAY too.
    disable_nagle_algorithm = True

    def log_message(self, *args):
        pass

    def _reply(self, value):
        body = json.dumps(value).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        self._reply({"status": "ok"})

    def do_POST(self):
        request = json.loads(self.rfile.read(int(self.headers.get("content-length") or 0)) or b"{}")
        if self.path != "/stream":
            return self._reply({"ok": True})
        self.send_response(200)
        self.send_header("content-type", "text/event-stream")
        self.send_header("connection", "close")
        self.end_headers()
        for _ in range(int(request["chunks"])):
            time.sleep(float(request["interval_ms"]) / 1000)
            self.wfile.write(b"data: %d\n\n" % time.monotonic_ns())
            self.wfile.flush()
        self.close_connection = True


ThreadingHTTPServer(("127.0.0.1", int(os.environ["PORT"])), Handler).serve_forever()
"""

SERVER_AGENT = """
from agentrun.server import AgentRunServer

AgentRunServer(lambda request: "pong").start(host="127.0.0.1", log_level="warning")
"""


def zipped(main: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("main.py", main)
    return out.getvalue()


def code(main: str) -> dict[str, Any]:
    data = zipped(main)
    return {"language": "python3.12", "command": ["python", "main.py"], "zipFile": base64.b64encode(data).decode(),
            "checksum": str(crc64(data))}  # fmt: skip


def line(name: str, samples: list[float], baseline: list[float] | None = None) -> None:
    p50, p90 = statistics.median(samples), percentile(samples, 0.9)
    extra = ""
    if baseline is not None:
        b50, b90 = statistics.median(baseline), percentile(baseline, 0.9)
        extra = f"   added p50 {p50 - b50:+7.3f} ms  p90 {p90 - b90:+7.3f} ms   x{p50 / b50:.2f} direct"
    print(f"  {name:<36} p50 {p50:8.3f} ms  p90 {p90:8.3f} ms{extra}")


def verdict(what: str, value: float, target: float) -> None:
    print(f"  target {what}: p50 {value:.3f} ms <= {target:g} ms: {'met' if value <= target else 'MISSED'}")


async def timed(call: Callable[[], Awaitable[Any]]) -> float:
    started = time.perf_counter()
    await call()
    return (time.perf_counter() - started) * 1000


async def cold_starts(http: httpx.AsyncClient, sdk: AsyncAgentRun, name: str, main: str, count: int) -> list[float]:
    """`count` first invocations of a runtime scaled to zero (each after its instance stopped idle)."""
    runtime = await sdk.agent_runtimes.create(name, code=code(main), session_idle_timeout_seconds=1)
    await runtime.wait_until_ready()
    url = f"{sdk.config.data_base_url()}/agent-runtimes/{name}/endpoints/Default/invocations/health"
    signature = DataPlaneSignature(sdk.config)
    samples: list[float] = []
    previous = None
    try:
        while len(samples) < count:
            started = time.perf_counter()
            answer = await http.get(url, auth=signature)
            elapsed = (time.perf_counter() - started) * 1000
            assert answer.status_code == 200, answer.text
            instance = answer.headers.get("x-agentrun-instance-id")
            if instance != previous:  # a new instance: this call started it
                samples.append(elapsed)
            previous = instance
            await anyio.sleep(1.8)  # past sessionIdleTimeoutSeconds and the reaper's round
    finally:
        await runtime.delete()
    return samples


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def stream_lags(http: httpx.AsyncClient, url: str, body: dict[str, Any], auth: httpx.Auth | None) -> list[float]:
    lags: list[float] = []
    buffer = b""
    async with http.stream("POST", url, json=body, auth=auth or httpx.USE_CLIENT_DEFAULT) as response:
        assert response.status_code == 200
        async for piece in response.aiter_raw():
            arrived = time.monotonic_ns()
            buffer += piece
            complete, _, buffer = buffer.rpartition(b"\n\n")
            for event in complete.split(b"\n\n"):
                if event.startswith(b"data: "):
                    lags.append((arrived - int(event[6:])) / 1e6)
    return lags


async def bench(data_dir: Path, args: argparse.Namespace) -> None:
    async with (
        AsyncAgentRun.local(data_dir) as sdk,
        httpx.AsyncClient(verify=sdk.config.verify, trust_env=False, timeout=60) as http,
    ):
        print(f"(a) cold start: first invocation of a runtime scaled to zero, {args.cold} per agent")
        cold = await cold_starts(http, sdk, "bench-cold", AGENT, args.cold)
        line("stdlib agent (http.server)", cold)
        server_cold = await cold_starts(http, sdk, "bench-cold-server", SERVER_AGENT, max(3, args.cold // 2))
        line("agentrun.server agent", server_cold)
        verdict("cold start, stdlib agent", statistics.median(cold), COLD_TARGET_MS)

        name = "bench-warm"
        runtime = await sdk.agent_runtimes.create(name, code=code(AGENT))
        await runtime.wait_until_ready()
        port = free_port()
        # the baseline: the same code as a plain process on a loopback port
        direct = subprocess.Popen([sys.executable, "-c", AGENT], env={**os.environ, "PORT": str(port)})  # noqa: ASYNC220
        try:
            await warm(http, sdk, runtime.name, port, data_dir, args)
        finally:
            direct.terminate()
            direct.wait(timeout=10)
            await runtime.delete()


async def warm(
    http: httpx.AsyncClient, sdk: AsyncAgentRun, name: str, port: int, data_dir: Path, args: argparse.Namespace
) -> None:
    signature = DataPlaneSignature(sdk.config)
    route = f"{sdk.config.data_base_url()}/agent-runtimes/{name}/endpoints/Default/invocations"
    direct = f"http://127.0.0.1:{port}"
    for _ in range(100):  # the plain process listening
        try:
            await http.get(direct + "/health")
            break
        except httpx.TransportError:
            await anyio.sleep(0.05)
    assert (await http.post(route + "/ping", json={}, auth=signature)).status_code == 200  # instance started
    sockets = glob.glob(str(data_dir / "**" / ".agentrun" / "agent.sock"), recursive=True)

    async def call(client: httpx.AsyncClient, url: str, auth: httpx.Auth | None = None) -> None:
        answer = await client.post(url, json={}, auth=auth or httpx.USE_CLIENT_DEFAULT)
        assert answer.status_code == 200, answer.text

    relay = httpx.AsyncClient(transport=httpx.AsyncHTTPTransport(uds=sockets[0])) if sockets else None
    paths: dict[str, Callable[[], Awaitable[None]]] = {"direct (agent's port)": lambda: call(http, direct + "/ping")}
    if relay is not None:
        paths["instance relay socket"] = lambda: call(relay, "http://instance/ping")
    paths["invocation route (signed httpx)"] = lambda: call(http, route + "/ping", signature)
    try:
        for run in paths.values():
            for _ in range(30):
                await run()
        samples: dict[str, list[float]] = {path: [] for path in paths}
        for _ in range(args.requests):  # interleaved: drift on a shared machine hits every path alike
            for path, run in paths.items():
                samples[path].append(await timed(run))
    finally:
        if relay is not None:
            await relay.aclose()
    print(f"\n(b) warm call (POST /ping), {args.requests} per path")
    baseline = samples["direct (agent's port)"]
    for path, values in samples.items():
        line(path, values, None if values is baseline else baseline)
    added = statistics.median(samples["invocation route (signed httpx)"]) - statistics.median(baseline)
    verdict("added latency per warm call", added, LATENCY_TARGET_MS)

    body = {"chunks": args.chunks, "interval_ms": args.interval_ms}
    streams: dict[str, Callable[[], Awaitable[list[float]]]] = {
        "direct (agent's port)": lambda: stream_lags(http, direct + "/stream", body, None),
        "invocation route (signed httpx)": lambda: stream_lags(http, route + "/stream", body, signature),
    }
    lags: dict[str, list[float]] = {path: [] for path in streams}
    for _ in range(args.streams):
        for path, run in streams.items():
            received = await run()
            assert len(received) == args.chunks, (path, len(received))
            lags[path] += received
    print(
        f"\n(c) streamed chunks: {args.streams} streams x {args.chunks} chunks, one every {args.interval_ms:g} ms; "
        "lag from write to arrival"
    )
    baseline = lags["direct (agent's port)"]
    for path, values in lags.items():
        line(path, values, None if values is baseline else baseline)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cold", type=int, default=8, help="cold starts measured (stdlib agent)")
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--streams", type=int, default=20)
    parser.add_argument("--chunks", type=int, default=40)
    parser.add_argument("--interval-ms", type=float, default=2.0)
    parser.add_argument("--https", action="store_true", help="AgentRun Local over HTTPS")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as data_dir, local_server(Path(data_dir), *([] if args.https else ["--http"])):
        print(f"agent runtimes: AgentRun Local over {'HTTPS' if args.https else 'HTTP'}, instances isolated")
        try:
            import uvloop  # noqa: F401

            options = {"use_uvloop": True}
        except ImportError:
            options = {}
        anyio.run(bench, Path(data_dir), args, backend_options=options)
    return 0


if __name__ == "__main__":
    sys.exit(main())
