"""Calls to OpenAI-compatible upstreams through one shared aiohttp `ClientSession`, owned by the gateway and closed
with the server (aiohttp costs the gateway about two thirds of the CPU per call that httpx's async client did:
bench/models.py). OpenAPI tool calls (agentrun/local/tools/call.py) share the session; remote MCP relays share
`UpstreamClient.client`, an httpx client, closed with it.

The gateway sends only what the upstream needs: the JSON body (with the backend's model name), `Authorization:
Bearer <the backend's key>` when it has one, and nothing of the caller's headers (their API key or signature stays
here). A response is classified before anything reaches the caller: a connection failure, a timeout, a 5xx, a 429
(or 408, 409, 425: try again elsewhere), or a 401/403 (the upstream rejected the gateway's key) is a failed attempt,
and the next backend is tried; any other 4xx is the caller's mistake and is passed on (keys scrubbed). A stream
counts as answered once its first whole event has arrived: an upstream that fails before that is also a failed
attempt. A stream that breaks later raises `StreamBroken` from its events.
"""

from __future__ import annotations

import json
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit
from urllib.request import getproxies_environment, proxy_bypass_environment  # type: ignore[attr-defined]

import aiohttp
import httpx
from yarl import URL

from agentrun._version import __version__
from agentrun.local.models import sse
from agentrun.local.models.coalesce import coalesce_sends
from agentrun.local.models.targets import Backend

_ERROR_BODY_LIMIT = 64 * 1024
_RETRYABLE = frozenset({401, 403, 408, 409, 425, 429})  # and every 5xx
_URL_CACHE_SIZE = 1024
HEAD_LIMIT = 16 * 1024  # bytes of one response header line aiohttp reads (its own default is 8 KiB)


class AttemptFailed(Exception):
    """A backend failed before it answered: the next one may be tried."""

    def __init__(self, reason: str, *, timed_out: bool = False) -> None:
        self.reason = reason
        self.timed_out = timed_out
        super().__init__(reason)


class StreamBroken(Exception):
    """An answered stream failed while being read: its connection broke, or it went silent past the timeout."""

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
    json: Any = None  # the content parsed, for a successful answer (it is checked to be JSON anyway): parsed once


@dataclass
class Streaming:
    """An answered stream: `events` starts with the first event; `close` ends the upstream response."""

    events: AsyncGenerator[sse.Event]
    close: Callable[[], Awaitable[None]]


def _described(exc: BaseException, otherwise: str) -> str:
    return f"{type(exc).__name__}: {exc or otherwise}"


def _reason(status: int, body: bytes, secrets: tuple[str, ...]) -> str:
    """What a failed upstream said, short and without the keys."""
    text = sse.scrub(body[:500], secrets).decode("utf-8", "replace").strip()
    try:
        error = json.loads(text).get("error")
        text = str(error.get("message") if isinstance(error, dict) else error or text)
    except (ValueError, AttributeError):
        pass
    if status in (401, 403):
        return f"HTTP {status}: it rejected the API key the gateway sent ({text or 'no message'})"
    return f"HTTP {status}" + (f": {text}" if text else "")


async def _first_event(events: AsyncGenerator[sse.Event]) -> sse.Event:
    async for event in events:
        return event
    raise AttemptFailed("it ended the stream before sending any event")


def _proxy(url: str) -> str | None:
    """The proxy HTTP(S)_PROXY / ALL_PROXY / NO_PROXY name for `url`, as for any other client on this machine."""
    proxies = getproxies_environment()
    parts = urlsplit(url)
    proxy = proxies.get(parts.scheme) or proxies.get("all")
    if not proxy or proxy_bypass_environment(parts.hostname or "", proxies):
        return None
    return proxy if "://" in proxy else f"http://{proxy}"


def encode_body(payload: dict[str, Any]) -> bytes:
    # Compact, as httpx's json= wrote it; NaN cannot get here (the gateway's JSON parser refuses it).
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()


async def _bytes(response: aiohttp.ClientResponse, timeout: float) -> AsyncIterator[bytes]:
    """The body as it arrives; a broken connection or a silence past `timeout` raises StreamBroken."""
    try:
        async for chunk in response.content.iter_any():
            yield chunk
    except TimeoutError:
        raise StreamBroken(f"silent for {timeout:g} s", timed_out=True) from None
    except aiohttp.ClientError as exc:
        raise StreamBroken(_described(exc, "connection lost")) from None


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


class UpstreamClient:
    """The gateway's HTTP clients for every upstream, each created on first use (inside the server's event loop):
    an aiohttp session for model calls, an httpx client for tool calls."""

    def __init__(self, *, max_connections: int = 256, max_keepalive: int = 32) -> None:
        self._max_connections = max_connections
        self._limits = httpx.Limits(max_connections=max_connections, max_keepalive_connections=max_keepalive)
        self._client: httpx.AsyncClient | None = None
        self._session: aiohttp.ClientSession | None = None
        self._urls: dict[tuple[str, str], tuple[URL, str | None]] = {}  # parsed once, with the proxy for it
        self._timeouts: dict[float, aiohttp.ClientTimeout] = {}

    def _url(self, base_url: str, path: str) -> tuple[URL, str | None]:
        known = self._urls.get((base_url, path))
        if known is None:
            if len(self._urls) >= _URL_CACHE_SIZE:
                self._urls.clear()
            text = base_url.rstrip("/") + "/" + path
            known = self._urls[base_url, path] = (URL(text), _proxy(text))
        return known

    def proxy_for(self, base_url: str) -> str | None:
        """The proxy for requests under `base_url` (found once per base URL; it depends on the scheme and host only)."""
        return self._url(base_url, "")[1]

    def timeout(self, seconds: float) -> aiohttp.ClientTimeout:
        # As httpx.Timeout(seconds) was: connecting (pool wait included) and each read; no limit on the whole call,
        # so a stream may last as long as it keeps talking.
        timeout = self._timeouts.get(seconds)
        if timeout is None:
            if len(self._timeouts) >= _URL_CACHE_SIZE:
                self._timeouts.clear()
            timeout = self._timeouts[seconds] = aiohttp.ClientTimeout(
                total=None, connect=seconds, sock_connect=seconds, sock_read=seconds
            )
        return timeout

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

    @property
    def session(self) -> aiohttp.ClientSession:
        if self._session is None:
            # httpx's TLS context: certifi's CAs, or SSL_CERT_FILE / SSL_CERT_DIR, as the httpx client has.
            connector = aiohttp.TCPConnector(limit=self._max_connections, ssl=httpx.create_ssl_context())
            self._session = aiohttp.ClientSession(
                connector=connector,
                cookie_jar=aiohttp.DummyCookieJar(),  # an upstream's cookies never ride along on other callers' calls
                headers={"user-agent": f"agentrun-local/{__version__}"},
                trust_env=False,  # proxies from the environment are chosen per URL (_proxy); no ~/.netrc
                auto_decompress=True,
                # Response heads as large as httpx (h11) took, not aiohttp's 8 KiB per line: providers send long
                # headers (policies, trace ids, cookies).
                max_line_size=HEAD_LIMIT,
                max_field_size=HEAD_LIMIT,
            )
        return self._session

    async def aclose(self) -> None:
        session, self._session = self._session, None
        client, self._client = self._client, None
        try:
            if session is not None:
                await session.close()
        finally:
            if client is not None:
                await client.aclose()

    async def call(
        self,
        backend: Backend,
        method: str,
        path: str,
        data: bytes | None,
        *,
        stream: bool,
        timeout: float,
        secrets: tuple[str, ...],
    ) -> Answered | Streaming:
        """One attempt with the JSON body `data`; raises AttemptFailed when the next backend should be tried."""
        assert backend.base_url is not None
        headers = {
            "accept": "text/event-stream" if stream else "application/json",
            "accept-encoding": "identity",  # events are cut from the raw bytes
        }
        if backend.api_key:
            headers["authorization"] = f"Bearer {backend.api_key}"
        if data is not None:
            headers["content-type"] = "application/json"
        try:
            url, proxy = self._url(backend.base_url, path)
        except ValueError as exc:
            raise AttemptFailed(f"its base URL is not usable: {sse.scrub_text(str(exc), secrets)}") from None
        try:
            response = await self.session.request(
                method,
                url,
                data=data,
                headers=headers,
                proxy=proxy,
                timeout=self.timeout(timeout),
                allow_redirects=False,
            )
        except (aiohttp.InvalidURL, aiohttp.NonHttpUrlClientError) as exc:  # no host, or a scheme not http(s)
            raise AttemptFailed(f"its base URL is not usable: {sse.scrub_text(str(exc), secrets)}") from None
        except TimeoutError:
            raise AttemptFailed(f"no answer within {timeout:g} s (requestTimeout)", timed_out=True) from None
        except aiohttp.ClientError as exc:
            reason = sse.scrub_text(_described(exc, "connection failed"), secrets)
            raise AttemptFailed(f"cannot reach it ({reason})") from None
        except ValueError as exc:  # a header value it refuses to send (a key with a line break, say)
            reason = sse.scrub_text(_described(exc, "invalid request"), secrets)
            raise AttemptFailed(f"the request to it cannot be sent ({reason})") from None
        try:
            return await self._classify(response, stream=stream, timeout=timeout, secrets=secrets)
        except BaseException:
            response.close()
            raise

    async def _classify(
        self, response: aiohttp.ClientResponse, *, stream: bool, timeout: float, secrets: tuple[str, ...]
    ) -> Answered | Streaming:
        status = response.status
        content_type = response.headers.get("content-type", "")
        try:
            if status >= 500 or status in _RETRYABLE:
                body = await _read_limited(response)
                raise AttemptFailed(_reason(status, body, secrets))
            if stream and status < 300 and content_type.startswith("text/event-stream"):
                events = sse.events(_bytes(response, timeout), secrets)
                try:
                    first = await _first_event(events)
                except StreamBroken as broken:
                    await events.aclose()
                    raise AttemptFailed(
                        f"it went silent for {timeout:g} s (requestTimeout)"
                        if broken.timed_out
                        else f"it failed while answering ({broken.reason})",
                        timed_out=broken.timed_out,
                    ) from None
                return Streaming(_chain(first, events), _releaser(response))
            body = sse.scrub(await response.read(), secrets)
        except TimeoutError:
            raise AttemptFailed(f"it went silent for {timeout:g} s (requestTimeout)", timed_out=True) from None
        except aiohttp.ClientError as exc:
            reason = sse.scrub_text(_described(exc, "connection lost"), secrets)
            raise AttemptFailed(f"it failed while answering ({reason})") from None
        response.release()
        parsed = None
        if status < 300:
            try:
                parsed = json.loads(body)
            except (ValueError, RecursionError):  # RecursionError: nested too deeply to be a model's answer
                raise AttemptFailed(f"it answered HTTP {status} with a body that is not JSON") from None
        return Answered(status, body, content_type or "application/json", parsed)


def _releaser(response: aiohttp.ClientResponse) -> Callable[[], Awaitable[None]]:
    async def release() -> None:
        # Back to the pool when read to its end; otherwise aiohttp closes the connection.
        response.release()

    return release


async def _read_limited(response: aiohttp.ClientResponse) -> bytes:
    body = b""
    async for chunk in response.content.iter_any():
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
