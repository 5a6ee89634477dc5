"""A code package through agentrun-sdk's `AgentRuntime` (sync and async), as its docs deploy one: the zip made by the
script, `AgentRuntimeCode.from_zip_file` (sync) or `from_file` of the folder (async), `AgentRuntime.create`,
`wait_until_ready_or_failed`, then `invoke_openai` non-streamed and streamed (the SDK's own OpenAI client, signed
once when it is built; it needs openai < 2.34, pinned by `make official-sdk`).

The agent is a stdlib HTTP server answering `GET /health` and `POST /openai/v1/chat/completions` (JSON or SSE)."""

from __future__ import annotations

import tempfile
import time
import zipfile
from pathlib import Path

from _scenario import StatusLog, Summary, check, elapsed, equal, run, unique

from agentrun import AgentRuntime, AgentRuntimeCode, AgentRuntimeContainer, AgentRuntimeCreateInput

AGENT = r"""
import json, os
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def _send(self, content_type, body):
        self.send_response(200)
        self.send_header("content-type", content_type)
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        self._send("application/json", b'{"status": "ok"}')

    def do_POST(self):
        request = json.loads(self.rfile.read(int(self.headers["content-length"])))
        words = ("echo: " + request["messages"][-1]["content"]).split(" ")
        base = {"id": "chatcmpl-1", "created": 1, "model": request["model"]}
        if not request.get("stream"):
            message = {"role": "assistant", "content": " ".join(words)}
            choice = {"index": 0, "message": message, "finish_reason": "stop"}
            return self._send("application/json", json.dumps({**base, "object": "chat.completion",
                                                               "choices": [choice]}).encode())
        events = []
        for i, word in enumerate(words):
            delta = {"role": "assistant", "content": word} if i == 0 else {"content": " " + word}
            choice = {"index": 0, "delta": delta, "finish_reason": None}
            events.append({**base, "object": "chat.completion.chunk", "choices": [choice]})
        last = {"index": 0, "delta": {}, "finish_reason": "stop"}
        events.append({**base, "object": "chat.completion.chunk", "choices": [last]})
        body = b"".join(b"data: " + json.dumps(e).encode() + b"\n\n" for e in events) + b"data: [DONE]\n\n"
        self._send("text/event-stream", body)


ThreadingHTTPServer(("127.0.0.1", int(os.environ["PORT"])), Handler).serve_forever()
"""
COMMAND = ["python", "main.py"]
QUESTION = [{"role": "user", "content": "hello from the official sdk"}]
ANSWER = "echo: hello from the official sdk"


def agent_folder(root: Path) -> Path:
    folder = root / "agent"
    folder.mkdir()
    (folder / "main.py").write_text(AGENT)
    return folder


def agent_zip(root: Path) -> Path:
    path = root / "agent.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(agent_folder(root) / "main.py", "main.py")
    return path


def check_ready(runtime: AgentRuntime, name: str, polls: StatusLog) -> None:
    equal(runtime.status, "READY", f"wait_until_ready_or_failed: status ({runtime.status_reason})")
    equal(runtime.artifact_type, "Code", "artifact_type inferred from the code configuration")
    check(polls.seen and polls.seen[-1] == "READY", f"wait polls: {polls.seen}")
    equal(runtime.agent_runtime_name, name, "agent_runtime_name")


def sync_part(summary: Summary) -> None:
    with tempfile.TemporaryDirectory() as root:
        code = AgentRuntimeCode.from_zip_file("python3.12", COMMAND, str(agent_zip(Path(root))))
    name = unique("ar-code-sync")
    runtime = AgentRuntime.create(AgentRuntimeCreateInput(agent_runtime_name=name, code_configuration=code))
    equal(runtime.status, "CREATING", "create: status")
    polls = StatusLog()
    runtime.wait_until_ready_or_failed(callback=polls, interval_seconds=1)
    check_ready(runtime, name, polls)

    start = time.monotonic()
    completion = runtime.invoke_openai(messages=QUESTION, stream=False)
    cold_seconds = elapsed(start)
    equal(completion.choices[0].message.content, ANSWER, "invoke_openai: content")
    equal(completion.model, name, "invoke_openai: the runtime's name is the model")
    chunks = list(runtime.invoke_openai(messages=QUESTION, stream=True))
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    equal(text, ANSWER, "invoke_openai(stream=True): the chunks' text")
    summary.update(
        polls=polls.seen, text=completion.choices[0].message.content, chunks=len(chunks), streamed=text,
        finish=chunks[-1].choices[0].finish_reason, cold_seconds=cold_seconds, container=container_outcome(),
    )  # fmt: skip


def container_outcome() -> dict[str, object]:
    """A Container artifact, created and waited for as the SDK's docs do: the wait ends at once (a final status)."""
    container = AgentRuntimeContainer(image="registry.example/agent:1", command=COMMAND)
    runtime = AgentRuntime.create(
        AgentRuntimeCreateInput(agent_runtime_name=unique("ar-container"), container_configuration=container)
    )
    start = time.monotonic()
    runtime.wait_until_ready_or_failed(interval_seconds=1)
    return {"status": runtime.status, "reason": runtime.status_reason, "seconds": elapsed(start)}


async def async_part(summary: Summary) -> None:
    with tempfile.TemporaryDirectory() as root:
        code = AgentRuntimeCode.from_file("python3.12", COMMAND, str(agent_folder(Path(root))))
    name = unique("ar-code-async")
    runtime = await AgentRuntime.create_async(AgentRuntimeCreateInput(agent_runtime_name=name, code_configuration=code))
    polls = StatusLog()
    await runtime.wait_until_ready_or_failed_async(callback=polls, interval_seconds=1)
    check_ready(runtime, name, polls)

    # invoke_openai_async returns the OpenAI client's coroutine un-awaited: awaited twice, as its callers do.
    completion = await (await runtime.invoke_openai_async(messages=QUESTION, stream=False))
    equal(completion.choices[0].message.content, ANSWER, "invoke_openai_async: content")
    stream = await (await runtime.invoke_openai_async(messages=QUESTION, stream=True))
    chunks = [chunk async for chunk in stream]
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    equal(text, ANSWER, "invoke_openai_async(stream=True): the chunks' text")
    summary.update(
        polls=polls.seen, text=completion.choices[0].message.content, chunks=len(chunks), streamed=text,
        finish=chunks[-1].choices[0].finish_reason,
    )  # fmt: skip


if __name__ == "__main__":
    run("agent_runtime_code", sync_part, async_part)
