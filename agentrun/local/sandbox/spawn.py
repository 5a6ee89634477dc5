"""How AgentRun Local starts the programs sandboxes live in (bwrap, the unisolated zygote, pasta, nft): each
inherits stdin, stdout, stderr and the descriptors it is given, nothing else, whatever the event loop. (The short
host tools of the disk quota, mkfs.ext4 and mount, run through `subprocess.run` in a worker thread, which closes
descriptors the same way.)

    child = spawn(argv, env=env, stderr=log_fd, pass_fds=(control_fd,))
    code = await child.wait()
    await child.aclose()   # kills it if it still runs, reaps it, closes the pidfd

Why not `anyio.open_process`: under uvloop, `pass_fds` stops the server's other inheritable descriptors from being
closed (and uvloop parks duplicates of the child's stdio at high numbers), so a sandbox would inherit whatever the
server was started with. The stdlib's `subprocess.Popen` closes every descriptor but the listed ones (close_range
in the child, before exec). It runs on the event loop's thread, as asyncio's own subprocesses do (vfork then exec:
well under a millisecond), not in a worker thread: bwrap's --die-with-parent (PR_SET_PDEATHSIG) fires when the
*thread* that forked it exits, and worker threads come and go. The child is then held by a pidfd: waiting is a
readable pidfd, and signals cannot reach a process that reused its pid.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
from collections.abc import Mapping, Sequence
from typing import IO, Any

import anyio

DEVNULL = subprocess.DEVNULL
Stdio = int | IO[Any] | None  # a descriptor, a file, DEVNULL, or None (the server's own)


class Child:
    """A process started by `spawn`, held by a pidfd until `aclose()`."""

    def __init__(self, popen: subprocess.Popen[bytes], pidfd: int) -> None:
        self._popen = popen
        self._pidfd = pidfd
        self._waiting = anyio.Lock()

    @property
    def pid(self) -> int:
        return self._popen.pid

    @property
    def returncode(self) -> int | None:
        """The exit status once it has exited (-N: killed by signal N), else None. Reaps it without blocking."""
        return self._popen.poll()

    def send_signal(self, signum: int) -> None:
        """Signal the process; raises ProcessLookupError once it has exited (or was closed)."""
        if self._pidfd < 0 or self._popen.poll() is not None:
            raise ProcessLookupError(self.pid)
        signal.pidfd_send_signal(self._pidfd, signum)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    async def wait(self) -> int:
        """Until it has exited; its exit status."""
        async with self._waiting:  # one reader of the pidfd at a time (anyio allows no more)
            while (code := self._popen.poll()) is None:
                await anyio.wait_readable(self._pidfd)
            return code

    async def aclose(self) -> None:
        """Kill it if it still runs, reap it and close the pidfd (shielded: also on cancellation)."""
        with anyio.CancelScope(shield=True):
            if self._pidfd < 0:
                return
            with contextlib.suppress(ProcessLookupError):
                self.kill()
            await self.wait()
            os.close(self._pidfd)
            self._pidfd = -1


def spawn(
    argv: Sequence[str],
    *,
    env: Mapping[str, str],
    stdin: Stdio = DEVNULL,
    stdout: Stdio = DEVNULL,
    stderr: Stdio = DEVNULL,
    pass_fds: Sequence[int] = (),
    cwd: str | None = None,
    start_new_session: bool = False,
) -> Child:
    """Start `argv` with exactly fds 0-2 and `pass_fds` open. Call it on the event loop's thread (see the module
    docstring: it returns once the child has exec'd). Raises OSError when it cannot be started."""
    popen = subprocess.Popen(
        list(argv),
        stdin=stdin,
        stdout=stdout,
        stderr=stderr,
        env=dict(env),
        cwd=cwd,
        close_fds=True,
        pass_fds=tuple(pass_fds),
        start_new_session=start_new_session,
    )
    try:
        pidfd = os.pidfd_open(popen.pid)  # not reaped by anyone yet: the pid is still this child's
    except BaseException:
        popen.kill()
        popen.wait()
        raise
    return Child(popen, pidfd)


async def read_to_eof(fd: int, limit: int = 1 << 20) -> bytes:
    """Everything written to the pipe `fd` until its writers close it, at most `limit` bytes (the rest is read and
    dropped, so a writer never blocks on it). Sets `fd` non-blocking."""
    os.set_blocking(fd, False)
    data = bytearray()
    while True:
        await anyio.wait_readable(fd)
        try:
            chunk = os.read(fd, 65536)
        except BlockingIOError:
            continue
        if not chunk:
            return bytes(data)
        data += chunk[: max(0, limit - len(data))]
