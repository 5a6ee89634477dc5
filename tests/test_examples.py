"""The examples are part of the documentation: each one must run to the end against AgentRun Local."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_quickstart_runs_end_to_end_on_agentrun_local() -> None:
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / "quickstart.py")], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "deleted everything this tour created" in result.stdout
    assert result.stdout.rstrip().endswith("Done.")
