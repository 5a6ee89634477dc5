r"""A deployable agent written with agentrun.server: it answers over OpenAI Chat Completions and AG-UI, thinks with a
model on AgentRun's model gateway, and runs the Python the model asks for in a code-interpreter sandbox.

    agentrun runtime deploy examples/agent --name my-agent \
        --env AGENT_SANDBOX_TEMPLATE=my-template --env AGENTRUN_ACCESS_KEY_ID=... --env AGENTRUN_ACCESS_KEY_SECRET=...
    agentrun runtime invoke my-agent "$(printf 'Run this:\n```python\nprint(6 * 7)\n```')"

It reaches AgentRun with the SDK configured from the environment (AGENTRUN_*): AgentRun Local gives a deployed agent
its endpoints (and the way to reach them from inside its sandbox); the access key comes from the runtime's
environment variables. AGENT_MODEL names the model (default `agentrun-local-test-model`, AgentRun Local's offline
test model, which turns fenced code in the question into a tool call); AGENT_SANDBOX_TEMPLATE a CodeInterpreter
template. `python main.py` runs it locally too (on $PORT, else 9000).
"""

from __future__ import annotations

import json
import os
from collections.abc import AsyncIterator
from typing import Any

import agentrun
from agentrun.server import AgentEvent, AgentRequest, AgentRunServer, EventType

MODEL = os.environ.get("AGENT_MODEL", "agentrun-local-test-model")
TEMPLATE = os.environ.get("AGENT_SANDBOX_TEMPLATE", "")
MAX_TURNS = 4
RUN_PYTHON = {
    "type": "function",
    "function": {
        "name": "run_python",
        "description": "Run Python code in a sandbox and return what it printed",
        "parameters": {"type": "object", "properties": {"code": {"type": "string"}}, "required": ["code"]},
    },
}
SYSTEM = "You answer with the help of the run_python tool; keep answers short."


def conversation(request: AgentRequest) -> list[dict[str, Any]]:
    """The request's messages as the model gateway takes them."""
    messages: list[dict[str, Any]] = [{"role": "system", "content": SYSTEM}]
    for message in request.messages:
        if message.role in ("user", "assistant", "system") and message.content:
            messages.append({"role": message.role, "content": message.content})
    return messages


async def invoke_agent(request: AgentRequest) -> AsyncIterator[AgentEvent]:
    """Model turns streamed as text; each tool call it makes runs in a sandbox (created on the first one) and its
    output goes back to the model, until it answers without a tool call."""
    messages = conversation(request)
    async with agentrun.AsyncAgentRun() as client:
        sandbox = None
        try:
            for _ in range(MAX_TURNS):
                async with client.models.stream(MODEL, messages, tools=[RUN_PYTHON]) as stream:
                    async for chunk in stream:
                        if chunk.text:
                            yield AgentEvent(EventType.TEXT, {"delta": chunk.text})
                    reply = await stream.final_completion()
                if not reply.tool_calls:
                    return
                messages.append(reply.message)
                for call in reply.tool_calls:
                    code = str(call.arguments_json().get("code", ""))
                    yield AgentEvent(EventType.TOOL_CALL, {"id": call.id, "name": call.function.name,
                                                           "args": json.dumps({"code": code})})  # fmt: skip
                    if sandbox is None:
                        sandbox = await client.sandboxes.create(TEMPLATE, idle_timeout=120)
                    execution = await sandbox.run_code(code, timeout=60)
                    output = "".join(execution.logs.stdout) or (execution.text or "")
                    if execution.error is not None:
                        output += f"\n{execution.error.name}: {execution.error.value}"
                    yield AgentEvent(EventType.TOOL_RESULT, {"id": call.id, "result": output.strip()})
                    messages.append({"role": "tool", "tool_call_id": call.id, "content": output.strip()})
        finally:
            if sandbox is not None:
                await sandbox.delete()


if __name__ == "__main__":
    AgentRunServer(invoke_agent).start(log_level="warning")  # on $PORT (AgentRun sets it), else 9000
