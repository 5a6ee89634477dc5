"""The blocking API's own connections: a whole request and answer sent from the caller's thread with `http.client`,
with no hop to the loop thread and back (two thread wake-ups, the larger part of a blocking call's cost over an
async one). `SyncHttpCore` uses them for the calls that need nothing else (an answer read whole, a body in memory,
the SDK's own pool with no proxy); streams, uploads and users' clients go through the loop thread as before.

Kept from the async transport: httpx's request and response objects, its exception types (so the retry rules and
typed errors are the same), the connect and read timeouts, and keep-alive: one connection per host and thread,
dropped after `KEEPALIVE_SECONDS` idle or when the server closed it meanwhile (checked before reuse, as httpcore
does). The total deadline bounds every socket wait. After `os.fork()` the child opens its own connections.
"""

from __future__ import annotations

import datetime
import http.client
import os
import select
import ssl
import threading
import time
from dataclasses import dataclass

import httpx

from agentrun._core.aiohttp_transport import KEEPALIVE_SECONDS

DEADLINE = "agentrun.deadline"
"""A request extension: the `time.monotonic()` by which the whole call must end (its total timeout)."""

_Key = tuple[str, str, int]


@dataclass(slots=True)
class _Idle:
    connection: http.client.HTTPConnection
    since: float


class BlockingConnections:
    """Keep-alive `http.client` connections, one per host for each thread that calls."""

    def __init__(self, verify: ssl.SSLContext | str | bool) -> None:
        self._verify = verify
        self._ssl: ssl.SSLContext | None = None
        self._local = threading.local()
        self._lock = threading.Lock()
        self._open: set[http.client.HTTPConnection] = set()  # every thread's, for close()
        self._pid = os.getpid()

    def send(self, request: httpx.Request) -> httpx.Response:
        """Send `request` and read its whole answer; httpx's exceptions on failure, the builtin TimeoutError when the
        total deadline passes."""
        timeouts = request.extensions.get("timeout", {})
        deadline: float | None = request.extensions.get(DEADLINE)
        key: _Key = (request.url.scheme, request.url.host, request.url.port or _default_port(request.url.scheme))
        started = time.perf_counter()
        connection = self._checkout(key, request, timeouts.get("connect"), deadline)
        try:
            connection.sock.settimeout(_bounded(timeouts.get("read"), deadline))
            connection.putrequest(request.method, _target(request.url), skip_host=True, skip_accept_encoding=True)
            for name, value in request.headers.multi_items():
                connection.putheader(name, value)
            connection.endheaders(request.content or None)
            answer = connection.getresponse()
            body = answer.read()
        except BaseException as exc:
            self._discard(connection)
            mapped = _as_httpx(exc, request, deadline)
            if mapped is exc:
                raise
            raise mapped from exc
        if answer.will_close:
            self._discard(connection)
        else:
            self._idle()[key] = _Idle(connection, time.monotonic())
        response = httpx.Response(
            answer.status,
            headers=answer.getheaders(),
            content=body,
            request=request,
            extensions={"http_version": b"HTTP/1.1", "reason_phrase": answer.reason.encode("latin-1", "replace")},
        )
        response.elapsed = datetime.timedelta(seconds=time.perf_counter() - started)
        return response

    def close(self) -> None:
        """Close every connection (of every thread); the next call opens new ones."""
        with self._lock:
            connections, self._open = self._open, set()
        if self._pid == os.getpid():  # a parent's sockets are left to the parent
            for connection in connections:
                connection.close()
        self._local = threading.local()

    def _idle(self) -> dict[_Key, _Idle]:
        if self._pid != os.getpid():  # a forked child: the parent's connections are never touched here
            self._pid, self._local, self._open, self._lock = os.getpid(), threading.local(), set(), threading.Lock()
        idle: dict[_Key, _Idle] | None = getattr(self._local, "idle", None)
        if idle is None:
            idle = self._local.idle = {}
        return idle

    def _checkout(
        self, key: _Key, request: httpx.Request, connect: float | None, deadline: float | None
    ) -> http.client.HTTPConnection:
        held = self._idle().pop(key, None)
        if held is not None:
            if time.monotonic() - held.since < KEEPALIVE_SECONDS and not _closed_by_peer(held.connection):
                return held.connection
            self._discard(held.connection)
        scheme, host, port = key
        timeout = _bounded(connect, deadline)
        connection: http.client.HTTPConnection
        if scheme == "https":
            connection = http.client.HTTPSConnection(host, port, timeout=timeout, context=self._context())
        else:
            connection = http.client.HTTPConnection(host, port, timeout=timeout)
        try:
            connection.connect()
        except BaseException as exc:
            connection.close()
            if isinstance(exc, TimeoutError):
                if deadline is not None and time.monotonic() >= deadline:
                    raise TimeoutError("the call's total timeout passed while connecting") from exc
                raise httpx.ConnectTimeout(f"no connection within {connect} s", request=request) from exc
            if isinstance(exc, OSError):
                raise httpx.ConnectError(str(exc) or type(exc).__name__, request=request) from exc
            raise
        with self._lock:
            self._open.add(connection)
        return connection

    def _discard(self, connection: http.client.HTTPConnection) -> None:
        connection.close()
        with self._lock:
            self._open.discard(connection)

    def _context(self) -> ssl.SSLContext:
        if self._ssl is None:
            self._ssl = httpx.create_ssl_context(verify=self._verify)
        return self._ssl


def _default_port(scheme: str) -> int:
    return 443 if scheme == "https" else 80


def _target(url: httpx.URL) -> str:
    return url.raw_path.decode("ascii")  # path and query, exactly as httpx encoded (and the signature covers) them


def _bounded(timeout: float | None, deadline: float | None) -> float | None:
    """A socket wait of at most `timeout`, and never past the deadline."""
    if deadline is None:
        return timeout
    left = max(deadline - time.monotonic(), 0.001)
    return left if timeout is None else min(timeout, left)


def _closed_by_peer(connection: http.client.HTTPConnection) -> bool:
    """An idle connection the server has closed (or written to) since: readable while no answer is due."""
    sock = connection.sock
    if sock is None:
        return True
    try:
        readable, _, _ = select.select([sock], [], [], 0)
    except (OSError, ValueError):
        return True
    return bool(readable)


def _as_httpx(exc: BaseException, request: httpx.Request, deadline: float | None) -> BaseException:
    """http.client's and the socket's failures as the exceptions httpx's transports raise; the builtin TimeoutError
    when it was the call's total deadline that passed."""
    message = str(exc) or type(exc).__name__
    if isinstance(exc, TimeoutError):
        if deadline is not None and time.monotonic() >= deadline:
            return TimeoutError("the call's total timeout passed")
        return httpx.ReadTimeout(message, request=request)
    if isinstance(exc, http.client.HTTPException):  # RemoteDisconnected, BadStatusLine, IncompleteRead, ...
        return httpx.RemoteProtocolError(message, request=request)
    if isinstance(exc, OSError):
        return httpx.ReadError(message, request=request)
    return exc
