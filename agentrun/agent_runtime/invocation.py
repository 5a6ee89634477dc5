"""Invoking a deployed agent over the OpenAI Chat Completions protocol: `<data>/agent-runtimes/{name}/endpoints/
{endpoint}/invocations/openai/v1/chat/completions` (openapi/data.yaml, InvokeAgentRuntimeChatCompletion), which the
runtime's instance serves (`agentrun.server`, or the official SDK's `AgentRunServer`). The answers are the model
gateway's types: a `ChatCompletion`, or a `ChatStream` of `ChatCompletionChunk`s."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypedDict, Unpack

from agentrun_data_api.api.agent_runtimes import invoke_agent_runtime_chat_completion
from agentrun_data_api.types import OperationRequest

from agentrun._core.http import CallOptions, HttpCore, json_of
from agentrun.model.chat_stream import ChatStream
from agentrun.model.chunks import chunks_from_completion, decode_event
from agentrun.model.completions import ChatCompletion, parse_completion
from agentrun.model.gateway import model_call_timeouts, model_events, with_timeouts
from agentrun.model.messages import Message, chat_body, require_text

SESSION_HEADER = "x-agentrun-session-id"
"""The header that keeps a conversation on one instance of the runtime (session affinity)."""


class Invocation(TypedDict, total=False):
    """What the invocation methods take besides the runtime's name and the messages."""

    endpoint: str
    """The endpoint that serves the call: "Default" (the latest code) when left out."""
    session_id: str | None
    """Keeps a conversation on one instance (session affinity)."""
    tools: Sequence[Mapping[str, Any]] | None
    """OpenAI function tools offered to the agent."""
    options: CallOptions | None


class InvokeParams(Invocation, total=False):
    """The keyword arguments of `invoke` and `invoke_stream`."""

    extra_body: Mapping[str, Any] | None
    """Fields the agent reads, added to the request body."""


def target(name: str, given: Invocation) -> tuple[str, str]:
    """The runtime's name and its endpoint's, checked."""
    runtime = require_text(name, "name", "the name of the agent runtime to invoke")
    endpoint = given.get("endpoint", "Default")
    return runtime, require_text(endpoint, "endpoint", "the endpoint's name ('Default' serves the latest code)")


def headers(given: Invocation, *, stream: bool) -> dict[str, str]:
    session_id = given.get("session_id")
    sent = {"accept": "text/event-stream"} if stream else {}
    if session_id is not None:
        sent[SESSION_HEADER] = require_text(session_id, "session_id", "any text naming the conversation")
    return sent


def _request(name: str, messages: Sequence[Message], given: InvokeParams, *, stream: bool) -> OperationRequest:
    runtime, endpoint = target(name, given)
    # `model` is the runtime's name, as the official SDK's invoke_openai sends it.
    body = chat_body(messages, {"model": runtime, "tools": given.get("tools"), "extra_body": given.get("extra_body")})
    body["stream"] = stream
    return invoke_agent_runtime_chat_completion.request(runtime, endpoint, body=body)


async def invoke(
    core: HttpCore, name: str, messages: Sequence[Message], **given: Unpack[InvokeParams]
) -> ChatCompletion:
    """The agent's whole answer to `messages`."""
    prepared = _request(name, messages, given, stream=False)
    call_options = with_timeouts(given.get("options"), model_call_timeouts(core.config.timeout))
    response = await core.call(prepared, headers=headers(given, stream=False), options=call_options)
    return parse_completion(json_of(response))


def invoke_stream(core: HttpCore, name: str, messages: Sequence[Message], **given: Unpack[InvokeParams]) -> ChatStream:
    """The agent's answer as chunks; the request goes out on first iteration (or `async with`)."""
    prepared = _request(name, messages, given, stream=True)
    sent = headers(given, stream=True)
    return ChatStream(model_events(core, prepared, given.get("options"), sent, decode_event, chunks_from_completion))
