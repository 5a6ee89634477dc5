"""PydanticAI, OpenAI Agents SDK, AgentScope, CrewAI and Google ADK agents served through agentrun.server with their
`AgentRunConverter` (real frameworks in their virtualenvs, the offline test model through `model(...)`, an OpenAPI
tool on a real upstream): an AG-UI request gets the tool call as TOOL_CALL_START -> ARGS -> END -> RESULT under one
id, then the answer quoting the tool's output."""

from __future__ import annotations

import json

import pytest
from conftest import API_ANSWER, World

AGENTS = {
    "pydantic_ai": """
from pydantic_ai import Agent
from agentrun.integration.pydantic_ai import AgentRunConverter, model, toolset
tools = toolset(VALUES["tool"])
agent = Agent(model("agentrun-local-test-model"), tools=list(tools))

async def invoke_agent(request):
    converter = AgentRunConverter()
    async with agent.run_stream_events(str(request.messages[-1].content)) as events:
        async for event in events:
            for item in converter.convert(event):
                yield item
""",
    "openai_agents": """
from agents import Agent, Runner, set_tracing_disabled
from agentrun.integration.openai_agents import AgentRunConverter, model, toolset
set_tracing_disabled(True)
tools = toolset(VALUES["tool"])
agent = Agent(name="assistant", model=model("agentrun-local-test-model"), tools=list(tools))

async def invoke_agent(request):
    converter = AgentRunConverter()
    async for event in Runner.run_streamed(agent, str(request.messages[-1].content)).stream_events():
        for item in converter.convert(event):
            yield item
""",
    "agentscope": """
from agentscope.agent import Agent, InjectionConfig
from agentscope.message import Msg, TextBlock
from agentscope.permission import PermissionContext, PermissionMode
from agentscope.state import AgentState
from agentscope.tool import Toolkit
from agentrun.integration.agentscope import AgentRunConverter, model, toolset
tools = toolset(VALUES["tool"])

async def invoke_agent(request):
    agent = Agent(name="assistant", system_prompt="You call APIs.", model=model("agentrun-local-test-model"),
                  toolkit=Toolkit(tools=list(tools)), injection_config=InjectionConfig(inject_runtime_state=False),
                  state=AgentState(permission_context=PermissionContext(mode=PermissionMode.BYPASS)))
    converter = AgentRunConverter()
    question = Msg(name="user", role="user", content=[TextBlock(text=str(request.messages[-1].content))])
    async for event in agent.reply_stream(question):
        for item in converter.convert(event):
            yield item
""",
    "google_adk": """
from google.adk.agents import LlmAgent
from google.adk.agents.run_config import RunConfig, StreamingMode
from google.adk.runners import InMemoryRunner
from google.genai import types
from agentrun.integration.google_adk import AgentRunConverter, model, toolset
tools = toolset(VALUES["tool"])
runner = InMemoryRunner(agent=LlmAgent(name="assistant", model=model("agentrun-local-test-model"), tools=list(tools)),
                        app_name="served")

async def invoke_agent(request):
    session = await runner.session_service.create_session(app_name="served", user_id="user")
    question = types.Content(role="user", parts=[types.Part(text=str(request.messages[-1].content))])
    converter = AgentRunConverter()
    async for event in runner.run_async(user_id="user", session_id=session.id, new_message=question,
                                        run_config=RunConfig(streaming_mode=StreamingMode.SSE)):
        for item in converter.convert(event):
            yield item
""",
}

SERVE = """
import asyncio
import httpx
from agentrun.server import AgentRunServer

async def main():
    transport = httpx.ASGITransport(app=AgentRunServer(invoke_agent).app)
    async with httpx.AsyncClient(transport=transport, base_url="http://agent", timeout=60) as http:
        body = {"threadId": "t-1", "runId": "r-1", "messages": [{"id": "m-1", "role": "user", "content": VALUES["q"]}],
                "tools": [], "context": [], "state": {}, "forwardedProps": {}}
        async with http.stream("POST", "/ag-ui/agent", json=body) as response:
            agui = [json.loads(line[6:]) async for line in response.aiter_lines() if line.startswith("data: ")]
    print(json.dumps(agui))

asyncio.run(main())
"""


@pytest.mark.parametrize("framework", sorted(AGENTS))
async def test_a_streamed_agent_answers_ag_ui_through_agentrun_server(world: World, framework: str) -> None:
    question = 'call createItem {"name": "demo", "count": 2}'
    agui = await world.script(AGENTS[framework] + SERVE, framework, tool=world.tool, q=question)
    kinds = [event["type"] for event in agui]
    assert kinds[:2] == ["RUN_STARTED", "TOOL_CALL_START"] and kinds[-1] == "RUN_FINISHED", agui[1:3]
    call_id, end = agui[1]["toolCallId"], kinds.index("TOOL_CALL_END")
    assert agui[1]["toolCallName"] == "createItem" and call_id, agui[1]
    assert set(kinds[2:end]) == {"TOOL_CALL_ARGS"} and kinds[end + 1] == "TOOL_CALL_RESULT", kinds
    assert all(event["toolCallId"] == call_id for event in agui[1 : end + 2])
    assert json.loads("".join(event["delta"] for event in agui[2:end])) == {"name": "demo", "count": 2}
    assert json.loads(agui[end + 1]["content"]) == {"created": {"name": "demo", "count": 2}}
    assert kinds[end + 2] == "TEXT_MESSAGE_START" and kinds[-2] == "TEXT_MESSAGE_END", kinds
    text = "".join(event.get("delta", "") for event in agui if event["type"] == "TEXT_MESSAGE_CONTENT")
    # ADK hands the model a tool's text result wrapped as {"result": ...}, which the test model quotes
    created = json.dumps({"created": {"name": "demo", "count": 2}})
    wrapped = "The tool createItem returned: " + json.dumps({"result": created})
    assert text == (wrapped if framework == "google_adk" else API_ANSWER)
    assert world.upstream.seen[-1].body == {"name": "demo", "count": 2}
