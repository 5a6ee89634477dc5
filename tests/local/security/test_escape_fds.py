"""Descriptors: a sandbox starts with exactly the descriptors the engine gives it, whatever the event loop. The real
CLI (`agentrun local serve`, which runs on uvloop when installed) is started with extra inheritable descriptors open
(a host file opened for writing, and both ends of a pipe); code in a sandbox looks for them in every process it can
see, and writes to every descriptor it can."""

from __future__ import annotations

import contextlib
import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import anyio
import pytest

from agentrun.client import AsyncAgentRun

AGENTRUN = shutil.which("agentrun", path=str(Path(sys.executable).parent))

pytestmark = [
    pytest.mark.usefixtures("isolation_available"),
    pytest.mark.skipif(AGENTRUN is None, reason="the agentrun entry point is not installed"),
]

# Lists the descriptors of this process and of every process it can see, then writes a line to each one (its own
# directly, other processes' through /proc/<pid>/fd), sockets apart: writing to its own channel would break it.
PROBE = r"""
import json, os
MARK = b"sandbox escape\n"

def table(pid):
    try:
        names = os.listdir(f"/proc/{pid}/fd")
    except OSError:
        return {}
    found = {}
    for name in names:
        try:
            found[int(name)] = os.readlink(f"/proc/{pid}/fd/{name}")
        except OSError:
            pass  # the listing's own descriptor, closed by now
    return found

mine = table("self")
others = {pid: table(pid) for pid in os.listdir("/proc") if pid.isdigit() and int(pid) != os.getpid()}
written = []
for fd, target in mine.items():
    if fd >= 3 and not target.startswith("socket:"):
        try:
            os.write(fd, MARK)
            written.append(f"self {fd} {target}")
        except OSError:
            pass
for pid, fds in others.items():
    for fd, target in fds.items():
        if fd < 3:
            continue
        try:
            handle = os.open(f"/proc/{pid}/fd/{fd}", os.O_WRONLY | os.O_NONBLOCK)
        except OSError:
            continue
        try:
            os.write(handle, MARK)
            written.append(f"{pid} {fd} {target}")
        except OSError:
            pass
        finally:
            os.close(handle)
print(json.dumps({"mine": mine, "others": others, "written": written}))
"""


@contextlib.asynccontextmanager
async def cli_server(data_dir: Path, pass_fds: tuple[int, ...]) -> AsyncIterator[AsyncAgentRun]:
    """`agentrun local serve` in a subprocess that inherits `pass_fds`, and a client for it."""
    record = data_dir / "server.json"
    argv = [str(AGENTRUN), "local", "serve", "--port", "0", "--data-dir", str(data_dir), "--warm-sandboxes", "0"]
    async with await anyio.open_process(
        argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, pass_fds=pass_fds
    ) as server:
        try:
            with anyio.fail_after(60):
                while not record.exists():  # the server says it is up by writing this file
                    assert server.returncode is None, "the server exited early"
                    await anyio.sleep(0.05)
            async with AsyncAgentRun.local(data_dir) as client:
                yield client
        finally:
            with contextlib.suppress(ProcessLookupError):
                server.send_signal(signal.SIGTERM)
            with anyio.move_on_after(30):
                await server.wait()
            with contextlib.suppress(ProcessLookupError):
                server.kill()


def probe_result(text: str) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(text.strip().splitlines()[-1])
    return result


async def test_a_sandbox_inherits_none_of_the_servers_descriptors(tmp_path: Path) -> None:
    host_file = tmp_path / "host-file"
    pipe_read, pipe_write = os.pipe()
    target = os.open(host_file, os.O_WRONLY | os.O_CREAT, 0o644)
    try:
        pipe = f"pipe:[{os.fstat(pipe_read).st_ino}]"
        async with cli_server(tmp_path / "data", (target, pipe_read, pipe_write)) as client:
            template = await client.templates.create("fds", template_type="CodeInterpreter")
            await template.wait_until_ready()
            async with await client.sandboxes.create("fds") as sandbox:
                execution = await sandbox.run_code(PROBE)
                assert execution.error is None, execution.error
                worker = probe_result("".join(execution.logs.stdout))
                await sandbox.files.write("/home/user/probe.py", PROBE)
                result = await sandbox.commands.run(f"python {shlex.quote('/home/user/probe.py')}")
                assert result.exit_code == 0, result.stderr
                command = probe_result(result.stdout)

        assert host_file.stat().st_size == 0, (worker["written"], command["written"])
        os.set_blocking(pipe_read, False)
        with pytest.raises(BlockingIOError):
            os.read(pipe_read, 1)
        for seen in (worker, command):
            tables = [seen["mine"], *seen["others"].values()]
            leaked = [t for table in tables for t in table.values() if t in (str(host_file), pipe)]
            assert not leaked, seen

        # The worker holds its channel to the server, the read ends of its stdout and stderr pipes and a selector;
        # the command holds nothing beyond its stdio.
        mine = {int(fd): target for fd, target in worker["mine"].items()}
        kinds = sorted(
            "socket" if t.startswith("socket:") else "stdout" if t == mine[1] else "stderr" if t == mine[2] else t
            for fd, t in mine.items()
            if fd >= 3
        )
        assert kinds == ["anon_inode:[eventpoll]", "socket", "stderr", "stdout"], mine
        assert [fd for fd in command["mine"] if int(fd) >= 3] == [], command["mine"]
    finally:
        for fd in (target, pipe_read, pipe_write):
            os.close(fd)
