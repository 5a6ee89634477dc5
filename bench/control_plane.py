#!/usr/bin/env python3
"""Control-plane get and list through three clients against one AgentRun Local server: this SDK, raw httpx sending
the same signed requests (the floor), and the official agentrun-sdk (in its own virtualenv, in a subprocess).

    python bench/control_plane.py [--iterations 300] [--official-iterations 100] [--rounds 3] [--concurrency 16]
                                  [--seed 20] [--no-official] [--profile] [--json FILE]

The server runs in a subprocess (`python -m agentrun.local serve`, HTTPS, a temporary data dir, a free loopback
port), seeded with `--seed` credentials. Each client warms up, then makes sequential calls, timed one by one
(p50/p90/p99/mean in ms; seq/s = calls / wall time of the loop); this SDK and raw httpx also run the same number
of calls from `--concurrency` tasks at once on one client. A reference row, raw httpx on a blocking
`httpx.Client`, is the floor for blocking clients such as the official SDK's sync calls (requests, no event loop).
The calls are split over `--rounds` rounds, each of which runs every client in turn, so a drift in the machine's
speed over the run (these machines share their CPUs) falls on every row alike; a row's figures are over all its
samples.
Targets (reported, never asserted: a bench is not a test):

  * this SDK p50 <= 1.3x raw httpx (async) p50  (overhead of building, signing, checking and parsing)
  * the official SDK p50 >= 5x this SDK p50     (this SDK at least 5x faster per call)

`--profile` runs this SDK's loops again under cProfile and prints where the time goes. The official SDK needs
.venv-official (`make official-sdk`); without it the other clients run alone.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import anyio
import httpx
from _harness import official_environment
from _summary import record

from agentrun import AsyncAgentRun
from agentrun._core import signing
from agentrun.local.connect import local_config
from agentrun.sync import AgentRun

ROOT = Path(__file__).resolve().parent.parent
OFFICIAL_PYTHON = ROOT / ".venv-official" / "bin" / "python"
OFFICIAL_SCRIPT = Path(__file__).resolve().parent / "_official_control_plane.py"
API_VERSION = "2025-09-10"
CREDENTIALS_PATH = f"/{API_VERSION}/agents/credentials"
PAGE_SIZE = 50
NAME = "bench-00"  # the credential every get reads
LIST_QUERY = {"pageNumber": "1", "pageSize": str(PAGE_SIZE)}
SDK_TARGET = 1.3  # this SDK p50 / raw httpx p50, at most
OFFICIAL_TARGET = 5.0  # official SDK p50 / this SDK p50, at least

Call = Callable[[], Awaitable[object]]


# -- the floor: raw httpx with ACS3 signing done in place ---------------------------------------------------------


class RawClient:
    """Signed control-plane GETs over one httpx client, with nothing but what the server requires: the ACS3 headers
    this SDK signs, the signature, the body's JSON parsed. Async (the floor for this SDK) or sync (a reference for
    the official SDK's blocking calls)."""

    def __init__(self, base_url: str, key_id: str, secret: str) -> None:
        self.base_url = base_url
        self.host = urlsplit(base_url).netloc
        self.key_id = key_id
        self.secret = secret

    def signed(self, path: str, query: dict[str, str], action: str) -> tuple[str, dict[str, str]]:
        headers = {
            "host": self.host,
            "x-acs-version": API_VERSION,
            "x-acs-action": action,
            "x-acs-date": signing.acs_date(),
            "x-acs-signature-nonce": signing.new_nonce(),
            "x-acs-content-sha256": signing.EMPTY_SHA256,
            "accept": "application/json",
        }
        headers["authorization"] = signing.acs3_authorization(
            method="GET",
            raw_path=path,
            query=query.items(),
            headers=headers,
            payload_hash=signing.EMPTY_SHA256,
            access_key_id=self.key_id,
            access_key_secret=self.secret,
        )
        return (f"{path}?{urlencode(query)}" if query else path), headers

    @staticmethod
    def body(response: httpx.Response, action: str) -> Any:
        if response.status_code != 200:
            raise RuntimeError(f"{action}: HTTP {response.status_code}: {response.text[:300]}")
        return response.json()

    async def get(self, http: httpx.AsyncClient, path: str, query: dict[str, str], action: str) -> Any:
        url, headers = self.signed(path, query, action)
        return self.body(await http.get(url, headers=headers), action)

    def get_sync(self, http: httpx.Client, path: str, query: dict[str, str], action: str) -> Any:
        url, headers = self.signed(path, query, action)
        return self.body(http.get(url, headers=headers), action)


# -- timing ---------------------------------------------------------------------------------------------------------


def merged(rounds: list[dict[str, dict[str, Any]]]) -> dict[str, dict[str, Any]]:
    """Each row's samples of every round, summarised together (throughput: the mean of the rounds')."""
    out: dict[str, dict[str, Any]] = {}
    for label in rounds[0]:
        samples = [ms for r in rounds for ms in r[label]["samples_ms"]]
        out[label] = summarise(samples, sum(r[label]["elapsed_s"] for r in rounds))
        if "conc_per_s" in rounds[0][label]:
            out[label]["conc_per_s"] = statistics.fmean(r[label]["conc_per_s"] for r in rounds)
    return out


def summarise(samples_ms: list[float], elapsed_s: float) -> dict[str, Any]:
    cuts = statistics.quantiles(samples_ms, n=100, method="inclusive")
    return {
        "calls": len(samples_ms),
        "p50": statistics.median(samples_ms),
        "p90": cuts[89],
        "p99": cuts[98],
        "mean": statistics.fmean(samples_ms),
        "seq_per_s": len(samples_ms) / elapsed_s,
    }


async def sequential(call: Call, count: int) -> dict[str, Any]:
    samples = []
    begun = time.perf_counter()
    for _ in range(count):
        started = time.perf_counter()
        await call()
        samples.append((time.perf_counter() - started) * 1000)
    return {"samples_ms": samples, "elapsed_s": time.perf_counter() - begun}


async def concurrent(call: Call, count: int, tasks: int) -> float:
    """Calls per second with `tasks` tasks sharing `count` calls."""

    async def worker(share: int) -> None:
        for _ in range(share):
            await call()

    shares = [count // tasks + (1 if i < count % tasks else 0) for i in range(tasks)]
    begun = time.perf_counter()
    async with anyio.create_task_group() as group:
        for share in shares:
            group.start_soon(worker, share)
    return count / (time.perf_counter() - begun)


async def measure(call: Call, args: argparse.Namespace) -> dict[str, Any]:
    for _ in range(args.warmup):
        await call()
    await concurrent(call, args.concurrency * 2, args.concurrency)  # open the pool's connections before timing
    result = await sequential(call, args.iterations // args.rounds)
    result["conc_per_s"] = await concurrent(call, args.iterations // args.rounds, args.concurrency)
    return result


def timed_sync(call: Callable[[], object], args: argparse.Namespace) -> dict[str, Any]:
    for _ in range(args.warmup):
        call()
    samples = []
    begun = time.perf_counter()
    for _ in range(args.iterations // args.rounds):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    return {"samples_ms": samples, "elapsed_s": time.perf_counter() - begun}


def profile_report(profiler: cProfile.Profile) -> str:
    """Everything by own time, then this SDK's (and its generated models') functions by cumulative time."""
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(15)
    stats.sort_stats("cumtime").print_stats(r"/agentrun/|/generated/", 25)
    return out.getvalue()


# -- in-process clients ---------------------------------------------------------------------------------------------


async def seed(data_dir: Path, args: argparse.Namespace) -> None:
    async with AsyncAgentRun.local(data_dir) as client:
        for i in range(args.seed):
            await client.credentials.create(
                f"bench-{i:02d}", auth_type="api_key", source_type="external_llm", secret=f"sk-{i}"
            )


async def bench_in_process(data_dir: Path, args: argparse.Namespace, *, profile: bool) -> dict[str, dict[str, Any]]:
    config = local_config(data_dir)
    results: dict[str, dict[str, Any]] = {}
    async with AsyncAgentRun.local(data_dir) as client:
        raw = RawClient(config.control_base_url(), *config.require_credentials())
        async with httpx.AsyncClient(base_url=raw.base_url, verify=config.verify) as http:

            async def sdk_get() -> object:
                return await client.credentials.get(NAME)

            async def sdk_list() -> object:
                return await client.credentials.list(page_size=PAGE_SIZE).first_page()

            async def raw_get() -> object:
                return await raw.get(http, f"{CREDENTIALS_PATH}/{NAME}", {}, "GetCredential")

            async def raw_list() -> object:
                return await raw.get(http, CREDENTIALS_PATH, LIST_QUERY, "ListCredentials")

            page = await sdk_list()
            listed = (await raw_list())["data"]["items"]
            assert len(page.items) == len(listed) == args.seed, (len(page.items), len(listed))  # type: ignore[attr-defined]
            assert (await raw_get())["data"]["credentialName"] == (await sdk_get()).name  # type: ignore[attr-defined]

            # Interleaved per operation, so a drift in machine load hits both clients alike.
            results["our SDK (async) get"] = await measure(sdk_get, args)
            results["raw httpx (async) get"] = await measure(raw_get, args)
            results["our SDK (async) list"] = await measure(sdk_list, args)
            results["raw httpx (async) list"] = await measure(raw_list, args)

            if profile:
                for label, call in (("get", sdk_get), ("list", sdk_list)):
                    profiler = cProfile.Profile()
                    profiler.enable()
                    for _ in range(args.iterations):
                        await call()
                    profiler.disable()
                    print(f"\n== cProfile of {args.iterations} sequential our-SDK {label} calls ==")
                    print(profile_report(profiler))
    return results


def bench_sync_reference(data_dir: Path, args: argparse.Namespace) -> dict[str, dict[str, Any]]:
    """The same signed requests from a blocking httpx.Client: the floor for blocking clients such as the official
    SDK's sync calls (a reference row; this SDK's async client is compared with the async floor)."""
    config = local_config(data_dir)
    raw = RawClient(config.control_base_url(), *config.require_credentials())
    with httpx.Client(base_url=raw.base_url, verify=config.verify) as http, AgentRun.local(data_dir) as blocking:
        return {
            "our SDK (blocking) get": timed_sync(lambda: blocking.credentials.get(NAME), args),
            "our SDK (blocking) list": timed_sync(
                lambda: blocking.credentials.list(page_size=PAGE_SIZE).first_page(), args
            ),
            "raw httpx sync (ref) get": timed_sync(
                lambda: raw.get_sync(http, f"{CREDENTIALS_PATH}/{NAME}", {}, "GetCredential"), args
            ),
            "raw httpx sync (ref) list": timed_sync(
                lambda: raw.get_sync(http, CREDENTIALS_PATH, LIST_QUERY, "ListCredentials"), args
            ),
        }


# -- the official SDK, in its own interpreter -------------------------------------------------------------------------


def bench_official(data_dir: Path, args: argparse.Namespace) -> dict[str, dict[str, Any]]:
    env = official_environment(data_dir)
    command = [
        str(OFFICIAL_PYTHON),
        "-I",  # keep this repository (whose package is also `agentrun`) off sys.path
        str(OFFICIAL_SCRIPT),
        "--name",
        NAME,
        "--expect",
        str(args.seed),
        "--iterations",
        str(args.official_iterations // args.rounds),
        "--warmup",
        str(max(1, args.warmup // 2)),
    ]
    done = subprocess.run(command, env=env, cwd=data_dir, capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        raise RuntimeError(f"the official SDK run failed ({done.returncode}):\n{done.stderr[-3000:]}")
    raw: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return {f"official SDK ({label.split()[0]}) {label.split()[1]}": r for label, r in raw.items()}


# -- report ---------------------------------------------------------------------------------------------------------


def print_table(results: dict[str, dict[str, Any]], concurrency: int) -> None:
    header = (
        f"{'client':<22} {'op':<5} {'calls':>5} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8} {'mean ms':>8} "
        f"{'seq/s':>8} {f'x{concurrency}/s':>8}"
    )
    print(header)
    print("-" * len(header))
    for op in ("get", "list"):
        for label, r in results.items():
            client, _, row_op = label.rpartition(" ")
            if row_op != op:
                continue
            conc = f"{r['conc_per_s']:8.0f}" if "conc_per_s" in r else f"{'-':>8}"
            print(
                f"{client:<22} {op:<5} {r['calls']:>5} {r['p50']:8.2f} {r['p90']:8.2f} {r['p99']:8.2f} "
                f"{r['mean']:8.2f} {r['seq_per_s']:8.0f} {conc}"
            )


def print_ratios(results: dict[str, dict[str, Any]]) -> None:
    def p50(label: str) -> float:
        return float(results[label]["p50"])

    print(f"\nour SDK p50 / raw httpx (async) p50   target <= {SDK_TARGET}x")
    for op in ("get", "list"):
        ratio = p50(f"our SDK (async) {op}") / p50(f"raw httpx (async) {op}")
        print(f"  {op:<11} {ratio:6.2f}x  {'met' if ratio <= SDK_TARGET else 'NOT met'}")
    if not any(label.startswith("official") for label in results):
        return
    print(f"\nofficial SDK p50 / our SDK p50       target >= {OFFICIAL_TARGET:.0f}x (ours that much faster per call)")
    for mode in ("sync", "async"):
        for op in ("get", "list"):
            ratio = p50(f"official SDK ({mode}) {op}") / p50(f"our SDK (async) {op}")
            print(f"  {mode + ' ' + op:<11} {ratio:6.2f}x  {'met' if ratio >= OFFICIAL_TARGET else 'NOT met'}")
    official_get = results["official SDK (sync) get"]
    for mode in ("async", "blocking"):
        ours = results[f"our SDK ({mode}) get"]
        record(
            f"control-plane get, our {mode} API",
            f"{ours['p50']:.2f} / {ours['p90']:.2f}",
            f"official sync SDK {official_get['p50']:.2f} / {official_get['p90']:.2f}; raw httpx sync "
            f"{p50('raw httpx sync (ref) get'):.2f}",
            "< official sync SDK (p50)",
            ours["p50"] < official_get["p50"],
        )
    print("\nfor context, the blocking floor (raw httpx sync):")
    for op in ("get", "list"):
        official = p50(f"official SDK (sync) {op}") / p50(f"raw httpx sync (ref) {op}")
        floor = p50(f"raw httpx (async) {op}") / p50(f"raw httpx sync (ref) {op}")
        print(f"  {op:<5} official sync / sync floor {official:5.2f}x; async floor / sync floor {floor:5.2f}x")


# -- main -----------------------------------------------------------------------------------------------------------


def wait_for_server(server: subprocess.Popen[bytes], data_dir: Path, log: Path) -> None:
    deadline = time.monotonic() + 30
    while not (data_dir / "server.json").exists():
        if server.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"AgentRun Local did not start:\n{log.read_text()[-3000:]}")
        time.sleep(0.05)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--iterations", type=int, default=300, help="timed calls per row, this SDK and raw httpx")
    parser.add_argument("--official-iterations", type=int, default=100, help="timed calls per official SDK row")
    parser.add_argument("--rounds", type=int, default=3, help="rounds the calls are split over (see above)")
    parser.add_argument("--warmup", type=int, default=20, help="untimed calls per row and round first")
    parser.add_argument("--concurrency", type=int, default=16, help="tasks for the concurrent throughput run")
    parser.add_argument("--seed", type=int, default=20, help="credentials to create (fewer than 50: one page)")
    parser.add_argument("--no-official", action="store_true", help="skip the official SDK")
    parser.add_argument("--profile", action="store_true", help="profile this SDK's loops with cProfile")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    if not 1 <= args.seed < PAGE_SIZE:
        parser.error(f"--seed must be between 1 and {PAGE_SIZE - 1}, so a list is one page")
    if args.rounds < 1 or min(args.iterations, args.official_iterations) < 2 * args.rounds:
        parser.error("--rounds must be at least 1, and each round needs 2 of --iterations and --official-iterations")

    run_official = not args.no_official
    if run_official and not OFFICIAL_PYTHON.exists():
        print(f"{OFFICIAL_PYTHON} is missing: skipping the official SDK (run `make official-sdk` to include it)\n")
        run_official = False

    started = time.perf_counter()
    results: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="agentrun-bench-") as tmp:
        data_dir = Path(tmp) / "data"
        log = Path(tmp) / "server.log"
        with log.open("wb") as log_file:
            command = [sys.executable, "-m", "agentrun.local", "serve", "--port", "0", "--data-dir", str(data_dir)]
            server = subprocess.Popen(command, stdout=log_file, stderr=subprocess.STDOUT)
            try:
                wait_for_server(server, data_dir, log)
                endpoint = local_config(data_dir).control_base_url()
                print(
                    f"AgentRun Local at {endpoint} (HTTPS), {args.seed} credentials; "
                    f"{args.iterations // args.rounds * args.rounds} timed calls per row "
                    f"({args.official_iterations // args.rounds * args.rounds} for the official SDK), "
                    f"in {args.rounds} rounds"
                )
                anyio.run(seed, data_dir, args)
                rounds = []
                for number in range(args.rounds):
                    done = dict(anyio.run(partial(bench_in_process, data_dir, args, profile=False)))
                    done.update(bench_sync_reference(data_dir, args))
                    if run_official:
                        done.update(bench_official(data_dir, args))
                    rounds.append(done)
                    if args.profile and number == args.rounds - 1:
                        anyio.run(partial(bench_in_process, data_dir, args, profile=True))
                results = merged(rounds)
            finally:
                server.terminate()
                try:
                    server.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    server.kill()
                    server.wait()

    print()
    print_table(results, args.concurrency)
    print_ratios(results)
    print(
        f"\n(p50/p90/p99/mean: per sequential call; seq/s: sequential calls per second; x{args.concurrency}/s: calls "
        f"per second\n from {args.concurrency} concurrent tasks on one client; whole run "
        f"{time.perf_counter() - started:.1f}s)"
    )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
