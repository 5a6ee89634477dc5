"""Cancellation leaves nothing behind. Killing a command (a client that leaves its stream, KillProcess, its timeout)
kills everything it started, also what left its process group (setsid) or its parent (a double-forked daemon). A
CreateSandbox whose client goes away before the answer leaves no running sandbox (engine or record), on either
plane."""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from typing import Any

import anyio
import pytest
from data_helpers import DataPlane, gone, new_template, processes_with, until
from local_helpers import acs3_headers, agentrun4_headers
from test_data_execute_stream import stream_in_a_subprocess_then_kill_it

from agentrun.local import LocalServer
from agentrun.local.paths import DataDir
from agentrun.local.sandbox import cgroups


def markers() -> tuple[str, str]:
    """Two `sleep` arguments no other process on the host has: found in /proc from the host."""
    return tuple(f"{secrets.randbelow(10**6) + 10**6}.{n}" for n in (7, 9))  # type: ignore[return-value]


def escaping_command(setsid_marker: str, daemon_marker: str) -> str:
    """Starts a `setsid` grandchild and a double-forked daemon (its parent subshell exits at once), waits until
    both run, says so, then waits forever."""
    flag = f"/tmp/started-{secrets.token_hex(4)}"
    return (
        f"setsid sh -c 'touch {flag}.1; exec sleep {setsid_marker}' &\n"
        f"( setsid sh -c 'touch {flag}.2; exec sleep {daemon_marker}' </dev/null >/dev/null 2>&1 & )\n"
        f"while [ ! -e {flag}.1 ] || [ ! -e {flag}.2 ]; do sleep 0.02; done\n"
        "echo running\n"
        "while :; do sleep 0.05; done\n"
    )


async def all_gone(found: tuple[str, str]) -> bool:
    return all([await gone(marker) for marker in found])


@pytest.fixture
def per_command_cgroups(isolation_available: None) -> None:
    if cgroups.CgroupManager.detect() is None:
        pytest.skip("killing what a command started whole needs a writable cgroup hierarchy (run as root)")


def cmd_path(sandbox: dict[str, Any], rest: str = "") -> str:
    return f"/sandboxes/{sandbox['sandboxId']}/processes{rest}"


async def test_a_client_leaving_a_streamed_command_kills_what_it_started(
    data: DataPlane, local: LocalServer, sandbox: dict[str, Any], per_command_cgroups: None
) -> None:
    found = markers()
    await stream_in_a_subprocess_then_kill_it(local, cmd_path(sandbox, "/cmd"), {"command": escaping_command(*found)})
    await until(lambda: all_gone(found))
    assert await data.ok("GET", f"/sandboxes/{sandbox['sandboxId']}/health") == {"status": "ok"}


async def test_killing_a_process_kills_what_it_started(
    data: DataPlane, sandbox: dict[str, Any], per_command_cgroups: None
) -> None:
    found = markers()
    started = await data.ok("POST", cmd_path(sandbox), json_body={"command": escaping_command(*found)})
    await until(lambda: _all_running(found))
    await data.ok("DELETE", cmd_path(sandbox, f"/{started['pid']}"))
    await until(lambda: all_gone(found))


async def test_a_command_timeout_kills_what_it_started(
    data: DataPlane, sandbox: dict[str, Any], per_command_cgroups: None
) -> None:
    found = markers()
    body = {"command": escaping_command(*found), "timeout": 3}
    result = await data.ok("POST", cmd_path(sandbox, "/cmd"), json_body=body)
    assert result["status"] == "timeout" and "running" in result["stdout"], result  # both ran before the timeout
    await until(lambda: all_gone(found))


async def _all_running(found: tuple[str, str]) -> bool:
    return all(processes_with(marker) for marker in found)


# -- CreateSandbox abandoned by its client ------------------------------------------------------------------------

CREATE_CLIENT = """
import json, sys, httpx
url, headers, body, ca = json.loads(sys.argv[1])
with httpx.Client(verify=ca, trust_env=False, timeout=None) as http:
    response = http.post(url, headers=headers, content=body)
print("answered", response.status_code, flush=True)
"""


@contextlib.contextmanager
def create_held(local: LocalServer, sandbox_id: str) -> Iterator[Callable[[], None]]:
    """Fault injection: the sandbox's generated /etc/passwd is a FIFO planted before the create, so the engine's
    write of it (in a worker thread, before anything of the sandbox starts) waits until `release()` opens the other
    end. The create is held there as long as the test wants, without timing anything; released, it goes on (the
    file is read through the FIFO's buffer, nothing in the sandbox reads it)."""
    runtime = DataDir.resolve(local.data_dir).sandboxes / sandbox_id / "runtime"
    runtime.mkdir(parents=True)
    os.mkfifo(runtime / "passwd", 0o600)
    reader = -1

    def release() -> None:
        nonlocal reader
        reader = os.open(runtime / "passwd", os.O_RDONLY | os.O_NONBLOCK)

    try:
        yield release
    finally:
        if reader >= 0:
            os.close(reader)


async def _status_of(data: DataPlane, sandbox_id: str) -> str | None:
    """The sandbox's status, None once its record is gone."""
    response = await data.request("GET", f"/sandboxes/{sandbox_id}")
    if response.status_code == 404:
        return None
    assert response.status_code == 200, response.text
    return str(response.json()["data"]["status"])


async def _status_is(data: DataPlane, sandbox_id: str, status: str) -> bool:
    return await _status_of(data, sandbox_id) == status


def create_request(local: LocalServer, plane: str, body: bytes) -> tuple[str, dict[str, str]]:
    if plane == "data":
        path = "/data/sandboxes"
        headers = {**agentrun4_headers(local, "POST", path), "content-type": "application/json"}
    else:
        path = "/2025-09-10/sandboxes"
        headers = acs3_headers(local, "POST", path, body=body, action="CreateSandbox")
    return local.base_url + path, headers


@pytest.mark.parametrize("plane", ["data", "control"])
async def test_a_create_whose_client_leaves_leaves_no_sandbox(data: DataPlane, local: LocalServer, plane: str) -> None:
    # Limits no other test uses: no warm sandbox of this kind exists, so the create starts one cold (and is held by
    # create_held); a warm one would be handed over at once, and the create could answer before the client leaves.
    template = await new_template(local, network="PRIVATE", memory=1000 + secrets.randbelow(1000))
    sandbox_id = f"sbx-abandoned-{secrets.token_hex(6)}"
    body = json.dumps({"templateName": template, "sandboxId": sandbox_id, "sandboxIdleTimeoutSeconds": 3600})
    url, headers = create_request(local, plane, body.encode())
    directory = DataDir.resolve(local.data_dir).sandboxes / sandbox_id
    argument = json.dumps([url, headers, body, str(local.ca_file)])
    with create_held(local, sandbox_id) as release:
        command = [sys.executable, "-c", CREATE_CLIENT, argument]
        async with await anyio.open_process(command, stdout=subprocess.PIPE) as client:
            await until(lambda: _status_is(data, sandbox_id, "CREATING"))  # the create is under way
            client.send_signal(signal.SIGKILL)
            await client.wait()  # its socket is closed: the server has the end of the connection
        # Still held, so no answer could have been sent: CREATING, or already gone if the server took the
        # disconnect first (either is fine; what must never be seen is a READY sandbox nobody owns).
        assert await _status_of(data, sandbox_id) in ("CREATING", None)
        assert not processes_with(f"/sandboxes/{sandbox_id}/")
        release()

        async def nothing_left() -> bool:
            if processes_with(f"/sandboxes/{sandbox_id}/"):  # bwrap names the sandbox's directory
                return False
            response = await data.request("GET", f"/sandboxes/{sandbox_id}")
            return response.status_code == 404 or response.json()["data"]["status"] == "TERMINATED"

        await until(nothing_left)
    assert not directory.exists()
    health = await data.request("GET", f"/sandboxes/{sandbox_id}/health")
    assert health.status_code == 404
