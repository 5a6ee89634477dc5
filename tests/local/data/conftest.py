"""Fixtures for the data-plane tests: the session's AgentRun Local (tests/local/conftest.py), a signed data-plane
client, and templates. Skipped, with the engine's reason, where sandboxes cannot be isolated."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from data_helpers import ControlPlane, DataPlane, new_template

from agentrun.local import LocalServer
from agentrun.local.sandbox import IsolationUnavailable, SandboxEngine


@pytest.fixture(scope="session")
async def isolation_available(tmp_path_factory: pytest.TempPathFactory) -> None:
    try:
        await SandboxEngine(tmp_path_factory.mktemp("probe")).isolation()
    except IsolationUnavailable as exc:
        pytest.skip(str(exc))


@pytest.fixture(scope="session")
def data(raw: httpx.AsyncClient, local: LocalServer, isolation_available: None) -> DataPlane:
    return DataPlane(raw, local)


@pytest.fixture(scope="session")
def control(raw: httpx.AsyncClient, local: LocalServer) -> ControlPlane:
    return ControlPlane(raw, local)


@pytest.fixture(scope="session")
async def template(local: LocalServer) -> str:
    """A CodeInterpreter template without network (networkMode PRIVATE)."""
    return await new_template(local, network="PRIVATE")


@pytest.fixture
async def sandbox(data: DataPlane, template: str) -> AsyncIterator[dict[str, Any]]:
    """A sandbox of its own for one test, deleted afterwards."""
    created = await data.create_sandbox(template)
    yield created
    await data.delete_sandbox(created["sandboxId"])
