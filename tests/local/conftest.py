"""Fixtures for AgentRun Local: one real server per test session (HTTPS, on a free loopback port), its client, and
a raw httpx client for requests the SDK would never send. Every answer of that server is checked against the specs
(contract.py); a test during which one did not match fails, naming the operation, the status and what is wrong."""

from __future__ import annotations

import ssl
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
from contract import AnswerContract, Contract

from agentrun.client import AsyncAgentRun
from agentrun.local import LocalServer, run


@pytest.fixture(scope="session")
def contract() -> Contract:
    return Contract()


@pytest.fixture(scope="session")
async def local(tmp_path_factory: pytest.TempPathFactory, contract: Contract) -> AsyncIterator[LocalServer]:
    async with run(
        data_dir=tmp_path_factory.mktemp("agentrun-local"), port=0, wrap_app=lambda app: AnswerContract(app, contract)
    ) as server:
        yield server


@pytest.fixture(autouse=True)
def answers_match_the_specs(contract: Contract) -> Iterator[None]:
    """After each test: every answer given since the last check (session fixtures' set-up included) matched."""
    yield
    violations = contract.take()
    assert not violations, "AgentRun Local answered against the spec:\n" + "\n".join(violations)


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
