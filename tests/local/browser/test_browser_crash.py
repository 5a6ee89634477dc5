"""A server killed outright (SIGKILL) leaves no Chromium behind: every browser, in use or waiting in the warm pool,
dies with it (bwrap's --die-with-parent), and the next start on the same data dir marks the sandbox TERMINATED."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import anyio
from playwright.async_api import Browser, Page

from agentrun.client import AsyncAgentRun
from agentrun.local import run


async def _page(browser: Browser) -> Page:
    context = browser.contexts[0] if browser.contexts else await browser.new_context()
    return await context.new_page()


def _descendants(root: int) -> set[int]:
    """(Blocking.) Live processes under `root`, from /proc's parent links."""
    parents: dict[int, int] = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat") as file:
                    fields = file.read().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if fields[0] not in ("Z", "X"):
                parents[int(name)] = int(fields[1])
    found, frontier = set(), {root}
    while frontier:
        frontier = {pid for pid, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def _chromium(pids: set[int]) -> set[int]:
    found = set()
    for pid in pids:
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as file:
                if b"chromium" in file.read().split(b"\0", 1)[0]:
                    found.add(pid)
        except OSError:
            continue
    return found


async def test_no_chromium_is_left_after_the_server_is_killed(tmp_path: Path, browser_ready: None) -> None:
    record = tmp_path / "server.json"
    command = [sys.executable, "-m", "agentrun.local", "serve", "--port", "0", "--data-dir", str(tmp_path)]
    async with await anyio.open_process(command) as server:
        with anyio.fail_after(60):
            while not record.exists():  # noqa: ASYNC110 - the server writes it once it answers
                await anyio.sleep(0.05)
        async with AsyncAgentRun.local(tmp_path) as client:
            await client.templates.create("crash", template_type="Browser", network={"networkMode": "PRIVATE"})
            sandbox = await client.sandboxes.create("crash", idle_timeout=300)
            async with sandbox.browser.playwright() as browser:
                await (await _page(browser)).goto("data:text/html,<title>before the crash</title>")
                with anyio.fail_after(60):  # the one in use, and the warm pool's two, refilled beside it
                    while True:
                        ours = await anyio.to_thread.run_sync(_chromium_under, server.pid)
                        if len(_namespaces(ours)) >= 3:
                            break
                        await anyio.sleep(0.1)
                server.kill()  # SIGKILL: no shutdown code runs
                await server.wait()
    with anyio.fail_after(15):
        while _all_live(ours):  # noqa: ASYNC110 - /proc offers nothing to wait on
            await anyio.sleep(0.1)
    async with run(data_dir=tmp_path, port=0) as local:
        assert str((await local.client.sandboxes.get(sandbox.id)).status) == "TERMINATED"


def _chromium_under(root: int) -> set[int]:
    return _chromium(_descendants(root))


def _namespaces(pids: set[int]) -> set[str]:
    found = set()
    for pid in pids:
        try:
            found.add(os.readlink(f"/proc/{pid}/ns/pid"))
        except OSError:
            continue
    return found


def _all_live(pids: set[int]) -> set[int]:
    live = set()
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as file:
                if file.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X"):
                    live.add(pid)
        except (OSError, IndexError):
            continue
    return live
