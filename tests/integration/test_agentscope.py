"""agentrun.integration.agentscope with the real AgentScope (.venv-integrations-agentscope) against a real
AgentRun Local: examples/integrations/agentscope_agent.py builds an `Agent` with a `Toolkit` on `model(...)` with the
offline test model, which calls a sandbox tool and an OpenAPI tool; the streamed reply quotes their real output and
the sandbox is deleted when the toolset closes."""

from __future__ import annotations

from conftest import API_ANSWER, CODE_ANSWER, World, assert_sandbox_gone

from agentrun.client import AsyncAgentRun


async def test_agentscope_agent_calls_a_sandbox_and_an_openapi_tool(world: World, client: AsyncAgentRun) -> None:
    out = await world.run_example("agentscope")
    answer = out[out.index("answer: ") :]
    assert CODE_ANSWER in answer and API_ANSWER in answer, out
    assert out.count("chunk: ") > 5, out  # streamed piece by piece
    seen = world.upstream.seen[-1]
    assert (seen.method, seen.path, seen.body) == ("POST", "/items", {"name": "demo", "count": 2})
    await assert_sandbox_gone(client, out)
