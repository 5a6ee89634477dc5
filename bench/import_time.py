#!/usr/bin/env python3
"""Import cost of the SDK against httpx (its main dependency) and a bare interpreter, measured in the same run.

    python bench/import_time.py [--runs 15]

Each statement runs in a fresh interpreter, in rounds of one of each; the figure is wall time minus the bare
interpreter's start-up.
Reports min and median (min is the better estimate on a noisy machine) and the ratio to `import httpx`.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

from _summary import record

STATEMENTS = {
    "bare interpreter": "pass",
    "import httpx": "import httpx",
    "import agentrun": "import agentrun",
    "from agentrun import AsyncAgentRun": "from agentrun import AsyncAgentRun",
    "client + all managers": (
        "import agentrun; c = agentrun.AsyncAgentRun(access_key_id='a', access_key_secret='b', account_id='1');"
        "[getattr(c, n) for n in ('agent_runtimes','templates','sandboxes','model_services','model_proxies',"
        "'tools','credentials','workspaces')]"
    ),
    "from agentrun.sync import AgentRun": "from agentrun.sync import AgentRun",
}


# Imports as users see them: from bytecode caches (written by the warm-up), whatever this shell says.
ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def measure(statement: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", statement], check=True, env=ENV)
    return (time.perf_counter() - started) * 1000


def measure_all(runs: int) -> dict[str, list[float]]:
    """`runs` samples of every statement, taken in rounds (one of each per round), so the machine's drift over the
    run (these machines share their CPUs) falls on every statement alike instead of on whichever ran last."""
    results: dict[str, list[float]] = {name: [] for name in STATEMENTS}
    for _ in range(runs):
        for name, statement in STATEMENTS.items():
            results[name].append(measure(statement))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    for statement in STATEMENTS.values():  # warm the page cache and write the bytecode of every module measured
        measure(statement)
    results = measure_all(args.runs)
    bare_min = min(results["bare interpreter"])
    bare_med = statistics.median(results["bare interpreter"])
    httpx_min = min(results["import httpx"]) - bare_min
    httpx_med = statistics.median(results["import httpx"]) - bare_med
    print(f"{'statement':38} {'min ms':>8} {'median ms':>10} {'x httpx (min)':>14} {'x httpx (median)':>17}")
    for name, samples in results.items():
        lo, mid = min(samples), statistics.median(samples)
        if name == "bare interpreter":
            print(f"{name:38} {lo:8.1f} {mid:10.1f}   (start-up, subtracted below)")
            continue
        lo_net, mid_net = lo - bare_min, mid - bare_med
        print(f"{name:38} {lo_net:8.1f} {mid_net:10.1f} {lo_net / httpx_min:14.2f} {mid_net / httpx_med:17.2f}")
    print(f"\nruns per statement: {args.runs}; target: `import agentrun` at most 2x `import httpx`")
    name, target = "client + all managers", 1.5
    lo_net = min(results[name]) - bare_min
    mid_net = statistics.median(results[name]) - bare_med
    record(
        "import agentrun; AsyncAgentRun() + every manager",
        f"min {lo_net:.0f} ms ({lo_net / httpx_min:.2f}x), median {mid_net:.0f} ms ({mid_net / httpx_med:.2f}x)",
        f"import httpx min {httpx_min:.0f} ms, median {httpx_med:.0f} ms",
        f"<= {target}x import httpx (min)",
        lo_net / httpx_min <= target,
    )


if __name__ == "__main__":
    main()
