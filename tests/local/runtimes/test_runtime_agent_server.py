"""An agent written with agentrun.server, deployed to a real AgentRun Local and invoked through the invocations route:
with the SDK's runtime.invoke / invoke_stream (OpenAI), with a plain signed AG-UI POST, and with runtime.invoke_agui
(openapi/data.yaml, InvokeAgentRuntimeAgUi: typed AG-UI events), async and blocking. The instance runs on the
server's Python (a package without requirements.txt), so it imports agentrun.server from there."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import anyio
import httpx
import pytest
from ag_ui.core import (
    Event,
    EventType,
    RunErrorEvent,
    RunFinishedEvent,
    TextMessageContentEvent,
    ToolCallStartEvent,
)
from local_helpers import agentrun4_headers, unique
from pydantic import TypeAdapter

from agentrun import errors
from agentrun.agent_runtime import AgentRuntime
from agentrun.client import AsyncAgentRun
from agentrun.local import LocalServer
from agentrun.model import ChatCompletion

AGENT = """
import asyncio
import os

from agentrun.server import AgentEvent, AgentRequest, AgentRunServer, EventType


async def invoke_agent(request: AgentRequest):
    question = str(request.messages[-1].content)
    if request.protocol == "agui":
        tools = ",".join(tool.function["name"] for tool in request.tools or [])
        yield AgentEvent(EventType.TOOL_CALL, {"id": "call_1", "name": "lookup", "args": '{"tools": "%s"}' % tools})
        yield AgentEvent(EventType.TOOL_RESULT, {"id": "call_1", "result": "found"})
    for word in ("you said: " + question).split(" "):
        yield word + " "
    if question == "crash":
        await asyncio.sleep(0.5)  # let the words already yielded leave the process first
        os._exit(3)  # the instance dies mid-answer
    yield f"[session {request.session_id}]"


AgentRunServer(invoke_agent).start(host="127.0.0.1", log_level="warning")  # on $PORT
"""
QUESTION = [{"role": "user", "content": "one two"}]
EVENTS = TypeAdapter(Event)


@pytest.fixture(scope="module")
async def runtime(client: AsyncAgentRun, tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[AgentRuntime]:
    folder = tmp_path_factory.mktemp("server-agent")
    (folder / "main.py").write_text(AGENT)
    deployed = await client.agent_runtimes.deploy(folder, unique("ar-srv"))
    assert str(deployed.status) == "READY", deployed.status_reason
    yield deployed
    await deployed.delete()


async def test_it_answers_the_sdk_over_openai(runtime: AgentRuntime) -> None:
    completion = await runtime.invoke(QUESTION, session_id="s-1")
    assert isinstance(completion, ChatCompletion)
    assert completion.text == "you said: one two [session s-1]" and completion.model == runtime.name
    chunks = [chunk async for chunk in runtime.invoke_stream(QUESTION)]
    assert [chunk.text for chunk in chunks[:3]] == ["you ", "said: ", "one "]
    assert "".join(chunk.text for chunk in chunks) == "you said: one two [session None]"
    assert chunks[-1].finish_reason == "stop"


async def test_a_plain_ag_ui_post_streams_ag_ui_events(
    runtime: AgentRuntime, raw: httpx.AsyncClient, local: LocalServer
) -> None:
    path = f"/data/agent-runtimes/{runtime.name}/endpoints/Default/invocations/ag-ui/agent"
    body = {"threadId": "t-1", "runId": "r-1", "messages": [{"id": "m-1", "role": "user", "content": "one two"}],
            "tools": [], "context": [], "state": {}, "forwardedProps": {}}  # fmt: skip
    headers = {**agentrun4_headers(local, "POST", path), "accept": "text/event-stream"}
    async with raw.stream("POST", path, json=body, headers=headers) as stream:
        assert stream.status_code == 200 and stream.headers["content-type"].startswith("text/event-stream")
        lines = [line[6:] async for line in stream.aiter_lines() if line.startswith("data: ")]
    events = [EVENTS.validate_python(json.loads(line)) for line in lines]
    assert [event.type.value for event in events] == [
        "RUN_STARTED", "TOOL_CALL_START", "TOOL_CALL_ARGS", "TOOL_CALL_END", "TOOL_CALL_RESULT",
        "TEXT_MESSAGE_START", *["TEXT_MESSAGE_CONTENT"] * 5, "TEXT_MESSAGE_END", "RUN_FINISHED",
    ]  # fmt: skip
    texts = "".join(json.loads(line).get("delta", "") for line in lines if "TEXT_MESSAGE_CONTENT" in line)
    assert texts == "you said: one two [session None]"


async def test_invoke_agui_yields_typed_ag_ui_events(runtime: AgentRuntime) -> None:
    tools = [{"type": "function", "function": {"name": "run_python", "parameters": {"type": "object"}}}]
    async with runtime.invoke_agui(QUESTION, session_id="s-2", thread_id="t-9", tools=tools) as stream:
        events = [event async for event in stream]
    assert stream.finished
    assert events[0].type is EventType.RUN_STARTED and events[0].thread_id == "t-9"  # type: ignore[attr-defined]
    start = events[1]
    assert isinstance(start, ToolCallStartEvent) and start.tool_call_name == "lookup"
    assert json.loads(events[2].delta) == {"tools": "run_python"}  # type: ignore[attr-defined]
    text = "".join(event.delta for event in events if isinstance(event, TextMessageContentEvent))
    assert text == "you said: one two [session s-2]"
    assert isinstance(events[-1], RunFinishedEvent) and events[-1].thread_id == "t-9"


async def test_a_run_cut_short_by_a_crash_ends_with_a_run_error(runtime: AgentRuntime) -> None:
    async with runtime.invoke_agui([{"role": "user", "content": "crash"}]) as stream:
        events = [event async for event in stream]
    types = [event.type.value for event in events]
    assert types[0] == "RUN_STARTED" and "TEXT_MESSAGE_CONTENT" in types and "RUN_FINISHED" not in types
    last = events[-1]
    assert isinstance(last, RunErrorEvent) and last.code == "INSTANCE_EXITED" and "status 3" in last.message
    assert stream.finished  # the cut-off that follows the RUN_ERROR is not raised


async def test_invoke_agui_rejects_bad_messages_before_sending(runtime: AgentRuntime) -> None:
    with pytest.raises(errors.InvalidArgumentError, match="role"):
        runtime.invoke_agui([{"role": "robot", "content": "x"}])


async def test_the_blocking_api_invokes_over_ag_ui(local: LocalServer, runtime: AgentRuntime) -> None:
    from agentrun.sync import AgentRun

    def scenario() -> list[str]:
        with AgentRun(local.client.config) as client:
            blocking = client.agent_runtimes.get(runtime.id)
            with blocking.invoke_agui(QUESTION) as stream:
                return [event.type.value for event in stream]

    types = await anyio.to_thread.run_sync(scenario)
    assert types[0] == "RUN_STARTED" and types[-1] == "RUN_FINISHED" and "TOOL_CALL_RESULT" in types


def test_ag_ui_invocation_without_the_package_names_the_extra() -> None:
    import subprocess
    import sys

    code = (
        "import sys; sys.modules['ag_ui'] = None\n"
        "from agentrun import errors\nfrom agentrun.agent_runtime import agui\n"
        "try:\n    agui._event_adapter()\nexcept errors.MissingDependencyError as exc:\n    print(exc)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert "agentrun[agui]" in done.stdout


UNFINISHED_AGENT = r"""
import json, os
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        self.send_response(200)
        self.send_header("content-length", "0")
        self.end_headers()

    def do_POST(self):  # a whole, well-framed answer that never finishes the run
        self.rfile.read(int(self.headers["content-length"]))
        body = b'data: {"type":"RUN_STARTED","threadId":"t","runId":"r"}\n\n'
        self.send_response(200)
        self.send_header("content-type", "text/event-stream")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


ThreadingHTTPServer(("127.0.0.1", int(os.environ["PORT"])), Handler).serve_forever()
"""


async def test_a_run_that_never_finishes_raises_a_stream_error(
    client: AsyncAgentRun, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("unfinished-agent")
    (folder / "main.py").write_text(UNFINISHED_AGENT)
    runtime = await client.agent_runtimes.deploy(folder, unique("ar-unfinished"))
    try:
        seen: list[str] = []
        with pytest.raises(errors.StreamError, match=r"after 1 event\(s\) without RUN_FINISHED or RUN_ERROR"):
            async for event in runtime.invoke_agui(QUESTION):
                seen.append(event.type.value)
        assert seen == ["RUN_STARTED"]
    finally:
        await runtime.delete()
