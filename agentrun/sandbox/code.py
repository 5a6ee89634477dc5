"""Running code in a sandbox: stateful code contexts, and execution whose output streams back as it happens.

    execution = await sandbox.run_code("x = 41\\nx + 1", timeout=30)   # Execution: .text == "42", .logs, .error
    async for event in sandbox.run_code_stream("print('hi')"):       # Stdout, Stderr, Result, ExecutionError, End
        ...

Execution asks for the streaming extension (`Accept: text/event-stream`); a server that answers JSON instead is
replayed as the same events, so callers never see the difference except in when events arrive.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Any, TypedDict, Unpack

import agentrun_data_api.models as data_models
from agentrun_data_api.api.contexts import create_context, delete_context, execute_code, get_context, list_contexts

from agentrun import errors
from agentrun._core.aio import call_back
from agentrun._core.http import CallOptions, OperationRequest, json_of
from agentrun._core.sse import AsyncEventStream
from agentrun.sandbox import _data
from agentrun.sandbox.execution import (
    End,
    Execution,
    ExecutionError,
    ExecutionEvent,
    Result,
    Stderr,
    Stdout,
    execution_event,
    execution_events_from_json,
)

LANGUAGES = ("python", "javascript")
"""Languages a context or an execution can use."""


@dataclass(frozen=True, slots=True)
class CodeContext:
    """A stateful interpreter in the sandbox: variables, imports and the working directory persist from one
    `run_code(..., context=ctx)` to the next. Executions on one context run one at a time, in order."""

    id: str
    language: str
    cwd: str


class RunParams(TypedDict, total=False):
    """How `run_code` and `run_code_stream` run code: in `context` (a CodeContext or its id; a fresh interpreter when
    left out), in `language` (python or javascript; python by default), for at most `timeout` seconds (the server's
    default is 30), with the call's `options`."""

    context: CodeContext | str | None
    language: str | None
    timeout: float | None
    options: CallOptions | None


class CodeInterpreter:
    """Code contexts and execution; `Sandbox` mixes this in, so these are methods of a sandbox."""

    def _target(self) -> _data.SandboxTarget:
        raise NotImplementedError

    async def create_context(
        self, *, language: str = "python", cwd: str | None = None, options: CallOptions | None = None
    ) -> CodeContext:
        """Start a new context (an interpreter of `language`, in `cwd`; the server's default is /home/user)."""
        body = data_models.CreateContextInput(language=data_models.ContextLanguage(_language(language)))
        if cwd is not None:
            body.cwd = _data.require_text(cwd, "cwd", "pass an absolute directory inside the sandbox, or leave it out")
        target = self._target()
        response = await target.core.call(
            create_context.request(sandbox_id=target.sandbox_id, body=body), options=options
        )
        return _context(_data.json_object(response, "a code context"))

    async def list_contexts(self, *, options: CallOptions | None = None) -> list[CodeContext]:
        target = self._target()
        response = await target.core.call(list_contexts.request(sandbox_id=target.sandbox_id), options=options)
        return [_context(item) for item in _data.json_items(response, "code contexts", "contexts", "items")]

    async def get_context(self, context_id: str, *, options: CallOptions | None = None) -> CodeContext:
        target = self._target()
        response = await target.core.call(
            get_context.request(
                sandbox_id=target.sandbox_id,
                context_id=_data.require_text(context_id, "context_id", "pass the id of a context of this sandbox"),
            ),
            options=options,
        )
        return _context(_data.json_object(response, "a code context"))

    async def delete_context(self, context: CodeContext | str, *, options: CallOptions | None = None) -> None:
        """Stop the context's interpreter; its state is gone."""
        target = self._target()
        await target.core.call(
            delete_context.request(sandbox_id=target.sandbox_id, context_id=_context_id(context)), options=options
        )

    async def run_code(
        self,
        code: str,
        *,
        on_stdout: Callable[[str], object] | None = None,
        on_stderr: Callable[[str], object] | None = None,
        on_result: Callable[[Result], object] | None = None,
        on_error: Callable[[ExecutionError], object] | None = None,
        **run: Unpack[RunParams],
    ) -> Execution:
        """Run `code` and return its `Execution`, as `RunParams` say: in a `context` state carries over between
        calls; without one the code runs in a fresh interpreter of `language` (python by default).

        `timeout` (seconds, the server's default is 30) is how long the code may run; past it the sandbox stops
        the code and this raises ExecutionTimeoutError carrying the output so far. Exceptions the code raises do
        not raise here: they are `Execution.error`. The callbacks (plain or async functions) get each piece of
        output as it arrives: `on_stdout`/`on_stderr` the text, `on_result` each `Result`, `on_error` the error.
        """
        execution = Execution()
        if on_stdout is None and on_stderr is None and on_result is None and on_error is None:
            # Nothing to call back while it runs: one JSON answer (a plain call) costs less than an event stream.
            prepared, call_options = self._execute_request(code, run)
            response = await self._target().core.call(prepared, options=call_options)
            for event in execution_events_from_json(json_of(response)):
                execution._record(event)
        else:
            async with self._execution_events(code, run) as events:
                async for event in events:
                    execution._record(event)
                    if isinstance(event, Stdout):
                        await call_back(on_stdout, event.text)
                    elif isinstance(event, Stderr):
                        await call_back(on_stderr, event.text)
                    elif isinstance(event, Result):
                        await call_back(on_result, event)
                    elif isinstance(event, ExecutionError):
                        await call_back(on_error, event)
        if execution.status is None:
            raise errors.StreamError("the execution's answer ended before its end event (the connection was cut)")
        if execution.status == "timeout":
            raise _data.timed_out("the code", "stopped", run.get("timeout"), execution)
        return execution

    async def run_code_stream(self, code: str, **run: Unpack[RunParams]) -> AsyncIterator[ExecutionEvent]:
        """The events of running `code` (see `run_code`) as the code produces them: `Stdout`, `Stderr`, `Result`,
        `ExecutionError`, then one `End` whose `status` says how it ended (`timeout` does not raise here).

        Leaving the loop early (break, an exception, cancellation) closes the connection, which stops the code.
        For a deterministic close wrap it: `async with contextlib.aclosing(sandbox.run_code_stream(...)) as events`.
        """
        ended = False
        async with self._execution_events(code, run) as events:
            async for event in events:
                ended = isinstance(event, End)
                yield event
        if not ended:
            raise errors.StreamError("the execution's event stream ended before its end event")

    def _execute_request(self, code: str, run: RunParams) -> tuple[OperationRequest, CallOptions]:
        """The ExecuteCode request, checked, and the call options that wait as long as the code may run."""
        _data.require_text(code, "code", "pass the source code to run")
        body = data_models.ExecuteCodeInput(code=code)
        context, language = run.get("context"), run.get("language")
        if context is not None:
            body.context_id = _context_id(context)
        if language is not None:
            body.language = data_models.ContextLanguage(_language(language))
            if isinstance(context, CodeContext) and context.language != language:
                raise errors.InvalidArgumentError(
                    f"context {context.id} runs {context.language}, not {language}; leave language= out when "
                    "passing a context, or create a context of that language"
                )
        target = self._target()
        call_options = _data.run_limits(body, target.core, run.get("options"), run.get("timeout"))
        return execute_code.request(sandbox_id=target.sandbox_id, body=body), call_options

    def _execution_events(self, code: str, run: RunParams) -> AsyncEventStream[ExecutionEvent]:
        prepared, call_options = self._execute_request(code, run)
        core = self._target().core
        return AsyncEventStream(
            lambda: core.stream_call(prepared, options=call_options, headers=_data.ACCEPT_EVENTS),
            execution_event,
            from_json=execution_events_from_json,
            timeouts=_data.timeouts_of(call_options),
        )


def _language(language: object) -> str:
    if language not in LANGUAGES:
        raise errors.InvalidArgumentError(f"unknown language {language!r}; use one of {', '.join(LANGUAGES)}")
    return str(language)


def _context_id(context: CodeContext | str) -> str:
    if isinstance(context, CodeContext):
        return context.id
    return _data.require_text(context, "context", "pass a CodeContext or its id (from create_context)")


def _context(wire: dict[str, Any]) -> CodeContext:
    context_id = wire.get("id")
    if not isinstance(context_id, str) or not context_id:
        raise errors.APIResponseError(f"the code context in the answer has no id: {wire}", status_code=200, body=wire)
    return CodeContext(context_id, str(wire.get("language") or "python"), str(wire.get("cwd") or ""))
