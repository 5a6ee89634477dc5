#!/usr/bin/env python3
"""What a tool call through AgentRun Local adds, against calling the same upstream directly, in one run.

    python bench/tools.py [--calls 400] [--mcp-calls 200] [--https] [--profile FILE]

Two upstreams and AgentRun Local (`agentrun local serve`, plain HTTP unless --https) run in subprocesses: an
HTTP/JSON upstream (bench/_fast_upstream.py) behind an OpenAPI (FUNCTIONCALL) tool bound to an api_key credential,
and a remote MCP server (bench/_mcp_upstream.py, the `mcp` package's MCPServer) behind an MCP_REMOTE tool. This
process is the client (uvloop when installed). It reports p50 / p90 of:

(a) one OpenAPI function call: the upstream's operation direct (raw httpx), and through
    `POST /tools/{name}/functions/{fn}/invoke` (raw httpx, signed per request as the SDK signs; and the SDK's
    `client.tools.call`); the added latency is the difference;
(b) one MCP `tools/call` inside an open session: direct to the remote over streamable HTTP, and through
    `/tools/{name}/mcp` (relayed) and `/tools/{name}/sse` (bridged); each with the HTTP requests the caller
    makes per call (counted), which the relay repeats once each to the remote.

It also prints the CPU time AgentRun Local spends per OpenAPI call. `--profile FILE` runs the server under
cProfile and prints its top.

Target (printed, never asserted): OpenAPI added latency <= 1 ms p50.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Generator
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

import anyio
import httpx
import httpx2
from _harness import cpu_seconds
from mcp import ClientSession
from mcp.client.sse import sse_client
from mcp.client.streamable_http import streamable_http_client
from models import line, timed, verdict

from agentrun._config import Config
from agentrun._core.openai_compat import DataPlaneSignature
from agentrun._core.request_signing import sign_data_request
from agentrun.client import AsyncAgentRun

HERE = Path(__file__).resolve().parent
LATENCY_TARGET_MS = 1.0
BODY = {"model": "bench-model", "messages": [{"role": "user", "content": "hello"}]}


class _Signed(httpx2.Auth):
    """Signs the mcp client's requests (its own httpx2 client) and counts them."""

    def __init__(self, config: Config | None) -> None:
        self.config = config
        self.requests = 0

    def auth_flow(self, request: httpx2.Request) -> Generator[httpx2.Request, httpx2.Response, None]:
        self.requests += 1
        if self.config is not None:
            sign_data_request(self.config, request)  # type: ignore[arg-type]  # httpx2's Request has httpx's shape
        yield request


def _http2(auth: _Signed, verify: Any) -> Callable[..., httpx2.AsyncClient]:
    def factory(
        headers: dict[str, str] | None = None, timeout: httpx2.Timeout | None = None, auth_: Any = None, **_: Any
    ) -> httpx2.AsyncClient:
        return httpx2.AsyncClient(headers=headers, timeout=30, auth=auth, verify=verify, trust_env=False)

    return factory


async def _warm_and_sample(paths: dict[str, Callable[[], Awaitable[Any]]], count: int) -> dict[str, list[float]]:
    for call in paths.values():  # warm connections, caches and code paths
        for _ in range(30):
            await call()
    samples: dict[str, list[float]] = {name: [] for name in paths}
    for _ in range(count):  # interleaved, so drift on a shared machine hits every path alike
        for name, call in paths.items():
            samples[name].append(await timed(call))
    return samples


async def openapi(sdk: AsyncAgentRun, http: httpx.AsyncClient, upstream: str, count: int, server_pid: int) -> None:
    await sdk.credentials.create(
        "bench-key", auth_type="api_key", source_type="external_tool", secret="bench-secret-123456"
    )
    spec = {
        "openapi": "3.0.0",
        "info": {"title": "bench", "version": "1"},
        "servers": [{"url": upstream}],
        "paths": {
            "/chat/completions": {
                "post": {
                    "operationId": "complete",
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "properties": {"model": {"type": "string"}, "messages": {"type": "array"}},
                                    "required": ["model", "messages"],
                                }
                            }
                        },
                    },
                }
            }
        },
    }
    await sdk.tools.create(
        "bench-openapi",
        tool_type="FUNCTIONCALL",
        create_method="OPENAPI_IMPORT",
        protocol_spec=json.dumps(spec),
        credential_name="bench-key",
    )
    invoke_url = f"{sdk.config.data_base_url()}/tools/bench-openapi/functions/complete/invoke"
    signature = DataPlaneSignature(sdk.config)

    async def direct() -> None:
        response = await http.post(f"{upstream}/chat/completions", json=BODY)
        assert response.status_code == 200, response.text

    async def local() -> None:
        response = await http.post(invoke_url, json={"arguments": BODY}, auth=signature)
        assert response.status_code == 200, response.text

    async def through_sdk() -> None:
        await sdk.tools.call("bench-openapi", "complete", BODY)

    samples = await _warm_and_sample(
        {
            "direct (raw httpx)": direct,
            "Local invoke (raw httpx, signed)": local,
            "Local invoke (SDK tools.call)": through_sdk,
        },
        count,
    )
    before = cpu_seconds(server_pid)
    for _ in range(count):
        await local()
    spent = (cpu_seconds(server_pid) - before) / count * 1000
    print(f"(a) OpenAPI function call, {count} calls per path")
    baseline = samples["direct (raw httpx)"]
    for name, values in samples.items():
        line(name, values, None if values is baseline else baseline)
    print(f"  AgentRun Local CPU per call (raw httpx, signed)  {spent:6.3f} ms")
    added = statistics.median(samples["Local invoke (raw httpx, signed)"]) - statistics.median(baseline)
    verdict("OpenAPI added latency (raw httpx)", added, LATENCY_TARGET_MS)


async def mcp_calls(sdk: AsyncAgentRun, mcp_port: int, count: int) -> None:
    remote = f"http://127.0.0.1:{mcp_port}/mcp"
    servers = {"mcpServers": {"bench": {"url": remote, "transportType": "streamable-http"}}}
    await sdk.tools.create("bench-mcp", tool_type="MCP", create_method="MCP_REMOTE", protocol_spec=json.dumps(servers))
    base = f"{sdk.config.data_base_url()}/tools/bench-mcp"
    verify = sdk.config.verify
    counters: dict[str, _Signed] = {}
    async with AsyncExitStack() as stack:
        sessions: dict[str, ClientSession] = {}
        for name, url, signed, kind in (
            ("direct (streamable HTTP)", remote, False, "streamable"),
            ("Local /mcp (relayed)", f"{base}/mcp", True, "streamable"),
            ("Local /sse (bridged)", f"{base}/sse", True, "sse"),
        ):
            auth = counters[name] = _Signed(sdk.config if signed else None)
            factory = _http2(auth, verify)
            if kind == "sse":
                streams = await stack.enter_async_context(sse_client(url, httpx_client_factory=factory))
            else:
                http = await stack.enter_async_context(factory())
                streams = await stack.enter_async_context(streamable_http_client(url, http_client=http))
            session = await stack.enter_async_context(ClientSession(streams[0], streams[1]))
            await session.initialize()
            sessions[name] = session

        def caller(session: ClientSession) -> Callable[[], Awaitable[Any]]:
            async def call() -> None:
                result = await session.call_tool("add", {"a": 1, "b": 2})
                assert not result.is_error, result

            return call

        paths = {name: caller(session) for name, session in sessions.items()}
        samples = await _warm_and_sample(paths, count)
        trips = {}
        for name, call in paths.items():
            before = counters[name].requests
            for _ in range(20):
                await call()
            trips[name] = (counters[name].requests - before) / 20
    print(f"(b) MCP tools/call in an open session, {count} calls per path")
    baseline = samples["direct (streamable HTTP)"]
    for name, values in samples.items():
        line(name, values, None if values is baseline else baseline)
    for name, per_call in trips.items():
        relayed = "" if name.startswith("direct") else f", {per_call:g} more Local -> remote"
        print(f"  HTTP round trips per call, {name:<26} {per_call:g} caller -> server{relayed}")


async def bench(data_dir: Path, upstream_port: int, mcp_port: int, server_pid: int, args: argparse.Namespace) -> None:
    async with AsyncAgentRun.local(data_dir) as sdk:
        async with httpx.AsyncClient(verify=sdk.config.verify, trust_env=False, timeout=30) as http:
            await openapi(sdk, http, f"http://127.0.0.1:{upstream_port}/v1", args.calls, server_pid)
        print()
        await mcp_calls(sdk, mcp_port, args.mcp_calls)


def _port(process: subprocess.Popen[str]) -> int:
    assert process.stdout is not None
    return int(process.stdout.readline().split()[1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=400)
    parser.add_argument("--mcp-calls", type=int, default=200)
    parser.add_argument("--https", action="store_true", help="AgentRun Local over HTTPS (the upstreams stay HTTP)")
    parser.add_argument(
        "--profile", metavar="FILE", help="run AgentRun Local under cProfile, save to FILE, print the top"
    )
    args = parser.parse_args()
    upstream = subprocess.Popen([sys.executable, str(HERE / "_fast_upstream.py")], stdout=subprocess.PIPE, text=True)
    mcp_upstream = subprocess.Popen([sys.executable, str(HERE / "_mcp_upstream.py")], stdout=subprocess.PIPE, text=True)
    with tempfile.TemporaryDirectory() as data_dir:
        serve = [sys.executable, "-m", "agentrun.local", "serve", "--port", "0", "--data-dir", data_dir]
        if args.profile:
            serve[1:1] = ["-m", "cProfile", "-o", args.profile]
        server = subprocess.Popen([*serve, *([] if args.https else ["--http"])], stdout=subprocess.DEVNULL)
        try:
            ports = _port(upstream), _port(mcp_upstream)
            deadline = time.monotonic() + 30
            while not (Path(data_dir) / "server.json").exists():
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("AgentRun Local did not start")
                time.sleep(0.05)
            print(f"tool call overhead: AgentRun Local over {'HTTPS' if args.https else 'HTTP'}, upstreams over HTTP")
            try:
                import uvloop  # noqa: F401

                options = {"use_uvloop": True}
            except ImportError:
                options = {}
            anyio.run(bench, Path(data_dir), *ports, server.pid, args, backend_options=options)
        finally:
            for process in (server, upstream, mcp_upstream):
                process.terminate()
                process.wait(timeout=15)
    if args.profile:
        import pstats

        print(f"\nAgentRun Local's profile ({args.profile}), by own time:")
        pstats.Stats(args.profile).sort_stats("tottime").print_stats(30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
