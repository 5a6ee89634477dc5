"""An agent written with agentrun.server, deployed to a real AgentRun Local and invoked through the invocations route:
with the SDK's runtime.invoke / invoke_stream (OpenAI) and with a plain signed AG-UI POST. The instance runs on the
server's Python (a package without requirements.txt), so it imports agentrun.server from there."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
from ag_ui.core import Event
from local_helpers import agentrun4_headers, unique
from pydantic import TypeAdapter

from agentrun.client import AsyncAgentRun
from agentrun.local import LocalServer
from agentrun.model import ChatCompletion

AGENT = """
from agentrun.server import AgentEvent, AgentRequest, AgentRunServer, EventType


async def invoke_agent(request: AgentRequest):
    if request.protocol == "agui":
        yield AgentEvent(EventType.TOOL_CALL, {"id": "call_1", "name": "lookup", "args": '{"q": "x"}'})
        yield AgentEvent(EventType.TOOL_RESULT, {"id": "call_1", "result": "found"})
    for word in ("you said: " + str(request.messages[-1].content)).split(" "):
        yield word + " "
    yield f"[session {request.session_id}]"


AgentRunServer(invoke_agent).start(host="127.0.0.1", log_level="warning")  # on $PORT
"""
QUESTION = [{"role": "user", "content": "one two"}]


async def test_an_agentrun_server_agent_deploys_and_answers_both_protocols(
    client: AsyncAgentRun, raw: httpx.AsyncClient, local: LocalServer, tmp_path: Path
) -> None:
    folder = tmp_path / "server-agent"
    folder.mkdir()
    (folder / "main.py").write_text(AGENT)
    name = unique("ar-srv")
    runtime = await client.agent_runtimes.deploy(folder, name)
    assert str(runtime.status) == "READY", runtime.status_reason

    completion = await runtime.invoke(QUESTION, session_id="s-1")
    assert isinstance(completion, ChatCompletion)
    assert completion.text == "you said: one two [session s-1]" and completion.model == name
    chunks = [chunk async for chunk in runtime.invoke_stream(QUESTION)]
    assert [chunk.text for chunk in chunks[:3]] == ["you ", "said: ", "one "]
    assert "".join(chunk.text for chunk in chunks) == "you said: one two [session None]"
    assert chunks[-1].finish_reason == "stop"

    path = f"/data/agent-runtimes/{name}/endpoints/Default/invocations/ag-ui/agent"
    body = {"threadId": "t-1", "runId": "r-1", "messages": [{"id": "m-1", "role": "user", "content": "one two"}],
            "tools": [], "context": [], "state": {}, "forwardedProps": {}}  # fmt: skip
    headers = {**agentrun4_headers(local, "POST", path), "accept": "text/event-stream"}
    async with raw.stream("POST", path, json=body, headers=headers) as stream:
        assert stream.status_code == 200 and stream.headers["content-type"].startswith("text/event-stream")
        lines = [line[6:] async for line in stream.aiter_lines() if line.startswith("data: ")]
    events = [TypeAdapter(Event).validate_python(json.loads(line)) for line in lines]
    assert [event.type.value for event in events] == [
        "RUN_STARTED", "TOOL_CALL_START", "TOOL_CALL_ARGS", "TOOL_CALL_END", "TOOL_CALL_RESULT",
        "TEXT_MESSAGE_START", *["TEXT_MESSAGE_CONTENT"] * 5, "TEXT_MESSAGE_END", "RUN_FINISHED",
    ]  # fmt: skip
    texts = "".join(json.loads(line).get("delta", "") for line in lines if "TEXT_MESSAGE_CONTENT" in line)
    assert texts == "you said: one two [session None]"
