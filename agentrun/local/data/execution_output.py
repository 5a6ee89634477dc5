"""The JSON answer of an execution: the engine's events folded into an `ExecutionResult`, with what it holds bounded
whatever the sandbox's code produces (streaming mode has no cap: it sends each event as it comes).

- stdout and stderr: at most `JSON_OUTPUT_LIMIT` bytes of both together, each switch between the two counting
  `EVENT_COST` more (it adds an item to `results[]`). A stream that overflows is written whole to
  `/home/user/.agentrun/output/<execution>/<stream>` and its text in the answer ends with a line saying where.
- results and errors: at most `JSON_RICH_LIMIT` bytes together (each one is at most `ipc.MAX_MESSAGE`: the worker
  puts larger values in files itself). One past that is written whole, as its event's JSON, to
  `result-<n>.event.json` (`error-<n>.event.json`) in the same directory, and the answer keeps a stand-in saying
  where.

Files are written through the workspace's confined walk (output_files.py). Adjacent chunks of a stream are kept as
one text, so a flood of tiny writes costs no more than one big one. The answer carries the kept output text twice,
in `results[]` and in the top-level `stdout`/`stderr`."""

from __future__ import annotations

import io
from typing import Any

from agentrun.local.data.files import workspace_of
from agentrun.local.data.json_answers import encode_json
from agentrun.local.data.output_files import OutputDirectory, OutputFile
from agentrun.local.sandbox import SandboxHandle
from agentrun.local.sandbox import events as ev

MIB = 1024 * 1024
JSON_OUTPUT_LIMIT = 8 * MIB
JSON_RICH_LIMIT = 16 * MIB
_STREAMING_HINT = "Send Accept: text/event-stream to receive everything as it is produced"


class _Run:
    """Adjacent chunks of one stream, gathered into one text (no object per chunk)."""

    def __init__(self, name: str) -> None:
        self.type = name
        self.text = io.StringIO()

    def event(self) -> ev.ExecutionEvent:
        text = self.text.getvalue()
        return ev.Stdout(text) if self.type == "stdout" else ev.Stderr(text)


class JsonCollector:
    """Collects the events of one execution for its JSON answer (`async with`: files it wrote are put in place when
    the block ends normally, removed otherwise)."""

    def __init__(
        self,
        sandbox: SandboxHandle,
        execution_id: str,
        limit: int = JSON_OUTPUT_LIMIT,
        rich_limit: int = JSON_RICH_LIMIT,
    ) -> None:
        self.directory = OutputDirectory(workspace_of(sandbox), execution_id, sandbox.isolation.home(sandbox.paths))
        self.limit = limit
        self.rich_limit = rich_limit
        self.items: list[ev.ExecutionEvent | _Run] = []
        self.kept = 0  # output bytes kept (with EVENT_COST per run)
        self.rich = 0  # result and error bytes kept (events.size)
        self.counts = {"result": 0, "error": 0}
        self.spills: dict[str, OutputFile] = {}

    async def add(self, event: ev.ExecutionEvent) -> None:
        if isinstance(event, ev.Stdout | ev.Stderr):
            await self._add_output(event.type, event.text)
        elif isinstance(event, ev.Result | ev.Error):
            await self._add_rich(event)
        else:
            self.items.append(event)

    async def _add_output(self, name: str, text: str) -> None:
        data = text.encode("utf-8", "replace")
        spill = self.spills.get(name)
        if spill is None:
            last = self.items[-1] if self.items else None
            run = last if isinstance(last, _Run) and last.type == name else None
            cost = len(data) + (0 if run is not None else ev.EVENT_COST)
            if self.kept + cost <= self.limit:
                self.kept += cost
                if run is None:
                    run = _Run(name)
                    self.items.append(run)
                run.text.write(text)
                return
            # From here the stream goes whole to its file, from its first byte.
            spill = self.spills[name] = OutputFile(self.directory, name)
            for item in self.items:
                if isinstance(item, _Run) and item.type == name:
                    await spill.write(item.text.getvalue().encode("utf-8", "replace"))
        await spill.write(data)

    async def _add_rich(self, event: ev.Result | ev.Error) -> None:
        self.counts[event.type] += 1
        size = ev.size(event)
        if self.rich + size <= self.rich_limit:
            self.rich += size
            self.items.append(event)
            return
        file = OutputFile(self.directory, f"{event.type}-{self.counts[event.type]}.event.json")
        try:
            await file.write(await encode_json(event.to_wire(), size))
        finally:
            await file.close(commit=True)
        kind = "result" if isinstance(event, ev.Result) else "error"
        where = (
            f"it is whole, as its event's JSON, in {file.inside} in the sandbox"
            if file.error is None
            else f"writing it to {file.inside} failed ({file.error}), so it is lost"
        )
        notice = (
            f"[AgentRun Local: this {kind} ({file.size:,} bytes) is left out: the JSON answer carries at most "
            f"{self.rich_limit // MIB} MiB of results and errors; {where}. {_STREAMING_HINT}.]"
        )
        self.rich += ev.EVENT_COST
        if isinstance(event, ev.Result):
            self.items.append(ev.Result({"text/plain": notice}, event.is_main_result))
        else:
            self.items.append(ev.Error(event.name[:200], notice))

    def _notice(self, name: str, spill: OutputFile) -> str:
        where = (
            f"all {spill.size:,} bytes are in {spill.inside} in the sandbox"
            if spill.error is None
            else f"writing the rest to {spill.inside} failed ({spill.error}), so it is lost"
        )
        return (
            f"\n[AgentRun Local: {name} is cut here, the JSON answer carries at most {self.limit // MIB} MiB "
            f"of output; {where}. {_STREAMING_HINT}.]\n"
        )

    def result(self, context_id: str | None) -> dict[str, Any]:
        """The `ExecutionResult` JSON; `contextId` only for a named context (a temporary one is gone). A cut
        stream's notice follows its last kept chunk, so it ends that stream's text."""
        events = [item.event() if isinstance(item, _Run) else item for item in self.items]
        for name, spill in self.spills.items():
            notice = self._notice(name, spill)
            last = max((i for i, e in enumerate(events) if e.type == name), default=-1)
            events.insert(last + 1, ev.Stdout(notice) if name == "stdout" else ev.Stderr(notice))
        return ev.fold(events, context_id)

    async def __aenter__(self) -> JsonCollector:
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None, *exc_info: object) -> None:
        try:
            for spill in self.spills.values():
                await spill.close(commit=exc_type is None)
        finally:
            self.directory.close()
