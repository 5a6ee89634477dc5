"""A LangGraph agent served through agentrun.server with `AgentRunConverter` (examples/integrations/langgraph_server.py,
real LangGraph in .venv-integrations, the offline test model through `model(...)`, an OpenAPI tool on a real
upstream): over AG-UI the tool call is TOOL_CALL_START -> ARGS -> END -> RESULT under the model's call id, then the
answer quoting the tool's output; over OpenAI streaming the same call is `tool_calls` deltas, then the text. And the
same file deploys unchanged as an AgentRun runtime on AgentRun Local and answers `runtime.invoke_stream`."""

from __future__ import annotations

import json

from conftest import API_ANSWER, EXAMPLES, ITEMS_SPEC, World

QUESTION = 'call createItem {"name": "demo", "count": 2}'

SERVE = """
import asyncio, sys
import httpx
sys.path.insert(0, VALUES["examples"])
from langgraph_server import build_server

async def main():
    server = build_server(VALUES["tool"])
    transport = httpx.ASGITransport(app=server.app)
    async with httpx.AsyncClient(transport=transport, base_url="http://agent", timeout=60) as http:
        question = VALUES["question"]
        body = {"threadId": "t-1", "runId": "r-1", "messages": [{"id": "m-1", "role": "user", "content": question}],
                "tools": [], "context": [], "state": {}, "forwardedProps": {}}
        async with http.stream("POST", "/ag-ui/agent", json=body) as response:
            agui = [json.loads(line[6:]) async for line in response.aiter_lines() if line.startswith("data: ")]
        body = {"model": "langgraph", "stream": True, "messages": [{"role": "user", "content": question}]}
        async with http.stream("POST", "/openai/v1/chat/completions", json=body) as response:
            lines = [line[6:] async for line in response.aiter_lines() if line.startswith("data: ")]
    openai = [json.loads(line) for line in lines if line != "[DONE]"]
    print(json.dumps({"agui": agui, "openai": openai, "done": lines[-1]}))

asyncio.run(main())
"""


async def test_a_langgraph_agent_answers_ag_ui_and_openai_through_agentrun_server(world: World) -> None:
    got = await world.script(SERVE, examples=str(EXAMPLES), tool=world.tool, question=QUESTION)
    agui = got["agui"]
    kinds = [event["type"] for event in agui]
    assert kinds[:2] == ["RUN_STARTED", "TOOL_CALL_START"] and kinds[-1] == "RUN_FINISHED", kinds
    start = agui[1]
    call_id = start["toolCallId"]
    assert start["toolCallName"] == "createItem" and call_id.startswith("call_")
    end = kinds.index("TOOL_CALL_END")
    assert set(kinds[2:end]) == {"TOOL_CALL_ARGS"} and kinds[end + 1] == "TOOL_CALL_RESULT", kinds
    assert all(event["toolCallId"] == call_id for event in agui[1 : end + 2])
    arguments = "".join(event["delta"] for event in agui[2:end])
    assert json.loads(arguments) == {"name": "demo", "count": 2}
    assert json.loads(agui[end + 1]["content"]) == {"created": {"name": "demo", "count": 2}}
    assert kinds[end + 2 : -1] == ["TEXT_MESSAGE_START", *["TEXT_MESSAGE_CONTENT"] * (len(kinds) - end - 5),
                                   "TEXT_MESSAGE_END"]  # fmt: skip
    text = "".join(event.get("delta", "") for event in agui if event["type"] == "TEXT_MESSAGE_CONTENT")
    assert text == API_ANSWER

    chunks = got["openai"]
    calls = [call for chunk in chunks for call in chunk["choices"][0]["delta"].get("tool_calls") or []]
    assert calls[0]["id"].startswith("call_") and calls[0]["function"]["name"] == "createItem"
    assert all("id" not in call and "name" not in call["function"] for call in calls[1:])
    arguments = "".join(call["function"].get("arguments") or "" for call in calls)
    assert json.loads(arguments) == {"name": "demo", "count": 2}
    text = "".join(chunk["choices"][0]["delta"].get("content") or "" for chunk in chunks)
    assert text == API_ANSWER and got["done"] == "[DONE]"
    assert world.upstream.seen[-1].body == {"name": "demo", "count": 2}


# AgentRun Local runs its runtime instances on its own interpreter (a package without requirements.txt), so this Local
# runs on .venv-integrations' Python, where LangGraph is installed, as an AgentRun runtime image would have it: the
# file deploys unchanged. (Installing LangGraph from a requirements.txt would need the network at test time.)
DEPLOY = """
import shutil, tempfile
import anyio
from agentrun.local import run

async def main():
    data = tempfile.mkdtemp(prefix="lg-deploy-")
    try:
        async with run(data_dir=data, port=0) as local:
            client = local.client
            await client.tools.create("items", tool_type="FUNCTIONCALL", create_method="OPENAPI_IMPORT",
                                      protocol_spec=VALUES["spec"])
            folder = anyio.Path(data) / "agent"
            await folder.mkdir()
            await (folder / "main.py").write_text(await anyio.Path(VALUES["example"]).read_text())
            keys = {"AGENTRUN_ACCESS_KEY_ID": local.identity.access_key_id,
                    "AGENTRUN_ACCESS_KEY_SECRET": local.identity.access_key_secret}
            runtime = await client.agent_runtimes.deploy(
                str(folder), "langgraph-agent", environment_variables={**keys, "AGENTRUN_EXAMPLE_TOOL": "items"})
            try:
                chunks = [chunk async for chunk in runtime.invoke_stream([{"role": "user", "content": VALUES["q"]}])]
            finally:
                await runtime.delete()
        calls = [call.name for chunk in chunks for call in (chunk.choices[0].delta.tool_calls if chunk.choices else [])]
        print(json.dumps({"status": str(runtime.status), "text": "".join(chunk.text for chunk in chunks),
                          "calls": calls, "finish": chunks[-1].finish_reason}))
    finally:
        shutil.rmtree(data, ignore_errors=True)

anyio.run(main)
"""


async def test_a_langgraph_agent_deploys_unchanged_as_a_runtime_and_streams(world: World) -> None:
    spec = {**ITEMS_SPEC, "servers": [{"url": world.upstream.url}]}
    example = str(EXAMPLES / "langgraph_server.py")
    got = await world.script(DEPLOY, spec=spec, example=example, q=QUESTION)
    assert got["text"] == API_ANSWER and got["status"] == "READY", got
    # the agent's own tool call is part of the streamed answer, so it ends as agentrun.server ends such answers
    assert got["calls"][0] == "createItem" and got["finish"] == "tool_calls", got
    assert world.upstream.seen[-1].body == {"name": "demo", "count": 2}
