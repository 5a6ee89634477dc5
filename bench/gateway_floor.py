#!/usr/bin/env python3
"""Where the model gateway's added latency goes: a chat completion direct to the upstream, through a bare forwarder
(bench/_bare_forward.py: uvicorn + Starlette + one aiohttp POST, nothing else) and through AgentRun Local's gateway,
interleaved in one run, with the CPU each server process spends per call.

    python bench/gateway_floor.py [--requests 400]

"bare - direct" is the floor any gateway built on this stack (uvicorn, Starlette, aiohttp) adds; "gateway - bare" is
what the gateway's own work adds on top (signature, target, body checks, routing plan, usage, disconnect watch).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import anyio
import httpx
from _harness import cpu_seconds
from models import MESSAGES, percentile

from agentrun._core.openai_compat import DataPlaneSignature
from agentrun.client import AsyncAgentRun

HERE = Path(__file__).resolve().parent


async def bench(data_dir: Path, upstream: str, bare: str, pids: dict[str, int], count: int) -> None:
    async with AsyncAgentRun.local(data_dir) as sdk:
        await sdk.model_services.create("floor-up", provider="openai", base_url=upstream, model_names=["bench-model"])
        await sdk.model_proxies.create("floor", endpoints=[{"modelServiceName": "floor-up"}])
        gateway = f"{sdk.config.data_base_url()}/models/floor/v1/chat/completions"
        signature = DataPlaneSignature(sdk.config)
        body = {"model": "bench-model", "messages": MESSAGES}
        async with httpx.AsyncClient(trust_env=False, timeout=30) as http:
            paths = {
                "direct": lambda: http.post(f"{upstream}/chat/completions", json=body),
                "bare forward": lambda: http.post(f"{bare}/v1/chat/completions", json=body),
                "gateway": lambda: http.post(gateway, json=body, auth=signature),
            }
            for call in paths.values():
                for _ in range(30):
                    assert (await call()).status_code == 200
            samples: dict[str, list[float]] = {name: [] for name in paths}
            for _ in range(count):
                for name, call in paths.items():
                    started = time.perf_counter()
                    await call()
                    samples[name].append((time.perf_counter() - started) * 1000)
            cpu: dict[str, float] = {}
            for name, pid in pids.items():
                before = cpu_seconds(pid)
                for _ in range(count):
                    await paths[name]()
                cpu[name] = (cpu_seconds(pid) - before) / count * 1000
    direct = statistics.median(samples["direct"])
    print(f"chat completion, {count} calls per path (p50 / p90 ms; added = p50 minus direct's)")
    for name, values in samples.items():
        p50 = statistics.median(values)
        extra = f"  added {p50 - direct:+.3f}" if name != "direct" else ""
        cost = f"  server CPU {cpu[name]:.3f} ms/call" if name in cpu else ""
        print(f"  {name:<14} {p50:7.3f} / {percentile(values, 0.9):7.3f}{extra}{cost}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=400)
    args = parser.parse_args()
    python = sys.executable
    upstream = subprocess.Popen([python, str(HERE / "_fast_upstream.py")], stdout=subprocess.PIPE, text=True)
    processes = [upstream]
    try:
        assert upstream.stdout is not None
        upstream_url = f"http://127.0.0.1:{int(upstream.stdout.readline().split()[1])}/v1"
        bare = subprocess.Popen(
            [python, str(HERE / "_bare_forward.py"), f"{upstream_url}/chat/completions"],
            stdout=subprocess.PIPE,
            text=True,
        )
        processes.append(bare)
        assert bare.stdout is not None
        bare_url = f"http://127.0.0.1:{int(bare.stdout.readline().split()[1])}"
        with tempfile.TemporaryDirectory() as data_dir:
            serve = [str(Path(python).parent / "agentrun"), "local", "serve", "--port", "0", "--data-dir", data_dir]
            server = subprocess.Popen([*serve, "--http"], stdout=subprocess.DEVNULL)
            processes.append(server)
            deadline = time.monotonic() + 30
            while not (Path(data_dir) / "server.json").exists():
                if time.monotonic() > deadline or server.poll() is not None:
                    print("AgentRun Local did not start", file=sys.stderr)
                    return 1
                time.sleep(0.05)
            pids = {"bare forward": bare.pid, "gateway": server.pid}
            anyio.run(bench, Path(data_dir), upstream_url, bare_url, pids, args.requests)
    finally:
        for process in reversed(processes):
            process.terminate()
            process.wait(timeout=15)
    return 0


if __name__ == "__main__":
    sys.exit(main())
