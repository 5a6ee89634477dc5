"""Request bodies past their limit get a 413 naming the limit, without the server reading them whole: a declared
Content-Length is refused before a byte of the body is sent, a chunked body as soon as the count passes the limit,
and the server's peak memory does not grow by the body's size. Limits: 16 MiB for data-plane JSON bodies, 64 MiB
for WriteFile, 32 MiB for the model gateway, 128 MiB for the control plane; multipart uploads stream to disk and
are bounded by the template's diskSize instead."""

from __future__ import annotations

import json
import re
import secrets
import ssl
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from typing import Any

import anyio
import pytest
from files_helpers import part_header
from keepalive import KeptConnection, kept_connection
from local_helpers import acs3_headers, agentrun4_headers

from agentrun.local import LocalServer

MIB = 1024 * 1024
GATEWAY_CHAT = "/models/agentrun-local-test-model/v1/chat/completions"


@pytest.fixture
async def conn(local: LocalServer) -> AsyncIterator[KeptConnection]:
    async with kept_connection(local) as kept:
        yield kept


class Peak:
    growth_mib = 0.0


def _status(field: str) -> int:
    with open("/proc/self/status") as status:
        found = re.search(rf"^{field}:\s+(\d+) kB", status.read(), re.MULTILINE)
    assert found is not None
    return int(found.group(1)) * 1024


@contextmanager
def peak_memory() -> Iterator[Peak]:
    """How far the peak resident memory of this process (the server runs in it) rose above its level at the start
    of the block (the kernel's high-water mark, reset through /proc/self/clear_refs)."""
    with open("/proc/self/clear_refs", "w") as clear:
        clear.write("5")
    start = _status("VmRSS")
    peak = Peak()
    yield peak
    peak.growth_mib = (_status("VmHWM") - start) / MIB


async def json_string_body(field: str, size: int) -> AsyncIterator[bytes]:
    """`{"<field>": "xxx..."}` of `size` bytes, made chunk by chunk (the client holds none of it whole)."""
    head, tail = b'{"' + field.encode() + b'": "', b'"}'
    chunk = b"x" * MIB
    left = size - len(head) - len(tail)
    yield head
    while left > 0:
        yield chunk[: min(left, MIB)]
        left -= MIB
    yield tail


async def head_only(local: LocalServer, method: str, path: str, headers: dict[str, str], length: int) -> Any:
    """Send a request's head declaring a `length`-byte body, and no body: the answer must come anyway (a server
    that waited for the body would hang here, until the bounded wait fails the test). Returns (status, JSON)."""
    lines = [f"{method} {path} HTTP/1.1", *(f"{k}: {v}" for k, v in headers.items())]
    lines += ["content-type: application/json", f"content-length: {length}", "", ""]
    context = ssl.create_default_context(cafile=str(local.ca_file))
    with anyio.fail_after(30):
        async with await anyio.connect_tcp(local.host, local.port, ssl_context=context) as stream:
            await stream.send("\r\n".join(lines).encode())
            received = b""
            while b"\r\n\r\n" not in received:
                received += await stream.receive()
            head, _, body = received.partition(b"\r\n\r\n")
            declared = re.search(rb"(?im)^content-length: (\d+)", head)
            assert declared is not None, head
            while len(body) < int(declared.group(1)):
                body += await stream.receive()
    return int(head.split()[1]), json.loads(body)


async def test_a_declared_oversized_body_is_refused_before_it_is_sent(
    local: LocalServer, sandbox: dict[str, Any]
) -> None:
    base = f"/data/sandboxes/{sandbox['sandboxId']}"
    for path, length, limit in (
        (f"{base}/contexts/execute", 300 * MIB, "16 MiB"),
        (f"{base}/processes/cmd", 16 * MIB + 1, "16 MiB"),
        (f"{base}/contexts", 17 * MIB, "16 MiB"),
        (f"{base}/files", 64 * MIB + 1, "64 MiB"),
    ):
        status, body = await head_only(local, "POST", path, agentrun4_headers(local, "POST", path), length)
        assert status == 413 and body["code"] == "ERR_BODY_TOO_LARGE" and limit in body["message"], body
    gateway = "/data" + GATEWAY_CHAT
    status, body = await head_only(local, "POST", gateway, agentrun4_headers(local, "POST", gateway), 33 * MIB)
    assert status == 413 and "32 MiB" in body["error"]["message"], body
    control = "/2025-09-10/agents/credentials"
    status, body = await head_only(local, "POST", control, acs3_headers(local, "POST", control), 129 * MIB)
    assert status == 413 and "128 MiB" in body["message"], body
    unsigned = {"host": f"{local.host}:{local.port}"}
    status, body = await head_only(local, "POST", control, unsigned, 100 * MIB)
    assert status == 401, body  # no body is read for a request that is not signed
    status, body = await head_only(local, "POST", gateway, unsigned, 30 * MIB)
    assert status == 401, body  # nor on the gateway, within its limit


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
async def test_an_oversized_json_body_is_413_and_never_held(
    conn: KeptConnection, sandbox: dict[str, Any], chunked: bool
) -> None:
    """A real 160 MiB body, sent whole: the server answers 413 and its peak memory stays far below the body's size
    (it grew by about three times the body when it read and parsed such bodies)."""
    size = 160 * MIB
    headers = {} if chunked else {"content-length": str(size)}
    path = f"/sandboxes/{sandbox['sandboxId']}/contexts/execute"
    with peak_memory() as peak:
        response = await conn.data_call("POST", path, raw=json_string_body("code", size), headers=headers)
    message = await conn.refused(response, 413, "16 MiB")
    assert response.json()["code"] == "ERR_BODY_TOO_LARGE", message
    assert peak.growth_mib < 48, f"the server's peak memory grew by {peak.growth_mib:.0f} MiB"


async def test_the_gateway_refuses_a_chunked_body_past_its_limit(conn: KeptConnection) -> None:
    response = await conn.data_call("POST", GATEWAY_CHAT, raw=json_string_body("messages", 40 * MIB))
    await conn.refused(response, 413, "32 MiB")


async def test_a_json_body_within_the_limit_is_read(conn: KeptConnection, sandbox: dict[str, Any]) -> None:
    code = "x = '" + "y" * (15 * MIB) + "'\nlen(x)"
    response = await conn.data_call(
        "POST", f"/sandboxes/{sandbox['sandboxId']}/contexts/execute", json_body={"code": code, "timeout": 60}
    )
    assert response.status_code == 200, response.text[:300]
    assert response.json()["results"][0]["text"] == str(15 * MIB)


async def test_uploads_past_the_json_limits_still_stream(conn: KeptConnection, sandbox: dict[str, Any]) -> None:
    """Multipart uploads are bounded by the disk size, not the JSON limits: 96 MiB arrives whole, and the server
    never holds it."""
    size, boundary = 96 * MIB, secrets.token_hex(16)

    async def body() -> AsyncIterator[bytes]:
        yield part_header("path", None, boundary) + b"/home/user/big.bin\r\n"
        yield part_header("file", "big.bin", boundary)
        chunk = b"z" * MIB
        for _ in range(size // MIB):
            yield chunk
        yield f"\r\n--{boundary}--\r\n".encode()

    path = f"/sandboxes/{sandbox['sandboxId']}/filesystem/upload"
    with peak_memory() as peak:
        response = await conn.data_call(
            "POST", path, raw=body(), headers={"content-type": f"multipart/form-data; boundary={boundary}"}
        )
    assert response.status_code == 200, response.text
    assert response.json()["size"] == size
    assert peak.growth_mib < 48, f"the server's peak memory grew by {peak.growth_mib:.0f} MiB"
