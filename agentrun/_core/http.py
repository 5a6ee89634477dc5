"""The one HTTP runtime of the SDK: a shared `httpx.AsyncClient`, signing, retries, timeouts and error mapping.

Resource modules never build clients or retry loops of their own; they call `HttpCore.request` / `HttpCore.stream`,
or `HttpCore.call` with a generated operation module.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import AsyncIterable, AsyncIterator, Mapping
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass
from enum import StrEnum
from types import ModuleType
from typing import Any

import anyio
import httpx

from agentrun import errors
from agentrun._config import Config, Timeouts
from agentrun._core import retries, signing
from agentrun._version import __version__

logger = logging.getLogger("agentrun.http")

CONTROL_API_VERSION = "2025-09-10"
_REQUEST_ID_HEADERS = ("x-acs-request-id", "x-agentrun-request-id", "x-request-id", "x-fc-request-id")

Body = bytes | AsyncIterable[bytes]
"""A request body: bytes, or chunks produced while sending (an upload that is never held in memory whole)."""


class Plane(StrEnum):
    CONTROL = "control"
    DATA = "data"


@dataclass(frozen=True, slots=True)
class CallOptions:
    """Per-call overrides. `timeout` is seconds for the whole call (or a full `Timeouts`)."""

    timeout: float | Timeouts | None = None
    max_retries: int | None = None
    headers: Mapping[str, str] | None = None


def _httpx_timeout(t: Timeouts) -> httpx.Timeout:
    return httpx.Timeout(connect=t.connect, read=t.read, write=t.write, pool=t.pool)


def _resolve_timeouts(config: Config, options: CallOptions | None) -> Timeouts:
    if options is None or options.timeout is None:
        return config.timeout
    if isinstance(options.timeout, Timeouts):
        return options.timeout
    t = float(options.timeout)
    return Timeouts(connect=min(config.timeout.connect, t), read=t, write=t, pool=min(config.timeout.pool, t), total=t)


def _encode_json(body: Any) -> bytes:
    """Compact UTF-8 JSON, as the official clients send it; the exact bytes are what ACS3 hashes."""
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()


def request_id_of(response: httpx.Response, body: Any = None) -> str | None:
    if isinstance(body, dict):
        for key in ("requestId", "RequestId", "request_id"):
            if isinstance(body.get(key), str):
                return str(body[key])
    for name in _REQUEST_ID_HEADERS:
        if name in response.headers:
            return response.headers[name]
    return None


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
    exc = cls(message, status_code=response.status_code, code=code, body=body, request_id=request_id_of(response, body))
    if isinstance(exc, errors.RateLimitError):
        exc.retry_after = retries.retry_after_seconds(response)
    return exc


def transport_error(exc: httpx.TransportError, request: httpx.Request, timeouts: Timeouts) -> errors.APIError:
    target = f"{request.method} {request.url.copy_with(query=None)}"
    if isinstance(exc, httpx.ConnectTimeout):
        return errors.APITimeoutError(
            f"connecting for {target} took longer than {timeouts.connect}s; raise Timeouts(connect=...) "
            "or check that the endpoint is reachable",
            timeout="connect",
        )
    if isinstance(exc, httpx.ReadTimeout):
        return errors.APITimeoutError(
            f"no data for {timeouts.read}s while reading {target}; raise Timeouts(read=...) or pass timeout=",
            timeout="read",
        )
    if isinstance(exc, httpx.WriteTimeout):
        return errors.APITimeoutError(
            f"sending {target} took longer than {timeouts.write}s; raise Timeouts(write=...)", timeout="write"
        )
    if isinstance(exc, httpx.PoolTimeout):
        return errors.APITimeoutError(
            f"no free connection within {timeouts.pool}s for {target}; too many calls at once share this client "
            "(raise Timeouts(pool=...) or the connection limit)",
            timeout="pool",
        )
    if isinstance(exc, httpx.ConnectError):
        return errors.APIConnectionError(f"cannot connect for {target}: {exc}; check the endpoint and network")
    return errors.APIConnectionError(f"connection failed during {target}: {exc!r}")


def sign_data_request(config: Config, request: httpx.Request) -> None:
    """Sign a data-plane request with AGENTRUN4-HMAC-SHA256 (sets x-acs-date, x-acs-content-sha256 and
    Agentrun-Authorization). Also used by clients the SDK configures for others (`client.models.openai()`)."""
    key_id, secret = config.require_credentials()
    stamp = signing.acs_date()
    request.headers["x-acs-date"] = stamp
    request.headers["x-acs-content-sha256"] = signing.UNSIGNED_PAYLOAD
    if config.security_token:
        request.headers["x-acs-security-token"] = config.security_token
    request.headers["agentrun-authorization"] = signing.agentrun4_authorization(
        method=request.method,
        raw_path=request.url.raw_path.split(b"?", 1)[0].decode(),
        raw_query=request.url.query.decode(),
        headers=dict(request.headers),
        access_key_id=key_id,
        access_key_secret=secret,
        region=config.region,
        date=stamp[:10].replace("-", ""),
    )


class HttpCore:
    """Owns the shared `httpx.AsyncClient` of one SDK client and sends every request through it."""

    def __init__(
        self,
        config: Config,
        *,
        http_client: httpx.AsyncClient | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        max_connections: int = 100,
    ) -> None:
        self.config = config
        self._owns_client = http_client is None
        self._http = http_client or httpx.AsyncClient(
            timeout=_httpx_timeout(config.timeout),
            limits=httpx.Limits(max_connections=max_connections, max_keepalive_connections=max_connections // 4),
            transport=transport,
            verify=config.verify,
            follow_redirects=False,
        )
        self._bases: dict[Plane, str] = {}
        self._user_agent = f"agentrun-python/{__version__}" + (
            f" {config.user_agent_suffix}" if config.user_agent_suffix else ""
        )

    @property
    def http(self) -> httpx.AsyncClient:
        return self._http

    def base_url(self, plane: Plane) -> str:
        if plane not in self._bases:
            url = self.config.control_base_url() if plane is Plane.CONTROL else self.config.data_base_url()
            self._bases[plane] = url.rstrip("/")
        return self._bases[plane]

    async def aclose(self) -> None:
        if self._owns_client:
            await self._http.aclose()

    # -- building and signing ------------------------------------------------------------------------------------

    def build_request(
        self,
        plane: Plane,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json_body: Any = None,
        content: Body | None = None,
        files: Any = None,
        data: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        action: str | None = None,
        timeouts: Timeouts | None = None,
    ) -> httpx.Request:
        """A signed request. Called once per attempt, so every retry carries a fresh date and nonce."""
        hdrs: dict[str, str] = {"user-agent": self._user_agent, "accept": "application/json"}
        hdrs.update(self.config.headers)
        if headers:
            hdrs.update(headers)
        if json_body is not None:
            content = _encode_json(json_body)
            hdrs["content-type"] = "application/json; charset=utf-8"
        clean_params = {k: _query_value(v) for k, v in (params or {}).items() if v is not None}
        extensions = {"timeout": _httpx_timeout(timeouts).as_dict()} if timeouts else None
        request = self._http.build_request(
            method,
            self.base_url(plane) + path,
            params=clean_params or None,
            content=content,
            files=files,
            data=data,
            headers=hdrs,
            extensions=extensions,
        )
        if plane is Plane.CONTROL:
            # httpx has already read in-memory bodies (JSON, bytes, `data=` forms): hash exactly those bytes.
            body = request.content if isinstance(request.stream, httpx.ByteStream) else b""
            self._sign_control(request, body, action)
        elif self.config.has_credentials:
            sign_data_request(self.config, request)
        return request

    def _sign_control(self, request: httpx.Request, body: bytes, action: str | None) -> None:
        key_id, secret = self.config.require_credentials()
        payload_hash = signing.sha256_hex(body)
        signed: dict[str, str] = {
            "host": request.headers["host"],
            "x-acs-version": CONTROL_API_VERSION,
            "x-acs-date": signing.acs_date(),
            "x-acs-signature-nonce": signing.new_nonce(),
            "x-acs-content-sha256": payload_hash,
        }
        if action:
            signed["x-acs-action"] = action
        if self.config.security_token:
            signed["x-acs-security-token"] = self.config.security_token
            signed["x-acs-accesskey-id"] = key_id
        for name in ("user-agent", "accept", "content-type"):
            if name in request.headers:
                signed[name] = request.headers[name]
        for name, value in request.headers.items():
            if name.startswith("x-acs-") and name not in signed:
                signed[name] = value
        request.headers.update(signed)
        request.headers["authorization"] = signing.acs3_authorization(
            method=request.method,
            raw_path=request.url.raw_path.split(b"?", 1)[0].decode(),
            query=signing.parse_query(request.url.query.decode()),
            headers=signed,
            payload_hash=payload_hash,
            access_key_id=key_id,
            access_key_secret=secret,
        )

    # -- sending -------------------------------------------------------------------------------------------------

    async def request(
        self,
        plane: Plane,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json_body: Any = None,
        content: Body | None = None,
        files: Any = None,
        data: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        action: str | None = None,
        idempotent: bool | None = None,
        options: CallOptions | None = None,
    ) -> httpx.Response:
        """Send a request and read the whole answer. Retries what is safe to retry; raises a typed error for an HTTP
        error status, a transport failure or a timeout."""
        timeouts = _resolve_timeouts(self.config, options)
        try:
            with anyio.fail_after(timeouts.total):
                response = await self._send_with_retries(
                    plane, method, path, params=params, json_body=json_body, content=content, files=files, data=data,
                    headers=_merge(options, headers), action=action, idempotent=idempotent, options=options,
                    timeouts=timeouts, stream=False,
                )  # fmt: skip
        except TimeoutError:
            raise errors.APITimeoutError(
                f"{method} {path} did not finish within {timeouts.total}s (retries included); "
                "pass timeout= or raise Timeouts(total=...)",
                timeout="total",
            ) from None
        return response

    @asynccontextmanager
    async def stream(
        self,
        plane: Plane,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json_body: Any = None,
        content: Body | None = None,
        files: Any = None,
        headers: Mapping[str, str] | None = None,
        action: str | None = None,
        idempotent: bool | None = None,
        options: CallOptions | None = None,
    ) -> AsyncIterator[httpx.Response]:
        """Open a streaming answer. Retries happen only until the response headers arrive; the response is closed
        when the block exits, cancellation included. `read` is the idle limit between chunks."""
        timeouts = _resolve_timeouts(self.config, options)
        response = await self._send_with_retries(
            plane, method, path, params=params, json_body=json_body, content=content, files=files, data=None,
            headers=_merge(options, headers), action=action, idempotent=idempotent, options=options,
            timeouts=timeouts, stream=True,
        )  # fmt: skip
        try:
            yield response
        finally:
            await response.aclose()

    async def _send_with_retries(
        self,
        plane: Plane,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None,
        json_body: Any,
        content: Body | None,
        files: Any,
        data: Mapping[str, Any] | None,
        headers: Mapping[str, str] | None,
        action: str | None,
        idempotent: bool | None,
        options: CallOptions | None,
        timeouts: Timeouts,
        stream: bool,
    ) -> httpx.Response:
        max_retries = self.config.max_retries if options is None or options.max_retries is None else options.max_retries
        if files is not None or not (content is None or isinstance(content, bytes)):
            max_retries = 0  # a multipart or streamed body may be a one-shot stream: never replay it
        safe = retries.is_idempotent(method) if idempotent is None else idempotent
        attempt = 0
        while True:
            request = self.build_request(
                plane, method, path, params=params, json_body=json_body, content=content, files=files, data=data,
                headers=headers, action=action, timeouts=timeouts,
            )  # fmt: skip
            started = time.perf_counter()
            try:
                response = await self._http.send(request, stream=True)
            except httpx.TransportError as exc:
                if attempt < max_retries and retries.should_retry_exception(exc, safe):
                    delay = retries.backoff_seconds(attempt)
                    logger.debug("%s %s failed (%r); retry %d in %.2fs", method, path, exc, attempt + 1, delay)
                    attempt += 1
                    await anyio.sleep(delay)
                    continue
                raise transport_error(exc, request, timeouts) from exc
            elapsed_ms = (time.perf_counter() - started) * 1e3
            logger.debug("%s %s -> %d in %.1f ms", method, request.url, response.status_code, elapsed_ms)
            if response.status_code < 400:
                if not stream:
                    await _read_body(response, request, timeouts)
                return response
            await _read_body(response, request, timeouts)
            if attempt < max_retries and retries.should_retry_status(response.status_code, safe):
                delay = retries.backoff_seconds(attempt, retries.retry_after_seconds(response))
                logger.debug("%s %s got %d; retry %d in %.2fs", method, path, response.status_code, attempt + 1, delay)
                attempt += 1
                await anyio.sleep(delay)
                continue
            raise status_error(response)

    async def call(
        self,
        plane: Plane,
        operation: ModuleType,
        *,
        action: str | None = None,
        idempotent: bool | None = None,
        headers: Mapping[str, str] | None = None,
        options: CallOptions | None = None,
        **arguments: Any,
    ) -> httpx.Response:
        """Send a generated operation: its `_get_kwargs` builds method, URL, query and body from typed arguments."""
        method, url, kwargs = _operation_request(operation, headers, arguments)
        return await self.request(plane, method, url, action=action, idempotent=idempotent, options=options, **kwargs)

    def stream_call(
        self,
        plane: Plane,
        operation: ModuleType,
        *,
        idempotent: bool | None = None,
        headers: Mapping[str, str] | None = None,
        options: CallOptions | None = None,
        **arguments: Any,
    ) -> AbstractAsyncContextManager[httpx.Response]:
        """`stream` for a generated operation (see `call`)."""
        method, url, kwargs = _operation_request(operation, headers, arguments)
        kwargs.pop("data", None)
        return self.stream(plane, method, url, idempotent=idempotent, options=options, **kwargs)


def _operation_request(
    operation: ModuleType, headers: Mapping[str, str] | None, arguments: dict[str, Any]
) -> tuple[str, str, dict[str, Any]]:
    """Method, URL and the `request` keyword arguments of a generated operation called with `arguments`."""
    kwargs: dict[str, Any] = operation._get_kwargs(**arguments)
    merged = dict(kwargs.get("headers") or {})
    json_body = kwargs.get("json")
    if json_body is not None:
        merged.pop("Content-Type", None)  # `request` sets it with the charset
    merged.update(headers or {})
    return (
        kwargs["method"].upper(),
        kwargs["url"],
        {
            "params": kwargs.get("params"),
            "json_body": json_body,
            "content": kwargs.get("content"),
            "files": kwargs.get("files"),
            "data": kwargs.get("data"),
            "headers": merged,
        },
    )


def _merge(options: CallOptions | None, headers: Mapping[str, str] | None) -> Mapping[str, str] | None:
    if options is None or not options.headers:
        return headers
    return {**(headers or {}), **options.headers}


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


def json_of(response: httpx.Response) -> Any:
    """The parsed JSON body, or APIResponseError saying what arrived instead."""
    try:
        return response.json()
    except ValueError:
        raise errors.APIResponseError(
            f"expected JSON from {response.request.method} {response.request.url.path}, got "
            f"{response.headers.get('content-type', 'no content type')}: {response.text[:200]!r}",
            status_code=response.status_code,
            body=response.text,
            request_id=request_id_of(response),
        ) from None


def envelope_data(response: httpx.Response) -> Any:
    """`data` of an AgentRun `{code, requestId, data}` envelope. A body whose code is not SUCCESS is an error even
    with HTTP 200, as the service defines it."""
    body = json_of(response)
    if not isinstance(body, dict):
        raise errors.APIResponseError(
            f"expected a JSON object from {response.request.url.path}, got {type(body).__name__}",
            status_code=response.status_code,
            body=body,
            request_id=request_id_of(response),
        )
    code = body.get("code")
    if code is not None and code != "SUCCESS":
        raise errors.APIResponseError(
            f"{response.request.url.path} answered code {code!r}: {body.get('message', '')}",
            status_code=response.status_code,
            body=body,
            request_id=request_id_of(response, body),
        )
    return body.get("data")
