"""Without an optional extra, what needs it fails with MissingDependencyError naming the extra to install, not a
bare ModuleNotFoundError from deep inside."""

from __future__ import annotations

import subprocess
import sys
import textwrap

# Makes `cryptography` (a dependency of the `local` extra only) unimportable, as on an SDK-only install.
WITHOUT_LOCAL_EXTRA = """
import sys
sys.modules["cryptography"] = None
"""


def run_without_local_extra(code: str) -> subprocess.CompletedProcess[str]:
    script = WITHOUT_LOCAL_EXTRA + textwrap.dedent(code)
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False)


def test_connecting_to_agentrun_local_without_the_local_extra_names_the_extra() -> None:
    done = run_without_local_extra(
        """
        import agentrun
        from agentrun import AsyncAgentRun
        from agentrun.sync import AgentRun
        for client in (AsyncAgentRun, AgentRun):
            try:
                client.local()
            except agentrun.errors.MissingDependencyError as exc:
                assert "agentrun[local]" in str(exc), exc
                print("named")
        """
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["named", "named"], done.stdout
