"""agentrun.server against the official SDK's (agentrun-sdk 0.0.54, `agentrun.server`, its `server` extra): the very
same agent file, unchanged (its imports are the same), served by each, answers the same requests with the same
OpenAI chunks and completions and the same AG-UI events, ids and timestamps aside. Where ours differs on purpose (an
ERROR on the OpenAI protocol, which the official server drops), the test says so."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from test_official_clients import official_python

AGENT = """
import os

from agentrun.server import AgentEvent, AgentRequest, AgentRunServer, EventType


async def invoke_agent(request: AgentRequest):
    scenario = request.messages[-1].content
    if scenario == "tools":
        yield AgentEvent(event=EventType.TOOL_CALL, data={"id": "call_1", "name": "get_time", "args": '{"tz": "UTC"}'})
        yield AgentEvent(event=EventType.TOOL_RESULT, data={"id": "call_1", "result": "12:00"})
        yield "It is "
        yield "noon."
    elif scenario == "chunks":
        yield AgentEvent(event=EventType.TOOL_CALL_CHUNK, data={"id": "c2", "name": "search", "args_delta": '{"q":'})
        yield AgentEvent(event=EventType.TOOL_CALL_CHUNK, data={"id": "c2", "args_delta": '"x"}'})
    elif scenario == "reasoning":
        yield AgentEvent(event=EventType.REASONING, data={"delta": "hmm"})
        yield "answer"
    elif scenario == "state":
        yield AgentEvent(event=EventType.STATE, data={"snapshot": {"step": 1}})
        yield AgentEvent(event=EventType.CUSTOM, data={"name": "progress", "value": {"done": 1}})
        yield "done"
    elif scenario == "fail":
        yield "partial"
        raise LookupError("the index is gone")
    else:
        yield "you said: " + str(scenario)


def sync_agent(request: AgentRequest) -> str:
    return "sync " + str(request.messages[-1].content)


handler = sync_agent if os.environ.get("AGENT_SYNC") else invoke_agent
AgentRunServer(handler).start(host="127.0.0.1", port=int(os.environ["PORT"]), log_level="warning")
"""
SCENARIOS = ["plain", "tools", "chunks", "reasoning", "state"]
IDS = ("threadId", "runId", "messageId", "toolCallId", "id")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve(python: str, folder: Path, sync: bool) -> Iterator[str]:
    port = free_port()
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(folder), "PORT": str(port)}
    if sync:
        env["AGENT_SYNC"] = "1"
    process = subprocess.Popen([python, str(folder / "main.py")], cwd=folder, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(base + "/health").json() == {"status": "ok"}:
                    break
            except httpx.TransportError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(f"{python} did not serve the agent: {process.communicate()[1]!r}") from None
                time.sleep(0.05)
        yield base
    finally:
        process.terminate()
        process.communicate(timeout=10)


@pytest.fixture(scope="module", params=[False, True], ids=["async generator", "sync function"])
def servers(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    official = official_python()
    folder = tmp_path_factory.mktemp("parity")
    (folder / "main.py").write_text(AGENT)
    theirs, ours = serve(official, folder, request.param), serve(sys.executable, folder, request.param)
    yield next(theirs), next(ours)
    for server in (theirs, ours):
        next(server, None)


def normalised(value: Any, names: dict[str, str]) -> Any:
    """Ids as the order they first appear in, timestamps and `created` dropped."""
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if key in ("timestamp", "created"):
                continue
            if key in IDS and isinstance(item, str):
                item = names.setdefault(item, f"<id{len(names)}>")
            out[key] = normalised(item, names)
        return out
    if isinstance(value, list):
        return [normalised(item, names) for item in value]
    return value


def answers(base: str, scenario: str) -> dict[str, Any]:
    messages = [{"role": "user", "content": scenario}]
    body = {"threadId": "t-1", "runId": "r-1", "messages": [{"id": "m-1", "role": "user", "content": scenario}],
            "tools": [], "context": [], "state": {}, "forwardedProps": {}}  # fmt: skip
    with httpx.Client(base_url=base, timeout=30) as http:
        agui = http.post("/ag-ui/agent", json=body)
        stream = http.post("/openai/v1/chat/completions", json={"model": "m", "messages": messages, "stream": True})
        whole = http.post("/openai/v1/chat/completions", json={"model": "m", "messages": messages})
    lines = [line[6:] for line in stream.text.split("\n") if line.startswith("data: ")]
    return {
        "agui": normalised([json.loads(line[6:]) for line in agui.text.split("\n") if line.startswith("data: ")], {}),
        "agui type": agui.headers["content-type"].split(";")[0],
        "stream": normalised([json.loads(line) for line in lines if line != "[DONE]"], {}),
        "done": lines[-1] == "[DONE]",
        "whole": (whole.status_code, normalised(whole.json(), {})),
    }


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_the_same_agent_answers_alike_on_both_servers(servers: tuple[str, str], scenario: str) -> None:
    theirs, ours = (answers(base, scenario) for base in servers)
    assert ours == theirs


def test_a_failing_agent_alike_on_ag_ui_and_typed_on_openai(servers: tuple[str, str]) -> None:
    theirs, ours = (answers(base, "fail") for base in servers)
    assert ours["agui"] == theirs["agui"]
    if "error" not in json.dumps(theirs["stream"]):  # the sync handler never fails; the async one does
        return
    # The official server drops the ERROR on OpenAI and ends the stream as if complete; ours ends it with an error
    # event (no [DONE]) that OpenAI clients raise on.
    assert theirs["done"] and not ours["done"]
    assert ours["stream"][-1]["error"]["code"] == "LookupError"
    # A whole answer is the same 500 (ours adds the exception's class as `code`).
    (status, answer), (their_status, their_answer) = ours["whole"], theirs["whole"]
    assert status == their_status == 500 and answer["error"].pop("code") == "LookupError"
    assert answer == their_answer
