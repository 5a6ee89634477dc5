"""Answers the real cloud documents (tests/golden/, sources in its README) parse through the facade's public types,
and match the specs' response schemas. The cloud is replayed by an httpx.MockTransport that answers every request
with the recorded body (a fake of the cloud, nothing else)."""

from __future__ import annotations

import json
import sys
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from agentrun import Config
from agentrun.client import AsyncAgentRun

sys.path.insert(0, str(Path(__file__).parent / "local"))
from contract import Contract

GOLDEN = Path(__file__).parent / "golden"


def recorded(name: str) -> bytes:
    return (GOLDEN / name).read_bytes()


@pytest.fixture
async def cloud_replaying() -> AsyncIterator[Callable[[bytes], AsyncAgentRun]]:
    made: list[AsyncAgentRun] = []

    def build(body: bytes) -> AsyncAgentRun:
        def answer(request: httpx.Request) -> httpx.Response:
            return httpx.Response(200, content=body, headers={"content-type": "application/json"})

        config = Config(
            access_key_id="ak",
            access_key_secret="sk",
            account_id="123",
            control_endpoint="http://127.0.0.1:9",
            data_endpoint="http://127.0.0.1:9",
            max_retries=0,
        )
        made.append(AsyncAgentRun(config, transport=httpx.MockTransport(answer)))
        return made[-1]

    yield build
    for client in made:
        await client.aclose()


@pytest.mark.parametrize(
    ("name", "method", "path"),
    [
        ("control_agent_runtime_result.json", "GET", "/2025-09-10/agents/runtimes/ar-1234567890abcdef"),
        ("control_list_templates.json", "GET", "/2025-09-10/templates"),
    ],
)
def test_recorded_answers_match_the_spec(name: str, method: str, path: str) -> None:
    contract = Contract()
    contract.check(method, path, 200, "application/json", recorded(name))
    assert contract.take() == []


async def test_a_documented_agent_runtime_parses(cloud_replaying: Callable[[bytes], AsyncAgentRun]) -> None:
    client = cloud_replaying(recorded("control_agent_runtime_result.json"))
    runtime = await client.agent_runtimes.get("ar-1234567890abcdef")
    assert runtime.id == "ar-1234567890abcdef" and runtime.name == "my-agent-runtime"
    assert runtime.status == "READY" and runtime.agent_runtime_version == "1"
    assert runtime.agent_runtime_arn.endswith("runtimes/7a1b6d39-9f8f-4ce2-b9c9-6db1b0b9e169")


async def test_documented_templates_parse(cloud_replaying: Callable[[bytes], AsyncAgentRun]) -> None:
    client = cloud_replaying(recorded("control_list_templates.json"))
    page = await client.templates.list().first_page()
    items: list[Any] = list(page.items)
    assert len(items) == 1
    template = items[0]
    assert template.name == "browser-1767874121726" and template.template_type == "Browser"
    assert template.cpu == 4 and template.memory == 4096 and template.status == "READY"


def test_golden_files_are_json() -> None:
    for path in GOLDEN.glob("*.json"):
        json.loads(path.read_text())
