"""Malformed requests get a 4xx that says what to change, never a 500, and never lose the keep-alive connection:
deeply nested JSON, unpaired UTF-16 surrogates, a cwd that does not exist, NUL bytes, bad environment names, names
and paths past Linux's limits, and file-system objects sandbox code puts in the way (FIFOs, undecodable names, paths
swapped while the server works on them). Each request goes over one watched connection (keepalive.py)."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator
from typing import Any

import anyio
import httpx
import pytest
import uvicorn
from keepalive import KeptConnection, connection_of, kept_connection
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from agentrun.local import LocalServer
from agentrun.local.app import LocalStarlette
from agentrun.local.asgi import AnswerUnexpectedErrors
from agentrun.local.schema import MAX_JSON_DEPTH

HOME = "/home/user"
GATEWAY_CHAT = "/models/agentrun-local-test-model/v1/chat/completions"


@pytest.fixture
async def conn(local: LocalServer) -> AsyncIterator[KeptConnection]:
    async with kept_connection(local) as kept:
        yield kept


def nested(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


# -- JSON bodies ----------------------------------------------------------------------------------------------------


async def test_deeply_nested_json_is_400_on_both_planes_and_the_gateway(
    conn: KeptConnection, sandbox: dict[str, Any]
) -> None:
    base = f"/sandboxes/{sandbox['sandboxId']}"
    for depth in (MAX_JSON_DEPTH + 1, 100_000):  # past the limit, and past Python's recursion limit
        for path, field in (
            (f"{base}/contexts/execute", "code"),
            (f"{base}/processes/cmd", "command"),
            (f"{base}/contexts", "cwd"),
            (f"{base}/files", "content"),
            (GATEWAY_CHAT, "messages"),
        ):
            raw = b'{"' + field.encode() + b'":' + nested(depth) + b"}"
            await conn.refused(await conn.data_call("POST", path, raw=raw), 400, "nest deeper than")
        raw = b'{"credentialName":' + nested(depth) + b"}"
        response = await conn.control_call("POST", "/agents/credentials", raw)
        await conn.refused(response, 400, "nest deeper than")


async def test_a_body_nested_within_the_limit_is_still_read(conn: KeptConnection, sandbox: dict[str, Any]) -> None:
    raw = b'{"code": "1", "extra": ' + nested(MAX_JSON_DEPTH - 1) + b"}"
    response = await conn.data_call("POST", f"/sandboxes/{sandbox['sandboxId']}/contexts/execute", raw=raw)
    assert response.status_code == 200, response.text


async def test_unpaired_surrogates_are_400_naming_the_field(conn: KeptConnection, sandbox: dict[str, Any]) -> None:
    base = f"/sandboxes/{sandbox['sandboxId']}"
    cases = [
        (f"{base}/contexts/execute", b'{"code": "print(1)  # \\ud800"}', "field code"),
        (f"{base}/contexts/execute", b'{"code": "1", "contextId": "\\udfff"}', "field contextId"),
        (f"{base}/processes", b'{"command": "echo \\ud800"}', "field command"),
        (f"{base}/processes/cmd", b'{"command": "true", "cwd": "/home/\\udc80"}', "field cwd"),
        (f"{base}/processes", b'{"command": "true", "env": {"A": "\\ud800"}}', "field env.A"),
        (f"{base}/filesystem/mkdir", b'{"path": "/home/user/\\udc80"}', "field path"),
        (f"{base}/files", b'{"path": "a\\ud800b", "content": "x"}', "field path"),
        (GATEWAY_CHAT, b'{"messages": [{"role": "user", "content": "\\ud800"}]}', "messages[0].content"),
    ]
    for path, raw, field in cases:
        await conn.refused(await conn.data_call("POST", path, raw=raw), 400, field, "unpaired UTF-16 surrogate")
    response = await conn.control_call("POST", "/agents/credentials", b'{"credentialName": "c\\ud800"}')
    await conn.refused(response, 400, "field credentialName", "surrogate")
    # Nothing was stored half-way: the process list still encodes (it answered 500 until the record was evicted).
    listed = await conn.data_call("GET", f"{base}/processes")
    assert listed.status_code == 200, listed.text
    # A pair of surrogate escapes is one character, and fine.
    paired = await conn.data_call("POST", f"{base}/processes/cmd", raw=b'{"command": "echo \\ud83d\\ude00"}')
    assert paired.status_code == 200 and paired.json()["stdout"] == "\U0001f600\n", paired.text


async def test_nan_and_infinity_are_not_json(conn: KeptConnection, sandbox: dict[str, Any]) -> None:
    execute = f"/sandboxes/{sandbox['sandboxId']}/contexts/execute"
    for number in (b"NaN", b"Infinity", b"-Infinity", b"1e999"):
        raw = b'{"code": "1", "timeout": ' + number + b"}"
        await conn.refused(await conn.data_call("POST", execute, raw=raw), 400, "finite number")


# -- commands, contexts, environments -------------------------------------------------------------------------------


async def test_a_cwd_that_does_not_exist_is_400(conn: KeptConnection, sandbox: dict[str, Any]) -> None:
    base = f"/sandboxes/{sandbox['sandboxId']}"
    for path, body in (
        (f"{base}/contexts", {"cwd": "/home/user/missing"}),
        (f"{base}/processes", {"command": "ls", "cwd": "/home/user/missing"}),
        (f"{base}/processes/cmd", {"command": "ls", "cwd": "/home/user/missing"}),
    ):
        response = await conn.data_call("POST", path, json_body=body)
        await conn.refused(response, 400, "/home/user/missing does not exist")


async def test_nul_bytes_and_bad_environment_names_are_400(conn: KeptConnection, sandbox: dict[str, Any]) -> None:
    base = f"/sandboxes/{sandbox['sandboxId']}"
    cases: list[tuple[str, dict[str, Any], str]] = [
        (f"{base}/processes/cmd", {"command": "echo a\0b"}, "NUL"),
        (f"{base}/processes", {"command": "echo a\0b"}, "NUL"),
        (f"{base}/processes/cmd", {"command": "ls", "cwd": "/home/\0user"}, "NUL"),
        (f"{base}/contexts", {"cwd": "/home/\0user"}, "NUL"),
        (f"{base}/processes", {"command": "env", "env": {"": "x"}}, "environment variable name ''"),
        (f"{base}/processes", {"command": "env", "env": {"A=B": "x"}}, "environment variable name 'A=B'"),
        (f"{base}/processes", {"command": "env", "env": {"A\0": "x"}}, "environment variable name"),
        (f"{base}/processes", {"command": "env", "env": {"A": "x\0y"}}, "environment variable A"),
    ]
    for path, body, phrase in cases:
        await conn.refused(await conn.data_call("POST", path, json_body=body), 400, phrase)


# -- paths ----------------------------------------------------------------------------------------------------------


async def test_names_and_paths_past_linux_limits_are_400(conn: KeptConnection, sandbox: dict[str, Any]) -> None:
    base = f"/sandboxes/{sandbox['sandboxId']}"
    long_name = f"{HOME}/{'n' * 256}"
    long_path = f"{HOME}/" + "/".join(["p" * 200] * 21)  # 4221 bytes, each name fine
    for path, phrase in ((long_name, "longer than 255 bytes"), (long_path, "longer than 4095 bytes")):
        for method, route, kwargs in (
            ("GET", "/files", {"query": {"path": path}}),
            ("GET", "/filesystem/stat", {"query": {"path": path}}),
            ("GET", "/filesystem/download", {"query": {"path": path}}),
            ("POST", "/files", {"json_body": {"path": path, "content": "x"}}),
            ("POST", "/filesystem/mkdir", {"json_body": {"path": path}}),
            ("POST", "/filesystem/remove", {"json_body": {"path": path}}),
        ):
            response = await conn.data_call(method, base + route, **kwargs)
            await conn.refused(response, 400, phrase)


MAKE_ODDITIES = """
import os, socket
os.chdir("/home/user")
socket.socket(socket.AF_UNIX).bind("socket")
os.mkfifo("fifo")
open(b"bad-\\xff-name", "w").close()
os.symlink(b"target-\\xfe", "dangling")
os.mkdir("deep")
os.symlink("/home/user/fifo", "deep/to-fifo")
"""


async def test_what_sandbox_code_leaves_in_the_workspace_gets_answers(
    conn: KeptConnection, sandbox: dict[str, Any]
) -> None:
    """A FIFO (never opened so that the server blocks), a socket, names that are not UTF-8 (reported as \\xNN), a
    dangling link to such a name: every file route answers, within a bounded wait."""
    base = f"/sandboxes/{sandbox['sandboxId']}"
    made = await conn.data_call("POST", f"{base}/contexts/execute", json_body={"code": MAKE_ODDITIES})
    assert made.status_code == 200 and made.json()["exitCode"] == 0, made.text
    with anyio.fail_after(60):
        listing = await conn.data_call("GET", f"{base}/filesystem", query={"path": HOME})
        assert listing.status_code == 200, listing.text
        names = {entry["name"] for entry in listing.json()["entries"]}
        assert {"fifo", "bad-\\xff-name", "dangling", "deep"} <= names, names
        for path in (f"{HOME}/fifo", f"{HOME}/deep/to-fifo", f"{HOME}/socket"):
            for route in ("/files", "/filesystem/download"):
                response = await conn.data_call("GET", base + route, query={"path": path})
                await conn.refused(response, 400, "not a regular file")
        response = await conn.data_call("GET", f"{base}/files", query={"path": f"{HOME}/dangling"})
        await conn.refused(response, 404, "target-\\xfe")
        stat = await conn.data_call("GET", f"{base}/filesystem/stat", query={"path": f"{HOME}/dangling"})
        assert stat.status_code == 200 and stat.json()["type"] == "symlink", stat.text
        response = await conn.data_call("POST", f"{base}/filesystem/mkdir", json_body={"path": f"{HOME}/fifo/sub"})
        await conn.refused(response, 400, "not a directory")


NEST = """
import os
for top, depth in (("shallow", 600), ("deep", 1100)):
    os.chdir("/home/user")
    for _ in range(depth):
        os.mkdir(top)
        os.chdir(top)
    open("leaf", "w").close()
"""


async def test_directory_trees_nested_deeper_than_the_stack_are_removed_or_refused(
    conn: KeptConnection, sandbox: dict[str, Any]
) -> None:
    """Sandbox code can nest directories deeper than Python's recursion limit: removing such a tree is a clear
    409 (remove its depths first), a merely deep one is removed whole."""
    base = f"/sandboxes/{sandbox['sandboxId']}"
    made = await conn.data_call("POST", f"{base}/contexts/execute", json_body={"code": NEST, "timeout": 60})
    assert made.status_code == 200 and made.json()["exitCode"] == 0, made.text
    removed = await conn.data_call("POST", f"{base}/filesystem/remove", json_body={"path": "shallow"})
    assert removed.status_code == 200, removed.text
    refused = await conn.data_call("POST", f"{base}/filesystem/remove", json_body={"path": "deep"})
    await conn.refused(refused, 409, "deeper than 1024 levels")


SWAPPER = """
import ctypes, os, socket, time
os.chdir("/home/user")
os.mkdir("kinds")
with open("kinds/0", "w") as f:
    f.write("data")
os.mkdir("kinds/1")
os.mkfifo("kinds/2")
os.symlink("/home/user/target", "kinds/3")
os.symlink("/etc/passwd", "kinds/4")
socket.socket(socket.AF_UNIX).bind("kinds/5")
libc = ctypes.CDLL(None, use_errno=True)
AT_FDCWD, RENAME_EXCHANGE = -100, 2
end = time.monotonic() + {seconds}
i = 0
while time.monotonic() < end:
    i += 1
    # Atomically trade places: "swap" is something else from one syscall to the next (the API may move or remove
    # it, or write a file in its place: then it is made again).
    if libc.renameat2(AT_FDCWD, b"swap", AT_FDCWD, b"kinds/%d" % (i % 6), RENAME_EXCHANGE) != 0:
        try:
            os.mkdir("swap")
            os.mkdir("kinds/%d" % (i % 6))
        except FileExistsError:
            pass
"""


async def test_paths_swapped_while_the_server_works_get_4xx_not_500(
    conn: KeptConnection, sandbox: dict[str, Any]
) -> None:
    """Sandbox code turns one name into a file, a directory, a FIFO and links (one pointing out of the workspace),
    as fast as it can, while every file route works on it: each answer is a success or a 4xx, never a 500, never
    the host's /etc/passwd, and the connection stays."""
    base = f"/sandboxes/{sandbox['sandboxId']}"
    for path, content in ((f"{HOME}/target", "inside"), (f"{HOME}/swapper.py", SWAPPER.format(seconds=240))):
        written = await conn.data_call("POST", f"{base}/files", json_body={"path": path, "content": content})
        assert written.status_code == 200, written.text
    started = await conn.data_call("POST", f"{base}/processes", json_body={"command": "python3 swapper.py"})
    assert started.status_code == 200, started.text
    swap = f"{HOME}/swap"
    calls: list[tuple[str, str, dict[str, Any]]] = [
        ("GET", "/files", {"query": {"path": swap}}),
        ("GET", "/filesystem/download", {"query": {"path": swap}}),
        ("GET", "/filesystem/stat", {"query": {"path": swap}}),
        ("GET", "/filesystem", {"query": {"path": swap}}),
        ("GET", "/filesystem", {"query": {"path": HOME, "depth": "2"}}),
        ("POST", "/files", {"json_body": {"path": swap, "content": "written"}}),
        ("POST", "/filesystem/mkdir", {"json_body": {"path": f"{swap}/sub"}}),
        ("POST", "/filesystem/move", {"json_body": {"source": swap, "destination": f"{HOME}/moved"}}),
        ("POST", "/filesystem/remove", {"json_body": {"path": f"{HOME}/moved"}}),
        ("POST", "/filesystem/remove", {"json_body": {"path": swap}}),
    ]
    seen: set[int] = set()
    try:
        with anyio.fail_after(300):
            for _ in range(60):
                for method, route, kwargs in calls:
                    response = await conn.data_call(method, base + route, **kwargs)
                    seen.add(response.status_code)
                    assert response.status_code < 500, response.text
                    assert "root:x:0:0" not in response.text
    finally:
        await conn.data_call("DELETE", f"{base}/processes/{started.json()['pid']}")
    assert await conn.health() == connection_of(response)
    assert 200 in seen and seen & {400, 404, 409}, seen


# -- the last resort ------------------------------------------------------------------------------------------------


async def _fault_injected(request: Request) -> Response:
    raise RuntimeError("fault injected by the test")


async def _fine(request: Request) -> Response:
    return JSONResponse({"ok": True})


async def test_an_unexpected_error_answers_json_500_and_keeps_the_connection() -> None:
    """Defence in depth, with a fault-injecting route (no real request is known to reach it): the answer is the
    JSON error envelope, and uvicorn keeps the connection."""
    app = LocalStarlette(  # as app.py builds it
        routes=[Route("/fault", _fault_injected), Route("/fine", _fine)],
        middleware=[Middleware(AnswerUnexpectedErrors)],
    )
    listening = socket.create_server(("127.0.0.1", 0))
    port = listening.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="critical", lifespan="off"))
    async with anyio.create_task_group() as group:
        group.start_soon(lambda: server.serve(sockets=[listening]))
        try:
            async with httpx.AsyncClient(
                base_url=f"http://127.0.0.1:{port}", limits=httpx.Limits(max_connections=1)
            ) as http:
                with anyio.fail_after(30):  # the socket listens already: the request waits in its backlog
                    failed = await http.get("/fault")
                    assert failed.status_code == 500, failed.text
                    body = failed.json()
                    assert body["code"] == "ERR_INTERNAL_SERVER_ERROR" and "fault injected" in body["message"]
                    assert body["requestId"] and failed.headers["x-acs-request-id"] == body["requestId"]
                    fine = await http.get("/fine")
                    assert fine.status_code == 200 and connection_of(fine) == connection_of(failed)
        finally:
            server.should_exit = True
    listening.close()
