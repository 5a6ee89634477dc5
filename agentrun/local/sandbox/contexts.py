"""Code contexts and their executions: a context is one stateful REPL worker (worker.py, or node on worker.js)
forked by its sandbox's zygote (engine.py's `SandboxHandle.create_context`); an execution is one cell run on it,
read as a stream of events.

Interrupts are SIGINT to the worker; a timeout is SIGINT, repeated, then SIGKILL to the worker and all it started
(each worker is put in a cgroup of its own after its hello, when the sandbox has cgroups; else its process group),
as when a context is deleted. Every read happens in the task that asked for it, and every exit path (cancellation
included) stops the cell.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import secrets
import signal
from collections import deque
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any, Literal

import anyio
import anyio.to_thread

from agentrun.local import clock
from agentrun.local.sandbox import events as ev
from agentrun.local.sandbox.cgroups import Cgroup
from agentrun.local.sandbox.closing import AsyncClosing
from agentrun.local.sandbox.errors import ContextDied
from agentrun.local.sandbox.ipc import HeldProcess, Lines

if TYPE_CHECKING:
    from agentrun.local.sandbox.engine import SandboxHandle

DEFAULT_TIMEOUT = 30.0  # seconds, the API's default execution timeout
INTERRUPT_GRACE = 2.0  # after a timeout's SIGINT, seconds before the context is killed
SIGINT_REPEAT = 0.5  # during the grace period, SIGINT again this often (code may swallow one)
_INTERRUPT_ERRORS = frozenset({"KeyboardInterrupt", "Interrupted"})  # worker.py's, worker.js's


class ContextHandle:
    """One stateful code context (a Python or JavaScript REPL worker). Executions on one context run one at a time,
    in order."""

    def __init__(
        self,
        sandbox: SandboxHandle,
        context_id: str,
        cwd: str,
        language: str,
        process: HeldProcess,
        lines: Lines,
        cgroup: Cgroup | None = None,
    ) -> None:
        self.sandbox = sandbox
        self.id = context_id
        self.cwd = cwd
        self.language = language
        self.pid = process.pid  # host pid of the worker; also its process group
        self._process = process
        self._cgroup = cgroup  # everything the worker started, whatever its session or parent (cgroups.py)
        self._killing = anyio.Lock()  # one kill at a time: the first closes the pidfd the others would use
        self._lines = lines
        # asyncio's own: a free turn or lock is taken without a trip through the event loop (one execution at a time
        # is the usual case) and without asking for the running task (a system call on Python 3.11, as anyio's do).
        # A caller cancelled meanwhile takes it and is cancelled at its next wait, which gives it back.
        self._turn = asyncio.Semaphore(1)
        self._sending = asyncio.Lock()
        self._running: str | None = None  # id of the execution the worker runs
        self._alive = True

    @property
    def alive(self) -> bool:
        return self._alive

    def execute(self, code: str, *, timeout: float | None = DEFAULT_TIMEOUT) -> Execution:
        """Run `code`; iterate the result for its events as they happen (use `async with` so an abandoned
        execution is interrupted). `timeout` in seconds (None: no limit) ends the cell with status `timeout`."""
        return Execution(self, code, timeout)

    async def run(self, code: str, *, timeout: float | None = DEFAULT_TIMEOUT) -> dict[str, Any]:
        """Run `code` to the end and return the `ExecutionResult` JSON (see events.fold)."""
        collected: list[ev.ExecutionEvent] = []
        async with self.execute(code, timeout=timeout) as execution:
            async for event in execution:
                collected.append(event)
        return ev.fold(collected, self.id)

    async def interrupt(self) -> bool:
        """Send SIGINT: the running cell raises KeyboardInterrupt (Python; JavaScript: an `Interrupted` error) and
        ends `interrupted`; state is kept. False if the context is gone.

        An `{"interrupt": <execution id>}` message follows the signal: node can miss a SIGINT that arrives just as
        a cell's synchronous part ends (its watchdog stops first), and worker.js then stops the cell's awaited
        Promise on the message instead. worker.py ignores the message."""
        if not self._signal(signal.SIGINT):
            return False
        running = self._running
        if running is not None:
            with contextlib.suppress(anyio.BrokenResourceError, anyio.ClosedResourceError, OSError):
                await self._send({"interrupt": running})
        return True

    async def aclose(self) -> None:
        """Delete this context (as `sandbox.delete_context`)."""
        if self.sandbox._contexts.get(self.id) is self:
            await self.sandbox.delete_context(self.id)
        else:
            await self._close()

    def _signal(self, signum: int) -> bool:
        return self._alive and self._process.signal(signum)

    async def _send(self, message: dict[str, Any]) -> None:
        async with self._sending:
            await self._lines.send(message)

    async def _kill(self) -> None:
        """SIGKILL the worker and all it started (its cgroup, else its process group); the context is dead from
        here on. Only this ends a context's background processes: a timeout or an interrupt that the cell obeys
        leaves them running, as part of the context's state."""
        self._alive = False
        with anyio.CancelScope(shield=True):
            async with self._killing:
                if self._process.pidfd >= 0 or self._cgroup is not None:
                    await anyio.to_thread.run_sync(self._kill_everything)

    def _kill_everything(self) -> None:
        """(Blocking.) The process group first (the worker itself), then what else is in the cgroup, which is then
        removed."""
        self._process.kill_group()
        if self._cgroup is not None:
            self._cgroup.remove()
            self._cgroup = None

    async def _close(self) -> None:
        await self._kill()
        await self._lines.aclose()


class Execution(AsyncClosing):
    """The events of one execution, as they are produced: any number of Stdout / Stderr / Result / Error, then one
    End. Leaving `async with` (or cancelling the task reading it) before the End interrupts the cell; if it does
    not stop within the grace period, the context is killed with all its code started (its cgroup). Either way
    nothing keeps running."""

    def __init__(self, context: ContextHandle, code: str, timeout: float | None) -> None:
        self.context = context
        self.code = code
        self.timeout = timeout
        self.id = secrets.token_hex(8)
        self._state: Literal["new", "waiting", "running", "done"] = "new"
        self._holding = False
        self._pending: deque[ev.ExecutionEvent] = deque()
        self._deadline = math.inf
        self._timed_out = False
        self._kill_at = math.inf
        self._started = 0.0

    def __aiter__(self) -> AsyncIterator[ev.ExecutionEvent]:
        return self

    async def __anext__(self) -> ev.ExecutionEvent:
        if self._state == "done":
            raise StopAsyncIteration
        try:
            if self._state == "new":
                await self._begin()
            event = await self._next_event()
        except BaseException:
            with anyio.CancelScope(shield=True):
                await self._abort()
            raise
        if isinstance(event, ev.End):
            self._finish()
        return event

    def ready(self) -> bool:
        """Whether the next event is probably at hand (already read from the worker): a caller that forwards the
        events may hold back flushing the last one until it is not."""
        return bool(self._pending) or (self._state == "running" and self.context._lines.has_message())

    async def aclose(self) -> None:
        """Stop the execution if it still runs (interrupt, then kill) and free the context for the next one."""
        if self._state == "done":  # ended (the usual way out): nothing runs, the turn is back
            return
        with anyio.CancelScope(shield=True):
            await self._abort()

    def __del__(self) -> None:
        # Abandoned mid-way (iteration broken off without `async with` or aclose): interrupt the cell and free the
        # context; the next execution skips this one's remaining messages (they carry its id).
        if self._state == "running":
            self.context._signal(signal.SIGINT)
        if self._holding:
            self._holding = False
            with contextlib.suppress(Exception):
                self.context._turn.release()

    # -- the protocol ----------------------------------------------------------------------------------------
    async def _begin(self) -> None:
        context = self.context
        if not context.alive:
            raise ContextDied(f"context {context.id} is no longer running; create a new one")
        self._state = "waiting"
        await context._turn.acquire()
        self._holding = True
        if not context.alive:
            raise ContextDied(f"context {context.id} is no longer running; create a new one")
        self._started = clock.now()
        if self.timeout is not None:
            self._deadline = self._started + self.timeout
        self._state = "running"
        context._running = self.id
        try:
            await context._send({"id": self.id, "code": self.code})
        except (anyio.BrokenResourceError, anyio.ClosedResourceError, OSError):
            await self._died()

    async def _next_event(self) -> ev.ExecutionEvent:
        context = self.context
        while True:
            if self._pending:
                return self._pending.popleft()
            message: dict[str, Any] | None = {}
            if context._lines.has_message():
                # Read without waiting, so no deadline can interrupt it (with one, a buffered message is returned
                # even past the deadline too): the timer a deadline scope arms and disarms costs more than the read.
                message = await context._lines.receive()
            else:
                wake = self._kill_at if self._timed_out else self._deadline
                with anyio.move_on_after(max(0.0, wake - clock.now())) as waiting:
                    message = await context._lines.receive()
                if waiting.cancelled_caught:
                    await self._on_deadline()
                    continue
            if message is None:
                await self._died()
                continue
            if message.get("id") != self.id:
                continue  # output of an earlier cell's background processes
            event = ev.from_worker(message)
            if event is None:
                continue
            return self._as_timeout(event) if self._timed_out else event

    async def _on_deadline(self) -> None:
        """The timeout passed: SIGINT, repeated during the grace period, then SIGKILL of the process group."""
        now = clock.now()
        if not self._timed_out:
            self._timed_out = True
        elif now >= self._grace_end:
            await self.context._kill()
            self._kill_at = math.inf
            self._pending.append(
                ev.Error(
                    "TimeoutError",
                    f"execution timed out after {self.timeout:g} s and did not stop when interrupted; "
                    "the context was killed and its state is lost",
                )
            )
            self._pending.append(ev.End("timeout", None, self._elapsed_ms()))
            return
        self.context._signal(signal.SIGINT)
        self._kill_at = min(now + SIGINT_REPEAT, self._grace_end)

    @property
    def _grace_end(self) -> float:
        return self._deadline + INTERRUPT_GRACE

    def _as_timeout(self, event: ev.ExecutionEvent) -> ev.ExecutionEvent:
        """Events of a cell stopped by its timeout: the KeyboardInterrupt is a TimeoutError, the status `timeout`."""
        if isinstance(event, ev.Error) and event.name in _INTERRUPT_ERRORS:
            message = f"execution timed out after {self.timeout:g} s"
            return ev.Error("TimeoutError", message, [*event.traceback[:-1], f"TimeoutError: {message}"])
        if isinstance(event, ev.End) and event.status in ("interrupted", "ok", "error"):
            return ev.End("timeout", event.execution_count, event.duration_ms)
        return event

    async def _died(self) -> None:
        """The worker vanished mid-cell (killed by a limit, or the code ended the process), or broke the protocol
        (then it is killed here)."""
        await self.context._kill()
        broken = self.context._lines.broken
        why = (
            f"the context's process was stopped during the execution: {broken}"
            if broken
            else "the context's process ended during the execution (it exceeded a limit or the code exited)"
        )
        self._pending.append(ev.Error("ContextDied", f"{why}; its state is lost"))
        self._pending.append(ev.End("error", None, self._elapsed_ms()))

    def _elapsed_ms(self) -> int:
        return int((clock.now() - self._started) * 1000) if self._started else 0

    def _finish(self) -> None:
        self._state = "done"
        if self.context._running == self.id:
            self.context._running = None
        if self._holding:
            self._holding = False
            self.context._turn.release()

    async def _abort(self) -> None:
        """Shielded by the callers. Make sure the cell no longer runs, then free the context."""
        if self._state == "running" and self.context.alive:
            ended = False
            deadline = clock.now() + INTERRUPT_GRACE
            while not ended and clock.now() < deadline:
                if not self.context._signal(signal.SIGINT):
                    break
                with anyio.move_on_after(min(SIGINT_REPEAT, max(0.0, deadline - clock.now()))):
                    while True:
                        message = await self.context._lines.receive()
                        if message is None or (message.get("id") == self.id and message.get("type") == "end"):
                            ended = True
                            break
            if not ended:
                await self.context._kill()
        self._finish()
