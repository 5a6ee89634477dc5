"""Typed results of running code: the events of a stream (`Stdout`, `Stderr`, `Result`, `ExecutionError`, `End`)
and the `Execution` they add up to. Names follow E2B's code interpreter where they mean the same thing.

Both wire forms of ExecuteCode map onto the same events: the event stream (`Accept: text/event-stream`, AgentRun
Local) and the one JSON `ExecutionResult` of a server without the streaming extension (the cloud today), which is
replayed as the events it stands for.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from httpx_sse import ServerSentEvent

from agentrun import errors
from agentrun.sandbox._wire import wire_int, wire_text

# MIME type of each named format of a `Result`, in the order `formats()` lists them.
_FORMATS = {
    "text": "text/plain",
    "html": "text/html",
    "markdown": "text/markdown",
    "svg": "image/svg+xml",
    "png": "image/png",
    "jpeg": "image/jpeg",
    "pdf": "application/pdf",
    "latex": "text/latex",
    "json": "application/json",
    "javascript": "application/javascript",
}


@dataclass(frozen=True, slots=True)
class Output:
    """A chunk of output, as printed (not split into lines). On process streams, `data` holds the chunk's exact
    bytes when they are not valid UTF-8 (`text` then shows them as `\\xNN` escapes), and `dropped` counts the older
    bytes the server no longer buffers (such a chunk only says so in `text`)."""

    text: str
    data: bytes | None = None
    dropped: int = 0

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True, slots=True)
class Stdout(Output):
    """A chunk of standard output (see `Output`)."""


@dataclass(frozen=True, slots=True)
class Stderr(Output):
    """A chunk of standard error (see `Output`)."""


@dataclass(frozen=True, slots=True)
class Result:
    """A rich value: the value of the cell's last expression (`is_main_result`) or something it displayed (a plot).
    `data` is the MIME bundle as sent; the properties pick its common formats (`png`/`jpeg`/`pdf` base64 text as
    on the wire, `png_bytes`/`jpeg_bytes` decoded; `json` parsed). Jupyter renders it through `_repr_mimebundle_`."""

    data: Mapping[str, str]
    is_main_result: bool = True

    @property
    def text(self) -> str | None:
        return self.data.get("text/plain")

    @property
    def html(self) -> str | None:
        return self.data.get("text/html")

    @property
    def markdown(self) -> str | None:
        return self.data.get("text/markdown")

    @property
    def svg(self) -> str | None:
        return self.data.get("image/svg+xml")

    @property
    def png(self) -> str | None:
        return self.data.get("image/png")

    @property
    def jpeg(self) -> str | None:
        return self.data.get("image/jpeg")

    @property
    def pdf(self) -> str | None:
        return self.data.get("application/pdf")

    @property
    def latex(self) -> str | None:
        return self.data.get("text/latex")

    @property
    def javascript(self) -> str | None:
        return self.data.get("application/javascript")

    @property
    def json(self) -> Any:
        """The `application/json` value parsed (None when absent)."""
        raw = self.data.get("application/json")
        return None if raw is None else json.loads(raw)

    @property
    def png_bytes(self) -> bytes | None:
        return None if self.png is None else base64.b64decode(self.png)

    @property
    def jpeg_bytes(self) -> bytes | None:
        return None if self.jpeg is None else base64.b64decode(self.jpeg)

    @property
    def extra(self) -> dict[str, str]:
        """MIME types that have no named property."""
        known = set(_FORMATS.values())
        return {mime: value for mime, value in self.data.items() if mime not in known}

    def formats(self) -> list[str]:
        """The names of the formats present (`text`, `html`, `png`, ...), then any other MIME types."""
        return [name for name, mime in _FORMATS.items() if mime in self.data] + list(self.extra)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        return {mime: json.loads(value) if mime == "application/json" else value for mime, value in self.data.items()}

    def __str__(self) -> str:
        return self.text or ""


@dataclass(frozen=True, slots=True)
class ExecutionError:
    """The code raised: exception class `name`, its message `value`, and the `traceback` text. Not an exception
    itself; `Execution.error` carries it and `run_code` returns normally."""

    name: str
    value: str
    traceback: str = ""

    def __str__(self) -> str:
        return f"{self.name}: {self.value}"


@dataclass(frozen=True, slots=True)
class End:
    """The last event of an execution. `status` is `ok`, `error`, `timeout` or `interrupted`."""

    status: str
    execution_count: int | None = None
    duration_ms: int | None = None


ExecutionEvent = Stdout | Stderr | Result | ExecutionError | End
"""One event of `run_code_stream`, in the order the code produced it; `End` comes last."""


@dataclass(slots=True)
class Logs:
    """Everything the code printed, chunk by chunk as it arrived."""

    stdout: list[str] = field(default_factory=list)
    stderr: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Execution:
    """The outcome of `run_code`: `results` (rich values; `text` is the main result's text), `logs`, the `error`
    the code raised (None when it did not), its `execution_count` in the context, and the final `status`."""

    results: list[Result] = field(default_factory=list)
    logs: Logs = field(default_factory=Logs)
    error: ExecutionError | None = None
    execution_count: int | None = None
    status: str | None = None
    duration_ms: int | None = None

    @property
    def text(self) -> str | None:
        """The text of the main result (the value of the last expression), or None when there is none."""
        for result in self.results:
            if result.is_main_result:
                return result.text
        return None

    def _record(self, event: ExecutionEvent) -> None:
        if isinstance(event, Stdout):
            self.logs.stdout.append(event.text)
        elif isinstance(event, Stderr):
            self.logs.stderr.append(event.text)
        elif isinstance(event, Result):
            self.results.append(event)
        elif isinstance(event, ExecutionError):
            self.error = event
        else:
            self.status = event.status
            self.execution_count = event.execution_count
            self.duration_ms = event.duration_ms


# -- the wire ----------------------------------------------------------------------------------------------------


def wire_object(event: ServerSentEvent) -> dict[str, Any]:
    """The JSON object of one SSE event (the spec's one-line JSON `data`)."""
    try:
        decoded = json.loads(event.data)
    except ValueError:
        decoded = None
    if not isinstance(decoded, dict):
        raise errors.APIResponseError(
            f"expected a JSON object in the event stream, got {event.data[:200]!r}", status_code=200, body=event.data
        )
    return decoded


def output_event(wire: Mapping[str, Any]) -> Stdout | Stderr | None:
    """The stdout/stderr event of a wire object (shared by execution and process streams), else None."""
    kind = wire.get("type")
    chunk = Stdout if kind == "stdout" else Stderr if kind == "stderr" else None
    if chunk is None:
        return None
    return chunk(_text(wire.get("text")), _exact_bytes(wire.get("base64")), wire_int(wire.get("dropped")) or 0)


def _exact_bytes(value: object) -> bytes | None:
    """The base64 of a chunk's exact bytes, decoded; None when absent or unreadable (the text still stands)."""
    if not isinstance(value, str):
        return None
    try:
        return base64.b64decode(value, validate=True)
    except ValueError:
        return None


def execution_event(event: ServerSentEvent) -> ExecutionEvent | None:
    """Decode one SSE event of ExecuteCode; types this SDK does not know yet are skipped (None)."""
    wire = wire_object(event)
    kind = wire.get("type")
    if kind == "result":
        return _result(wire.get("data"), wire.get("isMainResult"), None)
    if kind == "error":
        return _error(wire)
    if kind == "end":
        return End(
            _text(wire.get("status")) or "ok", wire_int(wire.get("executionCount")), wire_int(wire.get("durationMs"))
        )
    return output_event(wire)


def execution_events_from_json(body: Any) -> Iterable[ExecutionEvent]:
    """The events a JSON `ExecutionResult` stands for: its `results[]` items in order, or, from a server that only
    fills the flat fields, `stdout`, `stderr` and the status that `exitCode` implies. Always ends with one `End`."""
    if not isinstance(body, dict):
        raise errors.APIResponseError(
            f"expected an execution result object, got {type(body).__name__}", status_code=200, body=body
        )
    count = wire_int(body.get("executionCount"))
    structured = body.get("error")
    error_sent = False
    items = body.get("results")
    if isinstance(items, list):
        for item in (i for i in items if isinstance(i, dict)):
            kind = item.get("type")
            if kind in ("stdout", "stderr"):
                event = output_event(item)
                if event is not None:
                    yield event
            elif kind in ("result", "display"):
                yield _result(item.get("data"), item.get("isMainResult"), item.get("text"), display=kind == "display")
            elif kind == "error" and not error_sent:
                error_sent = True
                yield _error(structured) if isinstance(structured, dict) else _error_from_text(_text(item.get("text")))
            elif kind == "endOfExecution":
                if isinstance(structured, dict) and not error_sent:
                    error_sent = True
                    yield _error(structured)
                yield End(_text(item.get("status")) or "ok", count)
                return
    else:
        for kind in ("stdout", "stderr"):
            text = body.get(kind)
            if isinstance(text, str) and text:
                yield Stdout(text) if kind == "stdout" else Stderr(text)
    if isinstance(structured, dict) and not error_sent:
        error_sent = True
        yield _error(structured)
    exit_code = wire_int(body.get("exitCode"))
    yield End("error" if error_sent or exit_code not in (None, 0) else "ok", count)


def _result(data: Any, is_main: Any, text: Any, *, display: bool = False) -> Result:
    bundle = (
        {str(k): v if isinstance(v, str) else json.dumps(v) for k, v in data.items()} if isinstance(data, dict) else {}
    )
    if "text/plain" not in bundle and isinstance(text, str):
        bundle["text/plain"] = text
    return Result(bundle, is_main if isinstance(is_main, bool) else not display)


def _error(wire: Mapping[str, Any]) -> ExecutionError:
    trace = wire.get("traceback")
    lines = [str(line) for line in trace] if isinstance(trace, list) else [trace] if isinstance(trace, str) else []
    return ExecutionError(_text(wire.get("name")) or "Error", _text(wire.get("value")), "\n".join(lines))


def _error_from_text(text: str) -> ExecutionError:
    """A server that sends only the traceback text: its last line is `Name: message` by Python's convention."""
    last = text.strip().splitlines()[-1] if text.strip() else ""
    name, sep, value = last.partition(": ")
    if not sep or " " in name:
        return ExecutionError("Error", last, text)
    return ExecutionError(name, value, text)


def _text(value: Any) -> str:
    return wire_text(value) or ""
