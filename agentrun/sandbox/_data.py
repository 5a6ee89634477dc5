"""What the in-sandbox modules (code, files, commands) share: the sandbox they act on, argument checks, and the
timeouts of calls that last as long as the code or command they run."""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from typing import Any

import httpx

from agentrun import errors
from agentrun._config import Timeouts
from agentrun._core.envelope import unexpected_answer
from agentrun._core.http import CallOptions, HttpCore, json_of
from agentrun._core.models import strip_nulls

ACCEPT_EVENTS = {"accept": "text/event-stream"}
"""Asks for the streaming extension; a server without it answers JSON, which the streams replay as events."""

SERVER_RUN_TIMEOUT = 30
"""Seconds the server lets code or a command run when the call gives no timeout."""

_RESPONSE_MARGIN = 30.0
"""Seconds the HTTP client waits beyond a run's own timeout, so the server's timeout answer arrives first."""


@dataclass(frozen=True, slots=True)
class SandboxTarget:
    """One sandbox on the data plane: the client core that reaches it and its id."""

    core: HttpCore
    sandbox_id: str


def run_seconds(timeout: float | None) -> int | None:
    """The `timeout` field (whole seconds, rounded up) of a run, or None for the server default."""
    if timeout is None:
        return None
    if isinstance(timeout, bool) or not isinstance(timeout, int | float) or not timeout > 0 or math.isinf(timeout):
        raise errors.InvalidArgumentError(
            f"timeout must be a positive number of seconds, got {timeout!r}; leave it out for the server's "
            f"default of {SERVER_RUN_TIMEOUT}s"
        )
    return math.ceil(timeout)


def run_options(core: HttpCore, options: CallOptions | None, seconds: int | None) -> CallOptions:
    """Call options for a request that lasts as long as a run: unless the caller set a timeout, the read and total
    limits grow past the run's own timeout (a server without streaming sends nothing until the run ends)."""
    if options is not None and options.timeout is not None:
        return options
    wait = (SERVER_RUN_TIMEOUT if seconds is None else seconds) + _RESPONSE_MARGIN
    base = core.config.timeout
    total = None if base.total is None else max(base.total, wait + _RESPONSE_MARGIN)
    timeouts = dataclasses.replace(base, read=max(base.read, wait), total=total)
    return dataclasses.replace(options or CallOptions(), timeout=timeouts)


def run_limits(body: Any, core: HttpCore, options: CallOptions | None, timeout: float | None) -> CallOptions:
    """Set the run's `timeout` on its request `body` (when given) and return the call options that wait for it."""
    seconds = run_seconds(timeout)
    if seconds is not None:
        body.timeout = seconds
    return run_options(core, options, seconds)


def timed_out(what: str, stopped: str, timeout: float | None, result: object) -> errors.ExecutionTimeoutError:
    """The error of a run its timeout stopped, carrying the output until then."""
    limit = SERVER_RUN_TIMEOUT if timeout is None else timeout
    return errors.ExecutionTimeoutError(
        f"{what} ran longer than its timeout of {limit:g}s and was {stopped}; pass a larger timeout= (the output "
        "until then is in .result)",
        timeout=limit,
        result=result,
    )


def transfer_options(core: HttpCore, options: CallOptions | None) -> CallOptions | None:
    """Call options for an upload: no limit on the whole call (a large file takes as long as it takes), unless the
    caller set a timeout; the connect, write and read limits still catch a stalled transfer."""
    if options is not None and options.timeout is not None:
        return options
    return dataclasses.replace(options or CallOptions(), timeout=dataclasses.replace(core.config.timeout, total=None))


def timeouts_of(options: CallOptions) -> Timeouts | None:
    """The full `Timeouts` of options made by `run_options` (for error messages naming them)."""
    return options.timeout if isinstance(options.timeout, Timeouts) else None


def whole_number(value: object, name: str, minimum: int = 1) -> int:
    """`value` if it is an int of at least `minimum`, else a typed error saying so."""
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise errors.InvalidArgumentError(f"{name} must be a whole number of at least {minimum}, got {value!r}")
    return value


def require_text(value: object, name: str, hint: str) -> str:
    """`value` if it is a non-blank string, else a typed error saying what to pass."""
    if not isinstance(value, str) or not value.strip():
        raise errors.InvalidArgumentError(f"{name} must be a non-empty string, got {value!r}; {hint}")
    return value


def json_object(response: httpx.Response, what: str) -> dict[str, Any]:
    """The JSON object of an in-sandbox answer (bare JSON, nulls dropped), or a typed error saying what came."""
    body = json_of(response)
    if not isinstance(body, dict):
        raise unexpected_answer(response, body, f"a JSON object ({what})")
    cleaned: dict[str, Any] = strip_nulls(body)
    return cleaned


def json_items(response: httpx.Response, what: str, *keys: str) -> list[dict[str, Any]]:
    """The objects of an in-sandbox list answer: a bare JSON array, or an object holding one under one of `keys`
    (servers differ)."""
    body = json_of(response)
    if isinstance(body, dict):
        body = next((body[k] for k in keys if isinstance(body.get(k), list)), body)
    if not isinstance(body, list):
        raise unexpected_answer(response, body, f"a JSON list of {what}")
    return [strip_nulls(item) for item in body if isinstance(item, dict)]
