"""Processes inside a sandbox: shell commands started through the sandbox's zygote (so they run in its namespaces,
rlimits, cgroup and clean environment), with stdin, buffered and live output, exit status, and group kill.

    process = await sandbox.start_process("python -u server.py", cwd="/home/user", env={"PORT": "8000"})
    async for event in process.output():     # OutputChunk / OutputDropped ..., then one ProcessExit
        ...                                    # (output(backpressure=True): the process waits for this reader)
    await process.write_stdin(b"quit\\n"); await process.close_stdin()
    code = await process.wait(timeout=10)      # the exit code; -N when killed by signal N
    await process.kill()                       # SIGKILL to the whole process group

    result = await sandbox.run_command("ls -l", timeout=30)   # CommandResult: stdout/stderr bytes, exit_code...

How one process runs (zygote.py has the details): the engine hands the zygote the pipes and a unix socket; a
supervisor forked from the zygote forks the process, which calls setsid() (its own process group), says hello with
SCM_CREDENTIALS (the engine learns its host pid and holds it with a pidfd), waits for the engine's go and execs
`/bin/sh -c <command>`. The supervisor reports the exit status on the socket. Before the go, the engine moves the
process into a cgroup of its own (inside the sandbox's, when the sandbox has cgroups): killing the process (`kill`,
run_command's timeout or cancellation, a client leaving a streamed command, the sandbox's end) kills everything in
it, also what left the process group with setsid() or was orphaned by a double fork. Without cgroups, a kill
reaches the process group only.

Each process has one output pump: an asyncio task owned by its ProcessHandle (a task group cannot be used, since a
process outlives the request that started it), which reads the pipes into a bounded buffer (OUTPUT_LIMIT per
stream, the most recent output; readers that fall behind it are told what they missed, except readers with
backpressure, for which the pump stops reading the pipes instead) and waits for the exit report. The pump ends
when both pipes are closed; the handle cancels it when it is closed (sandbox destroyed), so nothing outlives the
sandbox. Output written after the command's own process exited (by processes it left running
in the background) is read and discarded, so those processes never block on a full pipe nor die of SIGPIPE.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import os
import posixpath
import re
import shlex
import signal
import socket
import weakref
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Literal

import anyio
import anyio.to_thread
from anyio.abc import UNIXSocketStream

from agentrun.local.sandbox import isolation as iso
from agentrun.local.sandbox.cgroups import Cgroup
from agentrun.local.sandbox.errors import InvalidArgument, ProcessFailed, SandboxError, StdinClosed
from agentrun.local.sandbox.ipc import HeldProcess, HelloFailed, Lines, hold_after_hello

if TYPE_CHECKING:
    from agentrun.local.sandbox.engine import SandboxHandle

logger = logging.getLogger("agentrun.local.sandbox")

Stream = Literal["stdout", "stderr"]
ProcessStatus = Literal["running", "exited", "killed"]
STREAMS: tuple[Stream, Stream] = ("stdout", "stderr")

OUTPUT_LIMIT = 1 << 20  # bytes of each stream a process keeps for replay (the most recent ones)
COMMAND_OUTPUT_LIMIT = 16 << 20  # default `max_output` of run_command, per stream
MAX_EXITED = 32  # exited processes kept (with their output) for `processes` / `get_process`
START_TIMEOUT = 30.0  # seconds from the spawn request to the process's hello
_GO = b"\x01"
_READ_SIZE = 1 << 16
_MAX_SEGMENTS = 4096  # bounds the interleaving index when tiny stdout and stderr writes alternate
_ASSIGNMENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*=")


@dataclass(frozen=True)
class OutputChunk:
    """Bytes a process wrote to `stream`, as read (no decoding: the HTTP layer chooses an encoding)."""

    stream: Stream
    data: bytes


@dataclass(frozen=True)
class OutputDropped:
    """`size` bytes of `stream` that this reader will not see: the buffer keeps only the most recent output
    (OUTPUT_LIMIT per stream), and they were older."""

    stream: Stream
    size: int


@dataclass(frozen=True)
class ProcessExit:
    """The last event of every output stream. `exit_code` is the exit status, or -N when a signal N killed the
    process (`status` is then "killed")."""

    exit_code: int
    status: ProcessStatus


ProcessOutput = OutputChunk | OutputDropped | ProcessExit


@dataclass(frozen=True)
class CommandResult:
    """A finished `run_command`. `exit_code` follows ProcessExit (-9 after a timeout's kill). Each stream keeps its
    last `max_output` bytes; `stdout_dropped` / `stderr_dropped` count the bytes dropped before them."""

    pid: int
    stdout: bytes
    stderr: bytes
    exit_code: int
    timed_out: bool
    duration_ms: int
    stdout_dropped: int = 0
    stderr_dropped: int = 0


class _OutputLog:
    """The most recent output of a process, both streams in the order it was read, for any number of readers.

    Each stream is a byte buffer with absolute offsets (`start[s]` is the offset of its first kept byte); the order
    of arrival is a list of segments (stream, end offset), consecutive reads of one stream merged. Trimming a stream
    advances its `start`; segments whose bytes are all gone fall off the front. Output that a reader with
    backpressure (`holding`) has not read yet is never trimmed: the buffer is then `full`, and the pump stops
    reading the pipes (so the process's writes block) until `space` says such a reader moved on."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.data: dict[Stream, bytearray] = {s: bytearray() for s in STREAMS}
        self.start: dict[Stream, int] = dict.fromkeys(STREAMS, 0)
        self.segments: deque[tuple[Stream, int]] = deque()
        self.first = 0  # absolute number of segments[0]
        self.exit: ProcessExit | None = None
        self.changed = anyio.Event()
        self.holding: weakref.WeakSet[_OutputReader] = weakref.WeakSet()
        self.space = anyio.Event()

    def end(self, stream: Stream) -> int:
        return self.start[stream] + len(self.data[stream])

    def append(self, stream: Stream, chunk: bytes) -> None:
        if not chunk or self.exit is not None:
            return
        self.data[stream] += chunk
        if self.segments and self.segments[-1][0] == stream:
            self.segments[-1] = (stream, self.end(stream))
        else:
            self.segments.append((stream, self.end(stream)))
        self.trim()
        self._notify()

    @property
    def full(self) -> bool:
        return len(self.segments) > _MAX_SEGMENTS or any(
            len(d) > self.limit + self.limit // 4 for d in self.data.values()
        )

    def trim(self) -> None:
        """Drop the oldest output beyond the limits, except what a reader with backpressure has still to read.
        Streams are trimmed in steps of a quarter of the limit, so a chatty process does not move a whole buffer
        per read."""
        for stream in STREAMS:
            if len(self.data[stream]) > self.limit + self.limit // 4:
                self._drop(stream, min(len(self.data[stream]) - self.limit, self._unheld(stream)))
        while len(self.segments) > _MAX_SEGMENTS:
            oldest, end = self.segments[0]
            if end - self.start[oldest] > self._unheld(oldest):
                break
            self._drop(oldest, end - self.start[oldest])

    def _unheld(self, stream: Stream) -> int:
        """How many of the oldest kept bytes of `stream` every reader with backpressure has read."""
        floor = min((reader.position[stream] for reader in self.holding), default=self.end(stream))
        return max(0, floor - self.start[stream])

    def moved_on(self) -> None:
        """A reader with backpressure read something, or left: the pump may find room."""
        self.space.set()
        self.space = anyio.Event()

    def finish(self, exit: ProcessExit) -> None:
        if self.exit is None:
            self.exit = exit
            self._notify()

    def _drop(self, stream: Stream, size: int) -> None:
        del self.data[stream][:size]
        self.start[stream] += size
        while self.segments and self.segments[0][1] <= self.start[self.segments[0][0]]:
            self.segments.popleft()
            self.first += 1

    def _notify(self) -> None:
        self.changed.set()
        self.changed = anyio.Event()


class _OutputReader:
    """One reader of a process's output: the buffered output from the start (an OutputDropped first for what the
    buffer no longer holds), then live output, then the ProcessExit. With `backpressure`, the process waits for
    this reader instead of dropping output it has not read, until the reader ends, `aclose()`s or is dropped."""

    def __init__(self, log: _OutputLog, backpressure: bool) -> None:
        self.log = log
        self.segment = 0
        self.position: dict[Stream, int] = dict.fromkeys(STREAMS, 0)
        self.done = False
        self.backpressure = backpressure
        if backpressure:
            log.holding.add(self)
            # a reader dropped without aclose() must not hold the process back; GC may run in any thread
            weakref.finalize(self, _wake_soon, asyncio.get_running_loop(), log)

    def __aiter__(self) -> _OutputReader:
        return self

    async def __anext__(self) -> ProcessOutput:
        log = self.log
        while not self.done:
            changed = log.changed
            event = self._next_available()
            if event is not None:
                if self.backpressure:
                    log.moved_on()
                return event
            if log.exit is not None:
                await self.aclose()
                return log.exit
            await changed.wait()
        raise StopAsyncIteration

    async def aclose(self) -> None:
        """Stop reading (the process no longer waits for this reader)."""
        self.done = True
        if self.backpressure:
            self.backpressure = False
            self.log.holding.discard(self)
            self.log.moved_on()

    def _next_available(self) -> OutputChunk | OutputDropped | None:
        log = self.log
        for stream in STREAMS:
            if self.position[stream] < log.start[stream]:
                missed = log.start[stream] - self.position[stream]
                self.position[stream] = log.start[stream]
                return OutputDropped(stream, missed)
        self.segment = max(self.segment, log.first)
        while self.segment - log.first < len(log.segments):
            stream, end = log.segments[self.segment - log.first]
            if self.position[stream] < end:
                begin = self.position[stream] - log.start[stream]
                self.position[stream] = end
                return OutputChunk(stream, bytes(log.data[stream][begin : end - log.start[stream]]))
            if self.segment - log.first == len(log.segments) - 1:
                return None  # the last segment may still grow
            self.segment += 1
        return None


def _wake_soon(loop: asyncio.AbstractEventLoop, log: _OutputLog) -> None:
    with contextlib.suppress(RuntimeError):  # the loop is closed: nothing waits any more
        loop.call_soon_threadsafe(log.moved_on)


class ProcessHandle:
    """A process started in a sandbox (`SandboxHandle.start_process`). It is kept, with its buffered output, while
    it runs and for a while after it exits (the last MAX_EXITED exited processes of the sandbox)."""

    def __init__(
        self,
        pid: int,
        command: str,
        cwd: str,
        held: HeldProcess,
        lines: Lines,
        stdin: int,
        stdout: int,
        stderr: int,
        cgroup: Cgroup | None = None,
    ) -> None:
        self.pid = pid  # as seen inside the sandbox
        self.host_pid = held.pid  # as seen by the server; also the id of the process group it leads
        self.command = command
        self.cwd = cwd
        self.started_at = datetime.now(UTC).isoformat(timespec="microseconds")
        self._held = held
        self._cgroup = cgroup  # everything the process started, whatever its session or parent (cgroups.py)
        self._lines = lines
        self._stdin = stdin
        self._stdin_lock = anyio.Lock()
        self._pipes: dict[Stream, int] = {"stdout": stdout, "stderr": stderr}
        self._log = _OutputLog(OUTPUT_LIMIT)
        self._signalled: int | None = None
        self._signalling = anyio.Lock()  # the pidfd is closed only while no thread signals through it
        self._task: asyncio.Task[None] | None = None
        self._pump_ending = False  # the pump is closing everything: it must not be cancelled any more
        self.on_exit: Callable[[ProcessHandle], None] | None = None  # the sandbox's bookkeeping

    def __repr__(self) -> str:
        return f"<ProcessHandle pid={self.pid} {self.status} {self.command!r}>"

    # -- facts -----------------------------------------------------------------------------------------------
    @property
    def name(self) -> str:
        """The program the command line starts with (`python` for `python -u app.py`), else `sh`."""
        lexer = shlex.shlex(self.command, posix=True, punctuation_chars=True)
        lexer.whitespace_split = True
        try:
            words = list(lexer)
        except ValueError:  # unbalanced quotes: the shell will say so
            words = self.command.split()
        while words and _ASSIGNMENT.match(words[0]):  # VAR=value before the program
            words.pop(0)
        if not words or words[0][0] in "();&|<>!{":
            return "sh"
        return posixpath.basename(words[0]) or "sh"

    @property
    def exit_code(self) -> int | None:
        """None while running; the exit status, or -N when killed by signal N."""
        return self._log.exit.exit_code if self._log.exit is not None else None

    @property
    def status(self) -> ProcessStatus:
        """ "running", "exited" (it ended by itself, whatever the code) or "killed" (a signal ended it)."""
        return self._log.exit.status if self._log.exit is not None else "running"

    # -- I/O -------------------------------------------------------------------------------------------------
    async def write_stdin(self, data: bytes) -> None:
        """Write all of `data` to the process's stdin. Raises StdinClosed once stdin is closed or the process
        has exited."""
        async with self._stdin_lock:
            view = memoryview(data)
            while True:
                if self._stdin < 0 or self._log.exit is not None:
                    raise StdinClosed(f"the stdin of process {self.pid} is closed")
                if not view:
                    return
                try:
                    written = os.write(self._stdin, view)
                except BlockingIOError:
                    with contextlib.suppress(anyio.ClosedResourceError):
                        await anyio.wait_writable(self._stdin)
                    continue
                except BrokenPipeError:
                    self._close_stdin()
                    raise StdinClosed(f"process {self.pid} no longer reads its stdin") from None
                view = view[written:]

    async def close_stdin(self) -> None:
        """Close stdin: the process reads end-of-file. Closing twice is fine."""
        self._close_stdin()

    def output(self, *, backpressure: bool = False) -> _OutputReader:
        """Its output from the start (as far as the buffer holds it) then live, ending with one ProcessExit. Any
        number of readers; each gets every event. A reader that falls more than the buffer behind gets an
        OutputDropped for what it missed, unless it asks for `backpressure`: then the process waits (its output
        pipes fill and its writes block) until that reader has read, ends, calls `aclose()` or is dropped."""
        return _OutputReader(self._log, backpressure)

    async def wait(self, timeout: float | None = None) -> int:
        """The exit code, once the process has exited. Raises TimeoutError after `timeout` seconds."""
        with anyio.fail_after(timeout):
            while self._log.exit is None:
                await self._log.changed.wait()
        return self._log.exit.exit_code

    async def kill(self, signum: int = signal.SIGKILL) -> int:
        """Send `signum` to everything the process started: its cgroup, else (no cgroups) its process group.
        Returns how many processes were signalled (0 if none was left)."""
        if self._log.exit is None:
            self._signalled = signum
        return await self._signal_group(signum)

    # -- life ------------------------------------------------------------------------------------------------
    async def _signal_group(self, signum: int) -> int:
        signalled = 0
        with anyio.CancelScope(shield=True):
            async with self._signalling:
                signalled = await anyio.to_thread.run_sync(self._signal_everything, signum)
        return signalled

    def _signal_everything(self, signum: int) -> int:
        """(Blocking.) The process group first (it holds the process itself), then whatever else is in its
        cgroup."""
        signalled = self._held.signal_group(signum)
        if self._cgroup is not None:
            signalled = max(signalled, self._cgroup.signal_all(signum))
        return signalled

    async def _remove_cgroup(self) -> None:
        """Once nothing is left in the process's cgroup (processes started in the background may outlive it: the
        sandbox's end removes their cgroup then)."""
        if self._cgroup is not None and await anyio.to_thread.run_sync(self._cgroup.remove_if_empty):
            self._cgroup = None

    async def _release_pidfd(self) -> None:
        with anyio.CancelScope(shield=True):
            async with self._signalling:
                self._held.close()  # the group can still be signalled: HeldProcess falls back to /proc

    def _start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._pump(), name=f"agentrun process {self.pid} output")

    @property
    def _pumping(self) -> bool:
        return self._task is not None and not self._task.done()

    async def _pump(self) -> None:
        """Read both pipes until they close; wait for the exit report (see the module docstring)."""
        try:
            async with anyio.create_task_group() as tasks:
                for stream in STREAMS:
                    tasks.start_soon(self._read, stream)
                self._finish(await self._exit_code())
        except Exception:
            logger.exception("the output pump of process %d failed; killing it", self.pid)
        finally:
            self._pump_ending = True  # a shield does not hold off Task.cancel(), which _close would send
            with anyio.CancelScope(shield=True):
                if self._log.exit is None:  # cancelled (the handle is closing) or failed: nothing may keep running
                    self._signalled = signal.SIGKILL
                    await self._signal_group(signal.SIGKILL)
                    self._finish(-signal.SIGKILL)
                await self._release_pidfd()
                for stream in STREAMS:
                    _close_fd(self._pipes[stream])
                    self._pipes[stream] = -1
                self._close_stdin()
                await self._lines.aclose()
                await self._remove_cgroup()

    async def _read(self, stream: Stream) -> None:
        fd = self._pipes[stream]
        while True:
            try:
                chunk = os.read(fd, _READ_SIZE)
            except BlockingIOError:
                await anyio.wait_readable(fd)
                continue
            except OSError:
                return
            if not chunk:
                return
            self._log.append(stream, chunk)  # ignored once the process has exited
            while self._log.full and self._log.exit is None:  # a reader with backpressure is behind
                space = self._log.space
                self._log.trim()
                if not self._log.full:
                    break
                await space.wait()

    async def _exit_code(self) -> int:
        while True:
            message = await self._lines.receive()
            if message is None:
                break
            if message.get("type") == "exit" and isinstance(message.get("exitCode"), int):
                return int(message["exitCode"])
        # The supervisor vanished (the sandbox is ending, or it was killed): the pidfd still says when it exits.
        await self._held.wait_exit(math.inf)
        return -(self._signalled or signal.SIGKILL)

    def _finish(self, exit_code: int) -> None:
        if self._log.exit is not None:
            return
        for stream in STREAMS:  # everything the process wrote is in the pipes by now
            for chunk in _drain(self._pipes[stream]):
                self._log.append(stream, chunk)
        self._log.finish(ProcessExit(exit_code, "killed" if exit_code < 0 else "exited"))
        self._close_stdin()
        if self.on_exit is not None:
            self.on_exit(self)

    def _close_stdin(self) -> None:
        if self._stdin >= 0:
            fd, self._stdin = self._stdin, -1
            _close_fd(fd)

    async def _close(self) -> None:
        """Kill the process group if the process still runs, stop the pump, release every fd."""
        with anyio.CancelScope(shield=True):
            if self._log.exit is None:
                self._signalled = signal.SIGKILL
                await self._signal_group(signal.SIGKILL)
            if self._task is not None:
                if not self._pump_ending:
                    self._task.cancel()
                await asyncio.wait([self._task])
            self._finish(-signal.SIGKILL)
            await self._release_pidfd()
            await self._remove_cgroup()


def _close_fd(fd: int) -> None:
    if fd >= 0:
        anyio.notify_closing(fd)  # wakes any task waiting on it
        os.close(fd)


def _drain(fd: int, limit: int = 4 * _READ_SIZE) -> list[bytes]:
    """What `fd` (non-blocking) holds right now, at most about `limit` bytes (a pipe holds 64 KiB by default)."""
    chunks: list[bytes] = []
    while fd >= 0 and limit > 0:
        try:
            chunk = os.read(fd, _READ_SIZE)
        except OSError:  # BlockingIOError: nothing more for now
            break
        if not chunk:
            break
        chunks.append(chunk)
        limit -= len(chunk)
    return chunks


async def spawn(sandbox: SandboxHandle, command: str, cwd: str, env: Mapping[str, str] | None) -> ProcessHandle:
    """Start `command` in the sandbox (see the module docstring). Raises InvalidArgument for bad input,
    ProcessFailed when the sandbox cannot start it, SandboxFailed when the sandbox no longer answers."""
    command, cwd, env_vars = _check(command, cwd, env)
    pipes: list[int] = []
    ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
    held: HeldProcess | None = None
    cgroup: Cgroup | None = None
    try:
        for _ in range(3):
            pipes.extend(os.pipe())
        stdin_r, stdin_w, stdout_r, stdout_w, stderr_r, stderr_w = pipes
        ours.setsockopt(socket.SOL_SOCKET, socket.SO_PASSCRED, 1)
        ours.setblocking(False)
        try:
            reply = await sandbox._request(
                "spawn",
                fds=[stdin_r, stdout_w, stderr_w, theirs.fileno()],
                command=command,
                cwd=sandbox.isolation.inside(sandbox.paths, cwd),
                env=env_vars,
            )
        finally:
            theirs.close()
            for fd in (stdin_r, stdout_w, stderr_w):
                os.close(fd)
                pipes.remove(fd)
        check_forked(reply, f"start {command!r}", sandbox.id, ProcessFailed)
        try:
            held, hello, leftover = await hold_after_hello(ours, START_TIMEOUT)
        except HelloFailed as exc:
            raise ProcessFailed(f"cannot start {command!r} in sandbox {sandbox.id}: {exc}") from None
        cgroup = await own_cgroup(sandbox._cgroup, "process", held.pid, ProcessFailed)
        ours.send(_GO)
        ours.setsockopt(socket.SOL_SOCKET, socket.SO_PASSCRED, 0)
        lines = Lines(await UNIXSocketStream.from_socket(ours), leftover)
    except BaseException:
        with anyio.CancelScope(shield=True):
            if held is not None:  # it may have got the go: kill it with everything it started
                await anyio.to_thread.run_sync(held.kill_group)
            if cgroup is not None:
                await anyio.to_thread.run_sync(cgroup.remove)
        ours.close()  # a process still waiting for its go reads end-of-file and exits
        for fd in pipes:
            os.close(fd)
        raise
    for fd in (stdin_w, stdout_r, stderr_r):
        os.set_blocking(fd, False)
    pid = hello.get("pid")
    process = ProcessHandle(
        pid if isinstance(pid, int) else held.pid, command, cwd, held, lines, stdin_w, stdout_r, stderr_r, cgroup
    )
    process._start()
    return process


def check_forked(reply: dict[str, Any], action: str, sandbox_id: str, failed: type[SandboxError]) -> None:
    """The zygote's answer to a fork (a command or a code context): InvalidArgument when it refused the input,
    `failed` when it could not fork."""
    if not reply.get("ok"):
        error = reply.get("error")
        if reply.get("invalid"):
            raise InvalidArgument(f"cannot {action}: {error}")
        raise failed(f"cannot {action} in sandbox {sandbox_id}: {error}")


async def own_cgroup(sandbox_cgroup: Cgroup | None, kind: str, pid: int, failed: type[SandboxError]) -> Cgroup | None:
    """A cgroup for the sandbox process `pid` alone, nested in its sandbox's (Cgroup.adopt); None when the sandbox
    has none. For commands (before their go, so before they exec) and code contexts (after their hello, before
    their first code). Raises `failed` when the cgroup cannot be made."""
    if sandbox_cgroup is None:
        return None
    try:
        with anyio.CancelScope(shield=True):  # a cgroup made for a cancelled caller would be lost
            cgroup = await anyio.to_thread.run_sync(sandbox_cgroup.adopt, kind, pid)
    except OSError as exc:
        raise failed(f"cannot put the {kind} in a cgroup of its own: {exc}") from None
    return cgroup


async def run_command(
    sandbox: SandboxHandle,
    command: str,
    *,
    cwd: str,
    env: Mapping[str, str] | None,
    timeout: float | None,
    max_output: int,
) -> CommandResult:
    """Run `command` to its end (see SandboxHandle.run_command)."""
    if timeout is not None and timeout < 0:
        raise InvalidArgument(f"timeout must be at least 0 seconds, not {timeout:g}")
    started = anyio.current_time()
    process = await sandbox.start_process(command, cwd=cwd, env=env)
    tails = {stream: _Tail(max_output) for stream in STREAMS}
    reader = process.output(backpressure=True)  # every byte, however fast it comes; the tails bound the memory
    exit: ProcessExit | None = None
    timed_out = False
    try:
        with anyio.move_on_after(math.inf if timeout is None else timeout):
            exit = await _collect(reader, tails)
        if exit is None:
            timed_out = True
            await process.kill()
            exit = await _collect(reader, tails)
    except BaseException:
        with anyio.CancelScope(shield=True):
            await process.kill()
        raise
    finally:
        await reader.aclose()
    assert exit is not None
    return CommandResult(
        pid=process.pid,
        stdout=bytes(tails["stdout"].data),
        stderr=bytes(tails["stderr"].data),
        exit_code=exit.exit_code,
        timed_out=timed_out,
        duration_ms=int((anyio.current_time() - started) * 1000),
        stdout_dropped=tails["stdout"].dropped,
        stderr_dropped=tails["stderr"].dropped,
    )


class _Tail:
    """The last `limit` bytes of a stream, and how many came before them."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.data = bytearray()
        self.dropped = 0

    def add(self, chunk: bytes) -> None:
        self.data += chunk
        excess = len(self.data) - self.limit
        if excess > 0:
            del self.data[:excess]
            self.dropped += excess


async def _collect(reader: _OutputReader, tails: dict[Stream, _Tail]) -> ProcessExit:
    async for event in reader:
        if isinstance(event, OutputChunk):
            tails[event.stream].add(event.data)
        elif isinstance(event, OutputDropped):
            tails[event.stream].dropped += event.size
        else:
            return event
    raise AssertionError("an output stream ends with its ProcessExit")


def _check(command: str, cwd: str, env: Mapping[str, str] | None) -> tuple[str, str, dict[str, str]]:
    """Reject what the kernel would refuse (NUL bytes, `=` in names) with a message that says what to change."""
    if not isinstance(command, str) or not command.strip():
        raise InvalidArgument("command must be a non-empty shell command line")
    if "\0" in command:
        raise InvalidArgument("command contains a NUL character, which no command line can carry; remove it")
    if not isinstance(cwd, str) or not cwd or "\0" in cwd:
        raise InvalidArgument("cwd must be a directory path such as /home/user, without NUL characters")
    env_vars: dict[str, str] = {}
    for name, value in (env or {}).items():
        if not isinstance(name, str) or not name or "=" in name or "\0" in name:
            raise InvalidArgument(
                f"invalid environment variable name {name!r}: a name is not empty and holds neither '=' nor NUL"
            )
        if not isinstance(value, str) or "\0" in value:
            raise InvalidArgument(f"environment variable {name} must be a string without NUL characters")
        env_vars[name] = value
    return command, posixpath.normpath(posixpath.join(iso.HOME, cwd)), env_vars
