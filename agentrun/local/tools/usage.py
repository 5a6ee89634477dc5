"""Tool calls counted per (tool, bound credential), as the model gateway counts model calls (models/usage.py), and
reported by `GetToolUsage` / `GetAllToolUsage` (openapi/data.yaml, extensions): an OpenAPI function invoked, an MCP
`tools/call` relayed (`/tools/{name}/mcp`) or bridged (`/tools/{name}/sse`). A failure is a call answered with an
error: ours (bad arguments, an unusable credential) or the upstream's (unreachable, an HTTP error, an MCP error or
an `isError` result where the answer is seen). The counts cover the server's lifetime (kept in memory)."""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from typing import Any

from agentrun.local.store import Store


@dataclass
class Tally:
    calls: int = 0
    failures: int = 0

    def add(self, other: Tally) -> None:
        self.calls += other.calls
        self.failures += other.failures

    def wire(self) -> dict[str, int]:
        return {"calls": self.calls, "failures": self.failures}


class ToolUsage:
    def __init__(self) -> None:
        self._rows: dict[tuple[str, str], Tally] = {}  # (tool, credential or "") -> counts

    def record(self, tool: str, credential: str, *, failed: bool) -> None:
        tally = self._rows.get((tool, credential))
        if tally is None:
            tally = self._rows[(tool, credential)] = Tally()
        tally.calls += 1
        tally.failures += int(failed)

    def report(self, tool: str | None = None) -> dict[str, Any]:
        """Totals (of `tool`, or of every tool), with their sums by tool and by credential."""
        total, by_tool, by_credential = Tally(), dict[str, Tally](), dict[str, Tally]()
        for (name, credential), tally in self._rows.items():
            if tool is not None and name != tool:
                continue
            total.add(tally)
            by_tool.setdefault(name, Tally()).add(tally)
            if credential:
                by_credential.setdefault(credential, Tally()).add(tally)
        report: dict[str, Any] = {"name": tool} if tool is not None else {}
        report["total"] = total.wire()
        report["byTool"] = {name: t.wire() for name, t in sorted(by_tool.items())}
        report["byCredential"] = {name: t.wire() for name, t in sorted(by_credential.items())}
        return report


_books: weakref.WeakKeyDictionary[Store, ToolUsage] = weakref.WeakKeyDictionary()


def usage_of(store: Store) -> ToolUsage:
    """The counts of the AgentRun Local that owns `store`."""
    book = _books.get(store)
    if book is None:
        book = _books[store] = ToolUsage()
    return book
