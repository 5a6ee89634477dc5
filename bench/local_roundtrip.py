#!/usr/bin/env python3
"""Round trips through the SDK to AgentRun Local, against the unauthenticated health probe on the same connection
(the baseline: TLS, HTTP and the event loop without signing, verification, validation or the store).

    python bench/local_roundtrip.py [--requests 300] [--http]

The server runs in a subprocess (`agentrun local serve`, uvloop), as a developer would run it; the client is this
process. Reports median and p95 per call and the ratio to the baseline.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import anyio
import httpx
from _summary import record

from agentrun._core.request_signing import control_headers
from agentrun.client import AsyncAgentRun


def p90(samples: list[float]) -> float:
    return sorted(samples)[max(0, round(0.9 * len(samples)) - 1)]


async def timed(call: Callable[[], Awaitable[object]], count: int) -> list[float]:
    samples = []
    for _ in range(count):
        started = time.perf_counter()
        await call()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def report(name: str, samples: list[float], baseline: float | None) -> float:
    median = statistics.median(samples)
    p95 = sorted(samples)[int(len(samples) * 0.95) - 1]
    ratio = f"  x{median / baseline:.2f} baseline" if baseline else ""
    print(f"{name:<42} median {median:6.2f} ms  p90 {p90(samples):6.2f} ms  p95 {p95:6.2f} ms{ratio}")
    return median


async def bench(data_dir: Path, count: int) -> None:
    async with AsyncAgentRun.local(data_dir) as client:
        base = client.config.data_base_url().removesuffix("/data")
        await client.credentials.create("bench", auth_type="api_key", source_type="internal", secret="s")

        async def get_health() -> None:
            # Through the SDK's own pool as its calls go (the transport, no signing, no parsing).
            request = httpx.Request("GET", base + "/health", extensions={"timeout": {}})
            response = await client._core._send(request)
            await response.aread()

        credential = httpx.URL(client.config.control_base_url() + "/2025-09-10/agents/credentials/bench")

        def signed_request() -> httpx.Request:
            # Signed by plain code: a fresh date and nonce for every request, as a client signs them.
            headers = {"accept": "application/json", "user-agent": "bench"}
            headers.update(control_headers(client.config, "GET", credential, headers, b"", "GetCredential"))
            return httpx.Request("GET", credential, headers=headers, extensions={"timeout": {}})

        async def send_raw(request: httpx.Request) -> None:
            response = await client._core._send(request)
            await response.aread()
            assert response.status_code == 200, response.text

        async def get_signed_raw() -> None:
            # The same transport and connection as /health, signed in the timed call, the answer not parsed.
            await send_raw(signed_request())

        async def timed_presigned(count: int) -> list[float]:
            # The server's share alone (what the target is about): each request signed just before its clock
            # starts, so the client's HMACs (~0.05 ms) are not counted as the server's. The SDK's own cost per call
            # is bench/control_plane.py's subject.
            samples = []
            for _ in range(count):
                request = signed_request()
                started = time.perf_counter()
                await send_raw(request)
                samples.append((time.perf_counter() - started) * 1000)
            return samples

        await get_health()  # warm the connection
        health: list[float] = []
        server: list[float] = []
        raw: list[float] = []
        signed: list[float] = []
        for _ in range(max(1, count // 50)):  # interleaved batches: a shared machine's load drifts alike for all
            health += await timed(get_health, 50)
            server += await timed_presigned(50)
            raw += await timed(get_signed_raw, 50)
            signed += await timed(lambda: client.credentials.get("bench"), 50)
        baseline = report("GET /health (no auth, baseline)", health, None)
        report("signed GetCredential, raw, signed before", server, baseline)
        report("signed GetCredential, raw, signing timed", raw, baseline)
        report("signed GetCredential, this SDK", signed, baseline)
        record(
            "signed GetCredential on the server (raw request)",
            f"{statistics.median(server):.2f} / {p90(server):.2f} (x{statistics.median(server) / baseline:.2f}); "
            f"signing timed too {statistics.median(raw):.2f} (x{statistics.median(raw) / baseline:.2f}); "
            f"through this SDK {statistics.median(signed):.2f} (x{statistics.median(signed) / baseline:.2f})",
            f"GET /health {baseline:.2f} / {p90(health):.2f}",
            "<= 1.3x /health (p50)",
            statistics.median(server) <= 1.3 * baseline,
        )
        report(
            "signed ListCredentials (page of 50)",
            await timed(lambda: client.credentials.list().first_page(), count),
            baseline,
        )
        report(
            "signed UpdateCredential (fsync'd write)",
            await timed(lambda: client.credentials.update("bench", description="d"), count),
            baseline,
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--http", action="store_true", help="plain HTTP instead of HTTPS")
    args = parser.parse_args()
    agentrun = str(Path(sys.executable).parent / "agentrun")
    with tempfile.TemporaryDirectory() as data_dir:
        command = [
            agentrun,
            "local",
            "serve",
            "--port",
            "0",
            "--data-dir",
            data_dir,
            *(["--http"] if args.http else []),
        ]
        server = subprocess.Popen(command, stdout=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 20
            while not (Path(data_dir) / "server.json").exists():
                if time.monotonic() > deadline or server.poll() is not None:
                    print("the server did not start", file=sys.stderr)
                    return 1
                time.sleep(0.05)
            print(f"AgentRun Local over {'HTTP' if args.http else 'HTTPS'}, {args.requests} calls each")
            anyio.run(bench, Path(data_dir), args.requests)
        finally:
            server.terminate()
            server.wait(timeout=15)
    return 0


if __name__ == "__main__":
    sys.exit(main())
