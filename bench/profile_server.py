#!/usr/bin/env python3
"""Where AgentRun Local spends its CPU on each hot path: py-spy samples the server process while this process drives
one path at a time, and the top frames (own time, and time inside selected layers) are printed per path.

    python bench/profile_server.py [--seconds 6] [--rate 1000] [--http] [--only health,get,...] [--raw DIR]

Paths: `health` (GET /health, unauthenticated: the floor), `get` (signed GetCredential), `run_code` (`1+1` in a
sandbox), `gateway` (a chat completion through a model proxy to bench/_fast_upstream.py), `runtime` (POST through
the agent-runtime invocation route to a stdlib agent). Needs py-spy (`pip install py-spy`) and ptrace rights.
Percentages are of the samples taken while the server was on the CPU (idle samples are left out), so they say
where the time per request goes, not how long a request takes.
"""

from __future__ import annotations

import argparse
import collections
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import anyio
import httpx
from _harness import local_server
from runtimes import AGENT, code

from agentrun._core.openai_compat import DataPlaneSignature
from agentrun.client import AsyncAgentRun

HERE = Path(__file__).resolve().parent
# Layers whose inclusive share is worth seeing on every path (substring of a py-spy frame).
LAYERS = {
    "uvicorn protocol (httptools)": "httptools_impl.py",
    "ssl": "sslproto.py",
    "auth middleware": "local/auth.py",
    "store (sqlite)": "local/store.py",
    "generated models": "generated/",
    "pydantic": "pydantic",
    "json": "json/",
    "starlette routing": "starlette/routing.py",
    "starlette middleware": "starlette/middleware",
    "responses/envelope": "local/responses.py",
    "httpx (server as client)": "httpx/",
    "anyio": "anyio/",
}


def summarise(raw: Path, top: int) -> None:
    own: collections.Counter[str] = collections.Counter()
    inclusive: collections.Counter[str] = collections.Counter()
    total = 0
    for line in raw.read_text().splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack:
            continue
        count = int(count_text)
        frames = [f for f in stack.split(";") if not f.startswith("process ") and not f.startswith("thread ")]
        if not frames:
            continue
        total += count
        own[frames[-1]] += count
        for name, needle in LAYERS.items():
            if any(needle in f for f in frames):
                inclusive[name] += count
    if not total:
        print("  (no samples)")
        return
    print(f"  {total} samples on CPU; inclusive share of layers:")
    for name, count in inclusive.most_common():
        print(f"    {100 * count / total:5.1f}%  {name}")
    print(f"  top {top} frames by own time:")
    for frame, count in own.most_common(top):
        print(f"    {100 * count / total:5.1f}%  {frame[:150]}")


async def drive(call: Callable[[], Awaitable[Any]], seconds: float) -> int:
    done, deadline = 0, time.monotonic() + seconds
    while time.monotonic() < deadline:
        await call()
        done += 1
    return done


async def workloads(sdk: AsyncAgentRun, upstream: str, names: list[str]) -> dict[str, Callable[[], Awaitable[Any]]]:
    http = sdk._core.http
    base = sdk.config.data_base_url().removesuffix("/data")
    calls: dict[str, Callable[[], Awaitable[Any]]] = {}
    if "health" in names:
        calls["health"] = lambda: http.get(base + "/health")
    if "get" in names:
        await sdk.credentials.create("prof", auth_type="api_key", source_type="internal", secret="s")
        calls["get"] = lambda: sdk.credentials.get("prof")
    if "run_code" in names or "run_code_new_context" in names:
        template = await sdk.templates.create("prof", template_type="CodeInterpreter")
        sandbox = await sdk.sandboxes.create(template.name)
        context = await sandbox.create_context()  # as bench/sandbox.py measures it: in an existing context
        calls["run_code"] = lambda: sandbox.run_code("1+1", context=context)
        calls["run_code_new_context"] = lambda: sandbox.run_code("1+1")
    raw = httpx.AsyncClient(verify=sdk.config.verify, trust_env=False, timeout=30)
    if "gateway" in names:
        await sdk.model_services.create("prof-up", provider="openai", base_url=upstream, model_names=["bench-model"])
        await sdk.model_proxies.create("prof", endpoints=[{"modelServiceName": "prof-up"}])
        url = f"{sdk.config.data_base_url()}/models/prof/v1/chat/completions"
        body = {"model": "bench-model", "messages": [{"role": "user", "content": "hi"}]}
        signature = DataPlaneSignature(sdk.config)
        calls["gateway"] = lambda: raw.post(url, json=body, auth=signature)
    if "runtime" in names:
        runtime = await sdk.agent_runtimes.create("prof", code=code(AGENT))
        await runtime.wait_until_ready()
        route = f"{sdk.config.data_base_url()}/agent-runtimes/prof/endpoints/Default/invocations"
        signature = DataPlaneSignature(sdk.config)
        calls["runtime"] = lambda: raw.post(route, json={}, auth=signature)
    return calls


async def profile(data_dir: Path, pid: int, upstream: str, args: argparse.Namespace) -> None:
    async with AsyncAgentRun.local(data_dir) as sdk:
        calls = await workloads(sdk, upstream, args.only.split(","))
        for name, call in calls.items():
            for _ in range(50):  # warm connections, caches and code paths
                answer = await call()
                if isinstance(answer, httpx.Response):
                    assert answer.status_code == 200, answer.text
            out = Path(args.raw or tempfile.gettempdir()) / f"profile-{name}.txt"
            out.parent.mkdir(parents=True, exist_ok=True)
            spy = subprocess.Popen(  # noqa: ASYNC220 (starts at once; waited for in a thread)
                ["py-spy", "record", "--pid", str(pid), "--duration", str(int(args.seconds)), "--rate",
                 str(args.rate), "--format", "raw", "--output", str(out), "--nonblocking"],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )  # fmt: skip
            await anyio.sleep(0.5)  # py-spy attaches
            done = await drive(call, args.seconds - 1)
            await anyio.to_thread.run_sync(spy.wait)
            print(f"\n== {name}: {done} calls in {args.seconds - 1:g} s ({out})")
            summarise(out, args.top)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=6)
    parser.add_argument("--rate", type=int, default=1000)
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--http", action="store_true", help="plain HTTP instead of HTTPS")
    parser.add_argument("--only", default="health,get,run_code,gateway,runtime")
    parser.add_argument("--raw", help="directory for py-spy's raw stacks (default: the temp dir)")
    args = parser.parse_args()
    if shutil.which("py-spy") is None:
        parser.error("py-spy is not on PATH: pip install py-spy (it samples the server process; needs ptrace rights)")
    upstream = subprocess.Popen([sys.executable, str(HERE / "_fast_upstream.py")], stdout=subprocess.PIPE, text=True)
    try:
        assert upstream.stdout is not None
        port = int(upstream.stdout.readline().split()[1])
        with (
            tempfile.TemporaryDirectory() as data_dir,
            local_server(Path(data_dir), *(["--http"] if args.http else [])) as server,
        ):
            anyio.run(profile, Path(data_dir), server.pid, f"http://127.0.0.1:{port}/v1", args,
                      backend_options={"use_uvloop": True})  # fmt: skip
    finally:
        upstream.terminate()
        upstream.wait(timeout=15)
    return 0


if __name__ == "__main__":
    sys.exit(main())
