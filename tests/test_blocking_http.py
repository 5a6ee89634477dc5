"""The blocking API's own connections (agentrun/_core/blocking_http.py) over real sockets: what httpx's transport did,
they still do. The servers here are plain socket servers that misbehave on purpose (fault injection); the blocking
API against a real AgentRun Local (tests/local, tests/compat) runs through them too."""

from __future__ import annotations

import contextlib
import gzip
import json
import socket
import socketserver
import threading
import time
from collections.abc import Callable, Iterator

import httpx
import pytest

from agentrun._core.blocking_http import DEADLINE, BlockingConnections

Handler = Callable[[socket.socket], None]
Serve = Callable[[Handler], str]
Pool = BlockingConnections


def read_request(conn: socket.socket) -> tuple[str, dict[str, str], bytes]:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            raise ConnectionError("closed")
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    while len(body) < int(headers.get("content-length", 0)):
        body += conn.recv(65536)
    return lines[0], headers, body


def answer(body: bytes, *extra: str) -> bytes:
    head = ["HTTP/1.1 200 OK", f"content-length: {len(body)}", "content-type: application/json", *extra]
    return ("\r\n".join(head) + "\r\n\r\n").encode() + body


@pytest.fixture
def serve() -> Iterator[Callable[[Handler], str]]:
    servers: list[socketserver.ThreadingTCPServer] = []

    def start(handler: Handler) -> str:
        class Handle(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                with contextlib.suppress(OSError):  # a client that went away
                    handler(self.request)

        server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handle)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture
def connections() -> Iterator[BlockingConnections]:
    pool = BlockingConnections(True)
    yield pool
    pool.close()


def send(pool: BlockingConnections, method: str, url: str, **kwargs: object) -> httpx.Response:
    timeout = kwargs.pop("timeout", httpx.Timeout(2.0))
    extensions = {"timeout": timeout.as_dict(), **kwargs.pop("extensions", {})}  # type: ignore[attr-defined]
    return pool.send(httpx.Request(method, url, extensions=extensions, **kwargs))  # type: ignore[arg-type]


def echo_forever(connected: list[int]) -> Handler:
    def handler(conn: socket.socket) -> None:
        connected.append(1)
        while True:
            line, headers, body = read_request(conn)
            conn.sendall(answer(json.dumps({"line": line, "headers": headers, "body": body.decode()}).encode()))

    return handler


def test_requests_go_out_as_httpx_built_them_on_one_kept_alive_connection(
    serve: Serve, connections: BlockingConnections
) -> None:
    connected: list[int] = []
    base = serve(echo_forever(connected))
    first = send(connections, "GET", f"{base}/a%2Fb?x=a%20b&y=%2A", headers={"X-Acs-Date": "d"}).json()
    assert first["line"] == "GET /a%2Fb?x=a%20b&y=%2A HTTP/1.1"  # the signed query, not quoted again
    assert first["headers"]["x-acs-date"] == "d" and first["headers"]["host"] == base.removeprefix("http://")
    second = send(connections, "POST", f"{base}/p", json={"a": 1}).json()
    assert json.loads(second["body"]) == {"a": 1}
    assert connected == [1]


def test_a_connection_the_server_closed_while_idle_is_not_reused(
    serve: Serve, connections: BlockingConnections
) -> None:
    connected: list[int] = []

    def one_answer_then_close(conn: socket.socket) -> None:
        connected.append(1)
        read_request(conn)
        conn.sendall(answer(b"{}"))
        time.sleep(0.05)
        conn.close()  # keep-alive was announced, but the server ends it while idle

    base = serve(one_answer_then_close)
    send(connections, "POST", base, json={})
    time.sleep(0.2)
    assert send(connections, "POST", base, json={}).status_code == 200  # a POST: no retry would cover a stale socket
    assert connected == [1, 1]


def test_failures_are_httpx_exceptions(serve: Serve, connections: Pool) -> None:
    with pytest.raises(httpx.ConnectError):
        send(connections, "GET", "http://127.0.0.1:9/")

    def hang_up(conn: socket.socket) -> None:
        read_request(conn)
        conn.close()

    with pytest.raises(httpx.RemoteProtocolError):
        send(connections, "POST", serve(hang_up), json={})

    def silent(conn: socket.socket) -> None:
        read_request(conn)
        time.sleep(2)

    with pytest.raises(httpx.ReadTimeout):
        send(connections, "GET", serve(silent), timeout=httpx.Timeout(2.0, read=0.2))

    def cut_body(conn: socket.socket) -> None:
        read_request(conn)
        conn.sendall(b"HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\nshort")
        conn.close()

    with pytest.raises(httpx.RemoteProtocolError):
        send(connections, "GET", serve(cut_body))


def test_the_total_deadline_bounds_every_wait(serve: Serve, connections: Pool) -> None:
    def silent(conn: socket.socket) -> None:
        read_request(conn)
        time.sleep(3)

    started = time.monotonic()
    with pytest.raises(TimeoutError) as caught:
        send(connections, "GET", serve(silent), extensions={DEADLINE: time.monotonic() + 0.3})
    assert not isinstance(caught.value, httpx.TimeoutException)  # the call's total timeout, not a read timeout
    assert time.monotonic() - started < 2.5


def test_a_gzip_answer_is_decoded(serve: Serve, connections: Pool) -> None:
    def gzipped(conn: socket.socket) -> None:
        read_request(conn)
        conn.sendall(answer(gzip.compress(b'{"ok": true}'), "content-encoding: gzip"))

    assert send(connections, "GET", serve(gzipped)).json() == {"ok": True}


def test_each_thread_has_its_own_connection_and_close_ends_them_all(
    serve: Serve, connections: BlockingConnections
) -> None:
    connected: list[int] = []
    base = serve(echo_forever(connected))
    send(connections, "GET", base)
    worker = threading.Thread(target=lambda: send(connections, "GET", base))
    worker.start()
    worker.join()
    assert connected == [1, 1]
    connections.close()
    send(connections, "GET", base)  # works again, on a new connection
    assert connected == [1, 1, 1]
