"""The one HTTP transport loop of the SDK: a shared `httpx.AsyncClient`, each call sent with its retries and timeouts.

Resource modules never build clients or retry loops of their own; they call `HttpCore.call` / `stream_call` with a
request of a generated operation (`HttpCore.request` / `stream` only for what the specs leave out). What a call sends
is decided once (`request_options`), signed per attempt (`request_signing`), and failures become typed errors
(`error_mapping`); answers are read with `envelope`.
"""

from __future__ import annotations

import datetime
import functools
import json
import logging
import time
import urllib.request
from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass
from typing import Any, Unpack

import httpx
from agentrun_control_api.types import OperationRequest as ControlOperationRequest
from agentrun_data_api.types import OperationRequest as DataOperationRequest

from agentrun._config import Config, Timeouts
from agentrun._core import attempts
from agentrun._core.aiohttp_transport import AiohttpTransport
from agentrun._core.envelope import envelope_data, json_of, request_id_of
from agentrun._core.error_mapping import status_error, total_timeout_error, transport_error
from agentrun._core.request_options import Body, CallOptions, Plane, RequestFields, RequestOptions
from agentrun._core.request_options import resolve_timeouts as _resolve_timeouts
from agentrun._core.request_signing import (
    CONTROL_API_VERSION,
    control_headers,
    data_headers,
    sign_control_request,
    sign_data_request,
)
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

_ACCEPT_ENCODING = "gzip, deflate"  # what httpx's client would add; it decodes both
OperationRequest = ControlOperationRequest | DataOperationRequest
"""One request of a generated operation: what `<operation module>.request(...)` returns."""


def _httpx_timeout(t: Timeouts) -> httpx.Timeout:
    return httpx.Timeout(connect=t.connect, read=t.read, write=t.write, pool=t.pool)


def _new_client(config: Config, transport: httpx.AsyncBaseTransport | None, max_connections: int) -> _Client:
    limits = httpx.Limits(max_connections=max_connections, max_keepalive_connections=max_connections // 4)
    own = transport is None
    if transport is None and config.unix_socket:  # aiohttp speaks no TLS over a unix socket; httpcore does
        transport = httpx.AsyncHTTPTransport(uds=config.unix_socket, verify=config.verify, limits=limits)
    elif transport is None:
        transport = AiohttpTransport(verify=config.verify, max_connections=max_connections)
    client = httpx.AsyncClient(
        timeout=_httpx_timeout(config.timeout),
        limits=limits,
        transport=transport,
        verify=config.verify,
        follow_redirects=False,
    )
    # With no proxy in the environment (httpx would mount one), the core hands its requests straight to its own
    # transport: httpx's client layer (cookies, auth, hooks, URL merging) is half the SDK's CPU per call, and the
    # SDK's own pool uses none of it.
    direct = transport if own and not any(urllib.request.getproxies()) else None
    return _Client(client, direct)


@dataclass(frozen=True, slots=True)
class _Client:
    http: httpx.AsyncClient
    direct: httpx.AsyncBaseTransport | None = None


def _encode_json(body: Any) -> bytes:
    """Compact UTF-8 JSON, as the official clients send it; the exact bytes are what ACS3 hashes."""
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()


class _Pool:
    """The connection pool (an `httpx.AsyncClient`) a core and the cores derived from it send through. With the
    default TLS settings it is built on first use: building it loads the CA bundle (~30 ms), which a client that is
    made but never sends does not need. With any other `verify=` it is built at once, so a CA file that cannot be
    read raises where the client is made."""

    def __init__(self, build: Callable[[], _Client], *, now: bool) -> None:
        self._build = build
        self.built: _Client | None = build() if now else None

    def get(self) -> _Client:
        if self.built is None:  # no await in between: one event loop cannot build it twice
            self.built = self._build()
        return self.built


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
            self._pool = _Pool(lambda: _Client(http_client), now=True)
        else:
            self._pool = _Pool(lambda: _new_client(config, transport, max_connections), now=config.verify is not True)
        self._bases: dict[Plane, str] = {}
        self._config_headers = {name.lower(): value for name, value in config.headers.items()}
        self._user_agent = f"agentrun-python/{__version__}" + (
            f" {config.user_agent_suffix}" if config.user_agent_suffix else ""
        )

    @property
    def http(self) -> httpx.AsyncClient:
        return self._pool.get().http

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
        if self._owns_client and self._pool.built is not None:
            await self._pool.built.http.aclose()

    # -- building and signing ------------------------------------------------------------------------------------

    def build_request(self, plane: Plane, method: str, path: str, **fields: Unpack[RequestFields]) -> httpx.Request:
        """The signed first attempt of a request (what `request` sends)."""
        return self._build(RequestOptions.build(self.config, plane, method, path, **fields))

    def _build(self, opts: RequestOptions) -> httpx.Request:
        """A signed request. Called once per attempt, so every retry carries a fresh date and nonce."""
        hdrs: dict[str, str] = {"user-agent": self._user_agent, "accept": "application/json"}
        hdrs.update(self._config_headers)
        if opts.headers:
            hdrs.update((name.lower(), value) for name, value in opts.headers.items())
        content = opts.content
        if opts.json_body is not None:
            content = _encode_json(opts.json_body)
            hdrs["content-type"] = "application/json; charset=utf-8"
        clean_params = {k: _query_value(v) for k, v in (opts.params or {}).items() if v is not None}
        extensions = {"timeout": _httpx_timeout(opts.timeouts).as_dict()}
        pool = self._pool.get()
        if pool.direct is None or opts.files is not None or opts.data is not None:
            return self._build_with_client(pool.http, opts, hdrs, content, clean_params, extensions)
        address = self.base_url(opts.plane) + opts.path
        try:
            url = _url(address, tuple(clean_params.items()))
        except TypeError:  # a list among the parameters: not hashable, not cached
            url = httpx.URL(address, params=clean_params)
        hdrs["accept-encoding"] = _ACCEPT_ENCODING
        if opts.plane is Plane.CONTROL:
            body = content if isinstance(content, bytes) else b""  # a streamed body is signed as empty
            hdrs.update(control_headers(self.config, opts.method, url, hdrs, body, opts.action))
        elif self.config.has_credentials:
            hdrs.update(data_headers(self.config, opts.method, url, hdrs))
        return _request(opts.method, url, content, hdrs, extensions)

    def _build_with_client(
        self,
        client: httpx.AsyncClient,
        opts: RequestOptions,
        hdrs: dict[str, str],
        content: Body | None,
        params: dict[str, Any],
        extensions: dict[str, Any],
    ) -> httpx.Request:
        """Built by the `httpx.AsyncClient` (a user's client, with its own defaults; multipart and form bodies,
        whose content type exists only once built), then signed."""
        request = client.build_request(
            opts.method,
            self.base_url(opts.plane) + opts.path,
            params=params or None,
            content=content,
            files=opts.files,
            data=opts.data,
            headers=hdrs,
            extensions=extensions,
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
            async with _timeout(opts.timeouts.total):  # a fifth of anyio.fail_after's cost; same TimeoutError
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
        return await attempts.send_with_retries(opts, sent, self._build, self._send, stream=stream)

    async def _send(self, request: httpx.Request) -> httpx.Response:
        pool = self._pool.get()
        if pool.direct is None:
            return await pool.http.send(request, stream=True)
        started = time.perf_counter()
        response = await pool.direct.handle_async_request(request)
        response.request = request
        response.elapsed = datetime.timedelta(seconds=time.perf_counter() - started)  # to the headers
        return response

    def build_attempt(self, opts: RequestOptions) -> httpx.Request:
        """The signed request of one attempt of `opts` (the blocking API's own connections send it)."""
        return self._build(opts)

    @property
    def sends_direct(self) -> bool:
        """Whether this core sends through the SDK's own pool, straight to its transport (no user client or
        transport, no proxy in the environment, no unix socket): then the blocking API may use its own connections."""
        return isinstance(self._pool.get().direct, AiohttpTransport)

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
        plane, method, fields = operation_fields(prepared, content, headers, options)
        return await self.request(plane, method, prepared.url, **fields)

    def stream_call(
        self,
        prepared: OperationRequest,
        *,
        options: CallOptions | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> AbstractAsyncContextManager[httpx.Response]:
        """`stream` for one request of a generated operation (see `call`)."""
        plane, method, fields = operation_fields(prepared, None, headers, options)
        return self.stream(plane, method, prepared.url, **fields)


def operation_fields(
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


def _request(
    method: str, url: httpx.URL, content: Body | None, headers: dict[str, str], extensions: dict[str, Any]
) -> httpx.Request:
    """The request as httpx would build it from `content=`, in one pass when the body is bytes or absent: Host and
    Content-Length are set here, so httpx neither encodes the body nor rebuilds the headers (40 -> 16 us a call)."""
    if content is not None and not isinstance(content, bytes):
        return httpx.Request(method, url, content=content, headers=headers, extensions=extensions)
    headers["host"] = url.netloc.decode("ascii")
    if content:
        headers["content-length"] = str(len(content))
    elif method in _LENGTH_EVEN_EMPTY:
        headers["content-length"] = "0"
    request = httpx.Request(
        method, url, headers=headers, stream=httpx.ByteStream(content or b""), extensions=extensions
    )
    request.read()  # as httpx does for bytes: `request.content` is then at hand
    return request


_LENGTH_EVEN_EMPTY = frozenset({"POST", "PUT", "PATCH"})  # httpx sends Content-Length: 0 for these without a body


def _timeout(seconds: float | None) -> AbstractAsyncContextManager[object]:
    import asyncio  # here: `import agentrun` and making a client do not import asyncio (~20 ms)

    return asyncio.timeout(seconds)


@functools.lru_cache(maxsize=512)
def _url(address: str, params: tuple[tuple[str, Any], ...]) -> httpx.URL:
    """Parsed once per address and query: an agent loop calls the same few, and httpx checks every character."""
    return httpx.URL(address, params=params or None)


def _query_value(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    return value
