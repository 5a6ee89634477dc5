"""The namespace filter waits for the sandbox's user namespace to be mapped. Unprivileged bwrap reports the sandbox's
pid before that process writes its own uid and gid maps, so nft (and pasta), entering the namespace with the server's
credentials kept, could exec before the server's uid is root there and lose every capability ("cache initialization
failed: Operation not permitted", seen once in a full CI run as a 503 for a PUBLIC sandbox). Here the process is
`unshare --user --net` with no map at all, mapped 300 ms after the filter is asked for.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import anyio
import pytest

from agentrun.local.sandbox import network


@pytest.fixture
def unmapped() -> Iterator[subprocess.Popen[bytes]]:
    """A process in a user and network namespace of its own whose user namespace has no uid or gid map yet."""
    if os.geteuid() != 0:
        pytest.skip("mapping another process's user namespace from outside needs root")
    if shutil.which("unshare") is None:
        pytest.skip("util-linux's unshare is not installed")
    process = subprocess.Popen(["unshare", "--user", "--net", "sleep", "60"])
    try:
        own = os.stat("/proc/self/ns/user").st_ino
        deadline = time.monotonic() + 10
        while os.stat(f"/proc/{process.pid}/ns/user").st_ino == own:  # until unshare has run
            assert time.monotonic() < deadline, "unshare did not enter a user namespace"
            time.sleep(0.001)
        yield process
    finally:
        process.kill()
        process.wait()


def map_root(pid: int) -> None:
    """Map root to root in `pid`'s user namespace, gid first: the wait is over only once both are there."""
    Path(f"/proc/{pid}/gid_map").write_text("0 0 1\n")
    Path(f"/proc/{pid}/uid_map").write_text("0 0 1\n")


def test_user_mapped_waits_for_both_maps(unmapped: subprocess.Popen[bytes]) -> None:
    assert not network.user_mapped(unmapped.pid, 0.05)
    Path(f"/proc/{unmapped.pid}/uid_map").write_text("0 0 1\n")
    assert not network.user_mapped(unmapped.pid, 0.05), "pasta's --runas 0 needs the gid map too"
    Path(f"/proc/{unmapped.pid}/gid_map").write_text("0 0 1\n")
    assert network.user_mapped(unmapped.pid, 0.05)


def test_user_mapped_gives_up_on_a_process_that_is_gone(unmapped: subprocess.Popen[bytes]) -> None:
    unmapped.kill()
    unmapped.wait()
    started = time.monotonic()
    assert not network.user_mapped(unmapped.pid, 5)
    assert time.monotonic() - started < 5, "a gone process is not waited for until the timeout"


async def test_the_filter_is_loaded_once_the_namespace_is_mapped(
    unmapped: subprocess.Popen[bytes], tmp_path: Path
) -> None:
    tools = network.find()
    if tools is None:
        pytest.skip(network.MISSING)

    async def map_later() -> None:
        await anyio.sleep(0.3)
        await anyio.to_thread.run_sync(map_root, unmapped.pid)

    async with anyio.create_task_group() as tg:
        tg.start_soon(map_later)
        pasta = await network.attach(tools, unmapped.pid, tmp_path, network.refused_networks(network.Egress.PUBLIC))
    try:
        listed = await anyio.run_process(
            ["nsenter", f"--user=/proc/{unmapped.pid}/ns/user", "--preserve-credentials",
             f"--net=/proc/{unmapped.pid}/ns/net", tools.nft, "list", "ruleset"],
        )  # fmt: skip
        assert "table inet agentrun" in listed.stdout.decode()
    finally:
        await pasta.aclose()
