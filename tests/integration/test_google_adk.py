"""agentrun.integration.google_adk with the real Google ADK (.venv-integrations-google-adk) against a real
AgentRun Local: examples/integrations/google_adk_agent.py runs an `LlmAgent` on `model(...)` with the
offline test model, which calls a sandbox tool and an OpenAPI tool; the streamed reply quotes their real output and
the sandbox is deleted when the toolset closes."""

from __future__ import annotations

from conftest import World, assert_sandbox_gone

from agentrun.client import AsyncAgentRun


async def test_google_adk_agent_calls_a_sandbox_and_an_openapi_tool(world: World, client: AsyncAgentRun) -> None:
    out = await world.run_example("google_adk")
    answer = out[out.index("answer: ") :]
    # ADK hands the model a tool's text wrapped in a JSON object ({"result": ...}): a FunctionResponse is a dict
    assert r'The tool run_code returned: {"result": "{\"stdout\": \"42\\n\"' in answer, out
    assert r'The tool createItem returned: {"result": "{\"created\": {\"name\": \"demo\", \"count\": 2}}"}' in answer, (
        out
    )
    assert out.count("chunk: ") > 5, out  # streamed piece by piece
    seen = world.upstream.seen[-1]
    assert (seen.method, seen.path, seen.body) == ("POST", "/items", {"name": "demo", "count": 2})
    await assert_sandbox_gone(client, out)
