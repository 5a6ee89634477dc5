"""The official `agentrun-sdk` side of bench/sandbox.py. Runs under the official SDK's own interpreter
(.venv-official/bin/python), configured only by the environment `agentrun local env` prints, and writes one JSON
object to stdout: {"<figure>": {"samples_ms": [...]}, ...}.

    python bench/_official_sandbox.py --template NAME [--creates 10] [--iterations 100] [--stdout-runs 20]

Not meant to be run by hand (sandbox.py starts it with the right environment). It imports the official `agentrun`
package, so it must not run with this repository's root on sys.path (sandbox.py uses -I and a neutral directory).

The official SDK's sync API is used: it is its fastest (a blocking requests-style call per operation; its async
API builds a new client per call). It has no streaming execute, so its "first stdout" is when the whole response
arrives.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from typing import Any

# Before the import: the official SDK prints a warning on import unless this is set.
os.environ.setdefault("DISABLE_BREAKING_CHANGES_WARNING", "1")

from agentrun.sandbox import CodeInterpreterSandbox, TemplateType

# The sandbox prints its own clock (the same host clock as ours) and then keeps running; the client notes when it
# sees the line. The difference is the delay a user waits for output the code has already produced.
PRINT_THEN_WORK = "import time\nprint(repr(time.time()), flush=True)\ntime.sleep({seconds})\n"


def create_to_first_result(template: str) -> float:
    started = time.perf_counter()
    sandbox = CodeInterpreterSandbox.create(TemplateType.CODE_INTERPRETER, template_name=template)
    result = sandbox.context.execute("1+1")
    elapsed = (time.perf_counter() - started) * 1000
    check_two(result)
    sandbox.delete()
    return elapsed


def check_two(result: Any) -> None:
    texts = [item.get("text") for item in result.get("results", []) if item.get("type") == "result"]
    if texts != ["2"]:
        raise SystemExit(f"execute of 1+1 answered {result!r}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--template", required=True)
    parser.add_argument("--creates", type=int, default=10)
    parser.add_argument("--iterations", type=int, default=100)
    parser.add_argument("--stdout-runs", type=int, default=20)
    parser.add_argument("--work-seconds", type=float, default=0.2)
    args = parser.parse_args()

    results: dict[str, Any] = {}
    create_to_first_result(args.template)  # warm-up
    creates = [create_to_first_result(args.template) for _ in range(args.creates)]
    results["create to first result"] = {"samples_ms": creates}

    sandbox = CodeInterpreterSandbox.create(TemplateType.CODE_INTERPRETER, template_name=args.template)
    try:
        context = sandbox.context.create()
        samples = []
        for index in range(args.iterations + 10):
            started = time.perf_counter()
            result = context.execute("1+1")
            if index >= 10:  # the first ten warm up
                samples.append((time.perf_counter() - started) * 1000)
        check_two(result)
        results["run_code 1+1"] = {"samples_ms": samples}

        delays = []
        code = PRINT_THEN_WORK.format(seconds=args.work_seconds)
        for _ in range(args.stdout_runs):
            answer = context.execute(code)
            seen = time.time()
            printed = float(answer["stdout"].strip().splitlines()[0])
            delays.append((seen - printed) * 1000)
        results["first stdout"] = {"samples_ms": delays}
    finally:
        sandbox.delete()
    json.dump(results, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
