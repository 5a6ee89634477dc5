"""Instance logs: what an instance writes to stdout and stderr, interleaved as written, kept on disk in two
rotating segments (`<id>.log` and `<id>.log.1`), so each instance keeps at most 2 x SEGMENT_BYTES, the most recent
output. Readers address the output by offset (bytes written since the instance started): `read(offset)` returns what
is still kept from there, and `wait(offset)` waits until there is more or the log ends.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

import anyio
import anyio.to_thread

SEGMENT_BYTES = 512 * 1024
READ_LIMIT = 1 << 20


class Changes:
    """Wakes whoever waits on a runtime's logs: output written, an instance started or ended."""

    def __init__(self) -> None:
        self._event = anyio.Event()

    def notify(self) -> None:
        self._event.set()
        self._event = anyio.Event()

    def waiter(self) -> anyio.Event:
        """Take it BEFORE reading, then wait on it: a change made in between is not missed."""
        return self._event


@dataclass
class LogChunk:
    offset: int  # of the first byte of `data`
    data: bytes
    dropped: int  # bytes before `offset` the reader asked for but no longer kept


class InstanceLog:
    def __init__(self, path: Path, changes: Changes | None = None, segment_bytes: int = SEGMENT_BYTES) -> None:
        self.path = path
        self.previous = path.with_name(path.name + ".1")
        self.segment_bytes = segment_bytes
        self.start = 0  # offset of the first byte kept
        self.current_start = 0  # offset of the first byte of the current segment
        self.end = 0  # bytes written in all
        self.closed = False
        self.changes = changes or Changes()

    async def append(self, data: bytes) -> None:
        if not data or self.closed:
            return
        rotate = self.end + len(data) - self.current_start > self.segment_bytes and self.end > self.current_start
        await anyio.to_thread.run_sync(self._write, data, rotate)
        if rotate:
            self.start, self.current_start = self.current_start, self.end
        self.end += len(data)
        self._wake()

    def close(self) -> None:
        """No more output (the instance ended); followers see the end."""
        self.closed = True
        self._wake()

    def _wake(self) -> None:
        self.changes.notify()

    def _write(self, data: bytes, rotate: bool) -> None:
        if rotate:
            os.replace(self.path, self.previous)
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW, 0o600)
        try:
            os.write(fd, data)
        finally:
            os.close(fd)

    async def read(self, offset: int = 0, limit: int = READ_LIMIT) -> LogChunk:
        """What is kept from `offset` on (at most `limit` bytes); a negative offset counts from the end."""
        if offset < 0:
            offset = max(0, self.end + offset)
        dropped = max(0, self.start - offset)
        offset = max(offset, self.start)
        if offset >= self.end:
            return LogChunk(self.end, b"", dropped)
        start, current_start = self.start, self.current_start
        data = await anyio.to_thread.run_sync(self._read, offset, limit, start, current_start)
        return LogChunk(offset, data, dropped)

    def _read(self, offset: int, limit: int, start: int, current_start: int) -> bytes:
        data = b""
        try:
            if offset < current_start:
                with open(self.previous, "rb") as old:
                    old.seek(offset - start)
                    data = old.read(min(limit, current_start - offset))
                offset = current_start
            if len(data) < limit:
                with open(self.path, "rb") as new:
                    new.seek(offset - current_start)
                    data += new.read(limit - len(data))
        except FileNotFoundError:
            pass  # rotated or removed meanwhile: the reader asks again from where it got
        return data

    async def wait(self, offset: int) -> None:
        """Until the log holds more than `offset` bytes, or ends."""
        while self.end <= offset and not self.closed:
            await self.changes.waiter().wait()

    def tail_text(self, size: int = 4096) -> str:
        """(Blocking, small.) The last `size` bytes, for error messages."""
        try:
            with open(self.path, "rb") as log:
                log.seek(max(0, log.seek(0, os.SEEK_END) - size))
                return log.read().decode(errors="replace").strip()
        except OSError:
            return ""

    def remove(self) -> None:
        """(Blocking.)"""
        for path in (self.path, self.previous):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path)
