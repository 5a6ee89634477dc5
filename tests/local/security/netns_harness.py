"""Network namespaces the network tests build, so that their traffic goes only to namespaces they create: a "host"
namespace, where a real AgentRun Local runs (the test file, run as a script there), and a "world" namespace behind
the host's default gateway, standing for the LAN around the host and, beyond its router, the internet:

    world ns: 10.200.0.1 (the LAN's router, the host's gateway), 10.200.0.3 (a LAN peer), 192.168.77.1 (a LAN
              beyond the router), 203.0.113.1 (an internet address: a documentation range, not a private one),
              169.254.169.254 (the cloud's metadata service, reached through the gateway as on a cloud VM);
              in IPv6: 2001:db8:1::1 (the router), 2001:db8:ff::1 (internet), fd00:ec2::254 (AWS's metadata service),
              fd12:3456::1 (a LAN peer in a ULA)
        --veth--
    host ns:  10.200.0.2 and 2001:db8:1::2 (veth-host, default routes via the router);
              172.17.0.1, 10.255.255.53 and fd17::1 (docker0, a bridge with no port: the host's *other* addresses)

Documentation ranges (203.0.113.0/24, 2001:db8::/32) stand for the internet: they are not private.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import anyio
import pytest

GATEWAY, WORLD, HOST = "10.200.0.1", "203.0.113.1", "10.200.0.2"
LAN_PEER, LAN_BEYOND, METADATA = "10.200.0.3", "192.168.77.1", "169.254.169.254"
HOST_OTHER, HOST_RESOLVER = "172.17.0.1", "10.255.255.53"  # on the host's second interface
GATEWAY6, WORLD6, HOST6 = "2001:db8:1::1", "2001:db8:ff::1", "2001:db8:1::2"
METADATA6, LAN_PEER6, HOST_OTHER6 = "fd00:ec2::254", "fd12:3456::1", "fd17::1"
SCENARIO_TIMEOUT = 180


def attempt(host: str, port: int) -> str:
    """Connect over TCP: "connected", or the name of the error. Sandboxes run it too (inspect.getsource)."""
    with socket.socket() as sock:
        sock.settimeout(5)
        try:
            sock.connect((host, port))
        except OSError as exc:
            return type(exc).__name__
        return "connected"


def resolve(name: str) -> list[str] | str:
    """The IPv4 addresses of `name`, or the name of the error. Sandboxes run it too (inspect.getsource)."""
    try:
        return sorted({str(info[4][0]) for info in socket.getaddrinfo(name, 80, socket.AF_INET, socket.SOCK_STREAM)})
    except OSError as exc:
        return type(exc).__name__


def require_namespaces() -> None:
    """Skip, saying why, where the test's namespaces cannot be built."""
    if shutil.which("ip") is None or shutil.which("nsenter") is None:
        pytest.skip("needs ip (iproute2) and nsenter (util-linux) to build the test's network namespaces")
    if os.geteuid() != 0:
        pytest.skip("creating network namespaces with veth links needs root")


def _ip(*args: str) -> None:
    subprocess.run(["ip", *args], check=True, capture_output=True)


@contextlib.contextmanager
def namespaces() -> Iterator[tuple[str, str]]:
    """The host and world namespaces (see the module docstring), deleted afterwards."""
    tag = secrets.token_hex(3)
    host, world = f"agentrun-test-host-{tag}", f"agentrun-test-world-{tag}"
    try:
        _ip("netns", "add", host)
        _ip("netns", "add", world)
        for ns in (host, world):
            _ip("-n", ns, "link", "set", "lo", "up")
        _ip("-n", host, "link", "add", "veth-host", "type", "veth", "peer", "name", "veth-world", "netns", world)
        _ip("-n", host, "addr", "add", f"{HOST}/24", "dev", "veth-host")
        _ip("-n", host, "addr", "add", f"{HOST6}/64", "dev", "veth-host", "nodad")
        _ip("-n", world, "addr", "add", f"{GATEWAY}/24", "dev", "veth-world")
        _ip("-n", world, "addr", "add", f"{GATEWAY6}/64", "dev", "veth-world", "nodad")
        for address in (WORLD, LAN_PEER, LAN_BEYOND, METADATA, WORLD6, METADATA6, LAN_PEER6):
            _ip("-n", world, "addr", "add", address, "dev", "veth-world", "nodad")
        _ip("-n", host, "link", "add", "docker0", "type", "bridge")
        for address in (f"{HOST_OTHER}/16", HOST_RESOLVER, f"{HOST_OTHER6}/64"):
            _ip("-n", host, "addr", "add", address, "dev", "docker0", "nodad")
        _ip("-n", host, "link", "set", "docker0", "up")
        _ip("-n", host, "link", "set", "veth-host", "up")
        _ip("-n", world, "link", "set", "veth-world", "up")
        _ip("-n", host, "route", "add", "default", "via", GATEWAY)
        _ip("-n", host, "-6", "route", "add", "default", "via", GATEWAY6)
        yield host, world
    finally:
        for ns in (host, world):
            subprocess.run(["ip", "netns", "delete", ns], capture_output=True)


@contextlib.asynccontextmanager
async def world_listener(world: str, port: int = 0) -> AsyncIterator[int]:
    """A TCP listener on every address of the world namespace (the internet, the LAN, the metadata service), IPv4
    and IPv6, on `port` (0: any); yields its port."""
    code = (
        "import socket,sys\ns=socket.socket(socket.AF_INET6)\ns.setsockopt(socket.IPPROTO_IPV6,socket.IPV6_V6ONLY,0)\n"
    )
    code += f"s.bind(('::',{port}))\ns.listen(64)\n"
    code += "print(s.getsockname()[1],flush=True)\nsys.stdin.read()"
    async with await anyio.open_process(
        ["ip", "netns", "exec", world, sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    ) as process:
        assert process.stdout is not None and process.stdin is not None
        with anyio.fail_after(20):
            port = int((await process.stdout.receive()).decode())
        try:
            yield port
        finally:
            await process.stdin.aclose()  # it reads EOF and exits


async def run_in_host(host: str, *argv: str) -> Any:
    """Run `argv` in the host namespace; the JSON it prints last, once it succeeded."""
    with anyio.fail_after(SCENARIO_TIMEOUT):
        result = await anyio.run_process(["nsenter", f"--net=/run/netns/{host}", *argv], check=False)
    assert result.returncode == 0, result.stderr.decode()[-3000:]
    return json.loads(result.stdout.decode().strip().splitlines()[-1])


def dns_answer(query: bytes, name_known: str, address: str) -> tuple[str, bytes]:
    """The queried name, and the answer: `address` for an A query of `name_known`, no records for its other
    types, NXDOMAIN for any other name."""
    labels, at = [], 12
    while query[at]:
        labels.append(query[at + 1 : at + 1 + query[at]].decode())
        at += 1 + query[at]
    question_end = at + 5
    name, qtype = ".".join(labels).lower(), int.from_bytes(query[at + 1 : at + 3], "big")
    records = b""
    if name == name_known and qtype == 1:  # A, class IN, TTL 60, 4 bytes; the name points at the question's
        records = b"\xc0\x0c\x00\x01\x00\x01\x00\x00\x00\x3c\x00\x04" + socket.inet_aton(address)
    flags = 0x8180 | (0 if name == name_known else 3)  # a response, recursion desired and available; rcode
    header = query[:2] + flags.to_bytes(2, "big") + b"\x00\x01" + (1 if records else 0).to_bytes(2, "big")
    return name, header + b"\x00\x00\x00\x00" + query[12:question_end] + records


@contextlib.asynccontextmanager
async def dns_responder(resolver: str, name: str, address: str) -> AsyncIterator[list[str]]:
    """A UDP DNS server on `resolver`:53 that knows one `name`, at `address`; yields the names it was asked, as
    they come."""
    asked: list[str] = []
    async with await anyio.create_udp_socket(family=socket.AF_INET, local_host=resolver, local_port=53) as udp:

        async def serve() -> None:
            async for query, (host, port) in udp:
                with contextlib.suppress(IndexError, UnicodeDecodeError):
                    asked_name, answer = dns_answer(query, name, address)
                    asked.append(asked_name)
                    await udp.sendto(answer, host, port)

        async with anyio.create_task_group() as group:
            group.start_soon(serve)
            yield asked
            group.cancel_scope.cancel()


async def run_in_host_with_own_mounts(host: str, script: str) -> Any:
    """Run the Python `script` in the host namespace and in a mount namespace of its own (where it may bind its own
    /etc/resolv.conf); the JSON it prints last. Skips where util-linux's unshare and mount are missing."""
    if shutil.which("unshare") is None or shutil.which("mount") is None:
        pytest.skip("needs unshare and mount (util-linux) to give the test's host a resolv.conf of its own")
    unshare = ["unshare", "--mount", "--propagation", "private"]
    return await run_in_host(host, *unshare, sys.executable, script)


def pastas_of(data_dir: str) -> list[list[bytes]]:
    """The command lines of the pasta processes serving sandboxes of the server with this data dir."""
    found = []
    for name in os.listdir("/proc"):
        with contextlib.suppress(OSError):
            argv = Path(f"/proc/{name}/cmdline").read_bytes().split(b"\0")
            if any(arg.endswith(b"pasta") for arg in argv) and any(data_dir.encode() in arg for arg in argv):
                found.append(argv)
    return found
