"""One call's attempts: send, then send again while a retry is allowed and safe (`retries` says when), so that an
error status or a transport failure ends as a typed error. The HTTP core sends through it, and so, as its
generated blocking twin (agentrun/sync/_core/attempts.py), do the blocking API's own connections."""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable

import anyio
import httpx

from agentrun._config import Timeouts
from agentrun._core import raw_response, retries
from agentrun._core.aiohttp_transport import READ_WHOLE
from agentrun._core.error_mapping import status_error, transport_error
from agentrun._core.request_options import RequestOptions

logger = logging.getLogger("agentrun.http")

Build = Callable[[RequestOptions], httpx.Request]
"""A signed request for one attempt (a fresh date and nonce each time)."""
Send = Callable[[httpx.Request], Awaitable[httpx.Response]]
"""Sends a request; raises httpx's transport exceptions."""


async def send_with_retries(
    opts: RequestOptions, sent: list[httpx.Request], build: Build, send: Send, *, stream: bool
) -> httpx.Response:
    """Send `opts`, then its `next_attempt()` copies while a retry is allowed; `sent` gets each attempt. Unless
    `stream`, the answer is read whole before it is returned."""
    while True:
        request = build(opts)
        if not stream:
            request.extensions[READ_WHOLE] = True
        sent.append(request)
        started = time.perf_counter()
        try:
            response = await send(request)
        except httpx.TransportError as exc:
            if opts.may_retry and retries.should_retry_exception(exc, opts.idempotent):
                delay = retries.backoff_seconds(opts.retries_taken)
                logger.debug("%s %s failed (%r); retry %d in %.2fs", opts.method, opts.path, exc,
                             opts.retries_taken + 1, delay)  # fmt: skip
                opts = opts.next_attempt()
                await anyio.sleep(delay)
                continue
            raise transport_error(exc, request, opts.timeouts) from exc
        elapsed_ms = (time.perf_counter() - started) * 1e3
        logger.debug("%s %s -> %d in %.1f ms", opts.method, request.url, response.status_code, elapsed_ms)
        if response.status_code < 400:
            if not stream:
                await read_body(response, request, opts.timeouts)
            raw_response.record(response)
            return response
        await read_body(response, request, opts.timeouts)
        if opts.may_retry and retries.should_retry_status(response.status_code, opts.idempotent):
            delay = retries.backoff_seconds(opts.retries_taken, retries.retry_after_seconds(response))
            logger.debug("%s %s got %d; retry %d in %.2fs", opts.method, opts.path, response.status_code,
                         opts.retries_taken + 1, delay)  # fmt: skip
            opts = opts.next_attempt()
            await anyio.sleep(delay)
            continue
        raise status_error(response)


async def read_body(response: httpx.Response, request: httpx.Request, timeouts: Timeouts) -> None:
    try:
        await response.aread()
    except httpx.TransportError as exc:
        await response.aclose()
        raise transport_error(exc, request, timeouts) from exc
