"""The JSON answer of an execution: the engine's events folded into an `ExecutionResult`, with stdout and stderr
bounded. Past `JSON_OUTPUT_LIMIT` bytes (stdout and stderr together), a stream that overflows is written whole to
`<workspace>/.agentrun/output/<execution>/<stream>` and its text in the answer ends with a line saying where
(streaming mode has no cap: it sends everything as it comes). The answer carries the kept text twice, in `results[]`
and in the top-level `stdout`/`stderr`, so its body can reach twice the limit."""

from __future__ import annotations

from typing import Any

import anyio
from anyio import AsyncFile

from agentrun.local.sandbox import SandboxHandle
from agentrun.local.sandbox import events as ev

MIB = 1024 * 1024
JSON_OUTPUT_LIMIT = 8 * MIB
OUTPUT_DIR = ".agentrun/output"  # under the workspace


class _Spill:
    """One stream written to a file of the workspace, from its first byte."""

    def __init__(self, file: AsyncFile[str] | None, inside: str, error: OSError | None = None) -> None:
        self.file = file
        self.inside = inside  # the path as code in the sandbox sees it
        self.size = 0
        self.error = error

    async def write(self, text: str) -> None:
        self.size += len(text.encode("utf-8", "replace"))
        if self.file is not None and self.error is None:
            try:
                await self.file.write(text)
            except OSError as exc:
                self.error = exc

    async def aclose(self) -> None:
        if self.file is not None:
            with anyio.CancelScope(shield=True):
                await self.file.aclose()

    def notice(self, name: str) -> str:
        where = (
            f"all {self.size:,} bytes are in {self.inside} in the sandbox"
            if self.error is None
            else f"writing the rest to {self.inside} failed ({self.error.strerror}), so it is lost"
        )
        return (
            f"\n[AgentRun Local: {name} is cut here, the JSON answer carries at most {JSON_OUTPUT_LIMIT // MIB} MiB "
            f"of output; {where}. Send Accept: text/event-stream to receive all output as it is produced.]\n"
        )


class JsonCollector:
    """Collects the events of one execution for its JSON answer (`async with`: it closes the files it opened)."""

    def __init__(self, sandbox: SandboxHandle, execution_id: str, limit: int = JSON_OUTPUT_LIMIT) -> None:
        self.sandbox = sandbox
        self.execution_id = execution_id
        self.limit = limit
        self.events: list[ev.ExecutionEvent] = []
        self.kept = 0
        self.spills: dict[str, _Spill] = {}

    async def add(self, event: ev.ExecutionEvent) -> None:
        if not isinstance(event, ev.Stdout | ev.Stderr):
            self.events.append(event)
            return
        spill = self.spills.get(event.type)
        size = len(event.text.encode("utf-8", "replace"))
        if spill is None and self.kept + size <= self.limit:
            self.kept += size
            self.events.append(event)
            return
        if spill is None:
            spill = self.spills[event.type] = await self._open(event.type)
            head = (e.text for e in self.events if isinstance(e, ev.Stdout | ev.Stderr) and e.type == event.type)
            await spill.write("".join(head))
        await spill.write(event.text)

    async def _open(self, name: str) -> _Spill:
        directory = anyio.Path(self.sandbox.workspace) / OUTPUT_DIR / self.execution_id
        inside = f"{self.sandbox.isolation.home(self.sandbox.paths)}/{OUTPUT_DIR}/{self.execution_id}/{name}"
        try:
            await directory.mkdir(parents=True, exist_ok=True)
            file = await anyio.open_file(directory / name, "w", encoding="utf-8", errors="replace")
        except OSError as exc:
            return _Spill(None, inside, exc)
        return _Spill(file, inside)

    def result(self, context_id: str | None) -> dict[str, Any]:
        """The `ExecutionResult` JSON; `contextId` only for a named context (a temporary one is gone). A cut
        stream's notice follows its last kept chunk, so it ends that stream's text."""
        events = list(self.events)
        for name, spill in self.spills.items():
            notice: ev.ExecutionEvent = (
                ev.Stdout(spill.notice(name)) if name == "stdout" else ev.Stderr(spill.notice(name))
            )
            last = max((i for i, e in enumerate(events) if e.type == name), default=-1)
            events.insert(last + 1, notice)
        return ev.fold(events, context_id)

    async def __aenter__(self) -> JsonCollector:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        for spill in self.spills.values():
            await spill.aclose()
