"""Turning what went wrong on the wire into the SDK's typed errors, each carrying the request (and the answer)."""

from __future__ import annotations

from typing import Any

import httpx

from agentrun import errors
from agentrun._config import Timeouts
from agentrun._core import retries
from agentrun._core.envelope import request_id_of


def status_error(response: httpx.Response) -> errors.APIStatusError:
    """Map an HTTP error answer (body already read) to the typed exception."""
    body: Any
    try:
        body = response.json()
    except ValueError:
        body = response.text
    code: str | None = None
    message = ""
    if isinstance(body, dict):
        nested = body.get("error")
        inner: dict[str, Any] = nested if isinstance(nested, dict) else body  # OpenAI-style {"error": {...}}
        raw_code = inner.get("code", inner.get("Code"))
        code = str(raw_code) if raw_code is not None else None
        message = str(inner.get("message") or inner.get("Message") or "")
    elif isinstance(body, str):
        message = body.strip()[:500]
    if not message:
        message = response.reason_phrase or "request failed"
    cls = errors.status_error_class(response.status_code, code, message)
    exc = cls(
        message,
        status_code=response.status_code,
        code=code,
        body=body,
        request_id=request_id_of(response, body),
        response=response,
    )
    if isinstance(exc, errors.RateLimitError):
        exc.retry_after = retries.retry_after_seconds(response)
    return exc


# Which httpx timeout is which `Timeouts` field, and what to say about it ({target}, {seconds}).
_TIMEOUTS: tuple[tuple[type[httpx.TimeoutException], str, str], ...] = (
    (
        httpx.ConnectTimeout,
        "connect",
        "connecting for {target} took longer than {seconds}s; raise Timeouts(connect=...) "
        "or check that the endpoint is reachable",
    ),
    (
        httpx.ReadTimeout,
        "read",
        "no data for {seconds}s while reading {target}; raise Timeouts(read=...) or pass timeout=",
    ),
    (httpx.WriteTimeout, "write", "sending {target} took longer than {seconds}s; raise Timeouts(write=...)"),
    (
        httpx.PoolTimeout,
        "pool",
        "no free connection within {seconds}s for {target}; too many calls at once share this client "
        "(raise Timeouts(pool=...) or the connection limit)",
    ),
)


def transport_error(exc: httpx.TransportError, request: httpx.Request, timeouts: Timeouts) -> errors.APIError:
    """Map a failure to connect, send or receive to APIConnectionError, or to APITimeoutError naming the limit."""
    target = f"{request.method} {request.url.copy_with(query=None)}"
    for kind, name, text in _TIMEOUTS:
        if isinstance(exc, kind):
            message = text.format(target=target, seconds=getattr(timeouts, name))
            return errors.APITimeoutError(message, timeout=name, request=request)
    if isinstance(exc, httpx.ConnectError):
        return errors.APIConnectionError(
            f"cannot connect for {target}: {exc}; check the endpoint and network", request=request
        )
    return errors.APIConnectionError(f"connection failed during {target}: {exc!r}", request=request)


def total_timeout_error(request: httpx.Request | None, method: str, path: str, timeouts: Timeouts) -> errors.APIError:
    """The whole call, retries and backoff included, outlived `Timeouts.total`."""
    return errors.APITimeoutError(
        f"{method} {path} did not finish within {timeouts.total}s (retries included); "
        "pass timeout= or raise Timeouts(total=...)",
        timeout="total",
        request=request,
    )
