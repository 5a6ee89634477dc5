"""Processes in a sandbox (openapi/data.yaml `processes`): RunCommand (JSON, or SSE with
`Accept: text/event-stream`), and the extensions StartProcess, WriteProcessStdin, StreamProcessOutput; ListProcesses,
GetProcess and KillProcess (the whole process group).

- Output bytes are decoded as UTF-8; bytes that are not valid UTF-8 arrive as `\\xNN` escapes in the text, so
  nothing is dropped silently, and the exact bytes come along base64-encoded (extension): `base64` in a stdout /
  stderr event whose text has escapes, `stdoutBase64` / `stderrBase64` in a JSON answer whose stream has.
- RunCommand's JSON answer keeps the last 16 MiB of each stream (the engine's run_command); a stream cut that way
  starts with a line saying how many bytes were dropped, also given as `stdoutDropped` / `stderrDropped`. The
  answer carries the output at the top level and under `result`, with `status` `completed` (or `timeout`, with
  `exitCode` null), since the official SDK's consumers read either form.
- A streamed RunCommand has no cap: a slow client slows the command down (its output pipes fill).
  StreamProcessOutput replays what the process's buffer still holds (its last 1 MiB per stream; an event with the
  note and `dropped` says what it no longer holds), then follows live without holding the process back.
- WriteProcessStdin takes text, or bytes as base64 with `encoding: base64` (extension).
- A client that disconnects from RunCommand (either form) kills the command with all it started (its cgroup, see
  sandbox/processes.py; its process group where the sandbox has no cgroups). Background processes
  (StartProcess) run until they exit or are killed, whatever happens to the connection that started them.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import contextlib
import json
import math
from collections.abc import AsyncIterator
from typing import Any

import anyio
from agentrun_data_api.models import ProcessStdinInput, RunCommandInput, StartProcessInput
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route
from starlette.types import Receive, Scope, Send

from agentrun.local.asgi import ClientDisconnected, WorkingResponse, finish, send_start, until_disconnect, wants_events
from agentrun.local.data.json_answers import send_json
from agentrun.local.data.sandbox_access import busy, running_sandbox, sandbox_id_of
from agentrun.local.requests import read_body
from agentrun.local.responses import bad_request, request_id
from agentrun.local.sandbox import SandboxHandle
from agentrun.local.sandbox.contexts import DEFAULT_TIMEOUT
from agentrun.local.sandbox.processes import (
    CommandResult,
    OutputDropped,
    ProcessExit,
    ProcessHandle,
    ProcessOutput,
)
from agentrun.local.sandbox_manager import SandboxManager
from agentrun.local.state import state_of

HOME = "/home/user"


def process_info(process: ProcessHandle) -> dict[str, Any]:
    return {
        "pid": process.pid,
        "name": process.name,
        "status": process.status,
        "command": process.command,
        "cwd": process.cwd,
        "exitCode": process.exit_code,
        "startedAt": process.started_at,
    }


def _command(body: dict[str, Any]) -> tuple[str, str]:
    command = body["command"]
    if not command.strip():
        raise bad_request("command must not be empty; pass a shell command line, e.g. 'ls -l'")
    return command, body.get("cwd") or HOME


def _pid(request: Request) -> int:
    raw = request.path_params["pid"]
    try:
        return int(raw)
    except ValueError:
        raise bad_request(f"pid must be a whole number, got {raw!r}") from None


def _text(data: bytes) -> str:
    return data.decode("utf-8", "backslashreplace")


def _dropped_note(size: int) -> str:
    return f"[agentrun: {size} earlier bytes of this stream were dropped]\n" if size else ""


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def command_result(result: CommandResult) -> dict[str, Any]:
    stdout = _dropped_note(result.stdout_dropped) + _text(result.stdout)
    stderr = _dropped_note(result.stderr_dropped) + _text(result.stderr)
    exit_code = None if result.timed_out else result.exit_code
    output = {"stdout": stdout, "stderr": stderr, "exitCode": exit_code}
    answer: dict[str, Any] = {
        **output,
        "result": output,
        "status": "timeout" if result.timed_out else "completed",
        "pid": result.pid,
        "durationMs": result.duration_ms,
    }
    for name, data, dropped in (
        ("stdout", result.stdout, result.stdout_dropped),
        ("stderr", result.stderr, result.stderr_dropped),
    ):
        if not _is_utf8(data):
            answer[f"{name}Base64"] = base64.b64encode(data).decode("ascii")
        if dropped:
            answer[f"{name}Dropped"] = dropped
    return answer


async def run_command(request: Request) -> Response:
    body = await read_body(request, RunCommandInput)
    command, cwd = _command(body)
    timeout = body.get("timeout", DEFAULT_TIMEOUT)
    if timeout is not None and timeout <= 0:
        raise bad_request(f"timeout must be a positive number of seconds, got {timeout!r}")
    await running_sandbox(request)  # 404 before anything starts
    return CommandResponse(
        state_of(request).sandboxes, sandbox_id_of(request), command, cwd, float(timeout), wants_events(request)
    )


class CommandResponse(WorkingResponse):
    """Runs the command inside the response: a client that leaves cancels the call, and cancelling kills the
    command's process group."""

    def __init__(
        self, sandboxes: SandboxManager, sandbox_id: str, command: str, cwd: str, timeout: float, stream: bool
    ) -> None:
        super().__init__()
        self.sandboxes, self.sandbox_id = sandboxes, sandbox_id
        self.command, self.cwd, self.timeout, self.stream = command, cwd, timeout, stream

    async def _respond(self, rid: str, send: Send) -> None:
        async with self.sandboxes.busy(self.sandbox_id) as sandbox:
            if self.stream:
                await self._stream(sandbox, send, rid)
            else:
                await self._json(sandbox, send, rid)

    async def _json(self, sandbox: SandboxHandle, send: Send, rid: str) -> None:
        result = await sandbox.run_command(self.command, cwd=self.cwd, timeout=self.timeout)
        await send_start(send, 200, "application/json", rid)
        await send_json(send, command_result(result))  # up to 16 MiB per stream, twice (text and base64)

    async def _stream(self, sandbox: SandboxHandle, send: Send, rid: str) -> None:
        process = await sandbox.start_process(self.command, cwd=self.cwd)
        try:
            await send_start(send, 200, "text/event-stream; charset=utf-8", rid, event_stream=True)
            self._started = True
            reader = process.output(backpressure=True)  # no cap: a slow client slows the command down instead
            try:
                output = OutputEvents(reader)
                exit = await output.send_until_exit(send, anyio.current_time() + self.timeout)
                if exit is None:  # timed out: kill it, then send what it wrote until it died
                    await process.kill()
                    await output.send_until_exit(send)
            finally:
                await reader.aclose()
            await send_event(send, {"type": "exit", "exitCode": None if exit is None else exit.exit_code})
            await finish(send)
        finally:
            if process.exit_code is None:  # cancelled (the client left) or failed: nothing keeps running
                with anyio.CancelScope(shield=True):
                    await process.kill()


class OutputEvents:
    """A process's output as ProcessEvents. One incremental UTF-8 decoder per stream keeps a character split between
    two reads whole; an event whose bytes are not valid UTF-8 also carries them exactly, as `base64`."""

    def __init__(self, reader: AsyncIterator[ProcessOutput]) -> None:
        self.reader = reader
        self.decoders = {
            name: codecs.getincrementaldecoder("utf-8")("backslashreplace") for name in ("stdout", "stderr")
        }

    def event(self, stream: str, data: bytes, final: bool = False) -> dict[str, Any] | None:
        decoder = self.decoders[stream]
        pending = decoder.getstate()[0]
        text = str(decoder.decode(data, final))
        consumed = (pending + data)[: len(pending) + len(data) - len(decoder.getstate()[0])]
        if not text:
            return None
        event: dict[str, Any] = {"type": stream, "text": text}
        if not _is_utf8(consumed):
            event["base64"] = base64.b64encode(consumed).decode("ascii")
        return event

    async def send_until_exit(self, send: Send, deadline: float = math.inf) -> ProcessExit | None:
        """Send the output events up to the process's exit, which is returned (not sent); None when `deadline`
        (in anyio time) passes first. Only the wait for output is cut short, never the sending of an event."""
        while True:
            item: ProcessOutput | None = None
            with anyio.move_on_at(deadline):
                item = await self.reader.__anext__()
            if item is None:
                return None
            if isinstance(item, ProcessExit):
                for stream in ("stdout", "stderr"):
                    rest = self.event(stream, b"", final=True)
                    if rest is not None:
                        await send_event(send, rest)
                return item
            if isinstance(item, OutputDropped):
                note = {"type": item.stream, "text": _dropped_note(item.size), "dropped": item.size}
                await send_event(send, note)
                continue
            event = self.event(item.stream, item.data)
            if event is not None:
                await send_event(send, event)


async def send_event(send: Send, event: dict[str, Any]) -> None:
    wire = json.dumps(event, ensure_ascii=False, separators=(",", ":"))
    chunk = f"event: {event['type']}\ndata: {wire}\n\n".encode()
    await send({"type": "http.response.body", "body": chunk, "more_body": True})


class OutputResponse(Response):
    """StreamProcessOutput: the buffered output, then live output, then the exit event; a client that leaves just
    stops reading (the process keeps running)."""

    def __init__(self, sandboxes: SandboxManager, sandbox_id: str, process: ProcessHandle) -> None:
        super().__init__()
        self.sandboxes, self.sandbox_id, self.process = sandboxes, sandbox_id, process

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        with contextlib.suppress(ClientDisconnected, OSError):  # the client went away: the process keeps running
            await until_disconnect(receive, lambda: self._respond(request_id(scope), send))

    async def _respond(self, rid: str, send: Send) -> None:
        async with self.sandboxes.busy(self.sandbox_id):
            await send_start(send, 200, "text/event-stream; charset=utf-8", rid, event_stream=True)
            exit = await OutputEvents(self.process.output()).send_until_exit(send)
            assert exit is not None  # no deadline
            await send_event(send, {"type": "exit", "exitCode": exit.exit_code})
            await finish(send)


async def start_process(request: Request) -> Response:
    body = await read_body(request, StartProcessInput)
    command, cwd = _command(body)
    env = body.get("env") or None
    sandbox = await running_sandbox(request)
    process = await sandbox.start_process(command, cwd=cwd, env=env)
    return JSONResponse(process_info(process))


async def list_processes(request: Request) -> Response:
    sandbox = await running_sandbox(request)
    return JSONResponse([process_info(p) for p in sandbox.processes.values()])


async def get_process(request: Request) -> Response:
    sandbox = await running_sandbox(request)
    return JSONResponse(process_info(sandbox.get_process(_pid(request))))


async def kill_process(request: Request) -> Response:
    sandbox = await running_sandbox(request)
    process = sandbox.get_process(_pid(request))
    if process.exit_code is not None:
        return JSONResponse({"success": True, "message": f"process {process.pid} had already {process.status}"})
    signalled = await process.kill()
    return JSONResponse(
        {"success": True, "message": f"killed process {process.pid} and its group ({signalled} processes signalled)"}
    )


async def write_stdin(request: Request) -> Response:
    body = await read_body(request, ProcessStdinInput)
    sandbox = await running_sandbox(request)
    process = sandbox.get_process(_pid(request))
    data = _stdin_bytes(body)
    async with busy(request):
        if data:
            await process.write_stdin(data)
        if body.get("eof"):
            await process.close_stdin()
    closed = "; stdin closed" if body.get("eof") else ""
    return JSONResponse({"success": True, "message": f"wrote {len(data)} bytes{closed}"})


def _stdin_bytes(body: dict[str, Any]) -> bytes:
    text = body.get("data") or ""
    encoding = body.get("encoding") or "utf-8"
    if encoding == "utf-8":
        return str(text).encode()
    if encoding == "base64":
        try:
            return base64.b64decode(str(text), validate=True)
        except (binascii.Error, ValueError):
            raise bad_request(
                "data is not valid base64; send the bytes base64-encoded with encoding 'base64'"
            ) from None
    raise bad_request(f"encoding must be 'utf-8' or 'base64', got {encoding!r}")


async def stream_output(request: Request) -> Response:
    sandbox = await running_sandbox(request)
    process = sandbox.get_process(_pid(request))
    return OutputResponse(state_of(request).sandboxes, sandbox_id_of(request), process)


def routes() -> list[BaseRoute]:
    item = "/sandboxes/{sandboxId}/processes/{pid}"
    return [
        Route("/sandboxes/{sandboxId}/processes/cmd", run_command, methods=["POST"]),
        Route("/sandboxes/{sandboxId}/processes", list_processes, methods=["GET"]),
        Route("/sandboxes/{sandboxId}/processes", start_process, methods=["POST"]),
        Route(item, get_process, methods=["GET"]),
        Route(item, kill_process, methods=["DELETE"]),
        Route(item + "/stdin", write_stdin, methods=["POST"]),
        Route(item + "/output", stream_output, methods=["GET"]),
    ]
