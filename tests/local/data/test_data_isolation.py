"""Isolation as seen through ExecuteCode: what code sent over HTTP cannot do (reach the network unless the template
allows it, write outside /home/user, read the server's files, see another sandbox) and which bombs it cannot set
off unnoticed (memory, processes)."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import anyio
import anyio.abc
import pytest
from data_helpers import DataPlane, new_template

from agentrun.local import LocalServer
from agentrun.local.sandbox import Limits, SandboxEngine
from agentrun.local.sandbox.isolation import python_binds


async def run(data: DataPlane, sandbox: dict[str, Any], code: str, *, timeout: int = 30) -> dict[str, Any]:
    body = {"code": textwrap.dedent(code), "timeout": timeout}
    result: dict[str, Any] = await data.ok(
        "POST", f"/sandboxes/{sandbox['sandboxId']}/contexts/execute", json_body=body
    )
    return result


async def value(data: DataPlane, sandbox: dict[str, Any], code: str) -> Any:
    """The value of the code's last expression (a Python literal)."""
    result = await run(data, sandbox, code)
    assert result["exitCode"] == 0, result
    main = [item for item in result["results"] if item["type"] == "result"]
    return eval(main[-1]["text"])


CONNECT = """
import socket
try:
    socket.create_connection(("127.0.0.1", {port}), timeout=2).close()
    outcome = "connected"
except OSError as exc:
    outcome = type(exc).__name__
outcome
"""


async def test_network_follows_the_template(data: DataPlane, local: LocalServer, sandbox: dict[str, Any]) -> None:
    """PRIVATE (or no network configuration): none; PUBLIC: a network of its own (never the host's loopback; see
    tests/local/security/test_escape_network.py)."""
    async with await anyio.create_tcp_listener(local_host="127.0.0.1") as listener:
        port = listener.extra(anyio.abc.SocketAttribute.local_port)
        assert await value(data, sandbox, CONNECT.format(port=port)) == "ConnectionRefusedError"
        public = await data.create_sandbox(await new_template(local, network="PUBLIC"))
        try:
            assert await value(data, public, CONNECT.format(port=port)) == "ConnectionRefusedError"
            assert await value(data, public, "import socket\nlen(socket.if_nameindex()) > 1") is True
        finally:
            await data.delete_sandbox(public["sandboxId"])


WRITES = """
outcomes = {}
for path in ("/usr/evil", "/etc/evil", "/opt/evil", "/evil", "/home/user/ok"):
    try:
        with open(path, "w") as f:
            f.write("x")
        outcomes[path] = "written"
    except OSError as exc:
        outcomes[path] = type(exc).__name__
outcomes
"""


async def test_only_the_workspace_is_writable(data: DataPlane, sandbox: dict[str, Any]) -> None:
    outcomes = await value(data, sandbox, WRITES)
    assert outcomes.pop("/home/user/ok") == "written"
    assert set(outcomes.values()) <= {"OSError", "PermissionError", "FileNotFoundError"}, outcomes
    assert not await anyio.Path("/usr/evil").exists() and not await anyio.Path("/etc/evil").exists()


async def test_the_servers_files_are_out_of_reach(data: DataPlane, local: LocalServer, sandbox: dict[str, Any]) -> None:
    secrets_on_host = [local.data_dir / "master.key", local.data_dir / "identity.json", local.data_dir / "store.db"]
    assert all([await anyio.Path(path).exists() for path in secrets_on_host])
    code = f"""
    import os
    found = {{}}
    for path in {[str(path) for path in [*secrets_on_host, local.data_dir]]!r}:
        try:
            found[path] = len(open(path, "rb").read()) if os.path.isfile(path) else sorted(os.listdir(path))
        except OSError as exc:
            found[path] = type(exc).__name__
    found
    """
    found = await value(data, sandbox, code)
    assert set(found.values()) == {"FileNotFoundError"}, found
    # The host's home: only the Python installation the sandbox runs on (bound read-only) may show through.
    home = Path.home()
    allowed = {Path(bind).relative_to(home).parts[0] for bind in python_binds() if Path(bind).is_relative_to(home)}
    inside = await value(
        data, sandbox, f"import os\nsorted(os.listdir({str(home)!r})) if os.path.isdir({str(home)!r}) else []"
    )
    assert set(inside) <= allowed, (inside, allowed)


async def test_two_sandboxes_cannot_see_each_others_files(
    data: DataPlane, template: str, sandbox: dict[str, Any]
) -> None:
    await value(data, sandbox, "open('/home/user/mine.txt', 'w').write('first sandbox')")
    other = await data.create_sandbox(template)
    try:
        code = """
        import os
        (os.listdir('/home/user'), os.path.exists('/home/user/mine.txt'))
        """
        listing, visible = await value(data, other, code)
        assert "mine.txt" not in listing and visible is False
    finally:
        await data.delete_sandbox(other["sandboxId"])


async def test_a_memory_bomb_is_contained_and_reported(data: DataPlane, local: LocalServer) -> None:
    small = await data.create_sandbox(await new_template(local, network="PRIVATE", memory=512))
    try:
        result = await run(data, small, "hog = bytearray(4 * 1024 ** 3)")
        assert result["exitCode"] == 1 and result["error"]["name"] in ("MemoryError", "ContextDied"), result
        growing = "hog = []\nwhile True:\n    hog.append(bytearray(16 * 1024 ** 2))"
        result = await run(data, small, growing)
        assert result["exitCode"] == 1 and result["error"]["name"] in ("MemoryError", "ContextDied"), result
        assert await value(data, small, "'still here'") == "still here"
        assert await data.ok("GET", f"/sandboxes/{small['sandboxId']}/health") == {"status": "ok"}
    finally:
        await data.delete_sandbox(small["sandboxId"])


@pytest.fixture(scope="module")
async def process_limit(tmp_path_factory: pytest.TempPathFactory) -> str:
    """What bounds the number of processes in this server's sandboxes (the same engine, on the same machine)."""
    async with SandboxEngine(tmp_path_factory.mktemp("probe-limits")) as engine:
        probe = await engine.create("probe", limits=Limits())
        return probe.process_limit


FORK_BOMB = """
import os, time
children = []
try:
    while len(children) < 10_000:
        pid = os.fork()
        if pid == 0:
            time.sleep(60)
            os._exit(0)
        children.append(pid)
finally:
    forked = len(children)
    for pid in children:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
    print(forked)
"""


async def test_a_fork_bomb_is_contained_and_reported(
    data: DataPlane, sandbox: dict[str, Any], process_limit: str
) -> None:
    if process_limit == "none":
        pytest.skip("nothing limits processes here: the server runs as root and no cgroup pids controller is writable")
    result = await run(data, sandbox, FORK_BOMB)
    assert result["error"]["name"] == "BlockingIOError", result  # EAGAIN from fork()
    max_processes = Limits().max_processes
    assert max_processes is not None and 0 < int(result["stdout"]) < max_processes
    assert await value(data, sandbox, "'alive'") == "alive"
