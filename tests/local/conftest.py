"""Fixtures for AgentRun Local: one real server per test session (HTTPS, on a free loopback port), its client, and
a raw httpx client for requests the SDK would never send."""

from __future__ import annotations

import ssl
from collections.abc import AsyncIterator

import httpx
import pytest

from agentrun.client import AsyncAgentRun
from agentrun.local import LocalServer, run


@pytest.fixture(scope="session")
async def local(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[LocalServer]:
    async with run(data_dir=tmp_path_factory.mktemp("agentrun-local"), port=0) as server:
        yield server


@pytest.fixture(scope="session")
def client(local: LocalServer) -> AsyncAgentRun:
    return local.client


@pytest.fixture(scope="session")
async def raw(local: LocalServer) -> AsyncIterator[httpx.AsyncClient]:
    """A plain httpx client that trusts the local CA and signs nothing by itself."""
    async with httpx.AsyncClient(
        base_url=local.base_url, verify=ssl.create_default_context(cafile=str(local.ca_file)), trust_env=False
    ) as http:
        yield http
