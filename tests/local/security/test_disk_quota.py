"""The disk quota (template `diskSize`, MB) bounds what a sandbox holds in total, not only each file: code and
commands inside get ENOSPC past it, the server's own writes into the workspace answer a clear error, the host keeps
at most diskSize (plus the file system's own few MiB), and nothing of it outlives the sandbox: not on delete, not
after the handover of a warm sandbox, not after a server killed outright (its next start unmounts what it left)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import anyio
import pytest
from data_helpers import DataPlane, new_template, until
from files_helpers import SandboxFiles
from local_helpers import unique

from agentrun.client import AsyncAgentRun
from agentrun.local import LocalServer, run
from agentrun.local.paths import DataDir
from agentrun.local.sandbox import quota

DISK_MB = 50
MIB = 1024 * 1024
SLACK = 5 * MIB  # the file system's own metadata (quota.image_bytes: ~2 MiB plus 1/64)

FILL = """
import errno, os
written, outcome, index = 0, None, 0
block = b"x" * (1 << 20)
while outcome is None and written < 400 * (1 << 20):   # 8 MiB files, each under the per-file limit
    try:
        with open(f"/home/user/fill-{index}", "wb") as file:
            for _ in range(8):
                file.write(block)
                file.flush()
                written += len(block)
    except OSError as exc:
        outcome = errno.errorcode.get(exc.errno, str(exc.errno))
    index += 1
(outcome, written)
"""

DD = (
    "i=0; while dd if=/dev/zero of=/home/user/dd-$i bs=1M count=8 2>/home/user/dd.err; do i=$((i+1)); "
    '[ $i -gt 50 ] && break; done; echo "files $i"; cat /home/user/dd.err'
)


def sandbox_dir(local: LocalServer, sandbox_id: str) -> Path:
    return DataDir.resolve(local.data_dir).sandboxes / sandbox_id


def loop_devices_under(directory: Path) -> list[str]:
    """Loop devices whose backing file lies under `directory`."""
    found = []
    for device in Path("/sys/block").glob("loop*"):
        try:
            backing = (device / "loop" / "backing_file").read_text().strip()
        except OSError:
            continue  # not attached
        if backing.startswith(str(directory) + "/"):
            found.append(device.name)
    return found


async def no_loop_devices_under(directory: Path) -> bool:
    return not loop_devices_under(directory)


def host_usage(directory: Path) -> int:
    """Bytes the host's own file system holds for `directory` (its image included; mounted file systems not)."""
    device = directory.stat().st_dev
    total = 0
    for parent, dirs, files in os.walk(directory):
        dirs[:] = [name for name in dirs if (Path(parent) / name).lstat().st_dev == device]
        for name in files:
            info = (Path(parent) / name).lstat()
            if info.st_dev == device:
                total += info.st_blocks * 512
    return total


async def value(data: DataPlane, sandbox_id: str, code: str) -> Any:
    body = {"code": textwrap.dedent(code), "timeout": 120}
    result = await data.ok("POST", f"/sandboxes/{sandbox_id}/contexts/execute", json_body=body)
    assert result["exitCode"] == 0, result
    return eval([item for item in result["results"] if item["type"] == "result"][-1]["text"])


async def command(data: DataPlane, sandbox_id: str, line: str) -> dict[str, Any]:
    body = {"command": line, "timeout": 120}
    result: dict[str, Any] = await data.ok("POST", f"/sandboxes/{sandbox_id}/processes/cmd", json_body=body)
    return result


@pytest.fixture(scope="module")
async def small_disk(local: LocalServer, isolation_available: None) -> str:
    """A template whose sandboxes have DISK_MB of disk."""
    if quota.DiskQuotas.detect(DataDir.resolve(local.data_dir).sandboxes) is None:
        pytest.skip("disk quotas need root, loop devices and mkfs.ext4 (e2fsprogs: make system-deps)")
    return await new_template(local, network="PRIVATE", disk_size=DISK_MB)


@pytest.fixture
async def sandbox_id(data: DataPlane, small_disk: str) -> Any:
    created = await data.create_sandbox(small_disk)
    yield created["sandboxId"]
    await data.delete_sandbox(created["sandboxId"])


async def test_code_and_commands_get_enospc_past_disk_size(
    data: DataPlane, local: LocalServer, sandbox_id: str
) -> None:
    outcome, written = await value(data, sandbox_id, FILL)
    assert outcome == "ENOSPC", (outcome, written)
    assert (DISK_MB - 2) * MIB <= written <= DISK_MB * MIB + SLACK, written
    assert host_usage(sandbox_dir(local, sandbox_id)) <= DISK_MB * MIB + SLACK

    await command(data, sandbox_id, "rm -f /home/user/fill-*")
    result = await command(data, sandbox_id, DD)
    files = int(result["stdout"].split()[1])
    assert "No space left on device" in result["stdout"], result
    assert (DISK_MB // 8) - 1 <= files <= DISK_MB // 8 + 1, result
    assert host_usage(sandbox_dir(local, sandbox_id)) <= DISK_MB * MIB + SLACK


async def test_uploads_past_disk_size_answer_a_clear_error(data: DataPlane, sandbox_id: str) -> None:
    files = SandboxFiles(data, sandbox_id)
    upload = await files.upload_file("/home/user/first.bin", "first.bin", b"\0" * (30 * MIB))
    assert upload.status_code == 200, upload.text
    second = await files.upload_file("/home/user/second.bin", "second.bin", b"\0" * (30 * MIB))
    assert second.status_code == 507, second.text
    assert second.json()["code"] == "ERR_NO_SPACE" and "diskSize" in second.json()["message"]
    outcome, _ = await value(data, sandbox_id, FILL)  # now full to the last block
    assert outcome == "ENOSPC"
    write = await files.write("/home/user/small.txt", "x" * 100_000)
    assert write.status_code == 507 and "diskSize" in write.json()["message"], write.text
    assert files.leftovers() == []  # the partial uploads are gone
    listing = await value(data, sandbox_id, "import os\nsorted(os.listdir('/home/user'))")
    assert "second.bin" not in listing and "small.txt" not in listing


async def test_a_deleted_sandbox_leaves_no_mount_and_no_loop_device(
    data: DataPlane, local: LocalServer, small_disk: str
) -> None:
    created = await data.create_sandbox(small_disk)
    directory = sandbox_dir(local, created["sandboxId"])
    assert quota.mounts_under(directory) == [directory / "workspace"]
    assert len(loop_devices_under(directory)) == 1
    await data.delete_sandbox(created["sandboxId"])
    assert quota.mounts_under(directory) == [] and not directory.exists()
    await until(lambda: no_loop_devices_under(directory))  # freed once the kernel lets go of the file system


async def test_a_warm_sandbox_keeps_its_quota_when_handed_over(
    data: DataPlane, local: LocalServer, small_disk: str, sandbox_id: str
) -> None:
    """The first create wanted this kind of sandbox: the pool starts spares, renamed (mount and all) on create."""
    root = DataDir.resolve(local.data_dir).sandboxes

    async def a_spare_waits() -> bool:
        return any(quota.mounts_under(spare) for spare in root.glob("warm-*"))

    await until(a_spare_waits, timeout=60)
    handed = await data.create_sandbox(small_disk)
    try:
        directory = sandbox_dir(local, handed["sandboxId"])
        assert quota.mounts_under(directory) == [directory / "workspace"]
        outcome, written = await value(data, handed["sandboxId"], FILL)
        assert outcome == "ENOSPC" and written <= DISK_MB * MIB + SLACK
        assert host_usage(directory) <= DISK_MB * MIB + SLACK
    finally:
        await data.delete_sandbox(handed["sandboxId"])
    assert quota.mounts_under(directory) == []
    await until(lambda: no_loop_devices_under(directory))


async def test_a_killed_servers_mounts_are_released_at_its_next_start(tmp_path: Path, small_disk: str) -> None:
    record = tmp_path / "server.json"
    command = [sys.executable, "-m", "agentrun.local", "serve", "--port", "0", "--data-dir", str(tmp_path)]
    root = DataDir.resolve(tmp_path).sandboxes
    async with await anyio.open_process(command, stderr=subprocess.DEVNULL) as server:
        await until(anyio.Path(record).exists)
        async with AsyncAgentRun.local(tmp_path) as client:
            name = unique("tpl")
            await client.templates.create(name, disk_size=DISK_MB)
            await client.sandboxes.create(name)
        server.kill()
        await server.wait()
    left = quota.mounts_under(root)
    assert left, "a server killed outright leaves its workspaces mounted"
    async with run(data_dir=tmp_path, port=0):
        assert quota.mounts_under(root) == []
        await until(lambda: no_loop_devices_under(root))


@pytest.mark.skipif(shutil.which("setpriv") is None, reason="setpriv (util-linux) runs the check as another user")
def test_without_mount_rights_there_is_no_quota_and_a_warning_says_so(tmp_path: Path) -> None:
    """A server that is not root keeps today's per-file limit, and says so once, clearly."""
    tmp_path.chmod(0o777)
    check = "import logging, pathlib, sys; logging.basicConfig(); from agentrun.local.sandbox import quota; "
    check += "print(quota.DiskQuotas.detect(pathlib.Path(sys.argv[1])))"
    result = subprocess.run(
        ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", sys.executable, "-c", check, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.stdout.strip() == "None", result.stderr
    assert "sandbox disk quotas are unavailable" in result.stderr and "each file" in result.stderr
