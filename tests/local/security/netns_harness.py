"""Network namespaces the network tests build, so that their traffic goes only to namespaces they create: a "host"
namespace, where a real AgentRun Local runs (the test file, run as a script there), and a "world" namespace behind
the host's default gateway, standing for the internet:

    world ns: 10.200.0.1 (the host's gateway), 10.201.0.1 (an internet address)  --veth--  host ns: 10.200.0.2
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

GATEWAY, WORLD, HOST = "10.200.0.1", "10.201.0.1", "10.200.0.2"
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
        _ip("-n", world, "addr", "add", f"{GATEWAY}/24", "dev", "veth-world")
        _ip("-n", world, "addr", "add", f"{WORLD}/32", "dev", "veth-world")
        _ip("-n", host, "link", "set", "veth-host", "up")
        _ip("-n", world, "link", "set", "veth-world", "up")
        _ip("-n", host, "route", "add", "default", "via", GATEWAY)
        yield host, world
    finally:
        for ns in (host, world):
            subprocess.run(["ip", "netns", "delete", ns], capture_output=True)


@contextlib.asynccontextmanager
async def world_listener(world: str) -> AsyncIterator[int]:
    """A TCP listener in the world namespace (the internet); yields its port."""
    code = "import socket,sys,time\ns=socket.socket()\ns.bind(('0.0.0.0',0))\ns.listen(64)\n"
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


def pastas_of(data_dir: str) -> list[list[bytes]]:
    """The command lines of the pasta processes serving sandboxes of the server with this data dir."""
    found = []
    for name in os.listdir("/proc"):
        with contextlib.suppress(OSError):
            argv = Path(f"/proc/{name}/cmdline").read_bytes().split(b"\0")
            if any(arg.endswith(b"pasta") for arg in argv) and any(data_dir.encode() in arg for arg in argv):
                found.append(argv)
    return found
