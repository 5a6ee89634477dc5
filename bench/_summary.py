"""The figures `make bench` sums up: each bench records its headline figures against the targets of the performance
issue, beside the baseline measured in the same run, and bench/summary.py prints them as one table (met or missed).

Recording is a no-op unless AGENTRUN_BENCH_RESULTS names a file (the Makefile's bench target sets it), so every
bench still runs alone as before."""

from __future__ import annotations

import json
import os

RESULTS_ENV = "AGENTRUN_BENCH_RESULTS"


def record(figure: str, ours: str, baseline: str, target: str, met: bool) -> None:
    """One row: what was measured (`ours`, with p50/p90), the baseline of the same run, the target, met or not."""
    path = os.environ.get(RESULTS_ENV)
    if not path:
        return
    row = {"figure": figure, "ours": ours, "baseline": baseline, "target": target, "met": met}
    with open(path, "a") as out:
        out.write(json.dumps(row) + "\n")
