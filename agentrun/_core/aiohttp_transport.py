"""The SDK's default connection pool: an `httpx.AsyncBaseTransport` that sends through aiohttp.

httpx stays the SDK's request and response model (signing, retries, errors and streams all use it); only the wire
below it changes. httpcore's asyncio path costs about three times aiohttp's CPU per call (bench/transports.py), and
per-call CPU is what an agent loop of many small calls waits on. openai-python offers the same combination
(`DefaultAioHttpClient`).

What httpx's own transport did is kept:
- timeouts per request from httpx's `timeout` extension: `connect` for the TCP and TLS handshake, `pool` added for
  the wait for a free connection, `read` between chunks; the answer is not decoded here (httpx does it);
- failures raised as httpx's exceptions (`ConnectError`, `ConnectTimeout`, `ReadTimeout`, `RemoteProtocolError`...),
  so the retry rules (a request that never left may always be sent again) and the typed errors are unchanged;
- the URL is sent exactly as httpx built it, so the signed canonical query is the one on the wire;
- the pool belongs to the event loop that made it: a client used from another loop (a second `asyncio.run`) gets a
  new pool there instead of touching sockets of a loop that is gone.
"""

from __future__ import annotations

import contextlib
import functools
import ssl
import weakref
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NoReturn

import httpx

if TYPE_CHECKING:
    import asyncio

    import aiohttp
    import yarl

READ_WHOLE = "agentrun.read_whole"
"""A request extension: the caller reads the whole answer at once, so the transport reads it before handing over."""
KEEPALIVE_SECONDS = 4.0  # below the 5 s idle close of common servers (uvicorn's default), so a reused socket is open


class AiohttpTransport(httpx.AsyncBaseTransport):
    """Sends httpx requests through one `aiohttp.ClientSession` per event loop (HTTP/1.1, keep-alive). Several
    loops can use one transport (a client used by two `asyncio.run`s, or from the blocking API's loop thread and a
    user's own loop): each has its own connections, since a socket belongs to the loop that opened it."""

    def __init__(self, *, verify: ssl.SSLContext | str | bool = True, max_connections: int = 100) -> None:
        self._verify = verify
        self._max_connections = max_connections
        # A CA file that cannot be read fails where the client is made; the default bundle is read on first use.
        self._ssl: ssl.SSLContext | bool | None = None if verify is True else _ssl_context(verify)
        self._imported = False
        self._sessions: dict[asyncio.AbstractEventLoop, _LoopSession] = {}

    async def _session_here(self) -> aiohttp.ClientSession:
        import asyncio  # here, not at import: a client that never sends does not need it

        loop = asyncio.get_running_loop()
        held = self._sessions.get(loop)
        if held is not None and not held.session.closed:
            return held.session
        if not self._imported:  # importing aiohttp (~40 ms) and reading the CA bundle block: not on the loop
            self._ssl = await asyncio.to_thread(self._prepare)
            self._imported = True
        held = self._sessions.get(loop)
        if held is None or held.session.closed:
            for gone in [other for other in self._sessions if other.is_closed()]:  # a finished asyncio.run
                self._sessions.pop(gone).finalizer()
            session = self._new_session()
            # A client dropped unclosed still closes its sockets (and aiohttp has nothing to warn about).
            held = _LoopSession(session, weakref.finalize(self, _abandon, session, loop))
            self._sessions[loop] = held
        return held.session

    async def aclose_here(self) -> None:
        """Close the connections of the running loop only (those of other loops stay usable there)."""
        import asyncio

        held = self._sessions.pop(asyncio.get_running_loop(), None)
        if held is not None:
            held.finalizer.detach()
            await held.session.close()

    def _prepare(self) -> ssl.SSLContext | bool:
        import aiohttp  # noqa: F401  (in a worker thread, so the loop never waits on the import)

        return _ssl_context(self._verify) if self._ssl is None else self._ssl

    def _new_session(self) -> aiohttp.ClientSession:
        import aiohttp

        context = True if self._ssl is None else self._ssl

        connector = aiohttp.TCPConnector(ssl=context, limit=self._max_connections, limit_per_host=0,
                                         keepalive_timeout=KEEPALIVE_SECONDS)  # fmt: skip
        return aiohttp.ClientSession(
            connector=connector,
            auto_decompress=False,  # httpx decodes `content-encoding` itself
            cookie_jar=aiohttp.DummyCookieJar(),  # httpx's client keeps the cookies, if any
            skip_auto_headers=("Content-Type",),  # httpx set the headers it meant to send
            trust_env=False,  # proxies are httpx's mounts
            timeout=aiohttp.ClientTimeout(total=None),
        )

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        session = await self._session_here()
        timeout = request.extensions.get("timeout", {})
        try:
            body: Any = request.content
        except httpx.RequestNotRead:
            body = _chunks_of(request.stream)
        # aiohttp frames a streamed body itself (chunked unless httpx gave a length), and refuses a preset header
        headers = [(name, value) for name, value in request.headers.multi_items() if name != "transfer-encoding"]
        try:
            response = await session.request(
                request.method,
                _yarl_url(str(request.url)),
                headers=headers,
                data=body or None,
                allow_redirects=False,
                compress=None,
                timeout=_timeout(timeout.get("connect"), timeout.get("pool"), timeout.get("read")),
            )
        except Exception as exc:
            _raise_as_httpx(exc, request)
        if request.extensions.get(READ_WHOLE):
            try:
                answer = await response.read()  # one buffer, no chunk iteration: the common small JSON answer
            except BaseException as exc:
                response.close()  # cancelled or broken midway: the connection must not go back to the pool
                if isinstance(exc, Exception):
                    _raise_as_httpx(exc, request)
                raise
        extensions = {"http_version": b"HTTP/1.1", "reason_phrase": (response.reason or "").encode()}
        if request.extensions.get(READ_WHOLE):
            response.release()
            return httpx.Response(response.status, headers=response.raw_headers, content=answer, extensions=extensions)
        stream = _AnswerStream(response, request)
        return httpx.Response(response.status, headers=response.raw_headers, stream=stream, extensions=extensions)

    async def aclose(self) -> None:
        """Close this loop's connections, and hand those of other loops to their loops to close."""
        await self.aclose_here()
        sessions, self._sessions = self._sessions, {}
        for held in sessions.values():
            held.finalizer()


@dataclass(frozen=True, slots=True)
class _LoopSession:
    session: aiohttp.ClientSession
    finalizer: weakref.finalize[Any, Any]  # closes the session's sockets on its loop if nobody closes it


def _abandon(session: aiohttp.ClientSession, loop: asyncio.AbstractEventLoop) -> None:
    """Close the sockets of a session nobody will await on, on its own loop's thread (asyncio transports are not
    thread-safe); a closed loop's sockets are closed right away."""
    import asyncio

    try:
        running = asyncio.get_running_loop()
    except RuntimeError:
        running = None
    if running is loop or loop.is_closed():
        _abandon_now(session)
    else:  # on its loop's thread, now or (an idle loop) when it runs next
        with contextlib.suppress(RuntimeError):  # the loop closed in between
            loop.call_soon_threadsafe(_abandon_now, session)


def _abandon_now(session: aiohttp.ClientSession) -> None:
    connector = session.connector
    session.detach()
    if connector is not None:
        with contextlib.suppress(Exception):  # a closed loop cannot schedule the transports' last callbacks
            # Aborted, as `ClientSession.close()` does (no TLS goodbye to wait for): a graceful TLS close would keep
            # each socket open until the server answers, and at the interpreter's exit the loop is gone before that.
            try:
                connector._close(abort_ssl=True)
            except TypeError:  # an aiohttp without abort_ssl: closed the way it closes them
                connector._close()


@functools.lru_cache(maxsize=512)
def _yarl_url(url: str) -> yarl.URL:
    """The URL exactly as httpx encoded it (the signature covers its query): aiohttp must not quote it again."""
    from yarl import URL

    return URL(url, encoded=True)


@functools.lru_cache(maxsize=64)
def _timeout(connect: float | None, pool: float | None, read: float | None) -> aiohttp.ClientTimeout:
    """httpx's timeouts in aiohttp's terms: `pool` is part of aiohttp's connect wait, `read` is per chunk."""
    import aiohttp

    wait = None if connect is None and pool is None else (connect or 0) + (pool or 0)
    return aiohttp.ClientTimeout(total=None, connect=wait, sock_connect=connect, sock_read=read)


def _ssl_context(verify: ssl.SSLContext | str | bool) -> ssl.SSLContext | bool:
    return httpx.create_ssl_context(verify=verify) if verify else False


async def _chunks_of(stream: httpx.AsyncByteStream | httpx.SyncByteStream) -> AsyncIterator[bytes]:
    if isinstance(stream, httpx.AsyncByteStream):
        async for chunk in stream:
            yield chunk
    else:
        for chunk in stream:
            yield chunk


class _AnswerStream(httpx.AsyncByteStream):
    def __init__(self, response: aiohttp.ClientResponse, request: httpx.Request) -> None:
        self._response = response
        self._request = request

    async def __aiter__(self) -> AsyncIterator[bytes]:
        try:
            async for chunk in self._response.content.iter_any():
                yield chunk
        except Exception as exc:
            _raise_as_httpx(exc, self._request)

    async def aclose(self) -> None:
        self._response.release()  # a connection whose answer was read whole goes back to the pool; else it closes


def _raise_as_httpx(exc: Exception, request: httpx.Request) -> NoReturn:
    mapped = _as_httpx(exc, request)
    if mapped is exc:
        raise exc
    raise mapped from exc


def _as_httpx(exc: Exception, request: httpx.Request) -> Exception:
    """aiohttp's failure as the httpx exception httpx's own transport raises for it. Only a failure to connect says
    the request never left; any other may come after the server got it (so it is retried only when safe)."""
    import aiohttp

    message = str(exc) or type(exc).__name__
    if isinstance(exc, aiohttp.ConnectionTimeoutError):
        return httpx.ConnectTimeout(message, request=request)
    if isinstance(exc, TimeoutError):  # aiohttp.SocketTimeoutError: no byte within `read`
        return httpx.ReadTimeout(message, request=request)
    if isinstance(exc, aiohttp.ClientConnectorError):
        return httpx.ConnectError(message, request=request)
    if isinstance(exc, aiohttp.ServerDisconnectedError | aiohttp.ClientPayloadError | aiohttp.ClientResponseError):
        return httpx.RemoteProtocolError(message, request=request)
    if isinstance(exc, aiohttp.ClientError | OSError):
        return httpx.ReadError(message, request=request)
    return exc
