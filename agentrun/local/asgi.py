"""What the server's hand-written ASGI responses share: starting and ending a response, and running the work of a
response while watching for the client to go away (uvicorn drops what is sent after that without a word, so a
response that keeps working must notice the disconnect itself)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import anyio
from starlette.requests import Request
from starlette.types import Receive, Send

from agentrun.local.responses import REQUEST_ID_HEADER

T = TypeVar("T")


class ClientDisconnected(Exception):
    """The client went away before the work was done (the work has been cancelled)."""


def wants_events(request: Request) -> bool:
    """Whether the client asked for a `text/event-stream` answer (our streaming extensions negotiate by Accept)."""
    return "text/event-stream" in request.headers.get("accept", "").lower()


async def send_start(send: Send, status: int, content_type: str, rid: str, *, event_stream: bool = False) -> None:
    headers = [(b"content-type", content_type.encode()), (REQUEST_ID_HEADER.encode(), rid.encode())]
    if event_stream:
        # No caching, and no buffering by any proxy in between: every event must reach the client at once.
        headers += [(b"cache-control", b"no-cache"), (b"x-accel-buffering", b"no")]
    await send({"type": "http.response.start", "status": status, "headers": headers})


async def finish(send: Send) -> None:
    await send({"type": "http.response.body", "body": b"", "more_body": False})


async def cancel_on_disconnect(receive: Receive, scope: anyio.CancelScope) -> None:
    """Cancel `scope` when the client goes away (the request body has been read already, so the next message is
    the disconnect)."""
    while (await receive())["type"] != "http.disconnect":
        pass
    scope.cancel()


async def until_disconnect(receive: Receive, work: Callable[[], Awaitable[T]]) -> T:
    """`await work()`, cancelled as soon as the client disconnects (ClientDisconnected is raised then). What `work`
    raises is raised as it is, outside the task group (no ExceptionGroup)."""
    outcome: dict[str, Any] = {}
    async with anyio.create_task_group() as group:

        async def run() -> None:
            try:
                outcome["result"] = await work()
            except Exception as exc:
                outcome["error"] = exc
            finally:
                group.cancel_scope.cancel()

        group.start_soon(run)
        await cancel_on_disconnect(receive, group.cancel_scope)
    if "error" in outcome:
        raise outcome["error"]
    if "result" not in outcome:
        raise ClientDisconnected
    result: T = outcome["result"]
    return result
