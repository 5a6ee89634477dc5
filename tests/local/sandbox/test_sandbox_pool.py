"""The warm pool: started, unused sandboxes handed over on create, refilled, and destroyed with the pool."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

import pytest

from agentrun.local.sandbox import InvalidArgument, Limits, SandboxEngine, SandboxExists
from agentrun.local.sandbox.pool import WarmPool
from tests.local.sandbox.sandbox_helpers import alive, eventually

SMALL = Limits(memory_mb=512, max_processes=64)
OTHER = Limits(memory_mb=768, max_processes=64)


@pytest.fixture
async def pool(engine: SandboxEngine) -> AsyncIterator[WarmPool]:
    pool = WarmPool(engine, size=2, max_kinds=1)
    # A plain task, as the server runs it: a task group cannot span pytest-asyncio's setup and teardown tasks.
    refill = asyncio.get_running_loop().create_task(pool.keep_filled())
    yield pool
    refill.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await refill
    assert pool.waiting == 0


async def filled(pool: WarmPool, count: int) -> None:
    assert await eventually(lambda: pool.waiting >= count, timeout=60), f"{pool.waiting} waiting, not {count}"


async def test_the_first_create_starts_cold_and_the_next_ones_are_handed_over(
    pool: WarmPool, engine: SandboxEngine
) -> None:
    first = await pool.create("pool-first", limits=SMALL, network=None)
    await filled(pool, 2)
    waiting = {handle.id for handles in pool._ready.values() for handle in handles}
    second = await pool.create("pool-second", limits=SMALL, network=None)
    try:
        assert second.id == "pool-second" and engine.get("pool-second") is second
        assert len(waiting - set(engine.sandboxes)) == 1  # the one handed over is registered under its new id only
        assert second.limits == SMALL and not second.network
        context = await second.create_context()
        answer = await context.run("import os\nsorted(os.listdir('/home/user')), 6 * 7")
        assert answer["results"][0]["text"] == "([], 42)"  # an unused sandbox: empty workspace
        # Its host directory moved with the new id, and stays the sandbox's /home/user.
        assert second.workspace == engine.root / "pool-second" / "workspace"
        await context.run("open('/home/user/mark.txt', 'w').write('handed over')")
        assert (second.workspace / "mark.txt").read_text() == "handed over"
        await filled(pool, 2)  # refilled after the hand-over
    finally:
        await first.aclose()
        await second.aclose()


async def test_another_kind_is_started_cold_and_the_stale_kind_is_destroyed(
    pool: WarmPool, engine: SandboxEngine
) -> None:
    first = await pool.create("pool-kind-a", limits=SMALL, network=None)
    await filled(pool, 2)
    stale = [handle for handles in pool._ready.values() for handle in handles]
    other = await pool.create("pool-kind-b", limits=OTHER, network=None)
    try:
        assert other.limits == OTHER
        # max_kinds=1: the first kind's sandboxes go, processes included.
        assert await eventually(
            lambda: not any(handle.alive or (handle.init_pid and alive(handle.init_pid)) for handle in stale), 60
        )
        await filled(pool, 2)
        assert all(kind == (OTHER, None, ()) for kind in pool._ready)
    finally:
        await first.aclose()
        await other.aclose()


async def test_a_taken_or_invalid_id_fails_and_keeps_the_pooled_sandbox(pool: WarmPool) -> None:
    first = await pool.create("pool-taken", limits=SMALL, network=None)
    try:
        await filled(pool, 2)
        with pytest.raises(SandboxExists):
            await pool.create("pool-taken", limits=SMALL, network=None)
        with pytest.raises(InvalidArgument, match="invalid sandbox id"):
            await pool.create("../escape", limits=SMALL, network=None)
        assert pool.waiting == 2
    finally:
        await first.aclose()


async def test_size_zero_never_pools(engine: SandboxEngine) -> None:
    pool = WarmPool(engine, size=0)
    await pool.keep_filled()  # returns at once
    handle = await pool.create("pool-off", limits=SMALL, network=None)
    try:
        assert pool.waiting == 0 and handle.id == "pool-off"
    finally:
        await handle.aclose()
