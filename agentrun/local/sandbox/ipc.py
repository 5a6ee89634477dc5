"""How the engine talks to and holds the processes of a sandbox: newline-delimited JSON over unix sockets, the
SCM_CREDENTIALS hello that tells the engine a process's host pid, and pidfds that keep signals from reaching a
process that reused a pid. Shared by code contexts (engine.py) and processes (processes.py)."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import signal
import socket
import struct
import time
from collections.abc import Iterator
from typing import Any

import anyio
import anyio.to_thread
from anyio.abc import SocketAttribute, UNIXSocketStream

logger = logging.getLogger("agentrun.local.sandbox")

MIB = 1024 * 1024
# The most one message of a sandbox process may hold. The workers keep theirs under half of it (a larger value goes
# to a file in the workspace instead); a process that sends more is cut off, so a sandbox cannot make the server
# buffer and parse more than this at once.
MAX_MESSAGE = 8 * MIB
PARSE_IN_THREAD = 256 * 1024  # larger messages are parsed in a worker thread, away from the event loop
CREDENTIALS = struct.Struct("3i")


class Lines:
    """Newline-delimited JSON over a unix socket stream. It keeps its own buffer (rather than anyio's
    BufferedByteReceiveStream) so that `has_message` can say, without reading, whether a whole message waits.

    Messages are sent and read on the stream's socket itself, and wait for the loop only when the socket cannot take
    or give bytes at once: the stream's own send and receive begin with a trip through the event loop each (a
    checkpoint), and an execution's round trip sits on that path twice."""

    def __init__(self, stream: UNIXSocketStream, leftover: bytes = b"") -> None:
        self.stream = stream
        self._socket: socket.socket = stream.extra(SocketAttribute.raw_socket)
        self.buffer = bytearray(leftover)
        self._scanned = 0  # bytes of the buffer known to hold no newline
        self.broken: str | None = None  # why the peer was cut off, when it broke the protocol

    async def send(self, message: dict[str, Any], fds: list[int] | None = None) -> None:
        """Raises anyio.BrokenResourceError when the peer has gone."""
        data = json.dumps(message, separators=(",", ":")).encode() + b"\n"
        if fds:
            await self.stream.send_fds(data, fds)
            return
        view = memoryview(data)
        while view:
            try:
                view = view[self._socket.send(view) :]
            except BlockingIOError:
                await anyio.wait_writable(self._socket)
            except OSError as exc:
                raise anyio.BrokenResourceError from exc

    async def _receive_some(self) -> bytes:
        """What the socket holds (waiting until it holds something); b"" once the peer has gone or it is closed."""
        while True:
            try:
                return self._socket.recv(65536)
            except BlockingIOError:
                try:
                    await anyio.wait_readable(self._socket)
                except anyio.ClosedResourceError:  # closed meanwhile (aclose)
                    return b""
            except OSError:
                return b""

    def has_message(self) -> bool:
        """Whether a whole message is already buffered (the next `receive` answers without waiting)."""
        return self.buffer.find(b"\n", self._scanned) >= 0

    async def receive(self) -> dict[str, Any] | None:
        """The next message; None once the peer has gone (or the stream was closed, or broke the protocol)."""
        line = await self._line()
        if line is None:
            return None
        try:
            message = json.loads(line) if len(line) < PARSE_IN_THREAD else await _parse_in_thread(line)
        except ValueError:
            return {}
        return message if isinstance(message, dict) else {}

    async def _line(self) -> bytes | None:
        """The next line without its newline. What was read stays in the buffer if the wait is cancelled."""
        while True:
            at = self.buffer.find(b"\n", self._scanned)
            if 0 <= at <= MAX_MESSAGE:
                line = bytes(self.buffer[:at])
                del self.buffer[: at + 1]
                self._scanned = 0
                return line
            if at > MAX_MESSAGE or len(self.buffer) > MAX_MESSAGE:
                self.broken = f"it sent a message over {MAX_MESSAGE // MIB} MiB, the most one message may hold"
                logger.warning("a sandbox process sent a message over %d bytes; dropping the connection", MAX_MESSAGE)
                return None
            self._scanned = len(self.buffer)
            chunk = await self._receive_some()
            if not chunk:
                return None
            self.buffer += chunk

    async def aclose(self) -> None:
        anyio.notify_closing(self._socket)  # a read or write waiting on it ends (ClosedResourceError)
        with anyio.CancelScope(shield=True):
            await self.stream.aclose()


async def _parse_in_thread(line: bytes) -> Any:
    with anyio.CancelScope(shield=True):  # the thread runs to the end anyway; its message must not be lost
        message = await anyio.to_thread.run_sync(json.loads, line)
    return message


class HeldProcess:
    """A process held by a pidfd, so that no signal meant for it can reach another process that reused its pid."""

    def __init__(self, pid: int, pidfd: int, namespace: str | None) -> None:
        self.pid = pid
        self.pidfd = pidfd
        self.namespace = namespace  # its pid namespace, to recognise its group once it is gone

    @classmethod
    def open(cls, pid: int) -> HeldProcess:
        """(Blocking.) Raises ProcessLookupError if the process is already gone."""
        pidfd = os.pidfd_open(pid)
        try:
            namespace: str | None = os.readlink(f"/proc/{pid}/ns/pid")
        except OSError:
            namespace = None
        return cls(pid, pidfd, namespace)

    def signal(self, signum: int) -> bool:
        """Signal the process itself; False once it has exited (or the pidfd is closed)."""
        if self.pidfd < 0:
            return False
        try:
            signal.pidfd_send_signal(self.pidfd, signum)
        except ProcessLookupError:
            return False
        return True

    def signal_group(self, signum: int) -> int:
        """(Blocking.) Send `signum` to the process group the process leads (setsid). While the leader lives, its
        pid is its group's id; once it is gone, the group's members are found in /proc instead. Returns how many
        processes were signalled (as counted just before)."""
        members = group_members(self.pid, self.namespace)
        if self.signal(0):
            try:
                os.killpg(self.pid, signum)
            except (ProcessLookupError, PermissionError):
                return 0
            return max(1, len(members))
        signalled = 0
        for member in members:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(member, signum)
                signalled += 1
        return signalled

    def kill_group(self) -> None:
        """(Blocking.) SIGKILL the process group and close the pidfd."""
        if self.pidfd < 0:
            return
        # While the leader lives its pid names the group: no need for signal_group's scan of /proc (which, at
        # about 1 ms, was most of the CPU a run_code without a context cost the server).
        if self.signal(0):
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.pid, signal.SIGKILL)
        else:
            self.signal_group(signal.SIGKILL)
        self.close()

    async def wait_exit(self, timeout: float) -> bool:
        """Until the process has exited (its pidfd turns readable), at most `timeout` seconds."""
        if self.pidfd < 0:
            return True
        with anyio.move_on_after(timeout):
            await anyio.wait_readable(self.pidfd)
            return True
        return False

    def close(self) -> None:
        if self.pidfd >= 0:
            os.close(self.pidfd)
            self.pidfd = -1


def _stat_fields(pid: int | str) -> list[str] | None:
    """(Blocking.) The fields of /proc/<pid>/stat from `state` on, None when the process is gone."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            text = stat.read()
        return text[text.rindex(")") + 2 :].split()  # after the command name, which may hold anything
    except (OSError, ValueError):
        return None


def _processes() -> Iterator[tuple[int, str, int, int]]:
    """(Blocking.) Every process in /proc as (pid, state, parent pid, process group); those gone meanwhile are
    skipped."""
    for name in os.listdir("/proc"):
        if not name.isdigit() or (fields := _stat_fields(name)) is None:
            continue
        try:
            entry = (int(name), fields[0], int(fields[1]), int(fields[2]))
        except (ValueError, IndexError):
            continue
        yield entry


def group_members(pgid: int, namespace: str | None) -> list[int]:
    """Live processes of process group `pgid` in pid namespace `namespace` (any namespace when None)."""
    members = []
    for pid, state, _, group in _processes():
        if group != pgid or state in ("Z", "X"):
            continue
        try:
            if namespace is not None and os.readlink(f"/proc/{pid}/ns/pid") != namespace:
                continue
        except OSError:
            continue
        members.append(pid)
    return members


def _state(pid: int) -> str | None:
    """(Blocking.) The state letter of process `pid` (R, S, T, Z, ...), None when it is gone."""
    fields = _stat_fields(pid)
    return fields[0] if fields else None


def hold_child(pid: int, *, stop_timeout: float = 5.0) -> HeldProcess | None:
    """(Blocking.) A child of process `pid` (the first found), held by a pidfd; None if it has none. `pid` has been
    sent SIGSTOP: its children are looked for once it has stopped, since a SIGSTOP takes effect only when the system
    call it is in returns. A child a clone() was making at that moment would otherwise be missed, then orphaned when
    `pid` is killed (before it asked to die with its parent), and left running."""
    deadline = time.monotonic() + stop_timeout
    while (state := _state(pid)) is not None and state not in ("T", "t", "Z", "X") and time.monotonic() < deadline:
        time.sleep(0.001)
    for child, _, parent, _ in _processes():
        if parent != pid:
            continue
        try:
            return HeldProcess.open(child)
        except OSError:  # ProcessLookupError included: gone meanwhile
            continue
    return None


class HelloFailed(Exception):
    """The process did not introduce itself; the message says why (its own words when it sent any)."""


async def receive_hello(sock: socket.socket) -> tuple[int, dict[str, Any], bytes]:
    """The first line a sandbox process sends, `{"type": "hello", ...}` with SCM_CREDENTIALS attached: its pid as
    this process sees it, the hello itself, and any bytes that followed it. Raises HelloFailed."""
    data = b""
    pid: int | None = None
    while b"\n" not in data:
        await anyio.wait_readable(sock)
        try:
            chunk, ancillary, _, _ = sock.recvmsg(65536, socket.CMSG_SPACE(CREDENTIALS.size))
        except BlockingIOError:
            continue
        if not chunk:
            raise HelloFailed("the process exited while starting")
        for level, kind, payload in ancillary:
            if level == socket.SOL_SOCKET and kind == socket.SCM_CREDENTIALS and len(payload) >= CREDENTIALS.size:
                pid = CREDENTIALS.unpack(payload[: CREDENTIALS.size])[0]
        data += chunk
    line, rest = data.split(b"\n", 1)
    try:
        hello = json.loads(line)
    except ValueError:
        hello = None
    if isinstance(hello, dict) and hello.get("type") == "failed":
        raise HelloFailed(str(hello.get("error") or "the process could not start"))
    if not isinstance(hello, dict) or hello.get("type") != "hello" or not pid:
        raise HelloFailed("the process did not introduce itself")
    return pid, hello, rest


async def hold_after_hello(sock: socket.socket, timeout: float) -> tuple[HeldProcess, dict[str, Any], bytes]:
    """Receive a starting process's hello (see receive_hello) and hold the process by a pidfd. Raises
    HelloFailed, also when it takes more than `timeout` seconds or the process is already gone."""
    try:
        with anyio.fail_after(timeout):
            pid, hello, rest = await receive_hello(sock)
        with anyio.CancelScope(shield=True):  # a pidfd opened for a cancelled caller would leak
            held = await anyio.to_thread.run_sync(HeldProcess.open, pid)
    except ProcessLookupError:
        raise HelloFailed("the process exited while starting") from None
    except TimeoutError:
        raise HelloFailed(f"the process did not introduce itself within {timeout:g} s") from None
    return held, hello, rest
