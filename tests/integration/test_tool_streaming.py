"""Sandbox tools stream their output through LangChain/LangGraph (real LangGraph in .venv-integrations, a real
sandbox on AgentRun Local): run_code and run_command dispatch each piece of stdout as an `agentrun_tool_output` custom
event, which `astream_events` gives while the tool still runs (before its on_tool_end), and the tool's result is
unchanged."""

from __future__ import annotations

import json
from typing import Any

from conftest import World

SCRIPT = """
import asyncio, time
from langchain.agents import create_agent
from agentrun.integration.langgraph import TOOL_OUTPUT_EVENT, AgentRunConverter, model, sandbox_toolset

CODE = "import time\\nfor i in range(3):\\n    print(f'tick {i}', flush=True)\\n    time.sleep(0.5)"
COMMAND = "for i in 1 2 3; do echo line $i; sleep 0.5; done"

async def observe(events):
    seen, start, converter = [], time.monotonic(), AgentRunConverter()
    async for event in events:
        for item in converter.convert(event):  # as served: the pieces as CUSTOM events under the call's id
            if not isinstance(item, str) and item.event.value in ("CUSTOM", "TOOL_RESULT"):
                seen.append(["served", [item.event.value, item.data], time.monotonic() - start])
        if event["event"] == "on_custom_event" and event["name"] == TOOL_OUTPUT_EVENT:
            seen.append(["output", event["data"], time.monotonic() - start])
        elif event["event"] == "on_tool_end":
            seen.append(["tool_end", str(getattr(event["data"]["output"], "content", event["data"]["output"])),
                         time.monotonic() - start])
    return seen

async def main():
    async with sandbox_toolset(VALUES["template"]) as tools:
        agent = create_agent(model("agentrun-local-test-model"), tools=list(tools))
        question = {"messages": [("user", "Run this:\\n```python\\n" + CODE + "\\n```")]}
        code = await observe(agent.astream_events(question, version="v2"))
        command = await observe(tools[-1].astream_events({"command": COMMAND}, version="v2"))
        plain = await tools[0].ainvoke({"code": "print(5)"})  # awaited with no callbacks: nobody to stream to
        # LangGraph's own custom stream gets the same pieces (the tool runs in the agent's ToolNode)
        custom = [chunk async for chunk in agent.astream(question, stream_mode="custom")]
    print(json.dumps({"code": code, "command": command, "plain": plain, "custom": custom}))

asyncio.run(main())
"""


def _check(everything: list[list[object]], tool: str, pieces: list[str], stdout: str) -> None:
    served: list[Any] = [data for kind, data, _ in everything if kind == "served"]
    assert [kind for kind, _ in served[:-1]] == ["CUSTOM"] * (len(served) - 1) and served[-1][0] == "TOOL_RESULT"
    call_id = served[-1][1]["id"]
    assert all(data["name"] == "agentrun_tool_output" and data["value"]["tool_call_id"] == call_id
               for _, data in served[:-1]), served  # fmt: skip
    assert "".join(data["value"]["text"] for _, data in served[:-1]) == stdout
    seen = [entry for entry in everything if entry[0] != "served"]
    kinds = [kind for kind, _, _ in seen]
    assert kinds.count("tool_end") == 1 and kinds[-1] == "tool_end", kinds
    outputs = [data for kind, data, _ in seen if kind == "output"]
    assert all(data == {"tool": tool, "stream": "stdout", "text": data["text"]} for data in outputs), outputs  # type: ignore[index]
    assert "".join(data["text"] for data in outputs) == stdout  # type: ignore[index]
    assert len(outputs) >= len(pieces), outputs  # piece by piece, not one block at the end
    first, end = seen[0][2], seen[-1][2]
    assert isinstance(first, float) and isinstance(end, float) and end - first > 0.8, seen  # while it ran
    assert json.loads(str(seen[-1][1]))["stdout"] == stdout


async def test_sandbox_tools_stream_stdout_as_langgraph_custom_events(world: World) -> None:
    seen = await world.script(SCRIPT, template=world.template)
    _check(seen["code"], "run_code", ["tick 0", "tick 1", "tick 2"], "tick 0\ntick 1\ntick 2\n")
    _check(seen["command"], "run_command", ["line 1", "line 2", "line 3"], "line 1\nline 2\nline 3\n")
    assert json.loads(seen["plain"])["stdout"] == "5\n"
    custom = [chunk["agentrun_tool_output"] for chunk in seen["custom"]]
    assert all(piece["tool"] == "run_code" for piece in custom) and len(custom) >= 3, seen["custom"]
    assert "".join(piece["text"] for piece in custom) == "tick 0\ntick 1\ntick 2\n"


AGENTSCOPE = """
import asyncio, time
from agentscope.agent import Agent, InjectionConfig
from agentscope.message import Msg, TextBlock
from agentscope.permission import PermissionContext, PermissionMode
from agentscope.state import AgentState
from agentscope.tool import Toolkit
from agentrun.integration.agentscope import AgentRunConverter, model, sandbox_toolset

CODE = "import time\\nfor i in range(3):\\n    print(f'tick {i}', flush=True)\\n    time.sleep(0.5)"

async def main():
    seen, start, converter = [], time.monotonic(), AgentRunConverter()
    async with sandbox_toolset(VALUES["template"]) as tools:
        agent = Agent(name="assistant", system_prompt="You run code.", model=model("agentrun-local-test-model"),
                      toolkit=Toolkit(tools=list(tools)), injection_config=InjectionConfig(inject_runtime_state=False),
                      state=AgentState(permission_context=PermissionContext(mode=PermissionMode.BYPASS)))
        question = Msg(name="user", role="user", content=[TextBlock(text="Run this:\\n```python\\n" + CODE + "\\n```")])
        async for event in agent.reply_stream(question):
            kind = str(getattr(event, "type", ""))
            if kind in ("CUSTOM", "TOOL_RESULT_TEXT_DELTA", "TOOL_RESULT_END"):
                seen.append([kind, event.model_dump(mode="json", include={"name", "value", "delta", "tool_call_id"}),
                             time.monotonic() - start])
            for item in converter.convert(event):
                if not isinstance(item, str) and item.event.value == "CUSTOM":
                    seen.append(["served", item.data, time.monotonic() - start])
    print(json.dumps(seen))

asyncio.run(main())
"""


async def test_sandbox_tools_stream_stdout_as_agentscope_progress(world: World) -> None:
    seen = await world.script(AGENTSCOPE, "agentscope", template=world.template)
    kinds = [kind for kind, _, _ in seen]
    end = kinds.index("TOOL_RESULT_END")
    call_id = seen[end][1]["tool_call_id"]
    progress = [data for kind, data, _ in seen[:end] if kind == "CUSTOM"]
    assert len(progress) >= 3 and all(data["name"] == "mcp_progress" for data in progress), seen
    assert all(data["value"]["tool_call_id"] == call_id and data["value"]["tool"] == "run_code" for data in progress)
    assert "".join(data["value"]["text"] for data in progress) == "tick 0\ntick 1\ntick 2\n"
    assert seen[end][2] - seen[0][2] > 0.8, seen  # the first piece came while the code still ran
    # the result the model reads is the tool's JSON alone, not the progress pieces
    result = "".join(data["delta"] for kind, data, _ in seen[:end] if kind == "TOOL_RESULT_TEXT_DELTA")
    assert json.loads(result)["stdout"] == "tick 0\ntick 1\ntick 2\n", result
    served = [data for kind, data, _ in seen if kind == "served"]
    assert [data["value"] for data in served] == [data["value"] for data in progress]


PYDANTIC_AI = """
import asyncio, time
from pydantic_ai import Agent
from agentrun.integration.pydantic_ai import AgentRunConverter, model, sandbox_toolset

CODE = "import time\\nfor i in range(3):\\n    print(f'tick {i}', flush=True)\\n    time.sleep(0.5)"

async def main():
    seen, start, converter = [], time.monotonic(), AgentRunConverter()
    async with sandbox_toolset(VALUES["template"]) as tools:
        agent = Agent(model("agentrun-local-test-model"), tools=list(tools))
        async with agent.run_stream_events("Run this:\\n```python\\n" + CODE + "\\n```") as events:
            async for event in events:
                if event.event_kind == "custom":
                    seen.append(["custom", {"name": event.name, "tool_call_id": event.tool_call_id,
                                            "tool_name": event.tool_name, "text": event.text},
                                 time.monotonic() - start])
                elif event.event_kind == "function_tool_result":
                    seen.append(["result", {"tool_call_id": event.part.tool_call_id, "content": event.part.content},
                                 time.monotonic() - start])
                for item in converter.convert(event):
                    if not isinstance(item, str) and item.event.value == "CUSTOM":
                        seen.append(["served", item.data, time.monotonic() - start])
    print(json.dumps(seen, default=str))

asyncio.run(main())
"""


async def test_sandbox_tools_stream_stdout_as_pydantic_ai_custom_events(world: World) -> None:
    seen = await world.script(PYDANTIC_AI, template=world.template)
    kinds = [kind for kind, _, _ in seen]
    end = kinds.index("result")
    call_id = seen[end][1]["tool_call_id"]
    custom = [data for kind, data, _ in seen[:end] if kind == "custom"]
    assert len(custom) >= 3, seen
    assert all(d["name"] == "agentrun_tool_output" and d["tool_call_id"] == call_id for d in custom), custom
    assert all(d["tool_name"] == "run_code" for d in custom), custom
    assert "".join(d["text"] for d in custom) == "tick 0\ntick 1\ntick 2\n"
    assert seen[end][2] - seen[0][2] > 0.8, seen  # the first piece came while the code still ran
    assert json.loads(seen[end][1]["content"])["stdout"] == "tick 0\ntick 1\ntick 2\n"
    served = [data for kind, data, _ in seen if kind == "served"]
    assert [d["value"]["text"] for d in served] == [d["text"] for d in custom]
    assert all(d["name"] == "agentrun_tool_output" and d["value"]["tool_call_id"] == call_id for d in served)
