"""Shell commands and processes inside a sandbox: `sandbox.commands.run / stream / start / connect / list / get /
kill / send_stdin`.

    result = await sandbox.commands.run("ls -l", cwd="/home/user")          # CommandResult(stdout, stderr, exit_code)
    proc = await sandbox.commands.start("python -u server.py")              # CommandHandle, runs in the background
    await proc.send_stdin("quit\\n"); result = await proc.wait()

A non-zero exit code is a normal result, as with `subprocess.run`: pass `check=True` to have it raise
CommandExitError. Output streams when the server supports it; a server that answers JSON is replayed as the same
events. Background processes (`start`, `output`, `send_stdin`) need the processes extension (AgentRun Local).
"""

from __future__ import annotations

import base64
import builtins
from collections.abc import AsyncIterator, Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from agentrun_data_api.api.processes import (
    get_process,
    kill_process,
    list_processes,
    run_command,
    start_process,
    stream_process_output,
    write_process_stdin,
)
from agentrun_data_api.models.env_vars import EnvVars
from agentrun_data_api.models.process_stdin_input import ProcessStdinInput
from agentrun_data_api.models.process_stdin_input_encoding import ProcessStdinInputEncoding
from agentrun_data_api.models.run_command_input import RunCommandInput
from agentrun_data_api.models.start_process_input import StartProcessInput
from httpx_sse import ServerSentEvent

from agentrun import errors
from agentrun._core.aio import call_back
from agentrun._core.http import CallOptions, OperationRequest
from agentrun._core.sse import AsyncEventStream
from agentrun.sandbox._data import (
    ACCEPT_EVENTS,
    SandboxTarget,
    json_items,
    json_object,
    require_text,
    run_limits,
    timed_out,
    timeouts_of,
    whole_number,
)
from agentrun.sandbox._wire import wire_int, wire_time
from agentrun.sandbox.execution import Stderr, Stdout, output_event, wire_object

_COMMAND_HINT = "pass a shell command line, e.g. 'ls -l'"


@dataclass(frozen=True, slots=True)
class Exit:
    """The last event of a command's output: its `exit_code`, negative when a signal killed it, None when unknown
    (a command stopped by its timeout)."""

    exit_code: int | None


ProcessEvent = Stdout | Stderr | Exit
"""One event of a command's output stream: `Stdout` and `Stderr` chunks as produced, then one `Exit`."""


@dataclass(frozen=True, slots=True)
class CommandResult:
    """What a finished command printed and its `exit_code` (None when unknown)."""

    stdout: str
    stderr: str
    exit_code: int | None


@dataclass(frozen=True, slots=True)
class ProcessInfo:
    """A process in the sandbox. `status` is `running`, `exited` or `killed`; `name` the executable; the other
    fields come from the processes extension and are None on servers without it."""

    pid: int
    name: str | None = None
    status: str | None = None
    command: str | None = None
    cwd: str | None = None
    exit_code: int | None = None
    started_at: datetime | None = None


class CommandHandle:
    """A background process started by `commands.start` (or found again by `commands.connect`)."""

    def __init__(self, commands: Commands, pid: int) -> None:
        self._commands = commands
        self.pid = pid

    async def wait(
        self,
        *,
        on_stdout: Callable[[str], object] | None = None,
        on_stderr: Callable[[str], object] | None = None,
        check: bool = False,
        options: CallOptions | None = None,
    ) -> CommandResult:
        """Wait for the process to exit and return everything it printed (from its start, also what was printed
        before this call). The callbacks (plain or async) get each chunk as it arrives; `check=True` raises
        CommandExitError on a non-zero exit."""
        what = f"process {self.pid}"
        return _checked(await _collect(self.output(options=options), on_stdout, on_stderr, what), check, what)

    async def output(self, *, options: CallOptions | None = None) -> AsyncIterator[ProcessEvent]:
        """The process's output from its start, then live until it exits: `Stdout` / `Stderr` chunks and one
        `Exit`. Leaving the loop early closes the connection only; the process keeps running."""
        commands = self._commands
        events = commands._events(stream_process_output.request(commands._target.sandbox_id, self.pid), options)
        async with events:
            async for event in events:
                yield event

    async def send_stdin(self, data: str | bytes, *, eof: bool = False, options: CallOptions | None = None) -> None:
        """Write `data` (text or bytes) to the process's standard input; `eof=True` closes it afterwards."""
        await self._commands.send_stdin(self.pid, data, eof=eof, options=options)

    async def close_stdin(self, *, options: CallOptions | None = None) -> None:
        """Close the process's standard input (it reads end-of-file)."""
        await self._commands.send_stdin(self.pid, "", eof=True, options=options)

    async def kill(self, *, options: CallOptions | None = None) -> None:
        """Kill the process and its whole process group."""
        await self._commands.kill(self.pid, options=options)

    async def info(self, *, options: CallOptions | None = None) -> ProcessInfo:
        return await self._commands.get(self.pid, options=options)

    def __repr__(self) -> str:
        return f"CommandHandle(pid={self.pid})"


class Commands:
    """`sandbox.commands`: shell commands and the sandbox's processes."""

    def __init__(self, target: SandboxTarget) -> None:
        self._target = target

    async def run(
        self,
        cmd: str,
        *,
        cwd: str | None = None,
        timeout: float | None = None,
        on_stdout: Callable[[str], object] | None = None,
        on_stderr: Callable[[str], object] | None = None,
        check: bool = False,
        options: CallOptions | None = None,
    ) -> CommandResult:
        """Run the shell command line `cmd` in `cwd` (the server's default is /home/user) and return its result.

        `timeout` (seconds, the server's default is 30) is how long the command may run; past it the sandbox
        kills it and this raises ExecutionTimeoutError carrying the output so far. A non-zero exit code is
        returned, not raised, unless `check=True` (CommandExitError). The callbacks (plain or async functions) get
        the output as it arrives."""
        events = self.stream(cmd, cwd=cwd, timeout=timeout, options=options)
        result = await _collect(events, on_stdout, on_stderr, repr(cmd))
        if result.exit_code is None:
            raise timed_out(repr(cmd), "killed", timeout, result)
        return _checked(result, check, repr(cmd))

    async def stream(
        self, cmd: str, *, cwd: str | None = None, timeout: float | None = None, options: CallOptions | None = None
    ) -> AsyncIterator[ProcessEvent]:
        """Run `cmd` like `run` and yield its output as it is produced: `Stdout` / `Stderr` chunks, then one `Exit`
        (whose `exit_code` is None if the timeout stopped it). Leaving the loop early closes the connection, which
        stops the command."""
        body = RunCommandInput(command=require_text(cmd, "cmd", _COMMAND_HINT))
        if cwd is not None:
            body.cwd = require_text(cwd, "cwd", "pass an absolute directory inside the sandbox, or leave it out")
        call_options = run_limits(body, self._target.core, options, timeout)
        prepared = run_command.request(self._target.sandbox_id, body=body)
        events = self._events(prepared, call_options, headers=ACCEPT_EVENTS, from_json=True)
        async with events:
            async for event in events:
                yield event

    async def start(
        self,
        cmd: str,
        *,
        cwd: str | None = None,
        env: Mapping[str, str] | None = None,
        options: CallOptions | None = None,
    ) -> CommandHandle:
        """Start `cmd` in the background (its own process group, a stdin pipe, output kept for `output()`) and
        return its handle at once. It runs until it exits or is killed, whatever happens to this client."""
        body = StartProcessInput(command=require_text(cmd, "cmd", _COMMAND_HINT))
        if cwd is not None:
            body.cwd = require_text(cwd, "cwd", "pass an absolute directory inside the sandbox, or leave it out")
        if env is not None:
            if not all(isinstance(k, str) and k and isinstance(v, str) for k, v in dict(env).items()):
                raise errors.InvalidArgumentError(f"env must map names to string values, got {env!r}")
            body.env = EnvVars.from_dict(dict(env))
        response = await self._target.core.call(
            start_process.request(sandbox_id=self._target.sandbox_id, body=body), options=options
        )
        return CommandHandle(self, _process(json_object(response, "a started process")).pid)

    def connect(self, pid: int) -> CommandHandle:
        """The handle of a running process, to `wait` for it, read its `output`, write to it or kill it."""
        return CommandHandle(self, _pid(pid))

    async def list(self, *, options: CallOptions | None = None) -> builtins.list[ProcessInfo]:
        response = await self._target.core.call(
            list_processes.request(sandbox_id=self._target.sandbox_id), options=options
        )
        return [_process(item) for item in json_items(response, "processes", "processes", "items")]

    async def get(self, pid: int, *, options: CallOptions | None = None) -> ProcessInfo:
        response = await self._target.core.call(
            get_process.request(sandbox_id=self._target.sandbox_id, pid=_pid(pid)), options=options
        )
        return _process(json_object(response, f"process {pid}"))

    async def kill(self, pid: int, *, options: CallOptions | None = None) -> None:
        """Kill the process `pid` and its whole process group."""
        await self._target.core.call(
            kill_process.request(sandbox_id=self._target.sandbox_id, pid=_pid(pid)), options=options
        )

    def _events(
        self,
        prepared: OperationRequest,
        options: CallOptions | None,
        *,
        headers: Mapping[str, str] | None = None,
        from_json: bool = False,
    ) -> AsyncEventStream[ProcessEvent]:
        """The process events a streaming operation answers; with `from_json`, a JSON answer is replayed too."""
        core = self._target.core
        return AsyncEventStream(
            lambda: core.stream_call(prepared, options=options, headers=headers),
            _process_event,
            from_json=_process_events_from_json if from_json else None,
            timeouts=timeouts_of(options) if options is not None else None,
        )

    async def send_stdin(
        self, pid: int, data: str | bytes, *, eof: bool = False, options: CallOptions | None = None
    ) -> None:
        """Write `data` (text, sent as UTF-8, or bytes) to the standard input of process `pid`; `eof=True` closes
        it afterwards. A process that has exited or whose stdin is closed raises ConflictError."""
        if isinstance(data, str):
            body = ProcessStdinInput(data=data, eof=eof)
        elif isinstance(data, bytes | bytearray | memoryview):
            encoded = base64.b64encode(bytes(data)).decode("ascii")
            body = ProcessStdinInput(data=encoded, encoding=ProcessStdinInputEncoding.BASE64, eof=eof)
        else:
            raise errors.InvalidArgumentError(f"data must be str or bytes, got {type(data).__name__}")
        await self._target.core.call(
            write_process_stdin.request(sandbox_id=self._target.sandbox_id, pid=_pid(pid), body=body), options=options
        )


async def _collect(
    events: AsyncIterator[ProcessEvent],
    on_stdout: Callable[[str], object] | None,
    on_stderr: Callable[[str], object] | None,
    what: str,
) -> CommandResult:
    """Add a command's output events up into its result, calling the callbacks on the way; `events` is closed on
    every path."""
    stdout: builtins.list[str] = []
    stderr: builtins.list[str] = []
    exit_event: Exit | None = None
    try:
        async for event in events:
            if isinstance(event, Stdout):
                stdout.append(event.text)
                await call_back(on_stdout, event.text)
            elif isinstance(event, Stderr):
                stderr.append(event.text)
                await call_back(on_stderr, event.text)
            else:
                exit_event = event
    finally:
        aclose = getattr(events, "aclose", None)
        if aclose is not None:
            await aclose()
    if exit_event is None:
        raise errors.StreamError(f"the output of {what} ended before its exit event")
    return CommandResult("".join(stdout), "".join(stderr), exit_event.exit_code)


def _checked(result: CommandResult, check: bool, what: str) -> CommandResult:
    if check and result.exit_code != 0:
        raise errors.CommandExitError(
            f"{what} exited with code {result.exit_code}: {result.stderr.strip()[-500:] or '(no stderr)'}",
            exit_code=result.exit_code,
            stdout=result.stdout,
            stderr=result.stderr,
            result=result,
        )
    return result


def _process_event(event: ServerSentEvent) -> ProcessEvent | None:
    wire = wire_object(event)
    if wire.get("type") == "exit":
        return Exit(wire_int(wire.get("exitCode")))
    return output_event(wire)


def _process_events_from_json(body: Any) -> builtins.list[ProcessEvent]:
    """The events a JSON `CommandResult` stands for (output at the top level, or nested in `result`)."""
    if not isinstance(body, dict):
        raise errors.APIResponseError(f"expected a command result object, got {type(body).__name__}", status_code=200)
    nested: dict[str, Any] = body["result"] if isinstance(body.get("result"), dict) else {}
    events: builtins.list[ProcessEvent] = []
    for key, kind in (("stdout", Stdout), ("stderr", Stderr)):
        text = body.get(key, nested.get(key))
        if isinstance(text, str) and text:
            events.append(kind(text))
    timed_out = body.get("status") == "timeout"
    events.append(Exit(None if timed_out else wire_int(body.get("exitCode", nested.get("exitCode")))))
    return events


def _pid(pid: object) -> int:
    return whole_number(pid, "pid")


def _process(wire: dict[str, Any]) -> ProcessInfo:
    pid = wire_int(wire.get("pid"))
    if pid is None:
        raise errors.APIResponseError(f"the process in the answer has no pid: {wire}", status_code=200, body=wire)

    def text(key: str) -> str | None:
        value = wire.get(key)
        return value if isinstance(value, str) else None

    return ProcessInfo(
        pid=pid,
        name=text("name"),
        status=text("status"),
        command=text("command"),
        cwd=text("cwd"),
        exit_code=wire_int(wire.get("exitCode")),
        started_at=wire_time(wire.get("startedAt")),
    )
