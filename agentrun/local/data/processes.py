"""Processes in a sandbox (data-plane.md §5.5, openapi/data.yaml `processes`): RunCommand (JSON, or SSE with
`Accept: text/event-stream`), and the extensions StartProcess, WriteProcessStdin, StreamProcessOutput; ListProcesses,
GetProcess and KillProcess (the whole process group).

- Output bytes are decoded as UTF-8; bytes that are not valid UTF-8 arrive as `\\xNN` escapes (as in execution
  output), so nothing is dropped silently.
- RunCommand's JSON answer keeps the last 16 MiB of each stream (the engine's run_command); a stream cut that way
  starts with a line saying how many bytes were dropped. Streaming has no cap. The answer carries the output at the
  top level and under `result`, with `status` `completed` (or `timeout`, with `exitCode` null), since the official
  SDK's consumers read either form.
- A client that disconnects from RunCommand (either form) kills the command's process group. Background processes
  (StartProcess) run until they exit or are killed, whatever happens to the connection that started them.
"""

from __future__ import annotations

import codecs
import json
from typing import Any

import anyio
from agentrun_data_api.models import ProcessStdinInput, RunCommandInput, StartProcessInput
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route
from starlette.types import Receive, Scope, Send

from agentrun.local.control.crud import read_body
from agentrun.local.data.execute import cancel_on_disconnect, finish, send_start, wants_events
from agentrun.local.data.sandbox_access import busy, running_sandbox, sandbox_id_of
from agentrun.local.responses import bad_request, request_id
from agentrun.local.sandbox import SandboxHandle
from agentrun.local.sandbox.engine import DEFAULT_TIMEOUT
from agentrun.local.sandbox.processes import CommandResult, OutputChunk, OutputDropped, ProcessExit, ProcessHandle
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


def command_result(result: CommandResult) -> dict[str, Any]:
    stdout = _dropped_note(result.stdout_dropped) + _text(result.stdout)
    stderr = _dropped_note(result.stderr_dropped) + _text(result.stderr)
    exit_code = None if result.timed_out else result.exit_code
    output = {"stdout": stdout, "stderr": stderr, "exitCode": exit_code}
    return {
        **output,
        "result": output,
        "status": "timeout" if result.timed_out else "completed",
        "pid": result.pid,
        "durationMs": result.duration_ms,
    }


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


class CommandResponse(Response):
    """Runs the command inside the response, so a client disconnect (watched alongside) cancels the call, and
    cancelling kills the command's process group."""

    def __init__(
        self, sandboxes: SandboxManager, sandbox_id: str, command: str, cwd: str, timeout: float, stream: bool
    ) -> None:
        super().__init__()
        self.sandboxes, self.sandbox_id = sandboxes, sandbox_id
        self.command, self.cwd, self.timeout, self.stream = command, cwd, timeout, stream
        self._started = False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        failure: BaseException | None = None
        async with anyio.create_task_group() as group:
            group.start_soon(cancel_on_disconnect, receive, group.cancel_scope)
            try:
                async with self.sandboxes.busy(self.sandbox_id) as sandbox:
                    if self.stream:
                        await self._stream(sandbox, send, request_id(scope))
                    else:
                        await self._json(sandbox, send, request_id(scope))
            except OSError:
                if not self._started:
                    raise
            except Exception as exc:  # re-raised outside the task group (no ExceptionGroup)
                failure = exc
            group.cancel_scope.cancel()
        if failure is not None:
            raise failure

    async def _json(self, sandbox: SandboxHandle, send: Send, rid: str) -> None:
        result = await sandbox.run_command(self.command, cwd=self.cwd, timeout=self.timeout)
        body = json.dumps(command_result(result), ensure_ascii=False, separators=(",", ":")).encode()
        await send_start(send, 200, "application/json", rid)
        await send({"type": "http.response.body", "body": body})

    async def _stream(self, sandbox: SandboxHandle, send: Send, rid: str) -> None:
        process = await sandbox.start_process(self.command, cwd=self.cwd)
        try:
            await send_start(send, 200, "text/event-stream; charset=utf-8", rid, event_stream=True)
            self._started = True
            with anyio.move_on_after(self.timeout) as deadline:
                await send_output(process, send)
            if deadline.cancelled_caught:
                await process.kill()
                await send_event(send, {"type": "exit", "exitCode": None})
            await finish(send)
        finally:
            if process.exit_code is None:  # cancelled (the client left) or failed: nothing keeps running
                with anyio.CancelScope(shield=True):
                    await process.kill()


class _Decoders:
    """One incremental UTF-8 decoder per stream, so a character split between two reads stays whole."""

    def __init__(self) -> None:
        self.decoders = {
            name: codecs.getincrementaldecoder("utf-8")("backslashreplace") for name in ("stdout", "stderr")
        }

    def text(self, stream: str, data: bytes, final: bool = False) -> str:
        return str(self.decoders[stream].decode(data, final))


async def send_output(process: ProcessHandle, send: Send) -> None:
    """The process's output as ProcessEvents, from the start of its buffer, until its exit event."""
    decoders = _Decoders()
    async for item in process.output():
        if isinstance(item, OutputChunk):
            text = decoders.text(item.stream, item.data)
            if text:
                await send_event(send, {"type": item.stream, "text": text})
        elif isinstance(item, OutputDropped):
            await send_event(send, {"type": item.stream, "text": _dropped_note(item.size)})
        elif isinstance(item, ProcessExit):
            for stream in ("stdout", "stderr"):
                rest = decoders.text(stream, b"", final=True)
                if rest:
                    await send_event(send, {"type": stream, "text": rest})
            await send_event(send, {"type": "exit", "exitCode": item.exit_code})
            return


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
        async with anyio.create_task_group() as group:
            group.start_soon(cancel_on_disconnect, receive, group.cancel_scope)
            try:
                async with self.sandboxes.busy(self.sandbox_id):
                    await send_start(
                        send, 200, "text/event-stream; charset=utf-8", request_id(scope), event_stream=True
                    )
                    await send_output(self.process, send)
                    await finish(send)
            except OSError:
                pass  # the client went away
            group.cancel_scope.cancel()


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
    data = body.get("data") or ""
    async with busy(request):
        if data:
            await process.write_stdin(data.encode())
        if body.get("eof"):
            await process.close_stdin()
    return JSONResponse({"success": True, "message": f"wrote {len(data.encode())} bytes"})


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
