"""What the benches share: AgentRun Local in a subprocess, the environment `agentrun local env` prints (for the
official SDK's interpreter), percentiles, and process memory from /proc."""

from __future__ import annotations

import contextlib
import os
import shlex
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OFFICIAL_PYTHON = ROOT / ".venv-official" / "bin" / "python"


@contextlib.contextmanager
def local_server(data_dir: Path, *extra: str) -> Iterator[subprocess.Popen[bytes]]:
    """`agentrun local serve` on a free port with `data_dir`, until the block exits."""
    command = [sys.executable, "-m", "agentrun.local", "serve", "--port", "0", "--data-dir", str(data_dir), *extra]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while not (data_dir / "server.json").exists():
            if time.monotonic() > deadline or server.poll() is not None:
                raise RuntimeError("AgentRun Local did not start")
            time.sleep(0.05)
        yield server
    finally:
        server.terminate()
        server.wait(timeout=30)


def local_environment(data_dir: Path) -> dict[str, str]:
    """What `agentrun local env --data-dir DIR` prints, as a dict."""
    out = subprocess.run(
        [sys.executable, "-m", "agentrun.local", "env", "--data-dir", str(data_dir)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    env = {}
    for line in out.splitlines():
        words = shlex.split(line)
        if len(words) == 2 and words[0] == "export":
            key, _, value = words[1].partition("=")
            env[key] = value
    return env


def official_environment(data_dir: Path) -> dict[str, str]:
    """This process's environment without any cloud settings, plus exactly what `agentrun local env` prints."""
    inherited = {k: v for k, v in os.environ.items() if not k.startswith(("AGENTRUN_", "ALIBABA_CLOUD_", "FC_"))}
    return {**inherited, **local_environment(data_dir), "DISABLE_BREAKING_CHANGES_WARNING": "1"}


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))]


def summarise(samples_ms: list[float], **_: Any) -> dict[str, Any]:
    return {
        "n": len(samples_ms),
        "p50": statistics.median(samples_ms),
        "p90": percentile(samples_ms, 0.9),
        "mean": statistics.fmean(samples_ms),
    }


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used (Linux /proc; 0 elsewhere, or once it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def tree_cpu_seconds(pid: int) -> float:
    """User + system CPU time used so far by `pid` and its live descendants."""
    return sum(cpu_seconds(each) for each in [pid, *descendants(pid)])


async def until_quiet(pid: int, *, busy: float = 0.05, window: float = 0.25, limit: float = 15.0) -> float:
    """Wait until `pid` and its descendants use less than `busy` of one CPU over `window` seconds (at most `limit`
    seconds): a figure of the steady state is not taken while the server still works off what came before (a warm
    pool refilling, deleted sandboxes torn down). Returns the seconds waited."""
    import anyio

    began = time.monotonic()
    before = tree_cpu_seconds(pid)
    while time.monotonic() - began < limit:
        await anyio.sleep(window)
        now = tree_cpu_seconds(pid)
        if now - before < busy * window:
            break
        before = now
    return time.monotonic() - began


def descendants(pid: int) -> list[int]:
    """Every live process below `pid` (children, grandchildren...), from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
    found, stack = [], [pid]
    while stack:
        for child in children.get(stack.pop(), []):
            found.append(child)
            stack.append(child)
    return found


def memory_kib(pid: int, field: str = "Pss") -> int:
    """A field of /proc/<pid>/smaps_rollup (Pss: each shared page split between its users), 0 if it is gone."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def available_kib() -> int:
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemAvailable:"):
                return int(line.split()[1])
    return 0
