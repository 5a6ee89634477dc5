"""Fixtures for the sandbox engine tests: real bwrap sandboxes, real processes. One engine per module; tests that
need their own sandboxes create them. Skipped (with the reason) where isolation cannot be set up."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from agentrun.local.sandbox import IsolationUnavailable, Limits, SandboxEngine, SandboxHandle


@pytest.fixture(scope="module")
async def engine(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[SandboxEngine]:
    engine = SandboxEngine(tmp_path_factory.mktemp("sandboxes"))
    try:
        await engine.isolation()
    except IsolationUnavailable as exc:
        pytest.skip(str(exc))
    async with engine:
        yield engine


@pytest.fixture(scope="module")
async def sandbox(engine: SandboxEngine, request: pytest.FixtureRequest) -> AsyncIterator[SandboxHandle]:
    """A sandbox for the module's tests (limits small enough for the bomb tests)."""
    name = Path(str(request.node.name)).stem.replace("_", "-")
    handle = await engine.create(name, limits=Limits(memory_mb=512, max_processes=64))
    yield handle
    if handle.id in engine.sandboxes:
        await engine.destroy(handle.id)
