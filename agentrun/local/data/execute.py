"""ExecuteCode (openapi/data.yaml): `POST /sandboxes/{id}/contexts/execute` with `{code, contextId?, language?,
timeout?}`.

- With `contextId` the code runs in that context (its state persists); without, in a fresh context deleted
  afterwards (stateless execution).
- Default: one JSON `ExecutionResult` (results[] plus top-level stdout/stderr/exitCode, executionCount, error),
  answered once the execution has ended. The JSON answer carries at most `JSON_OUTPUT_LIMIT` bytes of stdout plus
  stderr and `JSON_RICH_LIMIT` bytes of results and errors; past that, what overflows is written whole to a file
  in the sandbox's workspace (`/home/user/.agentrun/output/<execution>/stdout`, see execution_output.py) and the
  answer says where, so nothing is lost. It is encoded and sent piece by piece, never as one string.
- `Accept: text/event-stream`: `ExecutionEvent`s (stdout/stderr/result/error, then one end) as server-sent
  events, each sent as soon as the context produces it; no cap, and no buffering: the next event is read from
  the context once the client has taken the last one (each event is at most `ipc.MAX_MESSAGE`).
- Either way, a client that disconnects before the end interrupts the execution (then kills it if it does not
  stop), and a temporary context is deleted: nothing keeps running. A timeout ends the cell with status
  `timeout` and keeps the context's state (the engine's rule).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import anyio
from agentrun_data_api.models import ExecuteCodeInput
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route
from starlette.types import Send

from agentrun.local.asgi import WorkingResponse, send_start, wants_events
from agentrun.local.data.execution_output import JsonCollector
from agentrun.local.data.json_answers import ChunkedBody, encode_json, send_json
from agentrun.local.data.sandbox_access import running_sandbox, sandbox_id_of
from agentrun.local.requests import read_body
from agentrun.local.responses import LocalAPIError, bad_request
from agentrun.local.sandbox import ContextHandle, SandboxHandle
from agentrun.local.sandbox import events as ev
from agentrun.local.sandbox.contexts import DEFAULT_TIMEOUT
from agentrun.local.sandbox.errors import SandboxError
from agentrun.local.sandbox_manager import SandboxManager
from agentrun.local.sandbox_manager.errors import api_error
from agentrun.local.state import state_of


@dataclass(frozen=True)
class ExecuteRequest:
    code: str
    context_id: str | None
    language: str | None
    timeout: float


def parse(body: dict[str, Any]) -> ExecuteRequest:
    """The checked body (already validated against ExecuteCodeInput: `code` present and a string)."""
    timeout = body.get("timeout", DEFAULT_TIMEOUT)
    if timeout <= 0:
        raise bad_request(f"timeout must be a positive number of seconds, got {timeout!r}")
    context_id = body.get("contextId")
    if context_id is not None and not context_id:
        raise bad_request("contextId must not be empty; omit it to run the code in a fresh context")
    language = body.get("language")
    return ExecuteRequest(str(body["code"]), context_id, str(language).lower() if language else None, float(timeout))


async def execute(request: Request) -> Response:
    params = parse(await read_body(request, ExecuteCodeInput))
    sandbox = await running_sandbox(request)  # 404 before anything starts
    if params.context_id is not None:
        context = sandbox.get_context(params.context_id)  # 404 for an unknown context
        if params.language and params.language != context.language:
            raise bad_request(
                f"context {context.id} runs {context.language}, not {params.language}; omit language or use a "
                f"{params.language} context"
            )
    return ExecutionResponse(state_of(request).sandboxes, sandbox_id_of(request), params, stream=wants_events(request))


class ExecutionResponse(WorkingResponse):
    """Runs the execution inside the response (a client that leaves stops it). Errors after the event stream has
    begun become an `error` event and an `end` event."""

    def __init__(self, sandboxes: SandboxManager, sandbox_id: str, params: ExecuteRequest, *, stream: bool) -> None:
        # A temporary context is deleted whatever happens; in a named one, a client that leaves gets its cell
        # interrupted on the first cancellation, which needs no task of its own (A/B: run_code -0.026 ms, 11/12).
        super().__init__(shielded_cleanup=params.context_id is None)
        self.sandboxes = sandboxes
        self.sandbox_id = sandbox_id
        self.params = params
        self.stream = stream
        self._body: ChunkedBody | None = None  # the event stream's, once it has begun

    async def _respond(self, rid: str, send: Send) -> None:
        try:
            async with self.sandboxes.busy(self.sandbox_id) as sandbox:
                if self.stream:
                    await self._stream(sandbox, send, rid)
                    return
                result = await self._collect(sandbox)
        except (LocalAPIError, SandboxError) as exc:
            if not self._started:
                raise
            error = exc if isinstance(exc, LocalAPIError) else api_error(exc)
            body = self._body or ChunkedBody(send)  # after the events it already holds
            await self._write_event(body, ev.Error(error.code, error.message))
            await self._write_event(body, ev.End("error"))
            await body.end()
            return
        await send_start(send, 200, "application/json", rid)
        self._started = True
        await send_json(send, result, split="results")

    async def _collect(self, sandbox: SandboxHandle) -> dict[str, Any]:
        async with (
            self._context(sandbox) as context,
            context.execute(self.params.code, timeout=self.params.timeout) as execution,
            JsonCollector(sandbox, execution.id) as collector,
        ):
            async for event in execution:
                await collector.add(event)
        return collector.result(self.params.context_id)

    async def _stream(self, sandbox: SandboxHandle, send: Send, rid: str) -> None:
        async with (
            self._context(sandbox) as context,
            context.execute(self.params.code, timeout=self.params.timeout) as execution,
        ):
            await send_start(send, 200, "text/event-stream; charset=utf-8", rid, event_stream=True)
            self._started = True
            body = self._body = ChunkedBody(send)
            async for event in execution:
                await self._write_event(body, event)
                if isinstance(event, ev.End):
                    if self.params.context_id is None:
                        await body.flush()  # now, not after the temporary context is deleted
                    break
                if not execution.ready():  # events already read go out together, in one write
                    await body.flush()
        await body.end()  # in a named context, with the end event: one write

    @asynccontextmanager
    async def _context(self, sandbox: SandboxHandle) -> AsyncIterator[ContextHandle]:
        """The named context, or a fresh one that is deleted when the block exits (cancellation included)."""
        if self.params.context_id is not None:
            yield sandbox.get_context(self.params.context_id)
            return
        context = await sandbox.create_context(self.params.language or "python")
        try:
            yield context
        finally:
            with anyio.CancelScope(shield=True):
                await context.aclose()

    @staticmethod
    async def _write_event(body: ChunkedBody, event: ev.ExecutionEvent) -> None:
        await body.write(b"event: " + event.type.encode() + b"\ndata: ")
        await body.write(await encode_json(event.to_wire(), ev.size(event)))
        await body.write(b"\n\n")


def routes() -> list[BaseRoute]:
    return [Route("/sandboxes/{sandboxId}/contexts/execute", execute, methods=["POST"])]
