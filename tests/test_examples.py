"""The examples are part of the documentation: each one must run to the end against AgentRun Local."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def test_quickstart_runs_end_to_end_on_agentrun_local(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / "quickstart.py"), "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    # Five streamed lines, each printed as it arrived (the code sleeps between them), then the main result.
    assert sum("crunching batch" in line for line in lines) == 5, result.stdout
    assert any("result: 333332833333500000" in line for line in lines), result.stdout
    assert (out / "chart.png").read_bytes().startswith(PNG_SIGNATURE)
    report = (out / "report.txt").read_text()
    assert sorted(line.split()[0] for line in report.splitlines()) == ["east", "north", "south", "west"]
    assert "exit code 0" in result.stdout, result.stdout
    # The agent loop: the offline model asked for the code, the sandbox ran it, the answer quotes the tool's output.
    assert "model: The tool run_python returned: Saturday 9497" in result.stdout, result.stdout
    assert "answered by agentrun-local-test-model" in result.stdout
    # The same loop deployed as an agent runtime (examples/agent), invoked with streaming: its answer quotes the
    # output of the code it ran in a sandbox, reached from inside its instance.
    assert "deployed agent runtime demo-agent-" in result.stdout and ": READY" in result.stdout, result.stdout
    assert "agent: The tool run_python returned: 130" in result.stdout, result.stdout
    assert "deleted agent runtime demo-agent-" in result.stdout
    assert "deleted the sandbox" in result.stdout and "deleted template" in result.stdout
    assert result.stdout.rstrip().endswith(f"The chart and the report are in {out.resolve()}/")


def test_browser_demo_fills_a_form_served_in_the_sandbox(tmp_path: Path) -> None:
    pytest.importorskip("playwright", reason="Playwright is missing: pip install -e '.[browser]'")
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / "browser_demo.py"), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "the page says: Thanks, Ada Lovelace! We will write to ada@example.com." in result.stdout, result.stdout
    assert "watch it live (while this runs): https://127.0.0.1:" in result.stdout and "/data/liveview/" in result.stdout
    assert (tmp_path / "browser.png").read_bytes().startswith(PNG_SIGNATURE)
    assert "deleted the sandbox" in result.stdout and "deleted template" in result.stdout
