"""Calls to OpenAI-compatible upstreams through one shared `httpx.AsyncClient`, owned by the gateway and closed with
the server.

The gateway sends only what the upstream needs: the JSON body (with the backend's model name), `Authorization:
Bearer <the backend's key>` when it has one, and nothing of the caller's headers (their API key or signature stays
here). A response is classified before anything reaches the caller: a connection failure, a timeout, a 5xx, a 429
(or 408, 409, 425: try again elsewhere), or a 401/403 (the upstream rejected the gateway's key) is a failed attempt,
and the next backend is tried; any other 4xx is the caller's mistake and is passed on (keys scrubbed). A stream
counts as answered once its first whole event has arrived: an upstream that fails before that is also a failed
attempt.
"""

from __future__ import annotations

import json
from collections.abc import AsyncGenerator, Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import httpx

from agentrun._version import __version__
from agentrun.local.models import sse
from agentrun.local.models.coalesce import coalesce_sends
from agentrun.local.models.targets import Backend

_ERROR_BODY_LIMIT = 64 * 1024
_RETRYABLE = frozenset({401, 403, 408, 409, 425, 429})  # and every 5xx


class AttemptFailed(Exception):
    """A backend failed before it answered: the next one may be tried."""

    def __init__(self, reason: str, *, timed_out: bool = False) -> None:
        self.reason = reason
        self.timed_out = timed_out
        super().__init__(reason)


@dataclass
class Answered:
    """A complete answer (JSON, or an error the caller must see), read to the end and closed."""

    status: int
    content: bytes
    content_type: str


@dataclass
class Streaming:
    """An answered stream: `events` starts with the first event; `close` ends the upstream response."""

    events: AsyncGenerator[sse.Event]
    close: Callable[[], Awaitable[None]]


def _reason(response: httpx.Response, body: bytes, secrets: tuple[str, ...]) -> str:
    """What a failed upstream said, short and without the keys."""
    text = sse.scrub(body[:500], secrets).decode("utf-8", "replace").strip()
    try:
        error = json.loads(text).get("error")
        text = str(error.get("message") if isinstance(error, dict) else error or text)
    except (ValueError, AttributeError):
        pass
    if response.status_code in (401, 403):
        return f"HTTP {response.status_code}: it rejected the API key the gateway sent ({text or 'no message'})"
    return f"HTTP {response.status_code}" + (f": {text}" if text else "")


async def _first_event(events: AsyncGenerator[sse.Event]) -> sse.Event:
    async for event in events:
        return event
    raise AttemptFailed("it ended the stream before sending any event")


class _NoCookies(httpx.Cookies):
    """A cookie jar that keeps nothing: a cookie one upstream answer sets must not ride along on other callers'
    requests (and skipping the jar saves its per-answer parsing)."""

    def extract_cookies(self, response: httpx.Response) -> None:
        return None


class _GatewayHTTP(httpx.AsyncClient):
    """httpx's client without a cookie jar."""

    @property
    def cookies(self) -> httpx.Cookies:
        return _NO_COOKIES

    @cookies.setter
    def cookies(self, cookies: Any) -> None:
        return None  # the gateway sets none


_NO_COOKIES = _NoCookies()
_URL_CACHE_SIZE = 1024


class UpstreamClient:
    """The gateway's one HTTP client for every upstream, created on first use."""

    def __init__(self, *, max_connections: int = 256, max_keepalive: int = 32) -> None:
        self._limits = httpx.Limits(max_connections=max_connections, max_keepalive_connections=max_keepalive)
        self._client: httpx.AsyncClient | None = None
        self._urls: dict[tuple[str, str], httpx.URL] = {}  # parsed once: httpx's URL parsing is per-character Python

    def _url(self, base_url: str, path: str) -> httpx.URL:
        url = self._urls.get((base_url, path))
        if url is None:
            if len(self._urls) >= _URL_CACHE_SIZE:
                self._urls.clear()
            url = self._urls[base_url, path] = httpx.URL(base_url.rstrip("/") + "/" + path)
        return url

    @property
    def client(self) -> httpx.AsyncClient:
        if self._client is None:
            # trust_env: HTTP(S)_PROXY and SSL_CERT_FILE apply to upstreams as to any other client on this machine.
            self._client = _GatewayHTTP(
                limits=self._limits,
                timeout=None,
                follow_redirects=False,
                headers={"user-agent": f"agentrun-local/{__version__}"},
            )
            coalesce_sends(self._client)
        return self._client

    async def aclose(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            await client.aclose()

    async def call(
        self,
        backend: Backend,
        method: str,
        path: str,
        payload: dict[str, Any] | None,
        *,
        stream: bool,
        timeout: float,
        secrets: tuple[str, ...],
    ) -> Answered | Streaming:
        """One attempt; raises AttemptFailed when the next backend should be tried."""
        assert backend.base_url is not None
        headers = {
            "accept": "text/event-stream" if stream else "application/json",
            "accept-encoding": "identity",  # events are cut from the raw bytes
        }
        if backend.api_key:
            headers["authorization"] = f"Bearer {backend.api_key}"
        try:
            request = self.client.build_request(
                method, self._url(backend.base_url, path), json=payload, headers=headers, timeout=httpx.Timeout(timeout)
            )
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
            raise AttemptFailed(f"its base URL is not usable: {exc}") from None
        try:
            response = await self.client.send(request, stream=True)
        except httpx.TimeoutException:
            raise AttemptFailed(f"no answer within {timeout:g} s (requestTimeout)", timed_out=True) from None
        except httpx.HTTPError as exc:
            raise AttemptFailed(f"cannot reach it ({type(exc).__name__}: {exc or 'connection failed'})") from None
        try:
            return await self._classify(response, stream=stream, timeout=timeout, secrets=secrets)
        except BaseException:
            await response.aclose()
            raise

    async def _classify(
        self, response: httpx.Response, *, stream: bool, timeout: float, secrets: tuple[str, ...]
    ) -> Answered | Streaming:
        content_type = response.headers.get("content-type", "")
        try:
            if response.status_code >= 500 or response.status_code in _RETRYABLE:
                body = await _read_limited(response)
                raise AttemptFailed(_reason(response, body, secrets))
            if stream and response.status_code < 300 and content_type.startswith("text/event-stream"):
                events = sse.events(response.aiter_bytes(), secrets)
                first = await _first_event(events)
                return Streaming(_chain(first, events), response.aclose)
            body = sse.scrub(await response.aread(), secrets)
        except httpx.TimeoutException:
            raise AttemptFailed(f"it went silent for {timeout:g} s (requestTimeout)", timed_out=True) from None
        except httpx.HTTPError as exc:
            reason = f"it failed while answering ({type(exc).__name__}: {exc or 'connection lost'})"
            raise AttemptFailed(reason) from None
        await response.aclose()
        if response.status_code < 300:
            try:
                json.loads(body)
            except ValueError:
                raise AttemptFailed(f"it answered HTTP {response.status_code} with a body that is not JSON") from None
        return Answered(response.status_code, body, content_type or "application/json")


async def _read_limited(response: httpx.Response) -> bytes:
    body = b""
    async for chunk in response.aiter_bytes():
        body += chunk
        if len(body) >= _ERROR_BODY_LIMIT:
            break
    return body


async def _chain(first: sse.Event, rest: AsyncGenerator[sse.Event]) -> AsyncGenerator[sse.Event]:
    try:
        yield first
        async for event in rest:
            yield event
    finally:
        await rest.aclose()
