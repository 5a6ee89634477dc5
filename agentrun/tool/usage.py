"""Usage reports of tools (an AgentRun Local extension: `GET /tools/{name}/usage`, `GET /tool-usage`): calls and
failures, in total and by tool and by the credential bound when they ran."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from agentrun.model.completions import wire_int, wire_map, wire_object, wire_text


@dataclass(frozen=True, slots=True)
class ToolCallTally:
    """Counts of tool calls: OpenAPI functions invoked, MCP `tools/call` requests. A failure is a call answered
    with an error (bad arguments, an unusable credential, the upstream's trouble)."""

    calls: int = 0
    failures: int = 0


@dataclass(frozen=True, slots=True)
class ToolUsage:
    """Calls of one tool (`name`), or of every tool (`name` None)."""

    total: ToolCallTally
    by_tool: Mapping[str, ToolCallTally] = field(default_factory=dict)
    by_credential: Mapping[str, ToolCallTally] = field(default_factory=dict)
    name: str | None = None


def _tally(value: object) -> ToolCallTally:
    tally = wire_object({} if value is None else value, "a tool usage tally")
    return ToolCallTally(wire_int(tally.get("calls"), "usage calls"), wire_int(tally.get("failures"), "usage failures"))


def parse_tool_usage(value: object) -> ToolUsage:
    report = wire_object(value, "a tool usage report")
    return ToolUsage(
        total=_tally(report.get("total")),
        by_tool=wire_map(report.get("byTool"), "byTool", _tally),
        by_credential=wire_map(report.get("byCredential"), "byCredential", _tally),
        name=wire_text(report.get("name"), "a name"),
    )
