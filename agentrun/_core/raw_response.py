"""The HTTP answers behind a call's parsed result: status, headers, request id.

openai-python offers `client.with_raw_response.<resource>.<method>(...)`, a second copy of every method. Here one
function serves every method instead, with the result type kept: `await with_raw_response(client.templates.get(n))`
is a `RawResponse[Template]`. It records the answers the call's requests received (in this task and the tasks it
starts), so it also works for calls that send several requests (a create that waits, a list over pages), and
`raw_responses()`, a plain `with` block, does the same for the blocking API.
"""

from __future__ import annotations

from collections.abc import Awaitable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Generic, TypeVar

import httpx

from agentrun import errors
from agentrun._core.envelope import request_id_of

T = TypeVar("T")

_recording: ContextVar[list[httpx.Response] | None] = ContextVar("agentrun_raw_responses", default=None)


def record(response: httpx.Response) -> None:
    """Note an answer for the `raw_responses()` block around the current call, if there is one."""
    log = _recording.get()
    if log is not None:
        log.append(response)


@dataclass(frozen=True)
class ResponseLog:
    """The answers received inside a `raw_responses()` block, oldest first."""

    all: list[httpx.Response]

    @property
    def last(self) -> httpx.Response:
        if not self.all:
            raise errors.AgentRunError("no HTTP answer was received inside this raw_responses() block")
        return self.all[-1]


@contextmanager
def raw_responses() -> Iterator[ResponseLog]:
    """Record the `httpx.Response` of every request the SDK sends inside the block (async or blocking calls).

    with agentrun.raw_responses() as raw:
        template = client.templates.get("my-template")
    print(raw.last.status_code, raw.last.headers["x-acs-request-id"])
    """
    log: list[httpx.Response] = []
    token = _recording.set(log)
    try:
        yield ResponseLog(log)
    finally:
        _recording.reset(token)


@dataclass(frozen=True)
class RawResponse(Generic[T]):
    """A call's parsed result with the HTTP answer it came from (`http_response`, the last one when the call sent
    several; `responses` has them all)."""

    parsed: T
    http_response: httpx.Response
    responses: tuple[httpx.Response, ...]

    def parse(self) -> T:
        """The parsed result (named as openai-python's raw responses name it)."""
        return self.parsed

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    @property
    def request_id(self) -> str | None:
        """The server's id for the answer, from its body (AgentRun's envelope) or its headers."""
        try:
            body = self.http_response.json()
        except (ValueError, httpx.ResponseNotRead):
            body = None
        return request_id_of(self.http_response, body)


async def with_raw_response(call: Awaitable[T]) -> RawResponse[T]:
    """Run `call` (a not yet awaited SDK call) and return its result with the HTTP answer behind it."""
    with raw_responses() as raw:
        parsed = await call
    return RawResponse(parsed, raw.last, tuple(raw.all))
