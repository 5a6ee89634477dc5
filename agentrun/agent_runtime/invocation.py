"""Invoking a deployed agent over the OpenAI Chat Completions protocol: `<data>/agent-runtimes/{name}/endpoints/
{endpoint}/invocations/openai/v1/chat/completions` (openapi/data.yaml, InvokeAgentRuntimeChatCompletion), which the
runtime's instance serves (`agentrun.server`, or the official SDK's `AgentRunServer`). The answers are the model
gateway's types: a `ChatCompletion`, or a `ChatStream` of `ChatCompletionChunk`s."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from agentrun_data_api.api.agent_runtimes import invoke_agent_runtime_chat_completion
from agentrun_data_api.types import OperationRequest

from agentrun._config import Timeouts
from agentrun._core.http import CallOptions, HttpCore, json_of
from agentrun._core.sse import AsyncEventStream
from agentrun.model.chat_stream import ChatStream
from agentrun.model.chunks import ChatCompletionChunk, StreamFailure, chunks_from_completion, decode_event
from agentrun.model.completions import ChatCompletion, parse_completion
from agentrun.model.gateway import model_call_timeouts, with_timeouts
from agentrun.model.messages import Message, chat_body, require_text, wire_params

SESSION_HEADER = "x-agentrun-session-id"
"""The header that keeps a conversation on one instance of the runtime (session affinity)."""


def _request(
    name: str,
    endpoint: str,
    messages: Sequence[Message],
    *,
    tools: Sequence[Mapping[str, Any]] | None,
    extra_body: Mapping[str, Any] | None,
    stream: bool,
) -> OperationRequest:
    runtime = require_text(name, "name", "the name of the agent runtime to invoke")
    endpoint = require_text(endpoint, "endpoint", "the endpoint's name ('Default' serves the latest code)")
    # `model` is the runtime's name, as the official SDK's invoke_openai sends it.
    body = chat_body(
        messages, model=runtime, tools=tools, tool_choice=None, temperature=None, max_tokens=None,
        extra=wire_params({}, extra_body),
    )  # fmt: skip
    body["stream"] = stream
    return invoke_agent_runtime_chat_completion.request(runtime, endpoint, body=body)


def _headers(session_id: str | None, *, stream: bool) -> dict[str, str]:
    headers = {"accept": "text/event-stream"} if stream else {}
    if session_id is not None:
        headers[SESSION_HEADER] = require_text(session_id, "session_id", "any text naming the conversation")
    return headers


async def invoke(
    core: HttpCore,
    name: str,
    messages: Sequence[Message],
    *,
    endpoint: str,
    session_id: str | None,
    tools: Sequence[Mapping[str, Any]] | None,
    options: CallOptions | None,
    extra_body: Mapping[str, Any] | None,
) -> ChatCompletion:
    """The agent's whole answer to `messages`."""
    prepared = _request(name, endpoint, messages, tools=tools, extra_body=extra_body, stream=False)
    call_options = with_timeouts(options, model_call_timeouts(core.config.timeout))
    response = await core.call(prepared, headers=_headers(session_id, stream=False), options=call_options)
    return parse_completion(json_of(response))


def invoke_stream(
    core: HttpCore,
    name: str,
    messages: Sequence[Message],
    *,
    endpoint: str,
    session_id: str | None,
    tools: Sequence[Mapping[str, Any]] | None,
    options: CallOptions | None,
    extra_body: Mapping[str, Any] | None,
) -> ChatStream:
    """The agent's answer as chunks; the request goes out on first iteration (or `async with`)."""
    prepared = _request(name, endpoint, messages, tools=tools, extra_body=extra_body, stream=True)
    timeouts = model_call_timeouts(core.config.timeout)
    call_options = with_timeouts(options, timeouts)
    headers = _headers(session_id, stream=True)
    events: AsyncEventStream[ChatCompletionChunk | StreamFailure] = AsyncEventStream(
        lambda: core.stream_call(prepared, headers=headers, options=call_options),
        decode_event,
        from_json=chunks_from_completion,
        timeouts=call_options.timeout if isinstance(call_options.timeout, Timeouts) else timeouts,
    )
    return ChatStream(events)
