#!/usr/bin/env python3
"""One table of the figures the benches recorded (bench/_summary.py), each met or missed against its target.

python bench/summary.py RESULTS_FILE
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main() -> int:
    path = Path(sys.argv[1])
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()] if path.exists() else []
    if not rows:
        print(f"no figures recorded in {path}")
        return 0
    widths = {key: max(len(key), *(len(str(row[key])) for row in rows)) for key in ("figure", "ours", "baseline")}
    target_width = max(len("target"), *(len(row["target"]) for row in rows))
    header = (
        f"{'figure':<{widths['figure']}}  {'ours':<{widths['ours']}}  {'baseline (same run)':<{widths['baseline']}}  "
        f"{'target':<{target_width}}  verdict"
    )
    print("\nSummary (issue 15 targets; p50 and p90 in ms unless said otherwise)")
    print(header)
    print("-" * len(header))
    for row in rows:
        print(
            f"{row['figure']:<{widths['figure']}}  {row['ours']:<{widths['ours']}}  "
            f"{row['baseline']:<{widths['baseline']}}  {row['target']:<{target_width}}  "
            f"{'met' if row['met'] else 'MISSED'}"
        )
    missed = sum(not row["met"] for row in rows)
    print(f"\n{len(rows) - missed} of {len(rows)} targets met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
