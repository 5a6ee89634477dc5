"""Reading what a deployed runtime's instances wrote to stdout and stderr (openapi/data.yaml GetAgentRuntimeLogs, an
extension AgentRun Local serves): each instance with its kept output (`AgentRuntimeLogs`), or, followed, a stream of
`AgentRuntimeLogEvent`s (`output` text as written, then `exit` when an instance ends) until the caller stops."""

from __future__ import annotations

from collections.abc import AsyncIterator

from agentrun_data_api.api.agent_runtimes import get_agent_runtime_logs
from agentrun_data_api.models import AgentRuntimeLogEvent, AgentRuntimeLogs
from agentrun_data_api.types import OperationRequest
from httpx_sse import ServerSentEvent

from agentrun import errors
from agentrun._config import Timeouts
from agentrun._core.aio import shielded
from agentrun._core.closing import Closeable
from agentrun._core.envelope import json_of
from agentrun._core.http import CallOptions, HttpCore
from agentrun._core.sse import AsyncEventStream
from agentrun.model.gateway import with_timeouts
from agentrun.model.messages import require_text

# A followed log may stay quiet for long: the connection is kept until the caller stops (a day between events at
# most), and no total bound applies.
FOLLOW_TIMEOUTS = Timeouts(read=86400.0, total=None)


def _prepared(name: str, instance_id: str | None, tail_bytes: int | None, follow: bool) -> OperationRequest:
    runtime = require_text(name, "name", "the name of the agent runtime whose logs to read")
    if tail_bytes is not None and (isinstance(tail_bytes, bool) or not isinstance(tail_bytes, int) or tail_bytes < 0):
        raise errors.InvalidArgumentError(f"tail_bytes must be a whole number of bytes >= 0, not {tail_bytes!r}")
    return get_agent_runtime_logs.request(
        runtime, instance_id=instance_id, tail_bytes=tail_bytes, follow=True if follow else None
    )


async def get_logs(
    core: HttpCore, name: str, *, instance_id: str | None, tail_bytes: int | None, options: CallOptions | None
) -> AgentRuntimeLogs:
    response = await core.call(_prepared(name, instance_id, tail_bytes, False), options=options)
    return AgentRuntimeLogs.from_dict(json_of(response))


class LogStream(Closeable):
    """A followed log: `AgentRuntimeLogEvent`s as the instances write. Iterate it once; it ends only when the
    caller stops (or, for one `instance_id`, when that instance has ended). `async with` closes it on every path."""

    def __init__(self, events: AsyncEventStream[AgentRuntimeLogEvent]) -> None:
        self._events = events

    async def __aiter__(self) -> AsyncIterator[AgentRuntimeLogEvent]:
        try:
            while True:
                try:
                    event = await self._events.__anext__()
                except StopAsyncIteration:
                    return
                yield event
        finally:
            await shielded(self._events.aclose)

    async def aclose(self) -> None:
        await shielded(self._events.aclose)


def follow_logs(
    core: HttpCore, name: str, *, instance_id: str | None, tail_bytes: int | None, options: CallOptions | None
) -> LogStream:
    """The followed log; the request goes out on first iteration."""
    prepared = _prepared(name, instance_id, tail_bytes, True)
    call_options = with_timeouts(options, FOLLOW_TIMEOUTS)

    def decode(event: ServerSentEvent) -> AgentRuntimeLogEvent:
        try:
            return AgentRuntimeLogEvent.from_dict(event.json())
        except (ValueError, TypeError, KeyError) as exc:
            raise errors.StreamError(
                f"the log stream sent an event that is not a log event: {event.data[:200]!r}"
            ) from exc

    events: AsyncEventStream[AgentRuntimeLogEvent] = AsyncEventStream(
        lambda: core.stream_call(prepared, headers={"accept": "text/event-stream"}, options=call_options),
        decode,
        timeouts=FOLLOW_TIMEOUTS,
    )
    return LogStream(events)
