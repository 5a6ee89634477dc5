#!/usr/bin/env python3
"""HTTP client libraries side by side for one signed control-plane get (GetCredential) against one AgentRun Local,
in one run: what the SDK's transport could be, for its async and its blocking API.

    python bench/transports.py [--calls 200] [--rounds 5] [--http]

Rows: httpx async on asyncio and on uvloop (the SDK's transport), httpx async with HTTP/1.1 keep-alive tuned
(no pool limits, trust_env off), httpx sync, httpx2 async and sync (installed with another dependency), aiohttp on
uvloop; the SDK's own async and blocking clients for reference. Every client signs the same way (ACS3, the SDK's
signing module) and parses the JSON. Rows are measured in interleaved rounds so a shared machine's load drifts
alike for all; p50 / p90 of the per-call latency and this process's CPU per call are printed.
"""

from __future__ import annotations

import argparse
import asyncio
import ssl
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx
from _harness import local_server, percentile
from control_plane import API_VERSION, CREDENTIALS_PATH, RawClient

from agentrun import AsyncAgentRun
from agentrun.local.connect import local_config
from agentrun.sync import AgentRun

NAME = "bench-transport"
PATH = f"{CREDENTIALS_PATH}/{NAME}"
Row = tuple[Callable[[], Any], bool]  # the call, and whether it is a coroutine function


def ssl_context(verify: Any) -> ssl.SSLContext | bool:
    if isinstance(verify, ssl.SSLContext):
        return verify
    if isinstance(verify, str):
        return ssl.create_default_context(cafile=verify)
    return ssl.create_default_context() if verify else False


async def measure_async(call: Callable[[], Awaitable[Any]], count: int) -> tuple[list[float], float]:
    samples, cpu = [], time.process_time()
    for _ in range(count):
        started = time.perf_counter()
        await call()
        samples.append((time.perf_counter() - started) * 1000)
    return samples, (time.process_time() - cpu) * 1000 / count


def measure_sync(call: Callable[[], Any], count: int) -> tuple[list[float], float]:
    samples, cpu = [], time.process_time()
    for _ in range(count):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    return samples, (time.process_time() - cpu) * 1000 / count


def run_rounds(data_dir: Path, args: argparse.Namespace) -> dict[str, tuple[list[float], list[float]]]:
    config = local_config(data_dir)
    raw = RawClient(config.control_base_url(), *config.require_credentials())
    verify = config.verify
    results: dict[str, tuple[list[float], list[float]]] = {}

    def add(name: str, samples: list[float], cpu: float) -> None:
        latency, cpus = results.setdefault(name, ([], []))
        latency += samples
        cpus.append(cpu)

    def check(status: int, payload: Any) -> None:
        if status != 200 or payload["data"]["credentialName"] != NAME:
            raise RuntimeError(f"unexpected answer {status}: {str(payload)[:200]}")

    async def async_rows(loop_name: str) -> None:
        import aiohttp

        tuned = httpx.AsyncClient(
            base_url=raw.base_url, verify=verify, trust_env=False, limits=httpx.Limits(max_keepalive_connections=None)
        )
        plain = httpx.AsyncClient(base_url=raw.base_url, verify=verify)
        import httpx2

        second = httpx2.AsyncClient(base_url=raw.base_url, verify=ssl_context(verify))
        session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(ssl=ssl_context(verify)))
        sdk = AsyncAgentRun.local(data_dir)

        async def with_httpx(client: Any) -> None:
            url, headers = raw.signed(PATH, {}, "GetCredential")
            answer = await client.get(url, headers=headers)
            check(answer.status_code, answer.json())

        async def with_aiohttp() -> None:
            url, headers = raw.signed(PATH, {}, "GetCredential")
            async with session.get(raw.base_url + url, headers=headers) as answer:
                check(answer.status, await answer.json())

        rows: dict[str, Callable[[], Awaitable[Any]]] = {
            f"httpx async ({loop_name})": lambda: with_httpx(plain),
            f"httpx async tuned ({loop_name})": lambda: with_httpx(tuned),
            f"httpx2 async ({loop_name})": lambda: with_httpx(second),
            f"aiohttp ({loop_name})": with_aiohttp,
            f"our SDK async ({loop_name})": lambda: sdk.credentials.get(NAME),
        }
        try:
            for call in rows.values():
                for _ in range(args.warmup):
                    await call()
            for _ in range(args.rounds):
                for name, call in rows.items():
                    add(name, *(await measure_async(call, args.calls)))
        finally:
            await plain.aclose()
            await tuned.aclose()
            await second.aclose()
            await session.close()
            await sdk.aclose()

    import httpx2
    import uvloop

    with AgentRun.local(data_dir) as setup:
        if NAME not in {c.name for c in setup.credentials.list().first_page().items}:
            setup.credentials.create(NAME, auth_type="api_key", source_type="internal", secret="s")
    asyncio.run(async_rows("asyncio"))
    uvloop.run(async_rows("uvloop"))
    with (
        httpx.Client(base_url=raw.base_url, verify=verify) as sync_httpx,
        httpx2.Client(base_url=raw.base_url, verify=ssl_context(verify)) as sync_httpx2,
        AgentRun.local(data_dir) as blocking,
    ):

        def with_sync(client: Any) -> None:
            url, headers = raw.signed(PATH, {}, "GetCredential")
            answer = client.get(url, headers=headers)
            check(answer.status_code, answer.json())

        sync_rows: dict[str, Callable[[], Any]] = {
            "httpx sync": lambda: with_sync(sync_httpx),
            "httpx2 sync": lambda: with_sync(sync_httpx2),
            "our SDK blocking": lambda: blocking.credentials.get(NAME),
        }
        for call in sync_rows.values():
            for _ in range(args.warmup):
                call()
        for _ in range(args.rounds):
            for name, call in sync_rows.items():
                add(name, *measure_sync(call, args.calls))
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--calls", type=int, default=200, help="calls per row per round")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=30)
    parser.add_argument("--http", action="store_true", help="plain HTTP instead of HTTPS")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, local_server(Path(tmp), *(["--http"] if args.http else [])):
        results = run_rounds(Path(tmp), args)
    floor = statistics.median(results["httpx sync"][0])
    print(f"GetCredential (API {API_VERSION}) over {'HTTP' if args.http else 'HTTPS'}, {args.rounds} rounds x "
          f"{args.calls} calls per row, interleaved")  # fmt: skip
    print(f"{'client':<32} {'p50 ms':>8} {'p90 ms':>8} {'x httpx sync':>13} {'client CPU ms/call':>19}")
    for name, (samples, cpus) in results.items():
        p50 = statistics.median(samples)
        print(
            f"{name:<32} {p50:8.3f} {percentile(samples, 0.9):8.3f} {p50 / floor:13.2f} {statistics.median(cpus):19.3f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
