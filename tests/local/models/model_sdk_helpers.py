"""What the SDK-side model tests share: a first message, and a wait on a condition the tests observe (never a sleep)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import anyio

HELLO: list[dict[str, Any]] = [{"role": "user", "content": "hello"}]


async def until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    """Wait until `condition()` holds (polled; the fake upstreams count what they see)."""
    with anyio.fail_after(timeout):
        while not condition():  # noqa: ASYNC110 - the counts are kept by the fakes' connection handlers
            await anyio.sleep(0.01)
