"""agentrun.server, driven in process over httpx's ASGI transport: the routes, every handler shape, and each event
type on both protocols (OpenAI chunks; AG-UI events, each checked against ag-ui-protocol's own models)."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from typing import Any

import anyio
import httpx
import pytest
from ag_ui.core import Event
from pydantic import TypeAdapter
from starlette.applications import Starlette
from starlette.routing import Mount

from agentrun.server import (
    AgentEvent,
    AgentRequest,
    AgentRunServer,
    EventType,
    OpenAIProtocolConfig,
    ServerConfig,
    port_from_environment,
)

HELLO = [{"role": "user", "content": "hi"}]
AGUI_EVENT = TypeAdapter(Event)


def client_of(app: Any) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://agent")


def data_lines(text: str) -> list[str]:
    return [line[len("data: ") :] for line in text.split("\n") if line.startswith("data: ")]


async def openai_stream(app: Any, messages: list[dict[str, Any]] = HELLO) -> list[Any]:
    async with client_of(app) as http:
        answer = await http.post("/openai/v1/chat/completions", json={"model": "m", "messages": messages,
                                                                         "stream": True})  # fmt: skip
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/event-stream")
    lines = data_lines(answer.text)
    assert lines[-1] == "[DONE]" or "error" in json.loads(lines[-1])
    return [json.loads(line) for line in lines if line != "[DONE]"]


async def agui_run(app: Any, body: Any = None) -> list[dict[str, Any]]:
    body = body if body is not None else {"threadId": "t-1", "runId": "r-1", "messages": [
        {"id": "m-1", "role": "user", "content": "hi"}], "tools": [], "context": [], "state": {},
        "forwardedProps": {}}  # fmt: skip
    async with client_of(app) as http:
        answer = await http.post("/ag-ui/agent", json=body)
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/event-stream")
    events = [json.loads(line) for line in data_lines(answer.text)]
    for event in events:
        AGUI_EVENT.validate_python(event)  # each is a valid AG-UI event
    return events


def tool_agent(request: AgentRequest) -> Iterator[AgentEvent]:
    """A sync generator: a streamed tool call, its result (in chunks), then text."""
    yield AgentEvent(EventType.TOOL_CALL_CHUNK, {"id": "call_1", "name": "get_time", "args_delta": '{"tz":'})
    yield AgentEvent(EventType.TOOL_CALL_CHUNK, {"id": "call_1", "args_delta": '"UTC"}'})
    yield AgentEvent(EventType.TOOL_RESULT_CHUNK, {"id": "call_1", "delta": "12:"})
    yield AgentEvent(EventType.TOOL_RESULT, {"id": "call_1", "result": "00"})
    yield "It is "
    yield AgentEvent(EventType.TEXT, {"delta": "noon."})


async def test_health_and_models_answer() -> None:
    server = AgentRunServer(lambda request: "x", config=ServerConfig(openai=OpenAIProtocolConfig(model_name="mine")))
    async with client_of(server) as http:
        assert (await http.get("/health")).json() == {"status": "ok"}
        models = (await http.get("/openai/v1/models")).json()
    assert models["object"] == "list" and models["data"][0]["id"] == "mine"


@pytest.mark.parametrize("shape", ["sync str", "async str", "sync generator", "async generator", "event list"])
async def test_every_handler_shape_answers_over_openai(shape: str) -> None:
    def sync_str(request: AgentRequest) -> str:
        return "you said: " + str(request.messages[-1].content)

    async def async_str(request: AgentRequest) -> str:
        return "you said: " + str(request.messages[-1].content)

    def sync_generator(request: AgentRequest) -> Iterator[str]:
        yield "you said: "
        yield str(request.messages[-1].content)

    async def async_generator(request: AgentRequest) -> AsyncIterator[str]:
        yield "you said: "
        yield str(request.messages[-1].content)

    async def event_list(request: AgentRequest) -> list[AgentEvent]:
        return [AgentEvent(EventType.TEXT, {"delta": "you said: "}), AgentEvent(EventType.TEXT, {"delta": "hi"})]

    handler = {"sync str": sync_str, "async str": async_str, "sync generator": sync_generator,
               "async generator": async_generator, "event list": event_list}[shape]  # fmt: skip
    server = AgentRunServer(handler)
    async with client_of(server) as http:
        answer = await http.post("/openai/v1/chat/completions", json={"model": "m", "messages": HELLO})
    completion = answer.json()
    assert completion["object"] == "chat.completion" and completion["model"] == "m"
    assert completion["choices"][0]["message"] == {"role": "assistant", "content": "you said: hi"}
    assert completion["choices"][0]["finish_reason"] == "stop"

    chunks = await openai_stream(server)
    assert all(chunk["object"] == "chat.completion.chunk" for chunk in chunks)
    assert chunks[0]["choices"][0]["delta"]["role"] == "assistant"
    assert "".join(chunk["choices"][0]["delta"].get("content", "") for chunk in chunks) == "you said: hi"
    assert chunks[-1]["choices"][0] == {"index": 0, "delta": {}, "finish_reason": "stop"}


async def test_tool_calls_map_onto_openai_chunks_and_a_whole_answer() -> None:
    server = AgentRunServer(tool_agent)
    chunks = await openai_stream(server)
    deltas = [chunk["choices"][0]["delta"] for chunk in chunks]
    first = {"index": 0, "id": "call_1", "type": "function", "function": {"name": "get_time", "arguments": ""}}
    assert deltas[0] == {"tool_calls": [first]}  # named first, arguments after (as the official server)
    assert deltas[1] == {"tool_calls": [{"index": 0, "function": {"arguments": '{"tz":'}}]}
    assert deltas[2] == {"tool_calls": [{"index": 0, "function": {"arguments": '"UTC"}'}}]}
    assert deltas[3] == {"role": "assistant", "content": "It is "}  # the tool result has no OpenAI form
    assert deltas[4] == {"content": "noon."}
    assert chunks[-1]["choices"][0]["finish_reason"] == "tool_calls"

    async with client_of(server) as http:
        whole = (await http.post("/openai/v1/chat/completions", json={"messages": HELLO})).json()
    message = whole["choices"][0]["message"]
    assert message["content"] == "It is noon." and whole["choices"][0]["finish_reason"] == "tool_calls"
    assert message["tool_calls"] == [{"id": "call_1", "type": "function",
                                      "function": {"name": "get_time", "arguments": '{"tz":"UTC"}'}}]  # fmt: skip


async def test_ag_ui_frames_the_run_as_the_official_server_does() -> None:
    events = await agui_run(AgentRunServer(tool_agent))
    assert [event["type"] for event in events] == [
        "RUN_STARTED", "TOOL_CALL_START", "TOOL_CALL_ARGS", "TOOL_CALL_ARGS", "TOOL_CALL_END", "TOOL_CALL_RESULT",
        "TEXT_MESSAGE_START", "TEXT_MESSAGE_CONTENT", "TEXT_MESSAGE_CONTENT", "TEXT_MESSAGE_END", "RUN_FINISHED",
    ]  # fmt: skip
    assert events[0] == {"type": "RUN_STARTED", "threadId": "t-1", "runId": "r-1"}
    assert events[1]["toolCallName"] == "get_time" and events[1]["toolCallId"] == "call_1"
    assert events[5] == {"type": "TOOL_CALL_RESULT", "messageId": "tool-result-call_1", "toolCallId": "call_1",
                         "content": "12:00", "role": "tool"}  # fmt: skip
    assert events[6]["role"] == "assistant" and events[7]["messageId"] == events[6]["messageId"]
    assert events[-1] == {"type": "RUN_FINISHED", "threadId": "t-1", "runId": "r-1"}


async def test_reasoning_state_custom_and_raw_events_on_ag_ui() -> None:
    seen: list[AgentRequest] = []

    async def agent(request: AgentRequest) -> AsyncIterator[AgentEvent | str]:
        seen.append(request)
        yield AgentEvent(EventType.REASONING, {"delta": "thinking"})
        yield AgentEvent(EventType.STATE, {"snapshot": {"step": 1}})
        yield AgentEvent(EventType.STATE, {"delta": [{"op": "replace", "path": "/step", "value": 2}]})
        yield AgentEvent(EventType.CUSTOM, {"name": "progress", "value": {"done": 1}})
        yield AgentEvent(EventType.RAW, {"raw": 'data: {"type":"CUSTOM","name":"raw","value":1}\n\n'})
        yield "done"

    types = [event["type"] for event in await agui_run(AgentRunServer(agent))]
    assert types == [
        "RUN_STARTED", "REASONING_START", "REASONING_MESSAGE_START", "REASONING_MESSAGE_CONTENT",
        "STATE_SNAPSHOT", "STATE_DELTA", "CUSTOM", "CUSTOM", "REASONING_MESSAGE_END", "REASONING_END",
        "TEXT_MESSAGE_START", "TEXT_MESSAGE_CONTENT", "TEXT_MESSAGE_END", "RUN_FINISHED",
    ]  # fmt: skip
    assert seen[0].protocol == "agui" and seen[0].messages[0].id == "m-1" and seen[0].body["threadId"] == "t-1"

    chunks = await openai_stream(AgentRunServer(agent))  # reasoning shows, state and custom have no OpenAI form
    assert chunks[0]["choices"][0]["delta"] == {"reasoning_content": "thinking"}
    assert chunks[1] == {"type": "CUSTOM", "name": "raw", "value": 1}  # RAW is written as is
    assert chunks[2]["choices"][0]["delta"] == {"role": "assistant", "content": "done"}


async def test_a_failing_handler_ends_each_protocol_with_a_typed_error() -> None:
    async def agent(request: AgentRequest) -> AsyncIterator[str]:
        yield "partial "
        raise LookupError("the index is gone")

    server = AgentRunServer(agent)
    chunks = await openai_stream(server)
    assert chunks[0]["choices"][0]["delta"]["content"] == "partial "
    assert chunks[-1] == {"error": {"message": "the index is gone", "type": "internal_error", "code": "LookupError"}}
    async with client_of(server) as http:
        whole = await http.post("/openai/v1/chat/completions", json={"messages": HELLO})
    assert whole.status_code == 500 and whole.json()["error"]["code"] == "LookupError"

    events = await agui_run(server)
    assert events[-1] == {"type": "RUN_ERROR", "message": "the index is gone", "code": "LookupError"}
    assert [event["type"] for event in events][:3] == ["RUN_STARTED", "TEXT_MESSAGE_START", "TEXT_MESSAGE_CONTENT"]


async def test_bad_requests_say_what_is_wrong() -> None:
    server = AgentRunServer(lambda request: "never")
    async with client_of(server) as http:
        missing = await http.post("/openai/v1/chat/completions", json={"model": "m"})
        not_json = await http.post("/openai/v1/chat/completions", content=b"{")
        bad_message = await http.post("/openai/v1/chat/completions", json={"messages": [{"content": "no role"}]})
    assert missing.status_code == 400 and missing.json()["error"]["type"] == "invalid_request_error"
    assert "'messages' is required" in missing.json()["error"]["message"]
    assert not_json.status_code == 400 and bad_message.status_code == 400
    assert "'role'" in bad_message.json()["error"]["message"]

    events = await agui_run(server, {"messages": "not a list"})
    assert [event["type"] for event in events] == ["RUN_STARTED", "RUN_ERROR"]
    assert events[1]["code"] == "REQUEST_ERROR" and "RunAgentInput" in events[1]["message"]


async def test_a_blocking_handler_does_not_block_other_requests() -> None:
    def slow(request: AgentRequest) -> str:
        time.sleep(0.3)  # sync handlers run in a worker thread
        return "late"

    answers: list[str] = []

    async def ask(http: httpx.AsyncClient) -> None:
        answer = await http.post("/openai/v1/chat/completions", json={"messages": HELLO})
        answers.append(answer.json()["choices"][0]["message"]["content"])

    started = time.perf_counter()
    async with client_of(AgentRunServer(slow)) as http, anyio.create_task_group() as group:
        for _ in range(3):
            group.start_soon(ask, http)
    assert time.perf_counter() - started < 0.8 and answers == ["late"] * 3


async def test_it_mounts_under_another_app() -> None:
    outer = Starlette(routes=[Mount("/agent", app=AgentRunServer(lambda request: "mounted"))])
    async with client_of(outer) as http:
        assert (await http.get("/agent/health")).json() == {"status": "ok"}
        answer = await http.post("/agent/openai/v1/chat/completions", json={"messages": HELLO})
    assert answer.json()["choices"][0]["message"]["content"] == "mounted"


def test_the_port_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PORT", raising=False)
    monkeypatch.delenv("FC_SERVER_PORT", raising=False)
    assert port_from_environment() == 9000
    monkeypatch.setenv("FC_SERVER_PORT", "9100")
    assert port_from_environment() == 9100
    monkeypatch.setenv("PORT", "9200")
    assert port_from_environment() == 9200
    monkeypatch.setenv("PORT", "x")
    with pytest.raises(ValueError, match="PORT='x' is not a port number"):
        port_from_environment()


def test_importing_agentrun_leaves_the_server_unloaded() -> None:
    code = "import sys, agentrun; print([m for m in ('agentrun.server', 'ag_ui') if m in sys.modules])"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.strip() == "[]"


def test_without_the_extra_the_import_names_it() -> None:
    code = (
        "import sys; sys.modules['ag_ui'] = None\n"
        "from agentrun import errors\n"
        "try:\n    import agentrun.server\nexcept errors.MissingDependencyError as exc:\n    print(exc)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert "agentrun[server]" in done.stdout and "ag_ui missing" in done.stdout


def test_ag_ui_is_loaded_when_first_used_not_at_import() -> None:
    code = (
        "import sys, agentrun.server\nprint('ag_ui' in sys.modules)\n"
        "server = agentrun.server.AgentRunServer(lambda request: 'x')\nprint('ag_ui' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.split() == ["False", "False"]
