"""What the framework converters (`<framework>_converter.AgentRunConverter`) share: a streamed piece of the answer as
an `agentrun.server` handler yields it."""

from __future__ import annotations

from agentrun.server.model import AgentEvent, EventType


def answer_delta(text: object, *, thinking: bool = False) -> str | AgentEvent:
    """Answer text as itself (the server sends it as TEXT), the model's thinking as a REASONING event."""
    return AgentEvent(EventType.REASONING, {"delta": str(text)}) if thinking else str(text)
