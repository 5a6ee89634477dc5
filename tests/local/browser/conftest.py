"""Fixtures for browser sandboxes on a real AgentRun Local: a Browser template, and a sandbox of it per test. Skipped
(with the reason) where Chromium, Playwright or isolation is missing; AGENTRUN_TESTS_NO_SKIP=1 turns that into a
failure."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import pytest

from agentrun.client import AsyncAgentRun
from agentrun.local import LocalServer
from agentrun.local.browser import chromium
from agentrun.local.sandbox import IsolationUnavailable, SandboxEngine
from agentrun.sandbox.sandbox import Sandbox


@pytest.fixture(scope="session")
async def browser_ready(tmp_path_factory: pytest.TempPathFactory, local: LocalServer) -> None:
    try:
        await SandboxEngine(tmp_path_factory.mktemp("probe")).isolation()
    except IsolationUnavailable as exc:
        pytest.skip(str(exc))
    if chromium.find() is None:
        pytest.skip(f"no Chromium: {chromium.INSTALL_HINT}")
    pytest.importorskip("playwright", reason="Playwright is missing: pip install -e '.[browser]'")


@pytest.fixture(scope="session")
async def browser_template(client: AsyncAgentRun, browser_ready: None) -> str:
    name = f"browser-{uuid.uuid4().hex[:8]}"
    await client.templates.create(name, template_type="Browser", network={"networkMode": "PRIVATE"})
    return name


@pytest.fixture
async def browser_sandbox(client: AsyncAgentRun, browser_template: str) -> AsyncIterator[Sandbox]:
    async with await client.sandboxes.create(browser_template, idle_timeout=300) as sandbox:
        yield sandbox
