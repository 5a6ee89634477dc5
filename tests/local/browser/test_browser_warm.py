"""Warm browsers (agentrun/local/browser/warm.py): browser sandboxes started ahead, Chromium answering CDP, handed
over on create under the id asked for, refilled, and destroyed with the pool. Real engine, real Chromium."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator
from dataclasses import replace

import pytest
from websockets.asyncio.client import connect

from agentrun.local.browser import chromium
from agentrun.local.browser.warm import WarmBrowsers
from agentrun.local.sandbox import IsolationUnavailable, Limits, SandboxEngine
from agentrun.local.sandbox_manager.records import BROWSER_MAX_PROCESSES
from tests.local.sandbox.sandbox_helpers import eventually

LIMITS = Limits(memory_mb=2048, address_space=False, max_processes=BROWSER_MAX_PROCESSES)  # as records.py


@pytest.fixture
async def engine(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[SandboxEngine]:
    engine = SandboxEngine(tmp_path_factory.mktemp("warm-browsers"))
    try:
        await engine.isolation()
    except IsolationUnavailable as exc:
        pytest.skip(str(exc))
    if chromium.find() is None:
        pytest.skip(f"no Chromium: {chromium.INSTALL_HINT}")
    async with engine:
        yield engine


@pytest.fixture
async def warm(engine: SandboxEngine) -> AsyncIterator[WarmBrowsers]:
    warm = WarmBrowsers(engine, size=1, max_kinds=1)
    refill = asyncio.get_running_loop().create_task(warm.keep_filled())  # as the server runs it
    yield warm
    refill.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await refill
    assert warm.waiting == 0


async def _version(browser: chromium.Browser) -> str:
    sock = await browser.connect()
    try:
        async with connect(f"ws://127.0.0.1{browser.devtools_path}", sock=sock) as cdp:
            await cdp.send(json.dumps({"id": 1, "method": "Browser.getVersion"}))
            return str(json.loads(await cdp.recv())["result"]["product"])
    finally:
        sock.close()


async def test_a_wanted_kind_is_filled_and_handed_over_under_the_new_id(
    warm: WarmBrowsers, engine: SandboxEngine
) -> None:
    executable = chromium.find()
    assert executable is not None
    assert await warm.take("warm-first", limits=LIMITS, network=None, executable=executable) is None  # cold
    assert await eventually(lambda: warm.waiting >= 1, timeout=60), "no browser was started for the wanted kind"
    browser = await warm.take("warm-second", limits=LIMITS, network=None, executable=executable)
    assert browser is not None and browser.sandbox.id == "warm-second" and engine.get("warm-second") is browser.sandbox
    try:
        assert browser.sandbox.workspace == engine.root / "warm-second" / "workspace"  # moved with the id
        assert "Chrome" in await _version(browser)  # its relay socket is reached at the new path
        assert await eventually(lambda: warm.waiting >= 1, timeout=60)  # refilled after the hand-over
        other = await warm.take(
            "warm-other", limits=replace(LIMITS, memory_mb=1024), network=None, executable=executable
        )
        assert other is None  # another kind starts cold (and makes the first kind stale: max_kinds=1)
    finally:
        await browser.sandbox.aclose()
    assert not browser.alive
