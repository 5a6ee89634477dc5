#!/usr/bin/env python3
"""Chat completions through AgentRun Local's model gateway, against the same upstream called directly (the baseline:
the upstream, HTTP and the event loop without the gateway's hop, signature check, store read, routing and relay).

    python bench/model_gateway.py [--requests 300]

The upstream is a minimal OpenAI-compatible server in this process (JSON answers and 20-chunk streams); the gateway
runs in a subprocess (`agentrun local serve --http`, uvloop) with AGENTRUN_LOCAL_MODEL_BASE_URL pointing at it, so
`/models/default` is that upstream. Reports median and p95 per call, and the ratio to the direct call.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import httpx

from agentrun._core import signing
from agentrun.local.connect import read_record
from agentrun.local.identity import ensure_identity
from agentrun.local.paths import DataDir

CHUNKS = 20


async def upstream(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """A keep-alive OpenAI-compatible answerer: JSON completions, or SSE streams of CHUNKS chunks."""
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            length = next(
                (
                    int(line.split(b":")[1])
                    for line in head.split(b"\r\n")
                    if line.lower().startswith(b"content-length")
                ),
                0,
            )
            body = json.loads(await reader.readexactly(length))
            if not body.get("stream"):
                data = json.dumps(
                    {
                        "id": "c",
                        "object": "chat.completion",
                        "model": body.get("model"),
                        "choices": [
                            {"index": 0, "message": {"role": "assistant", "content": "hi"}, "finish_reason": "stop"}
                        ],
                        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
                    }
                ).encode()
                writer.write(
                    b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: %d\r\n\r\n%s"
                    % (len(data), data)
                )
            else:
                writer.write(
                    b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n"
                )
                for i in range(CHUNKS):
                    chunk = {
                        "id": "c",
                        "object": "chat.completion.chunk",
                        "choices": [{"index": 0, "delta": {"content": f"w{i} "}, "finish_reason": None}],
                    }
                    event = b"data: " + json.dumps(chunk).encode() + b"\n\n"
                    writer.write(b"%x\r\n%s\r\n" % (len(event), event))
                done = b"data: [DONE]\n\n"
                writer.write(b"%x\r\n%s\r\n0\r\n\r\n" % (len(done), done))
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError):
        writer.close()


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
    ratio = f"  x{median / baseline:.1f} direct" if baseline else ""
    print(f"{name:<44} median {median:6.2f} ms  p95 {p95:6.2f} ms{ratio}")
    return median


async def bench(data_dir: Path, upstream_url: str, count: int) -> None:
    identity, _ = ensure_identity(DataDir.resolve(data_dir))
    record = read_record(DataDir.resolve(data_dir))
    base = record.data_endpoint

    def signed(path: str) -> dict[str, str]:
        stamp = signing.acs_date()
        headers = {
            "host": f"{record.host}:{record.port}",
            "x-acs-date": stamp,
            "x-acs-content-sha256": signing.UNSIGNED_PAYLOAD,
        }
        headers["agentrun-authorization"] = signing.agentrun4_authorization(
            method="POST",
            raw_path=path,
            raw_query="",
            headers=headers,
            access_key_id=identity.access_key_id,
            access_key_secret=identity.access_key_secret,
            region=identity.region,
            date=stamp[:10].replace("-", ""),
        )
        return headers

    body = {"messages": [{"role": "user", "content": "hello"}]}
    async with httpx.AsyncClient(trust_env=False) as http:

        async def direct(stream: bool) -> None:
            if stream:
                async with http.stream("POST", upstream_url + "/chat/completions", json={**body, "stream": True}) as r:
                    async for _ in r.aiter_raw():
                        pass
            else:
                (await http.post(upstream_url + "/chat/completions", json=body)).raise_for_status()

        async def gateway(name: str, stream: bool) -> None:
            path = f"/data/models/{name}/v1/chat/completions"
            url = base.removesuffix("/data") + path
            if stream:
                async with http.stream("POST", url, json={**body, "stream": True}, headers=signed(path)) as r:
                    async for _ in r.aiter_raw():
                        pass
            else:
                (await http.post(url, json=body, headers=signed(path))).raise_for_status()

        for warm in (lambda: direct(False), lambda: gateway("default", False)):
            await timed(warm, 20)
        baseline = report("direct upstream, JSON", await timed(lambda: direct(False), count), None)
        report("gateway -> upstream, JSON", await timed(lambda: gateway("default", False), count), baseline)
        stream_base = report(f"direct upstream, stream of {CHUNKS}", await timed(lambda: direct(True), count), None)
        report(
            f"gateway -> upstream, stream of {CHUNKS}",
            await timed(lambda: gateway("default", True), count),
            stream_base,
        )
        report(
            "gateway, built-in test model, JSON",
            await timed(lambda: gateway("agentrun-local-test-model", False), count),
            baseline,
        )


async def main_async(count: int) -> int:
    server = await asyncio.start_server(upstream, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    upstream_url = f"http://127.0.0.1:{port}/v1"
    agentrun = str(Path(sys.executable).parent / "agentrun")
    with tempfile.TemporaryDirectory() as data_dir:
        env = {**os.environ, "AGENTRUN_LOCAL_MODEL_BASE_URL": upstream_url, "AGENTRUN_LOCAL_MODEL": "bench"}
        command = [agentrun, "local", "serve", "--port", "0", "--http", "--data-dir", data_dir]
        process = await asyncio.create_subprocess_exec(*command, stdout=asyncio.subprocess.DEVNULL, env=env)
        try:
            deadline = time.monotonic() + 20
            while not (Path(data_dir) / "server.json").exists():
                if time.monotonic() > deadline or process.returncode is not None:
                    print("the server did not start", file=sys.stderr)
                    return 1
                await asyncio.sleep(0.05)
            print(f"AgentRun Local model gateway over HTTP, {count} calls each")
            await bench(Path(data_dir), upstream_url, count)
        finally:
            process.terminate()
            await asyncio.wait_for(process.wait(), 15)
            server.close()
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300)
    return asyncio.run(main_async(parser.parse_args().requests))


if __name__ == "__main__":
    sys.exit(main())
