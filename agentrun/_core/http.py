"""The one HTTP transport loop of the SDK: a shared `httpx.AsyncClient`, each call sent with its retries and timeouts.

Resource modules never build clients or retry loops of their own; they call `HttpCore.call` / `stream_call` with a
request of a generated operation (`HttpCore.request` / `stream` only for what the specs leave out). What a call sends
is decided once (`request_options`), signed per attempt (`request_signing`), and failures become typed errors
(`error_mapping`); answers are read with `envelope`.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any, Unpack

import anyio
import httpx
from agentrun_control_api.types import OperationRequest as ControlOperationRequest
from agentrun_data_api.types import OperationRequest as DataOperationRequest

from agentrun._config import Config, Timeouts
from agentrun._core import raw_response, retries
from agentrun._core.envelope import envelope_data, json_of, request_id_of
from agentrun._core.error_mapping import status_error, total_timeout_error, transport_error
from agentrun._core.request_options import Body, CallOptions, Plane, RequestFields, RequestOptions
from agentrun._core.request_options import resolve_timeouts as _resolve_timeouts
from agentrun._core.request_signing import CONTROL_API_VERSION, sign_control_request, sign_data_request
from agentrun._version import __version__

__all__ = [
    "CONTROL_API_VERSION",
    "Body",
    "CallOptions",
    "HttpCore",
    "Plane",
    "_resolve_timeouts",
    "envelope_data",
    "json_of",
    "request_id_of",
    "sign_data_request",
    "status_error",
    "transport_error",
]

logger = logging.getLogger("agentrun.http")

OperationRequest = ControlOperationRequest | DataOperationRequest
"""One request of a generated operation: what `<operation module>.request(...)` returns."""


def _httpx_timeout(t: Timeouts) -> httpx.Timeout:
    return httpx.Timeout(connect=t.connect, read=t.read, write=t.write, pool=t.pool)


def _new_client(config: Config, transport: httpx.AsyncBaseTransport | None, max_connections: int) -> httpx.AsyncClient:
    limits = httpx.Limits(max_connections=max_connections, max_keepalive_connections=max_connections // 4)
    if transport is None and config.unix_socket:
        transport = httpx.AsyncHTTPTransport(uds=config.unix_socket, verify=config.verify, limits=limits)
    return httpx.AsyncClient(
        timeout=_httpx_timeout(config.timeout),
        limits=limits,
        transport=transport,
        verify=config.verify,
        follow_redirects=False,
    )


def _encode_json(body: Any) -> bytes:
    """Compact UTF-8 JSON, as the official clients send it; the exact bytes are what ACS3 hashes."""
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()


class _Pool:
    """The connection pool (an `httpx.AsyncClient`) a core and the cores derived from it send through. With the
    default TLS settings it is built on first use: building it imports httpcore and loads the CA bundle (~30 ms),
    which a client that is made but never sends does not need. With any other `verify=` it is built at once, so a
    CA file that cannot be read raises where the client is made."""

    def __init__(self, build: Callable[[], httpx.AsyncClient], *, now: bool) -> None:
        self._build = build
        self.client: httpx.AsyncClient | None = build() if now else None

    def get(self) -> httpx.AsyncClient:
        if self.client is None:  # no await in between: one event loop cannot build it twice
            self.client = self._build()
        return self.client


class HttpCore:
    """Sends every request of one SDK client through its `httpx.AsyncClient`. The pool belongs to the core that
    created it; cores made by `derive` send through it and leave closing it to that core."""

    def __init__(
        self,
        config: Config,
        *,
        http_client: httpx.AsyncClient | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        max_connections: int = 100,
        _pool: _Pool | None = None,
    ) -> None:
        self.config = config
        self._owns_client = http_client is None and _pool is None
        if _pool is not None:
            self._pool = _pool
        elif http_client is not None:
            self._pool = _Pool(lambda: http_client, now=True)
        else:
            self._pool = _Pool(lambda: _new_client(config, transport, max_connections), now=config.verify is not True)
        self._bases: dict[Plane, str] = {}
        self._user_agent = f"agentrun-python/{__version__}" + (
            f" {config.user_agent_suffix}" if config.user_agent_suffix else ""
        )

    @property
    def http(self) -> httpx.AsyncClient:
        return self._pool.get()

    def derive(self, config: Config) -> HttpCore:
        """A core with another configuration that sends through this core's connection pool; closing it leaves the
        pool open (it stays this core's to close). TLS settings belong to the pool, so `verify` cannot change."""
        if config.verify is not self.config.verify:
            from agentrun import errors

            raise errors.InvalidArgumentError(
                "verify= cannot change on a client that shares its parent's connection pool; create a new client"
            )
        return HttpCore(config, _pool=self._pool)

    def base_url(self, plane: Plane) -> str:
        if plane not in self._bases:
            url = self.config.control_base_url() if plane is Plane.CONTROL else self.config.data_base_url()
            self._bases[plane] = url.rstrip("/")
        return self._bases[plane]

    async def aclose(self) -> None:
        if self._owns_client and self._pool.client is not None:
            await self._pool.client.aclose()

    # -- building and signing ------------------------------------------------------------------------------------

    def build_request(self, plane: Plane, method: str, path: str, **fields: Unpack[RequestFields]) -> httpx.Request:
        """The signed first attempt of a request (what `request` sends)."""
        return self._build(RequestOptions.build(self.config, plane, method, path, **fields))

    def _build(self, opts: RequestOptions) -> httpx.Request:
        """A signed request. Called once per attempt, so every retry carries a fresh date and nonce."""
        hdrs: dict[str, str] = {"user-agent": self._user_agent, "accept": "application/json"}
        hdrs.update(self.config.headers)
        if opts.headers:
            hdrs.update(opts.headers)
        content = opts.content
        if opts.json_body is not None:
            content = _encode_json(opts.json_body)
            hdrs["content-type"] = "application/json; charset=utf-8"
        clean_params = {k: _query_value(v) for k, v in (opts.params or {}).items() if v is not None}
        request = self._pool.get().build_request(
            opts.method,
            self.base_url(opts.plane) + opts.path,
            params=clean_params or None,
            content=content,
            files=opts.files,
            data=opts.data,
            headers=hdrs,
            extensions={"timeout": _httpx_timeout(opts.timeouts).as_dict()},
        )
        if opts.plane is Plane.CONTROL:
            sign_control_request(self.config, request, opts.action)
        elif self.config.has_credentials:
            sign_data_request(self.config, request)
        return request

    # -- sending -------------------------------------------------------------------------------------------------

    async def request(self, plane: Plane, method: str, path: str, **fields: Unpack[RequestFields]) -> httpx.Response:
        """Send a request and read the whole answer. Retries what is safe to retry; raises a typed error for an HTTP
        error status, a transport failure or a timeout."""
        opts = RequestOptions.build(self.config, plane, method, path, **fields)
        sent: list[httpx.Request] = []
        try:
            with anyio.fail_after(opts.timeouts.total):
                return await self._send_with_retries(opts, sent, stream=False)
        except TimeoutError:
            raise total_timeout_error(sent[-1] if sent else None, method, path, opts.timeouts) from None

    @asynccontextmanager
    async def stream(
        self, plane: Plane, method: str, path: str, **fields: Unpack[RequestFields]
    ) -> AsyncIterator[httpx.Response]:
        """Open a streaming answer. Retries happen only until the response headers arrive; the response is closed
        when the block exits, cancellation included. `read` is the idle limit between chunks."""
        opts = RequestOptions.build(self.config, plane, method, path, **fields)
        response = await self._send_with_retries(opts, [], stream=True)
        try:
            yield response
        finally:
            await response.aclose()

    async def _send_with_retries(
        self, opts: RequestOptions, sent: list[httpx.Request], *, stream: bool
    ) -> httpx.Response:
        """Send `opts`, then its `next_attempt()` copies while a retry is allowed; `sent` gets each attempt."""
        while True:
            request = self._build(opts)
            sent.append(request)
            started = time.perf_counter()
            try:
                response = await self._pool.get().send(request, stream=True)
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
                    await _read_body(response, request, opts.timeouts)
                raw_response.record(response)
                return response
            await _read_body(response, request, opts.timeouts)
            if opts.may_retry and retries.should_retry_status(response.status_code, opts.idempotent):
                delay = retries.backoff_seconds(opts.retries_taken, retries.retry_after_seconds(response))
                logger.debug("%s %s got %d; retry %d in %.2fs", opts.method, opts.path, response.status_code,
                             opts.retries_taken + 1, delay)  # fmt: skip
                opts = opts.next_attempt()
                await anyio.sleep(delay)
                continue
            raise status_error(response)

    async def call(
        self,
        prepared: OperationRequest,
        *,
        options: CallOptions | None = None,
        content: Body | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> httpx.Response:
        """Send one request of a generated operation (`some_operation.request(...)`): its description gives the
        plane, method, signed action and whether a retry is safe. `content` sends a body the caller streams."""
        plane, method, fields = _operation_fields(prepared, content, headers, options)
        return await self.request(plane, method, prepared.url, **fields)

    def stream_call(
        self,
        prepared: OperationRequest,
        *,
        options: CallOptions | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> AbstractAsyncContextManager[httpx.Response]:
        """`stream` for one request of a generated operation (see `call`)."""
        plane, method, fields = _operation_fields(prepared, None, headers, options)
        return self.stream(plane, method, prepared.url, **fields)


def _operation_fields(
    prepared: OperationRequest, content: Body | None, headers: Mapping[str, str] | None, options: CallOptions | None
) -> tuple[Plane, str, RequestFields]:
    operation = prepared.operation
    merged = dict(prepared.headers or {})
    if prepared.json is not None:
        merged.pop("Content-Type", None)  # `request` sets it with the charset
    merged.update(headers or {})
    plane = Plane(operation.plane)
    return (
        plane,
        operation.method,
        RequestFields(
            params=prepared.params,
            json_body=prepared.json,
            content=content,
            files=prepared.files,
            headers=merged,
            action=operation.operation_id if plane is Plane.CONTROL else None,  # the signed x-acs-action
            idempotent=operation.idempotent,
            options=options,
        ),
    )


def _query_value(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


async def _read_body(response: httpx.Response, request: httpx.Request, timeouts: Timeouts) -> None:
    try:
        await response.aread()
    except httpx.TransportError as exc:
        await response.aclose()
        raise transport_error(exc, request, timeouts) from exc
