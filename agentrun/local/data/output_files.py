"""Files the server writes into a sandbox's workspace for one execution, `/home/user/.agentrun/output/<execution>/`:
what a JSON answer could not carry.

The workspace belongs to the sandbox: its code can plant a symlink anywhere in it, and can learn its execution's
id, while the server has more rights than the sandbox (it typically runs as root). So no host path is ever used
here: the directory is reached through the file API's confined walk (`Workspace.locate`: one O_NOFOLLOW directory
descriptor per component, links resolved in sandbox terms and never out of the workspace), and each file is created
new (`PendingFile`: O_CREAT | O_EXCL | O_NOFOLLOW under a temporary name, renamed into place when complete), so no
existing file, symlink or hard link is ever written through. What is written lands on the sandbox's own disk (its
quota included) with mode 0644 and the server's uid, which is the sandbox's own user inside, as for the files the
file API writes.
"""

from __future__ import annotations

import os

import anyio
import anyio.to_thread

from agentrun.local.data.fileops import PendingFile
from agentrun.local.data.paths import Location, Workspace, make_directory, os_error
from agentrun.local.responses import LocalAPIError

OUTPUT_DIR = (".agentrun", "output")  # under the workspace
FLUSH_SIZE = 1024 * 1024  # bytes gathered before one worker-thread hop writes them


class OutputDirectory:
    """The output directory of one execution, created and opened on first use. `inside` is the directory as the
    sandbox's code sees it. The blocking methods run in worker threads (OutputFile calls them)."""

    def __init__(self, workspace: Workspace, execution_id: str, inside_home: str) -> None:
        self.workspace = workspace
        self.parts = (*OUTPUT_DIR, execution_id)
        self.shown = workspace.shown(self.parts)
        self.inside = "/".join((inside_home, *self.parts))
        self._fd: int | None = None

    def create(self) -> PendingFile:
        """(Blocking.) A new file under a temporary name in the directory."""
        return PendingFile(Location(self._open(), ".", self.shown))

    def commit(self, pending: PendingFile, name: str) -> None:
        """(Blocking.) Put `pending` in place as `name` (replacing whatever has that name: a rename never follows
        a link)."""
        pending.commit(Location(self._open(), name, f"{self.shown}/{name}"), 0o644)

    def _open(self) -> int:
        if self._fd is None:
            with self.workspace.locate(self.parts, follow=True, make_parents=True) as location:
                if location.lstat() is None:
                    try:
                        make_directory(location.dir_fd, location.name, 0o755, exist_ok=True)
                    except OSError as exc:
                        raise os_error(exc, location.shown) from None
                self._fd = location.open(os.O_PATH | os.O_DIRECTORY)
        return self._fd

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


class OutputFile:
    """One file of an execution's output directory, written as data comes (gathered, then written in a worker
    thread) and put in place by `close(commit=True)`. A failure is kept in `error` (why, in words); later data is
    counted in `size` but not written."""

    def __init__(self, directory: OutputDirectory, name: str) -> None:
        self.directory = directory
        self.name = name
        self.inside = f"{directory.inside}/{name}"
        self.size = 0
        self.error: str | None = None
        self._pending: PendingFile | None = None
        self._buffer = bytearray()

    async def write(self, data: bytes) -> None:
        self.size += len(data)
        if self.error is not None:
            return
        if self._buffer or len(data) < FLUSH_SIZE:
            self._buffer += data
            if len(self._buffer) >= FLUSH_SIZE:
                await self._flush()
        else:  # large enough on its own: written as it is, not copied first
            await self._write_in_thread(data)

    async def close(self, *, commit: bool) -> None:
        """Put the file in place (`commit`) or remove it; shielded, so a cancelled caller leaves nothing behind."""
        with anyio.CancelScope(shield=True):
            if commit:
                await self._flush()
            await anyio.to_thread.run_sync(self._finish, commit and self.error is None)

    async def _flush(self) -> None:
        if self._buffer and self.error is None:
            data, self._buffer = self._buffer, bytearray()
            await self._write_in_thread(data)

    async def _write_in_thread(self, data: bytes | bytearray) -> None:
        with anyio.CancelScope(shield=True):  # the thread finishes anyway; its file must stay accounted for
            await anyio.to_thread.run_sync(self._write, data)

    def _write(self, data: bytes | bytearray) -> None:
        try:
            if self._pending is None:
                self._pending = self.directory.create()
            self._pending.write(data)
        except LocalAPIError as exc:
            self.error = exc.message
        except OSError as exc:
            self.error = exc.strerror or str(exc)

    def _finish(self, commit: bool) -> None:
        pending, self._pending = self._pending, None
        if pending is None:
            return
        if not commit:
            pending.discard()
            return
        try:
            self.directory.commit(pending, self.name)
        except LocalAPIError as exc:  # commit removed the temporary file
            self.error = exc.message
