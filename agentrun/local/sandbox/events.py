"""Execution events, one class per `ExecutionEvent` of openapi/data.yaml, and the fold into the synchronous
`ExecutionResult` (results[] plus the flattened stdout/stderr/exitCode that the official SDK's consumers read)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal

Status = Literal["ok", "error", "timeout", "interrupted"]
STATUSES: tuple[Status, ...] = ("ok", "error", "timeout", "interrupted")


@dataclass(frozen=True)
class _Output:
    """Text the code wrote to one of its streams."""

    text: str
    type: ClassVar[Literal["stdout", "stderr"]]

    def to_wire(self) -> dict[str, Any]:
        return {"type": self.type, "text": self.text}


@dataclass(frozen=True)
class Stdout(_Output):
    type: ClassVar[Literal["stdout"]] = "stdout"


@dataclass(frozen=True)
class Stderr(_Output):
    type: ClassVar[Literal["stderr"]] = "stderr"


@dataclass(frozen=True)
class Result:
    """A rich value: the last expression of the cell (`is_main_result`) or a display (e.g. a plot)."""

    data: dict[str, str]  # MIME bundle; `text/plain` always present
    is_main_result: bool = True
    type: ClassVar[Literal["result"]] = "result"

    @property
    def text(self) -> str:
        return self.data.get("text/plain", "")

    def to_wire(self) -> dict[str, Any]:
        return {"type": self.type, "data": self.data, "isMainResult": self.is_main_result}


@dataclass(frozen=True)
class Error:
    name: str
    value: str
    traceback: list[str] = field(default_factory=list)
    type: ClassVar[Literal["error"]] = "error"

    def to_wire(self) -> dict[str, Any]:
        return {"type": self.type, "name": self.name, "value": self.value, "traceback": self.traceback}

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "value": self.value, "traceback": self.traceback}


@dataclass(frozen=True)
class End:
    status: Status
    execution_count: int | None = None
    duration_ms: int = 0
    type: ClassVar[Literal["end"]] = "end"

    def to_wire(self) -> dict[str, Any]:
        wire: dict[str, Any] = {"type": self.type, "status": self.status, "durationMs": self.duration_ms}
        if self.execution_count is not None:
            wire["executionCount"] = self.execution_count
        return wire


ExecutionEvent = Stdout | Stderr | Result | Error | End


def from_worker(message: dict[str, Any]) -> ExecutionEvent | None:
    """The event of a worker message (worker.py), or None for anything else."""
    kind = message.get("type")
    if kind == "stdout":
        return Stdout(str(message.get("text", "")))
    if kind == "stderr":
        return Stderr(str(message.get("text", "")))
    if kind == "result":
        data = message.get("data")
        bundle = {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}
        return Result(bundle, bool(message.get("isMainResult", True)))
    if kind == "error":
        traceback = message.get("traceback")
        lines = [str(line) for line in traceback] if isinstance(traceback, list) else []
        return Error(str(message.get("name", "Error")), str(message.get("value", "")), lines)
    if kind == "end":
        status = message.get("status")
        count = message.get("executionCount")
        return End(
            status if status in STATUSES else "error",
            count if isinstance(count, int) else None,
            int(message.get("durationMs") or 0),
        )
    return None


EVENT_COST = 64  # bytes one event costs beyond its text: its object, its item in `results[]`


def size(event: ExecutionEvent) -> int:
    """About how many bytes `event` takes in a JSON answer (characters of its strings, as `fold` repeats them,
    plus EVENT_COST): what the answer's limits count. Cheap: nothing is encoded."""
    if isinstance(event, Stdout | Stderr):
        return len(event.text) + EVENT_COST
    if isinstance(event, Result):
        return sum(len(k) + len(v) for k, v in event.data.items()) + len(event.text) + EVENT_COST
    if isinstance(event, Error):
        # the traceback appears in `error`, in its `results[]` item and at the end of the flat `stderr`
        return len(event.name) + len(event.value) + 3 * sum(len(line) + 1 for line in event.traceback) + EVENT_COST
    return EVENT_COST


def fold(events: Iterable[ExecutionEvent], context_id: str | None = None) -> dict[str, Any]:
    """The `ExecutionResult` JSON of a finished execution. Adjacent stdout (stderr) chunks are merged in
    `results`; `exitCode` is 0 when the status is ok, else 1; the flat `stderr` ends with the error's traceback."""
    results: list[dict[str, Any]] = []
    stdout: list[str] = []
    stderr: list[str] = []
    error: Error | None = None
    error_text = ""
    end: End | None = None
    for event in events:
        if isinstance(event, Stdout | Stderr):
            (stdout if isinstance(event, Stdout) else stderr).append(event.text)
            if results and results[-1]["type"] == event.type:
                results[-1]["text"] += event.text
            else:
                results.append({"type": event.type, "text": event.text})
        elif isinstance(event, Result):
            results.append(
                {
                    "type": "result" if event.is_main_result else "display",
                    "text": event.text,
                    "data": event.data,
                    "isMainResult": event.is_main_result,
                }
            )
        elif isinstance(event, Error):
            error = event
            error_text = "\n".join(event.traceback) if event.traceback else f"{event.name}: {event.value}"
            results.append({"type": "error", "text": error_text})
        else:
            end = event
    status: Status = end.status if end is not None else "error"
    results.append({"type": "endOfExecution", "status": status})
    if error is not None:
        # As a script's stderr would end: consumers that read only the flat fields (the official SDK's LangChain
        # run_code tool) see why the cell failed, not exit code 1 with an empty stderr.
        if stderr and not stderr[-1].endswith("\n"):
            stderr.append("\n")
        stderr.append(error_text + "\n")
    folded: dict[str, Any] = {
        "results": results,
        "stdout": "".join(stdout),
        "stderr": "".join(stderr),
        "exitCode": 0 if status == "ok" else 1,
        "error": error.as_dict() if error is not None else None,
    }
    if end is not None and end.execution_count is not None:
        folded["executionCount"] = end.execution_count
    if context_id is not None:
        folded = {"contextId": context_id, **folded}
    return folded
