"""A code context that ends takes everything it started with it. Code in a context starts a `setsid` child and a
double-forked daemon (both out of the worker's process group, the daemon orphaned too); deleting the context, or
killing it when an execution ignores its timeout's interrupts, must end both, as seen from the host. An execution
that times out but stops, leaving its context alive, keeps them: a context's background processes are part of its
state until the context itself ends."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from data_helpers import DataPlane, processes_with, until
from test_cancellation import all_gone, markers

from agentrun.local.sandbox import IsolationUnavailable, SandboxEngine, cgroups


@pytest.fixture
def per_context_cgroups(isolation_available: None) -> None:
    if cgroups.CgroupManager.detect() is None:
        pytest.skip("ending what a context started whole needs a writable cgroup hierarchy (run as root)")


PYTHON_ESCAPES = """
import subprocess
subprocess.Popen(['sleep', '{setsid}'], start_new_session=True)
subprocess.run(['sh', '-c', '( setsid sleep {daemon} </dev/null >/dev/null 2>&1 & )'], check=True)
"""

SEEN_INSIDE = """
import os, time

def running(marker):
    for pid in filter(str.isdigit, os.listdir('/proc')):
        try:
            with open(f'/proc/{{pid}}/cmdline', 'rb') as cmdline:
                if marker.encode() in cmdline.read():
                    return True
        except OSError:
            pass
    return False

deadline = time.monotonic() + 30
while not (running('{setsid}') and running('{daemon}')) and time.monotonic() < deadline:
    time.sleep(0.02)
if running('{setsid}') and running('{daemon}'):
    print('both running')
else:  # what the sandbox saw, for whoever reads the failure
    seen = []
    for pid in filter(str.isdigit, os.listdir('/proc')):
        try:
            with open(f'/proc/{{pid}}/cmdline', 'rb') as cmdline:
                seen.append(pid + ' ' + cmdline.read().replace(b'\\0', b' ').decode(errors='replace'))
        except OSError:
            pass
    print('not started', running('{setsid}'), running('{daemon}'), seen)
"""

JAVASCRIPT_ESCAPES = """
const {{ spawn, execFileSync }} = require('child_process');
spawn('sleep', ['{setsid}'], {{ detached: true, stdio: 'ignore' }}).unref();
execFileSync('sh', ['-c', '( setsid sleep {daemon} </dev/null >/dev/null 2>&1 & )']);
"""

STUBBORN = """
import signal, time
signal.signal(signal.SIGINT, signal.SIG_IGN)
while True:
    time.sleep(0.05)
"""


def contexts_path(sandbox: dict[str, Any], rest: str = "") -> str:
    return f"/sandboxes/{sandbox['sandboxId']}/contexts{rest}"


async def execute(data: DataPlane, sandbox: dict[str, Any], context: dict[str, Any], code: str, **more: Any) -> Any:
    body = {"code": code, "contextId": context["id"], **more}
    return await data.ok("POST", contexts_path(sandbox, "/execute"), json_body=body)


async def start_escapes(
    data: DataPlane, sandbox: dict[str, Any], language: str = "python"
) -> tuple[Any, tuple[str, str]]:
    """A context of `language` whose code started a setsid child and a double-forked daemon, both running."""
    found = markers()
    context = await data.ok("POST", contexts_path(sandbox), json_body={"language": language})
    escapes = PYTHON_ESCAPES if language == "python" else JAVASCRIPT_ESCAPES
    result = await execute(data, sandbox, context, escapes.format(setsid=found[0], daemon=found[1]))
    assert result["exitCode"] == 0, result
    await until(lambda: all_running(found))
    return context, found


async def all_running(found: tuple[str, str]) -> bool:
    return all(processes_with(marker) for marker in found)


@pytest.mark.parametrize("language", ["python", "javascript"])
async def test_deleting_a_context_ends_what_it_started(
    data: DataPlane, sandbox: dict[str, Any], per_context_cgroups: None, language: str
) -> None:
    context, found = await start_escapes(data, sandbox, language)
    await data.ok("DELETE", contexts_path(sandbox, f"/{context['id']}"))
    await until(lambda: all_gone(found))
    assert await data.ok("GET", f"/sandboxes/{sandbox['sandboxId']}/health") == {"status": "ok"}


async def test_a_stateless_execution_ends_what_it_started(
    data: DataPlane, sandbox: dict[str, Any], per_context_cgroups: None
) -> None:
    found = markers()
    code = (PYTHON_ESCAPES + SEEN_INSIDE).format(setsid=found[0], daemon=found[1])
    result = await data.ok("POST", contexts_path(sandbox, "/execute"), json_body={"code": code})
    assert result["stdout"] == "both running\n", result  # both ran while the temporary context lived
    await until(lambda: all_gone(found))


async def test_a_context_killed_past_its_grace_ends_what_it_started(
    data: DataPlane, sandbox: dict[str, Any], per_context_cgroups: None
) -> None:
    context, found = await start_escapes(data, sandbox)
    result = await execute(data, sandbox, context, STUBBORN, timeout=1)
    assert result["results"][-1]["status"] == "timeout" and "was killed" in str(result["error"]), result
    await until(lambda: all_gone(found))
    await data.ok("DELETE", contexts_path(sandbox, f"/{context['id']}"))  # a dead context is still deleted


async def test_a_timeout_that_leaves_the_context_alive_keeps_its_background_processes(
    data: DataPlane, sandbox: dict[str, Any], per_context_cgroups: None
) -> None:
    context, found = await start_escapes(data, sandbox)
    result = await execute(data, sandbox, context, "import time\nkept = 1\ntime.sleep(600)", timeout=1)
    assert result["results"][-1]["status"] == "timeout", result
    assert (await execute(data, sandbox, context, "kept"))["results"][0]["text"] == "1"  # the context lives on
    assert await all_running(found)
    await data.ok("DELETE", contexts_path(sandbox, f"/{context['id']}"))
    await until(lambda: all_gone(found))


async def test_without_cgroups_a_deleted_context_still_ends_its_process_group(tmp_path: Path) -> None:
    """A server that cannot write cgroups (not root) kills a context's process group, as before contexts had
    cgroups: its plain children go; what left the group with setsid stays until the sandbox ends (README)."""
    async with SandboxEngine(tmp_path, use_cgroups=False) as engine:
        try:
            sandbox = await engine.create("no-cgroups")
        except IsolationUnavailable as exc:
            pytest.skip(str(exc))
        context = await sandbox.create_context()
        child = markers()[0]
        await context.run(f"import subprocess\nsubprocess.Popen(['sleep', '{child}'])")
        await until(lambda: all_running((child, child)))
        await sandbox.delete_context(context.id)
        await until(lambda: all_gone((child, child)))
