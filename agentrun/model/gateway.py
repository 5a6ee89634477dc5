"""`client.models`: calls to the OpenAI-compatible model gateway on the data plane, `<data>/models/{name}/v1/...`,
where `name` is a model proxy (or, on AgentRun Local, a model service or a built-in model such as
`agentrun-local-test-model`).

    completion = await client.models.chat("my-proxy", [{"role": "user", "content": "Hi"}])
    async for chunk in client.models.stream("my-proxy", messages): ...
    vectors = (await client.models.embed("my-proxy", ["a", "b"])).vectors
    openai_client = client.models.openai("my-proxy")    # the official `openai` client, authenticated for AgentRun

Requests are signed like every data-plane call. Errors are the SDK's: 400 BadRequestError, 401/403, 404
NotFoundError (the message names the model), 429 RateLimitError with `retry_after`, 5xx InternalServerError,
timeouts APITimeoutError. Calls are retried (honouring Retry-After) only before any answer byte arrived.
"""

from __future__ import annotations

import builtins
import dataclasses
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar, Unpack
from urllib.parse import quote

from agentrun_data_api.api.models import (
    create_chat_completion,
    create_embeddings,
    get_all_model_usage,
    get_model_usage,
    list_models,
)
from agentrun_data_api.fields import ChatCompletionMore, EmbeddingMore
from agentrun_data_api.types import OperationRequest

from agentrun import errors
from agentrun._config import Timeouts
from agentrun._core.http import CallOptions, HttpCore, json_of
from agentrun._core.openai_compat import async_openai_client
from agentrun._core.sse import AsyncEventStream
from agentrun.model.chat_stream import ChatStream
from agentrun.model.chunks import ChatCompletionChunk, StreamFailure, chunks_from_completion, decode_event
from agentrun.model.completions import ChatCompletion, parse_completion
from agentrun.model.embeddings import Embeddings, ModelInfo, parse_embeddings, parse_model_list
from agentrun.model.messages import Message, chat_body, embedding_body, require_name, wire_params
from agentrun.model.usage_report import ModelUsage, parse_usage_report

if TYPE_CHECKING:
    from httpx_sse import ServerSentEvent
    from openai import AsyncOpenAI

MODEL_CALL_TIMEOUT = 600.0
"""Seconds a model call may wait for its answer (and a stream between chunks) unless the call sets a timeout: a
long answer, or a reasoning model's first token, takes minutes."""

_ACCEPT_EVENTS = {"accept": "text/event-stream"}
E = TypeVar("E")
ToolChoice = str | Mapping[str, Any]


def model_call_timeouts(base: Timeouts) -> Timeouts:
    """The client's timeouts, with the read and total timeouts raised to MODEL_CALL_TIMEOUT at least."""
    total = None if base.total is None else max(base.total, MODEL_CALL_TIMEOUT)
    return dataclasses.replace(base, read=max(base.read, MODEL_CALL_TIMEOUT), total=total)


def with_timeouts(options: CallOptions | None, timeouts: Timeouts) -> CallOptions:
    """`options`, with `timeouts` unless they set a timeout of their own."""
    if options is None or options.timeout is None:
        return dataclasses.replace(options or CallOptions(), timeout=timeouts)
    return options


def model_events(
    core: HttpCore,
    prepared: OperationRequest,
    options: CallOptions | None,
    headers: Mapping[str, str],
    decode: Callable[[ServerSentEvent], E | None],
    from_json: Callable[[Any], Iterable[E]] | None = None,
) -> AsyncEventStream[E]:
    """The events of a streamed model call (the gateway's chunks, an agent's chunks or AG-UI events): the request
    goes out on first iteration, with the model-call timeouts unless `options` set a timeout of its own."""
    timeouts = model_call_timeouts(core.config.timeout)
    call_options = with_timeouts(options, timeouts)
    return AsyncEventStream(
        lambda: core.stream_call(prepared, headers=headers, options=call_options),
        decode,
        from_json=from_json,
        timeouts=call_options.timeout if isinstance(call_options.timeout, Timeouts) else timeouts,
    )


class ChatParams(ChatCompletionMore, total=False):
    """The keyword arguments of `chat` and `stream` (and, but for the checked ones, what the spec offers):

    - `model` picks one of the proxy's models;
    - `tools` are OpenAI function tools, and `tool_choice` "auto", "none", "required" or one of them;
    - `temperature` (0 to 2) and `max_tokens`;
    - the spec's other Chat Completions parameters (`top_p`, `stop`, `response_format`, `seed`, ...);
    - `extra_body` adds what the spec lacks (a provider's own parameters) to the request body;
    - `options` are the call's (timeout, headers, retries)."""

    model: str | None
    tools: Sequence[Mapping[str, Any]] | None
    tool_choice: ToolChoice | None
    temperature: float | None
    max_tokens: int | None
    options: CallOptions | None
    extra_body: Mapping[str, Any] | None


class Models:
    """The model gateway: chat completions (whole or streamed), embeddings, model lists, usage, and an `openai`
    client for code written against the OpenAI SDK."""

    def __init__(self, core: HttpCore) -> None:
        self._core = core
        self._timeouts = model_call_timeouts(core.config.timeout)

    def _options(self, options: CallOptions | None) -> CallOptions:
        return with_timeouts(options, self._timeouts)

    async def chat(self, name: str, messages: Sequence[Message], **params: Unpack[ChatParams]) -> ChatCompletion:
        """A chat completion from `name`. `messages` are OpenAI-shaped dicts (or messages of earlier completions);
        the keyword arguments are described by `ChatParams`: `model`, `tools`, `tool_choice`, `temperature`,
        `max_tokens`, the spec's other parameters (`top_p`, `stop`, `response_format`, `seed`, ...), `extra_body`
        and `options`."""
        prepared = create_chat_completion.request(require_name(name), body=chat_body(messages, params))
        response = await self._core.call(prepared, options=self._options(params.get("options")))
        return parse_completion(json_of(response))

    def stream(
        self, name: str, messages: Sequence[Message], *, include_usage: bool = True, **params: Unpack[ChatParams]
    ) -> ChatStream:
        """The completion of `chat(...)` streamed as `ChatCompletionChunk`s. With `include_usage` (the default) the
        last chunk carries the request's `usage`. `await stream.final_completion()` adds the chunks up into a
        `ChatCompletion`. Arguments are checked here; the request goes out on first iteration (or `async with`)."""
        body = chat_body(messages, params)
        if not isinstance(include_usage, bool):
            raise errors.InvalidArgumentError(f"include_usage must be True or False, got {include_usage!r}")
        body["stream"] = True
        if include_usage:
            body["stream_options"] = {"include_usage": True}
        prepared = create_chat_completion.request(require_name(name), body=body)
        events: AsyncEventStream[ChatCompletionChunk | StreamFailure] = model_events(
            self._core, prepared, params.get("options"), _ACCEPT_EVENTS, decode_event, chunks_from_completion
        )
        return ChatStream(events)

    async def embed(
        self,
        name: str,
        input: str | Sequence[str] | Sequence[int] | Sequence[Sequence[int]],
        *,
        model: str | None = None,
        dimensions: int | None = None,
        options: CallOptions | None = None,
        extra_body: Mapping[str, Any] | None = None,
        **params: Unpack[EmbeddingMore],
    ) -> Embeddings:
        """Embeddings of `input` (a text or a list of texts), in input order. Vectors come back as floats whatever
        `encoding_format` the request asked for."""
        body = embedding_body(input, model=model, dimensions=dimensions, extra=wire_params(params, extra_body))
        prepared = create_embeddings.request(require_name(name), body=body)
        response = await self._core.call(prepared, options=self._options(options))
        return parse_embeddings(json_of(response))

    async def list(self, name: str, *, options: CallOptions | None = None) -> builtins.list[ModelInfo]:
        """The models `name` serves (the values `model=` accepts)."""
        response = await self._core.call(list_models.request(require_name(name)), options=options)
        return parse_model_list(json_of(response))

    async def usage(self, name: str | None = None, *, options: CallOptions | None = None) -> ModelUsage:
        """Requests, failures, cache hits and tokens of `name` (a proxy: its own traffic; a service or built-in
        model: all it served), or of every model, proxy, service and credential when `name` is left out.
        An AgentRun Local extension (the cloud reports usage in its console)."""
        prepared = get_all_model_usage.request() if name is None else get_model_usage.request(require_name(name))
        response = await self._core.call(prepared, options=options)
        return parse_usage_report(json_of(response))

    def openai(self, name: str, *, api_key: str | None = None, **client_options: Any) -> AsyncOpenAI:
        """An `openai.AsyncOpenAI` whose base URL is the gateway for `name`. Its requests are signed with this
        client's access key, one fresh signature per request; with `api_key` (the secret of the credential bound
        to a model proxy) they carry that key instead. `client_options` go to `AsyncOpenAI` (`max_retries`,
        `timeout`, `default_headers`, ...). Needs the `openai` extra; close it (`async with`) when done."""
        base_url = f"{self._core.config.data_base_url()}{_path(name, 'v1')}"
        return async_openai_client(
            self._core.config, base_url, timeouts=self._timeouts, api_key=api_key, **client_options
        )


def _path(name: str, operation: str) -> str:
    return f"/models/{quote(require_name(name), safe='')}/{operation}"
