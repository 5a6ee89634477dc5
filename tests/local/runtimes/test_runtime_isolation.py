"""Runtime instances run inside the sandbox engine's isolation: the build read-only at /code, nothing of the
server's data directory or of the host outside what every sandbox sees, no network unless the runtime's
networkConfiguration allows it, and memory bounded by the runtime's `memory`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
from local_helpers import agentrun4_headers, unique
from runtime_packages import agent_zip, code_configuration
from test_runtime_deploy import settled
from test_runtime_invoke import _path

from agentrun.client import AsyncAgentRun
from agentrun.local import LocalServer


async def _deploy(client: AsyncAgentRun, **more: Any) -> str:
    name = unique("ar-iso")
    runtime = await client.agent_runtimes.create(name, code=code_configuration(agent_zip()), **more)
    assert str((await settled(client, runtime.id)).status) == "READY"
    return name


async def _try(raw: httpx.AsyncClient, local: LocalServer, name: str, action: str, target: str) -> dict[str, Any]:
    path, query = _path(name, f"try-{action}"), f"p={quote(target, safe='')}"
    headers = agentrun4_headers(local, "GET", path, raw_query=query)
    answer = await raw.get(f"{path}?{query}", headers=headers)
    assert answer.status_code == 200, answer.text
    result: dict[str, Any] = answer.json()
    return result


async def test_instance_sees_only_its_build(
    client: AsyncAgentRun, raw: httpx.AsyncClient, local: LocalServer, tmp_path: Path
) -> None:
    name = await _deploy(client)
    secret = tmp_path / "host-secret.txt"
    secret.write_text("host only")
    assert (await _try(raw, local, name, "read", "/code/main.py"))["ok"]  # its own code, as its cwd
    assert (await _try(raw, local, name, "read", "main.py"))["ok"]
    for hidden in (str(secret), str(local.data_dir), str(local.data_dir / "runtimes"), __file__):
        action = "list" if not hidden.endswith((".txt", ".py")) else "read"
        result = await _try(raw, local, name, action, hidden)
        assert not result["ok"] and "FileNotFoundError" in result["error"], (hidden, result)
    for read_only in ("/code/new.py", "/code/main.py", f"{sys.prefix}/planted"):
        result = await _try(raw, local, name, "write", read_only)
        assert not result["ok"] and "Read-only file system" in result["error"], (read_only, result)
    assert (await _try(raw, local, name, "write", "/home/user/scratch.txt"))["ok"]  # its workspace is its own


async def test_no_network_unless_configured(client: AsyncAgentRun, raw: httpx.AsyncClient, local: LocalServer) -> None:
    name = await _deploy(client)
    result = await _try(raw, local, name, "connect", f"127.0.0.1:{local.port}")  # the server, on the host's loopback
    assert not result["ok"], result


async def test_memory_bounded_by_the_runtime(client: AsyncAgentRun, raw: httpx.AsyncClient, local: LocalServer) -> None:
    name = await _deploy(client, memory=256)
    assert (await _try(raw, local, name, "alloc", "32"))["ok"]
    assert (await _try(raw, local, name, "alloc", "512"))["error"] == "OSError: MemoryError"
