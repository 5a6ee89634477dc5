"""The official `agentrun-sdk` side of bench/control_plane.py. Runs under the official SDK's own interpreter
(.venv-official/bin/python), configured only by the environment `agentrun local env` prints, and writes one JSON
object to stdout: {"<client> <operation>": {"samples_ms": [...], "elapsed_s": ...}, ...}.

    python bench/_official_control_plane.py --name NAME --expect N [--iterations 100] [--warmup 10]

Not meant to be run by hand (control_plane.py starts it with the right environment). It imports the official
`agentrun` package, so it must not run with this repository's root on sys.path (control_plane.py uses -I and a
neutral working directory).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time
from collections.abc import Awaitable, Callable
from typing import Any

# Before the import: the official SDK prints a warning on import unless this is set.
os.environ.setdefault("DISABLE_BREAKING_CHANGES_WARNING", "1")

from agentrun.credential import Credential


def timed_sync(call: Callable[[], Any], count: int) -> dict[str, Any]:
    samples = []
    begun = time.perf_counter()
    for _ in range(count):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    return {"samples_ms": samples, "elapsed_s": time.perf_counter() - begun}


async def timed_async(call: Callable[[], Awaitable[Any]], count: int) -> dict[str, Any]:
    samples = []
    begun = time.perf_counter()
    for _ in range(count):
        started = time.perf_counter()
        await call()
        samples.append((time.perf_counter() - started) * 1000)
    return {"samples_ms": samples, "elapsed_s": time.perf_counter() - begun}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--name", required=True, help="an existing credential to get")
    parser.add_argument("--expect", type=int, required=True, help="how many credentials a list returns")
    parser.add_argument("--iterations", type=int, default=100)
    parser.add_argument("--warmup", type=int, default=10)
    args = parser.parse_args()

    # The calls a user of the official SDK writes. list_all() pages by 50 and stops at a short page, so with fewer
    # than 50 credentials it is exactly one ListCredentials request, like our first_page().
    def get() -> Any:
        return Credential.get_by_name(args.name)

    def list_all() -> Any:
        return Credential.list_all()

    async def get_async() -> Any:
        return await Credential.get_by_name_async(args.name)

    async def list_all_async() -> Any:
        return await Credential.list_all_async()

    found = get()
    if found.credential_name != args.name:
        print(f"GetCredential returned {found.credential_name!r}, not {args.name!r}", file=sys.stderr)
        return 1
    listed = list_all()
    if len(listed) != args.expect or args.expect >= 50:
        print(f"ListCredentials returned {len(listed)} items, expected {args.expect} (< 50)", file=sys.stderr)
        return 1

    results: dict[str, Any] = {}
    for label, call in (("sync get", get), ("sync list", list_all)):
        timed_sync(call, args.warmup)
        results[label] = timed_sync(call, args.iterations)

    async def run_async() -> None:
        for label, call in (("async get", get_async), ("async list", list_all_async)):
            await timed_async(call, args.warmup)
            results[label] = await timed_async(call, args.iterations)

    asyncio.run(run_async())
    json.dump(results, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
