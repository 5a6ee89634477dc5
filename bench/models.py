#!/usr/bin/env python3
"""What the model gateway adds, against calling the same upstream directly, in one run.

    python bench/models.py [--requests 400] [--streams 30] [--chunks 40] [--interval-ms 2] [--https]

A fast OpenAI-compatible upstream (bench/_fast_upstream.py) and AgentRun Local (`agentrun local serve`, plain HTTP
unless --https) run in subprocesses; a model service points at the upstream and a model proxy at the service.
This process is the client (uvloop when installed). It reports p50 / p90 of:

(a) a non-streaming chat completion: direct to the upstream, through the gateway with the same raw httpx client
    (signed per request, as the SDK signs), and through the SDK (`client.models.chat`); the added latency is the
    gateway's figure minus the direct one;
(b) each chunk of a stream the upstream writes every --interval-ms, stamped with the time it was written: the lag
    from write to arrival here, direct and through the gateway (raw httpx and `client.models.stream`); the added
    delay per chunk is the difference.

(a) also times a signed GET of the proxy's model list, which the gateway answers from configuration: its own path
without the upstream hop. It also prints the CPU time the AgentRun Local process spends per call (its /health, the
model list, and a gateway call): on a shared machine that is steadier than latency. `--profile FILE` runs the server
under cProfile and prints its top.

Targets (printed, never asserted): added latency <= 1 ms p50; added delay per chunk <= 0.2 ms p50.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import anyio
import httpx
from _harness import cpu_seconds
from _summary import record

from agentrun._core.openai_compat import DataPlaneSignature
from agentrun.client import AsyncAgentRun

HERE = Path(__file__).resolve().parent
MESSAGES = [{"role": "user", "content": "hello"}]
LATENCY_TARGET_MS = 1.0
ISSUE_TARGET_MS = 0.5  # the performance issue's target for the summary (`make bench`)
CHUNK_TARGET_MS = 0.2


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))]


def line(name: str, samples: list[float], baseline: list[float] | None = None) -> None:
    p50, p90 = statistics.median(samples), percentile(samples, 0.9)
    extra = ""
    if baseline is not None:
        b50, b90 = statistics.median(baseline), percentile(baseline, 0.9)
        extra = f"   added p50 {p50 - b50:+7.3f} ms  p90 {p90 - b90:+7.3f} ms   x{p50 / b50:.2f} direct"
    print(f"  {name:<36} p50 {p50:8.3f} ms  p90 {p90:8.3f} ms{extra}")


def verdict(what: str, added: float, target: float) -> None:
    state = "met" if added <= target else "MISSED"
    print(f"  target {what}: added p50 {added:.3f} ms <= {target} ms: {state}")


async def timed(call: Callable[[], Awaitable[Any]]) -> float:
    started = time.perf_counter()
    await call()
    return (time.perf_counter() - started) * 1000


async def non_streaming(
    http: httpx.AsyncClient,
    sdk: AsyncAgentRun,
    direct_url: str,
    gateway_url: str,
    proxy: str,
    count: int,
    server_pid: int,
) -> None:
    signature = DataPlaneSignature(sdk.config)
    body = {"model": "bench-model", "messages": MESSAGES}

    async def direct() -> None:
        response = await http.post(direct_url, json=body)
        assert response.status_code == 200, response.text

    async def gateway() -> None:
        response = await http.post(gateway_url, json=body, auth=signature)
        assert response.status_code == 200, response.text

    async def through_sdk() -> None:
        await sdk.models.chat(proxy, MESSAGES)

    async def health() -> None:
        response = await http.get(health_url)
        assert response.status_code == 200, response.text

    async def no_upstream() -> None:
        # The proxy's model list comes from configuration: the gateway's own path (signature, target, JSON answer)
        # without the upstream hop, so the added latency splits into the two.
        response = await http.get(models_url, auth=signature)
        assert response.status_code == 200, response.text

    health_url = gateway_url.split("/data/", 1)[0] + "/health"
    models_url = gateway_url.rsplit("/chat/completions", 1)[0] + "/models"
    paths = {
        "direct (raw httpx)": direct,
        "AgentRun Local GET /health": health,
        "gateway, no upstream (GET v1/models)": no_upstream,
        "gateway (raw httpx, signed)": gateway,
        "gateway (SDK models.chat)": through_sdk,
    }
    for call in paths.values():  # warm connections, caches and code paths
        for _ in range(30):
            await call()
    samples: dict[str, list[float]] = {name: [] for name in paths}
    for _ in range(count):  # interleaved, so drift on a shared machine hits every path alike
        for name, call in paths.items():
            samples[name].append(await timed(call))
    # CPU the server process spends per call: steadier than latency on a shared machine.
    spent = {}
    for name in ("AgentRun Local GET /health", "gateway, no upstream (GET v1/models)", "gateway (raw httpx, signed)"):
        before = cpu_seconds(server_pid)
        for _ in range(count):
            await paths[name]()
        spent[name] = (cpu_seconds(server_pid) - before) / count * 1000
    print(f"(a) non-streaming chat completion, {count} calls per path")
    baseline = samples["direct (raw httpx)"]
    for name, values in samples.items():
        line(name, values, None if values is baseline else baseline)
    for name, ms in spent.items():
        print(f"  AgentRun Local CPU per call, {name:<36} {ms:6.3f} ms")
    added = statistics.median(samples["gateway (raw httpx, signed)"]) - statistics.median(baseline)
    verdict("added latency (raw httpx)", added, LATENCY_TARGET_MS)
    gateway = samples["gateway (raw httpx, signed)"]
    record(
        "model gateway added latency per call",
        f"+{added:.2f} (gateway {statistics.median(gateway):.2f} / {percentile(gateway, 0.9):.2f}); "
        f"server CPU {spent['gateway (raw httpx, signed)']:.2f} ms/call",
        f"direct {statistics.median(baseline):.2f} / {percentile(baseline, 0.9):.2f}; "
        f"/health CPU {spent['AgentRun Local GET /health']:.2f} ms/call",
        f"added <= {ISSUE_TARGET_MS} (p50)",
        added <= ISSUE_TARGET_MS,
    )


def _lags(raw: bytes, arrived: int, lags: list[float]) -> None:
    """Lags (ms) of the chunk events in `raw`, which arrived at `arrived` (monotonic ns)."""
    for event in raw.split(b"\n\n"):
        if not event.startswith(b"data: {"):
            continue
        choices = json.loads(event[6:]).get("choices")
        content = choices[0]["delta"].get("content") if choices else None
        if content and content.isdigit():
            lags.append((arrived - int(content)) / 1e6)


async def raw_stream(http: httpx.AsyncClient, url: str, body: dict[str, Any], auth: httpx.Auth | None) -> list[float]:
    lags: list[float] = []
    buffer = b""
    async with http.stream("POST", url, json=body, auth=auth or httpx.USE_CLIENT_DEFAULT) as response:
        assert response.status_code == 200
        async for piece in response.aiter_raw():
            arrived = time.monotonic_ns()
            buffer += piece
            complete, _, buffer = buffer.rpartition(b"\n\n")
            _lags(complete, arrived, lags)
    return lags


async def sdk_stream(sdk: AsyncAgentRun, proxy: str, extra: dict[str, Any]) -> list[float]:
    lags: list[float] = []
    async for chunk in sdk.models.stream(proxy, MESSAGES, **extra):
        arrived = time.monotonic_ns()
        if chunk.text.isdigit():
            lags.append((arrived - int(chunk.text)) / 1e6)
    return lags


async def streaming(
    http: httpx.AsyncClient,
    sdk: AsyncAgentRun,
    direct_url: str,
    gateway_url: str,
    proxy: str,
    streams: int,
    chunks: int,
    interval_ms: float,
) -> None:
    signature = DataPlaneSignature(sdk.config)
    extra = {"bench_chunks": chunks, "bench_interval_ms": interval_ms}
    body = {"model": "bench-model", "messages": MESSAGES, "stream": True, **extra}
    paths: dict[str, Callable[[], Awaitable[list[float]]]] = {
        "direct (raw httpx)": lambda: raw_stream(http, direct_url, body, None),
        "gateway (raw httpx, signed)": lambda: raw_stream(http, gateway_url, body, signature),
        "gateway (SDK models.stream)": lambda: sdk_stream(sdk, proxy, extra),
    }
    for run in paths.values():
        await run()
    lags: dict[str, list[float]] = {name: [] for name in paths}
    for _ in range(streams):
        for name, run in paths.items():
            received = await run()
            assert len(received) == chunks, (name, len(received))
            lags[name] += received
    print(
        f"(b) streamed chunks: {streams} streams x {chunks} chunks, one every {interval_ms:g} ms; "
        "lag from write to arrival"
    )
    baseline = lags["direct (raw httpx)"]
    for name, values in lags.items():
        line(name, values, None if values is baseline else baseline)
    added = statistics.median(lags["gateway (raw httpx, signed)"]) - statistics.median(baseline)
    verdict("added delay per chunk (raw httpx)", added, CHUNK_TARGET_MS)


async def bench(data_dir: Path, upstream_port: int, server_pid: int, args: argparse.Namespace) -> None:
    upstream = f"http://127.0.0.1:{upstream_port}/v1"
    async with AsyncAgentRun.local(data_dir) as sdk:
        await sdk.model_services.create(
            "bench-upstream", provider="openai", base_url=upstream, model_names=["bench-model"]
        )
        await sdk.model_proxies.create("bench", endpoints=[{"modelServiceName": "bench-upstream"}])
        gateway_url = f"{sdk.config.data_base_url()}/models/bench/v1/chat/completions"
        async with httpx.AsyncClient(verify=sdk.config.verify, trust_env=False, timeout=30) as http:
            await non_streaming(
                http, sdk, f"{upstream}/chat/completions", gateway_url, "bench", args.requests, server_pid
            )
            print()
            await streaming(
                http,
                sdk,
                f"{upstream}/chat/completions",
                gateway_url,
                "bench",
                args.streams,
                args.chunks,
                args.interval_ms,
            )


def _wait_for(path: Path, process: subprocess.Popen[Any], what: str) -> None:
    deadline = time.monotonic() + 30
    while not path.exists():
        if time.monotonic() > deadline or process.poll() is not None:
            raise SystemExit(f"{what} did not start")
        time.sleep(0.05)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--streams", type=int, default=30)
    parser.add_argument("--chunks", type=int, default=40)
    parser.add_argument("--interval-ms", type=float, default=2.0)
    parser.add_argument("--https", action="store_true", help="AgentRun Local over HTTPS (the upstream stays HTTP)")
    parser.add_argument(
        "--profile", metavar="FILE", help="run AgentRun Local under cProfile, save to FILE, print the top"
    )
    args = parser.parse_args()
    upstream = subprocess.Popen([sys.executable, str(HERE / "_fast_upstream.py")], stdout=subprocess.PIPE, text=True)
    with tempfile.TemporaryDirectory() as data_dir:
        serve = [sys.executable, "-m", "agentrun.local", "serve", "--port", "0", "--data-dir", data_dir]
        if args.profile:
            serve[1:1] = ["-m", "cProfile", "-o", args.profile]
        server = subprocess.Popen([*serve, *([] if args.https else ["--http"])], stdout=subprocess.DEVNULL)
        try:
            assert upstream.stdout is not None
            port = int(upstream.stdout.readline().split()[1])
            _wait_for(Path(data_dir) / "server.json", server, "AgentRun Local")
            print(
                f"model gateway overhead: AgentRun Local over {'HTTPS' if args.https else 'HTTP'}, upstream over HTTP"
            )
            try:
                import uvloop  # noqa: F401

                options = {"use_uvloop": True}
            except ImportError:
                options = {}
            anyio.run(bench, Path(data_dir), port, server.pid, args, backend_options=options)
        finally:
            for process in (server, upstream):
                process.terminate()
                process.wait(timeout=15)
    if args.profile:
        import pstats

        print(f"\nAgentRun Local's profile ({args.profile}), by own time:")
        pstats.Stats(args.profile).sort_stats("tottime").print_stats(30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
