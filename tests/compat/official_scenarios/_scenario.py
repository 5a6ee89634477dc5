"""What the scenario scripts share. They run under the official clients' virtualenv (agentrun-sdk 0.0.54,
alibabacloud-agentrun20250910 5.7.5), configured only by the environment `agentrun local env` printed.

A scenario checks as it goes and exits non-zero with a message naming the failed check; on success it prints one
JSON line, the summary of what it observed, which the pytest side checks again. A warning logged by agentrun-sdk
fails the scenario too: the SDK logs "validate type failed" and falls back to an unvalidated object when a response
does not fit its models (openapi/control.yaml), which would otherwise go unnoticed.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import sys
import time
import traceback
import uuid
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

# agentrun-sdk prints a version banner on import unless this is set; set here, not in the environment the test
# passes, so that environment stays exactly what `agentrun local env` printed.
os.environ.setdefault("DISABLE_BREAKING_CHANGES_WARNING", "1")

CONNECT_BUDGET = 10_000
"""What every default agentrun-sdk `Config` passes as `timeout` here (see `_give_connections_time`)."""


def _give_connections_time() -> None:
    """agentrun-sdk 0.0.54 hands `Config.timeout` (documented in seconds, 600 by default) to Tea as
    `connect_timeout`, which Tea reads in milliseconds: 0.6 s to connect, and its async client builds two SSL contexts
    on its event loop inside that budget. On two busy cores that failed now and then ("Connection timeout to host"),
    whatever the server did, on whichever scenario ran while the machine was busiest. A user who meets it passes a
    larger `Config(timeout=...)`; here every Config made without one gets 10 s (in Tea's milliseconds). The clients
    are otherwise unchanged."""
    from agentrun.utils.config import Config

    made = Config.__init__

    def init(self: Any, *args: Any, timeout: int | None = CONNECT_BUDGET, **kwargs: Any) -> None:
        made(self, *args, timeout=timeout, **kwargs)

    Config.__init__ = init  # type: ignore[method-assign]


_give_connections_time()

E = TypeVar("E", bound=BaseException)
T = TypeVar("T")
Summary = dict[str, Any]


class ScenarioFailure(AssertionError):
    """A check failed: what was expected and what the official client got."""


def check(condition: object, message: str) -> None:
    if not condition:
        raise ScenarioFailure(message)


def equal(actual: object, expected: object, what: str) -> None:
    check(actual == expected, f"{what}: expected {expected!r}, got {actual!r}")


def raises(error: type[E], call: Callable[[], object], what: str) -> E:
    """The exception `call` raises, which must be an `error`."""
    try:
        result = call()
    except error as exc:
        return exc
    except Exception as exc:
        raise ScenarioFailure(f"{what}: expected {error.__name__}, got {type(exc).__name__}: {exc}") from exc
    raise ScenarioFailure(f"{what}: expected {error.__name__}, but the call returned {result!r}")


async def raises_async(error: type[E], call: Callable[[], Awaitable[object]], what: str) -> E:
    try:
        result = await call()
    except error as exc:
        return exc
    except Exception as exc:
        raise ScenarioFailure(f"{what}: expected {error.__name__}, got {type(exc).__name__}: {exc}") from exc
    raise ScenarioFailure(f"{what}: expected {error.__name__}, but the call returned {result!r}")


def unique(prefix: str) -> str:
    """A resource name no other scenario uses (scenarios run in parallel against one server)."""
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


class StatusLog:
    """A `callback` for the SDK's waits: the status seen at each poll (GET), to show how many polls it took."""

    def __init__(self) -> None:
        self.seen: list[str | None] = []

    def __call__(self, resource: Any) -> None:
        status = getattr(resource, "status", None)
        self.seen.append(getattr(status, "value", status))


def tea_client() -> Any:
    """The generated Tea client, configured from the environment the way agentrun-sdk configures it: one scheme
    stripped from AGENTRUN_CONTROL_ENDPOINT, so `https://host:port` speaks HTTPS trusted through SSL_CERT_FILE and
    `http://http://host:port` plain HTTP."""
    from alibabacloud_agentrun20250910.client import Client
    from alibabacloud_tea_openapi.models import Config

    return Client(
        Config(
            access_key_id=os.environ["AGENTRUN_ACCESS_KEY_ID"],
            access_key_secret=os.environ["AGENTRUN_ACCESS_KEY_SECRET"],
            region_id=os.environ["AGENTRUN_REGION"],
            endpoint=os.environ["AGENTRUN_CONTROL_ENDPOINT"].split("://", 1)[1],
        )
    )


def elapsed(start: float) -> float:
    return round(time.monotonic() - start, 2)


class _Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def run(name: str, sync_part: Callable[[Summary], None], async_part: Callable[[Summary], Awaitable[None]]) -> None:
    """Run a scenario's sync part (in a worker thread) and async part (on the event loop) side by side, so the SDK's
    fixed sleeps overlap; print the JSON summary, or the first failure and exit 1."""
    summary: Summary = {"scenario": name, "sync": {}, "async": {}}
    warnings = _Warnings()
    logging.getLogger("agentrun-logger").addHandler(warnings)
    start = time.monotonic()

    async def both() -> None:
        await asyncio.gather(asyncio.to_thread(sync_part, summary["sync"]), async_part(summary["async"]))

    try:
        asyncio.run(both())
        check(not warnings.messages, f"agentrun-sdk logged warnings: {warnings.messages}")
    except Exception as exc:
        traceback.print_exc()
        print(f"scenario {name} FAILED: {type(exc).__name__}: {exc}", file=sys.stderr, flush=True)
        sys.exit(1)
    summary["seconds"] = elapsed(start)
    print(json.dumps(summary, sort_keys=True, default=str), flush=True)
