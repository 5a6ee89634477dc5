"""Escapes through the JSON execute output spill: past 8 MiB of stdout, the server (root, here) writes the stream to
`/home/user/.agentrun/output/<execution>/stdout`. Sandbox code controls everything under /home/user and can learn
its execution's id, so it plants symbolic links (with host paths as targets) and a hard link there, then overflows.
The host files must be untouched, nothing may appear on the host outside the workspace, and what the server
writes must be a new file of the sandbox's own, not usable to escalate (no set-id or execute bits)."""

from __future__ import annotations

import ast
import stat
import textwrap
from pathlib import Path
from typing import Any

import pytest
from data_helpers import DataPlane, new_template

from agentrun.local import LocalServer
from agentrun.local.paths import DataDir
from agentrun.local.sandbox import quota

MIB = 1024 * 1024

# The running execution's id, as sandbox code can find it: the worker's channel is an object of its process.
EXECUTION_ID = """
import gc, os, stat, sys
channel = next(o for o in gc.get_objects() if type(o).__name__ == "_Channel")
output = "/home/user/.agentrun/output/" + channel.execution_id
"""
OVERFLOW = """
sys.stdout.write(("x" * 1023 + "\\n") * (9 * 1024))  # 9 MiB: past the JSON answer's 8 MiB
sys.stdout.flush()
"""


async def execute(data: DataPlane, sandbox: dict[str, Any], *parts: str) -> dict[str, Any]:
    code = "\n".join(textwrap.dedent(part) for part in parts)
    path = f"/sandboxes/{sandbox['sandboxId']}/contexts/execute"
    result: dict[str, Any] = await data.ok("POST", path, json_body={"code": code, "timeout": 60})
    return result


def notice_of(result: dict[str, Any]) -> str:
    assert "[AgentRun Local: stdout is cut here" in result["stdout"], result["stdout"][-2000:]
    return result["stdout"].rsplit("[AgentRun Local:", 1)[1]


def spill_path(notice: str) -> str:
    """The file a cut stream's notice names."""
    return notice.split(" are in ", 1)[1].split(" in the sandbox", 1)[0]


async def value(data: DataPlane, sandbox: dict[str, Any], code: str) -> Any:
    """The value of the code's last expression (a Python literal)."""
    result = await execute(data, sandbox, code)
    assert result["exitCode"] == 0, result
    return ast.literal_eval(result["results"][0]["text"])


def host_workspace(local: LocalServer, sandbox: dict[str, Any]) -> Path:
    return DataDir.resolve(local.data_dir).sandboxes / sandbox["sandboxId"] / "workspace"


async def test_a_planted_spill_file_link_never_overwrites_a_host_file(
    data: DataPlane, local: LocalServer, sandbox: dict[str, Any], tmp_path: Path
) -> None:
    victim = tmp_path / "victim.pth"
    victim.write_text("precious\n")
    plant = f"""
    os.makedirs(output)
    os.symlink({str(victim)!r}, output + "/stdout")  # a host path: meaningless inside, followed by a careless server
    """
    result = await execute(data, sandbox, EXECUTION_ID, plant, OVERFLOW)
    assert result["exitCode"] == 0, result["stderr"][-2000:]
    assert victim.read_text() == "precious\n"
    spill = spill_path(notice_of(result))
    assert await value(
        data, sandbox, f"import os, stat\ninfo = os.lstat({spill!r})\n(stat.S_ISREG(info.st_mode), info.st_size)"
    ) == (True, 9 * MIB)

    # On the host: a new regular file in the workspace, owned like the workspace, without set-id or execute bits.
    workspace = host_workspace(local, sandbox)
    info = (workspace / spill.removeprefix("/home/user/")).lstat()
    assert stat.S_ISREG(info.st_mode) and info.st_nlink == 1
    assert stat.S_IMODE(info.st_mode) & (stat.S_ISUID | stat.S_ISGID | 0o111) == 0, oct(info.st_mode)
    assert (info.st_uid, info.st_gid) == (workspace.stat().st_uid, workspace.stat().st_gid)


async def test_a_planted_hard_link_is_replaced_never_written_through(data: DataPlane, sandbox: dict[str, Any]) -> None:
    plant = """
    os.makedirs(output)
    open("/home/user/precious", "w").write("mine\\n")
    os.link("/home/user/precious", output + "/stdout")
    """
    result = await execute(data, sandbox, EXECUTION_ID, plant, OVERFLOW)
    assert result["exitCode"] == 0, result["stderr"][-2000:]
    spill = spill_path(notice_of(result))
    check = f"import os\n(open('/home/user/precious').read(), os.stat({spill!r}).st_size)"
    assert await value(data, sandbox, check) == ("mine\n", 9 * MIB)


async def test_a_planted_output_directory_link_never_leads_the_server_out(
    data: DataPlane, sandbox: dict[str, Any], tmp_path: Path
) -> None:
    outside = tmp_path / "host-dir"
    outside.mkdir()
    plant = f"""
    os.symlink({str(outside)!r}, "/home/user/.agentrun")     # the whole output tree, pointed at the host
    """
    result = await execute(data, sandbox, EXECUTION_ID, plant, OVERFLOW)
    assert result["exitCode"] == 0, result["stderr"][-2000:]
    assert list(outside.iterdir()) == []  # the server created nothing there
    notice = notice_of(result)
    assert "failed" in notice and "outside the sandbox's workspace" in notice and "so it is lost" in notice, notice
    assert len(result["stdout"]) < 8 * MIB + 4096


async def test_a_spill_counts_against_the_sandboxs_disk(data: DataPlane, local: LocalServer) -> None:
    """The server writes as root, whose writes ignore nothing a sandbox process meets but the disk quota: 40 MiB of
    output in a sandbox with 16 MB of disk fill it, and the answer says the rest is lost (and why)."""
    if quota.DiskQuotas.detect(DataDir.resolve(local.data_dir).sandboxes) is None:
        pytest.skip("disk quotas need root, loop devices and mkfs.ext4 (e2fsprogs: make system-deps)")
    small = await data.create_sandbox(await new_template(local, network="PRIVATE", disk_size=16))
    try:
        code = 'import sys\nsys.stdout.write(("x" * 1023 + "\\n") * (40 * 1024))'
        result = await execute(data, small, code)
        assert result["exitCode"] == 0, result["stderr"][-2000:]
        notice = notice_of(result)
        why = notice.split(" failed (", 1)[1].split("), so it is lost", 1)[0]
        assert "space" in why or "disk is full" in why, notice
        left = await value(
            data,
            small,
            "import os\nos.listdir('/home/user/.agentrun/output/' + os.listdir('/home/user/.agentrun/output')[0])",
        )
        assert left == []  # the partial file is removed, and the disk free again
        assert await value(data, small, "open('/home/user/after', 'wb').write(b'y' * (8 << 20))") == 8 << 20
    finally:
        await data.delete_sandbox(small["sandboxId"])
