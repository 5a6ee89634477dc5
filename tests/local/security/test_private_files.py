"""Files of the server that sandboxes and other users must not touch: a sandbox's server-side log (bwrap's and the
zygote's stderr while it starts) is out of the sandbox's reach once it runs, and the store's SQLite files (the
database, its -wal and -shm) are 0600 from the moment they exist."""

from __future__ import annotations

import dataclasses
import os
import stat
from pathlib import Path
from typing import Any

import pytest
from data_helpers import DataPlane

from agentrun.local import LocalServer, run
from agentrun.local.sandbox import SandboxEngine, SandboxFailed

MARK = "sandbox wrote to the server's log"

# Every descriptor of every process of the sandbox that is a stdout, a stderr, or names the log: try to write to it
# through /proc (which reopens the file or pipe behind it). The sandbox's uid 1000 is the root server's uid 0
# outside, so the log file, owned by root, would open for writing.
PROBE = f"""
import os
named, written = [], []
for pid in (p for p in os.listdir("/proc") if p.isdigit()):
    try:
        fds = os.listdir(f"/proc/{{pid}}/fd")
    except OSError:
        continue
    for fd in fds:
        try:
            target = os.readlink(f"/proc/{{pid}}/fd/{{fd}}")
        except OSError:
            continue
        if "sandbox.log" in target:
            named.append(f"{{pid}} {{fd}} {{target}}")
        if fd in ("1", "2") or "sandbox.log" in target:
            try:
                handle = os.open(f"/proc/{{pid}}/fd/{{fd}}", os.O_WRONLY | os.O_APPEND | os.O_NONBLOCK)
            except OSError:
                continue
            try:
                os.write(handle, b"{MARK}\\n")
                written.append(f"{{pid}} {{fd}} {{target}}")
            except OSError:
                pass
            finally:
                os.close(handle)
(named, written)
"""


async def test_a_running_sandbox_cannot_write_its_server_side_log(
    data: DataPlane, local: LocalServer, sandbox: dict[str, Any]
) -> None:
    sandbox_id = sandbox["sandboxId"]
    log = local.data_dir / "sandboxes" / sandbox_id / "runtime" / "sandbox.log"
    await data.ok("POST", f"/sandboxes/{sandbox_id}/processes", json_body={"command": "sleep 60"})  # + a supervisor
    result = await data.ok(
        "POST", f"/sandboxes/{sandbox_id}/contexts/execute", json_body={"code": PROBE, "timeout": 30}
    )
    assert result["exitCode"] == 0, result
    named, written = eval([r for r in result["results"] if r["type"] == "result"][-1]["text"])
    assert named == [], named  # no process of the sandbox holds the log
    assert MARK not in (log.read_text(errors="replace") if log.exists() else ""), written


@pytest.mark.usefixtures("isolation_available")
async def test_bwraps_startup_errors_still_reach_the_log(tmp_path: Path) -> None:
    """Fault injection: an interpreter that does not exist, so bwrap fails to start the zygote and says why."""
    async with SandboxEngine(tmp_path / "sandboxes") as engine:
        isolation = await engine.isolation()
        engine._isolation = dataclasses.replace(isolation, python="/fault-injection/no-such-python")
        with pytest.raises(SandboxFailed, match="no-such-python"):
            await engine.create("broken")


def mode(path: Path) -> str:
    return oct(stat.S_IMODE(path.stat().st_mode))


async def test_the_store_and_its_wal_and_shm_are_private_from_creation(tmp_path: Path) -> None:
    previous = os.umask(0o022)  # the usual umask, which leaves new files world-readable
    try:
        async with run(data_dir=tmp_path, port=0, warm_sandboxes=0) as local:
            await local.client.credentials.create("c", auth_type="api_key", source_type="internal", secret="s")
            files = [tmp_path / name for name in ("store.db", "store.db-wal", "store.db-shm")]
            assert {path.name: mode(path) for path in files} == {path.name: "0o600" for path in files}
    finally:
        os.umask(previous)


async def test_store_files_left_readable_by_an_older_version_are_made_private(tmp_path: Path) -> None:
    async with run(data_dir=tmp_path, port=0, warm_sandboxes=0):
        pass
    (tmp_path / "store.db").chmod(0o644)
    async with run(data_dir=tmp_path, port=0, warm_sandboxes=0):
        for name in ("store.db", "store.db-wal", "store.db-shm"):
            assert mode(tmp_path / name) == "0o600", name
