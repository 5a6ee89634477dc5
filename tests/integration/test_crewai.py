"""agentrun.integration.crewai with the real CrewAI (.venv-integrations-crewai) against a real AgentRun Local:
examples/integrations/crewai_agent.py runs a crew whose agent uses `model(...)` with the offline test model, which
calls a sandbox tool and an OpenAPI tool; the streamed output quotes their real output and the sandbox is deleted when
the toolset closes."""

from __future__ import annotations

from conftest import API_ANSWER, CODE_ANSWER, World, assert_sandbox_gone

from agentrun.client import AsyncAgentRun


async def test_crewai_agent_calls_a_sandbox_and_an_openapi_tool(world: World, client: AsyncAgentRun) -> None:
    out = await world.run_example("crewai")
    answer = out[out.index("answer: ") :]
    # CrewAI names tools in snake_case: the model called createItem as create_item
    assert CODE_ANSWER in answer and API_ANSWER.replace("createItem", "create_item") in answer, out
    assert out.count("chunk: ") > 5, out  # streamed piece by piece
    seen = world.upstream.seen[-1]
    assert (seen.method, seen.path, seen.body) == ("POST", "/items", {"name": "demo", "count": 2})
    await assert_sandbox_gone(client, out)
