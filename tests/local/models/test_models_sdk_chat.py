"""`client.models.chat / embed / list / usage` against AgentRun Local's model gateway: typed answers, an agent loop
with the offline test model's tool calls, arguments checked before anything is sent, errors mapped into the SDK's
hierarchy, and retries that honour Retry-After."""

from __future__ import annotations

import logging
import math
from collections.abc import Iterator
from typing import Any

import anyio
import pytest
from model_helpers import RUN_CODE, TEST_MODEL, WEATHER, proxy, service
from model_sdk_helpers import HELLO, until
from upstreams import FakeUpstream, refused_url

from agentrun import CallOptions, Config, errors
from agentrun.client import AsyncAgentRun
from agentrun.local import LocalServer
from agentrun.model import AssistantMessage, ChatCompletion

NO_RETRIES = CallOptions(max_retries=0)


def user(text: str) -> dict[str, Any]:
    return {"role": "user", "content": text}


async def test_chat_returns_a_typed_completion(client: AsyncAgentRun) -> None:
    completion = await client.models.chat(TEST_MODEL, [user("hello there")])
    assert isinstance(completion, ChatCompletion)
    assert completion.model == TEST_MODEL and completion.id.startswith("chatcmpl-")
    assert completion.text.endswith("You said: hello there") and completion.finish_reason == "stop"
    assert completion.choices[0].message.role == "assistant" and completion.tool_calls == ()
    assert completion.usage is not None and completion.usage.prompt_tokens == 2
    assert completion.usage.total_tokens == completion.usage.prompt_tokens + completion.usage.completion_tokens


async def test_sampling_arguments_and_extra_parameters_reach_the_model(client: AsyncAgentRun) -> None:
    completion = await client.models.chat(TEST_MODEL, [user("hi")], max_tokens=3, temperature=0, seed=7)
    assert completion.text == "[agentrun-" and completion.finish_reason == "length"


async def test_tool_calls_are_typed_and_the_agent_loop_round_trips(client: AsyncAgentRun) -> None:
    """The loop an agent runs: the model asks for a tool, the tool's result goes back (the assistant message appended
    as the SDK returned it), and the model answers with it."""
    messages: list[Any] = [user("What is 6 times 7? Run:\n```python\nprint(6 * 7)\n```")]
    completion = await client.models.chat(TEST_MODEL, messages, tools=[WEATHER, RUN_CODE])
    assert completion.finish_reason == "tool_calls" and completion.message.content is None
    [call] = completion.tool_calls
    assert call.id.startswith("call_") and call.type == "function" and call.function.name == "run_code"
    assert call.function.arguments == '{"code": "print(6 * 7)\\n"}'
    assert call.arguments_json() == {"code": "print(6 * 7)\n"}

    messages += [completion.message, {"role": "tool", "tool_call_id": call.id, "content": "42"}]
    answer = await client.models.chat(TEST_MODEL, messages, tools=[WEATHER, RUN_CODE])
    assert answer.text == "The tool run_code returned: 42" and answer.finish_reason == "stop"


async def test_parallel_calls_and_tool_choice(client: AsyncAgentRun) -> None:
    directives = user('call weather {"city": "Hangzhou"}\ncall weather {"city": "Paris"}')
    calls = (await client.models.chat(TEST_MODEL, [directives], tools=[WEATHER])).tool_calls
    assert [c.arguments_json() for c in calls] == [{"city": "Hangzhou"}, {"city": "Paris"}]
    forced = await client.models.chat(
        TEST_MODEL, [user("hi")], tools=[WEATHER], tool_choice={"type": "function", "function": {"name": "weather"}}
    )
    assert forced.tool_calls[0].function.name == "weather" and forced.tool_calls[0].arguments_json() == {}
    none = await client.models.chat(TEST_MODEL, [user("```python\n1\n```")], tools=[RUN_CODE], tool_choice="none")
    assert none.tool_calls == () and none.finish_reason == "stop"


def test_arguments_that_are_not_json_raise_a_typed_error_keeping_the_text() -> None:
    from agentrun.model import FunctionCall, ToolCall

    call = ToolCall("call_1", FunctionCall("run_code", '{"code": "print(1)"'))
    with pytest.raises(errors.ModelOutputError, match=r"run_code .* not valid JSON") as caught:
        call.arguments_json()
    assert caught.value.text == '{"code": "print(1)"'


@pytest.fixture
def unreachable() -> Iterator[AsyncAgentRun]:
    """A client whose data plane is a port nothing listens on: a request sent would be an APIConnectionError."""
    yield AsyncAgentRun(Config(data_endpoint=refused_url().removesuffix("/v1"), max_retries=0))


@pytest.mark.parametrize(
    ("messages", "kwargs", "expected"),
    [
        ([], {}, r"messages is empty; pass at least one, e\.g\. \[\{\"role\": \"user\""),
        ("hello", {}, "messages must be a list of messages"),
        ([{"role": "robot", "content": "hi"}], {}, r"messages\[0\] has role 'robot'; use one of system, developer"),
        ([{"content": "hi"}], {}, r"messages\[0\] has role None"),
        (["hi"], {}, r"messages\[0\] must be a dict such as"),
        ([{"role": "user"}], {}, r"messages\[0\] \(user\) needs content"),
        ([{"role": "tool", "content": "42"}], {}, r"tool result without tool_call_id; set it to the id"),
        (
            [
                {
                    "role": "assistant",
                    "content": None,
                    "tool_calls": [{"id": "c", "function": {"name": "f", "arguments": {}}}],
                }
            ],
            {},
            r"arguments must be JSON text, not dict; wrap it with json\.dumps",
        ),
        (HELLO, {"tools": [{"name": "weather", "parameters": {}}]}, r"tools\[0\] is a bare function definition"),
        (HELLO, {"tools": [len]}, r"tools\[0\] is a Python function; describe it instead"),
        (HELLO, {"tools": [{"type": "function", "function": {"name": "has space"}}]}, r"1 to 64 letters"),
        (HELLO, {"tools": [{"type": "function", "function": {"name": "f", "parameters": "x"}}]}, "JSON Schema object"),
        (HELLO, {"tools": [WEATHER], "tool_choice": "always"}, r'tool_choice must be "auto", "none", "required"'),
        (
            HELLO,
            {"tools": [WEATHER], "tool_choice": {"type": "function", "function": {"name": "run_code"}}},
            r"names 'run_code', which tools does not offer \(offered: weather\)",
        ),
        (HELLO, {"tool_choice": "required"}, r"tool_choice='required' needs tools"),
        (HELLO, {"temperature": 3}, "temperature must be a number from 0 to 2"),
        (HELLO, {"max_tokens": 0}, "max_tokens must be a whole number of at least 1"),
        (HELLO, {"stream": True}, r"stream= is set by the SDK; call client\.models\.stream"),
    ],
)
async def test_bad_input_is_refused_before_anything_is_sent(
    unreachable: AsyncAgentRun, messages: Any, kwargs: dict[str, Any], expected: str
) -> None:
    with pytest.raises(errors.InvalidArgumentError, match=expected):
        await unreachable.models.chat(TEST_MODEL, messages, **kwargs)
    with pytest.raises(errors.InvalidArgumentError, match=expected):
        unreachable.models.stream(TEST_MODEL, messages, **kwargs)  # refused when the stream is made, not used


async def test_bad_names_and_embedding_input_are_refused_before_anything_is_sent(unreachable: AsyncAgentRun) -> None:
    with pytest.raises(errors.InvalidArgumentError, match="name must be the name of a model proxy"):
        await unreachable.models.chat("", HELLO)
    for bad in ("", [], [1.5], None, ["a", 2]):
        with pytest.raises(errors.InvalidArgumentError, match="input must be a non-empty text or list of texts"):
            await unreachable.models.embed(TEST_MODEL, bad)  # type: ignore[arg-type]
    with pytest.raises(errors.APIConnectionError):  # the check passes: a request is sent (and cannot connect)
        await unreachable.models.chat(TEST_MODEL, [AssistantMessage("earlier"), *HELLO])


async def test_an_unknown_model_is_a_not_found_error_naming_it(client: AsyncAgentRun) -> None:
    with pytest.raises(errors.NotFoundError, match="'no-such-model'") as caught:
        await client.models.chat("no-such-model", HELLO)
    assert caught.value.status_code == 404 and caught.value.code == "model_not_found"


async def test_the_gateway_and_upstream_refusals_are_bad_request_errors(client: AsyncAgentRun) -> None:
    with pytest.raises(errors.BadRequestError, match="dimensions must be an integer from 1 to 8192") as caught:
        await client.models.embed(TEST_MODEL, "x", dimensions=100_000)
    assert caught.value.status_code == 400 and caught.value.code == "invalid_request"
    async with FakeUpstream(name="strict") as upstream:
        name = await proxy(client, [{"baseUrl": upstream.base_url}])
        with pytest.raises(errors.BadRequestError, match="strict rejects model reject-me"):
            await client.models.chat(name, HELLO, model="reject-me")
        assert len(upstream.seen) == 1  # a 400 is the caller's mistake: never retried


async def test_a_wrong_signature_is_an_authentication_error(local: LocalServer) -> None:
    async with AsyncAgentRun(local.client.config.with_options(access_key_secret="wrong")) as forged:
        with pytest.raises(errors.AuthenticationError) as caught:
            await forged.models.chat(TEST_MODEL, HELLO)
    assert caught.value.status_code == 401


async def test_no_upstream_answering_is_a_server_error(client: AsyncAgentRun) -> None:
    name = await proxy(client, [{"baseUrl": refused_url()}])
    with pytest.raises(errors.InternalServerError, match="found no upstream to answer") as caught:
        await client.models.chat(name, HELLO, options=NO_RETRIES)
    assert caught.value.status_code == 502 and caught.value.code == "upstream_unavailable"


async def test_a_client_timeout_names_itself_and_frees_the_upstream(client: AsyncAgentRun) -> None:
    async with FakeUpstream(mode="hang", name="hang") as hang:
        name = await proxy(client, [{"baseUrl": hang.base_url}])
        with pytest.raises(errors.APITimeoutError) as caught:
            await client.models.chat(name, HELLO, options=CallOptions(timeout=0.5, max_retries=0))
        assert caught.value.timeout in ("read", "total")
        await until(lambda: hang.disconnects == 1)  # the gateway dropped the upstream request too


async def test_token_rate_limit_is_a_rate_limit_error_with_retry_after(client: AsyncAgentRun) -> None:
    async with FakeUpstream(name="counted") as upstream:
        name = await proxy(client, [{"baseUrl": upstream.base_url}], policies={"tokenRateLimiter": {"tpm": 10}})
        await client.models.chat(name, HELLO)  # 8 tokens
        await client.models.chat(name, HELLO)  # 8 < 10: admitted
        with pytest.raises(errors.RateLimitError, match="tokenRateLimiter") as caught:
            await client.models.chat(name, HELLO, options=NO_RETRIES)
        assert caught.value.status_code == 429 and caught.value.code == "token_rate_limit_exceeded"
        assert caught.value.retry_after is not None and 0 < caught.value.retry_after <= 61
        assert len(upstream.seen) == 2


class _Signal(logging.Handler):
    """Calls `react` when the SDK logs a line containing `phrase` (its retry log), on the loop's own thread."""

    def __init__(self, phrase: str, react: Any) -> None:
        super().__init__(logging.DEBUG)
        self.phrase, self.react = phrase, react

    def emit(self, record: logging.LogRecord) -> None:
        if self.phrase in record.getMessage():
            self.react()


async def test_a_429_is_retried_after_the_wait_the_gateway_asks_for(client: AsyncAgentRun) -> None:
    async with FakeUpstream(mode="slow", name="slow") as slow:
        name = await proxy(
            client, [{"baseUrl": slow.base_url}], policies={"concurrencyLimit": 1, "maxQueuedRequests": 0}
        )
        refused = anyio.Event()
        signal = _Signal("got 429; retry 1 in 1.00s", refused.set)  # Retry-After: 1, as the gateway sent it
        logger = logging.getLogger("agentrun.http")
        level = logger.level
        logger.addHandler(signal)
        logger.setLevel(logging.DEBUG)
        try:
            answers: list[ChatCompletion] = []
            async with client.models.stream(name, HELLO) as holding:  # takes the proxy's only slot
                chunks = aiter(holding)
                assert (await anext(chunks)).text == "slow"
                async with anyio.create_task_group() as group:

                    async def ask() -> None:
                        answers.append(await client.models.chat(name, HELLO, options=CallOptions(max_retries=5)))

                    group.start_soon(ask)
                    with anyio.fail_after(30):
                        await refused.wait()
                    slow.release.set()
                    assert "".join([chunk.text async for chunk in chunks]) == " says hi"  # the slot is free again
            assert answers[0].text == "slow says hi"
        finally:
            logger.removeHandler(signal)
            logger.setLevel(level)


async def test_embeddings_are_typed_vectors_in_input_order(client: AsyncAgentRun) -> None:
    texts = ["the cat sat on the mat", "the cat sat on the mat", "quantum chromodynamics"]
    embeddings = await client.models.embed(TEST_MODEL, texts)
    assert embeddings.model == TEST_MODEL and [e.index for e in embeddings.data] == [0, 1, 2]
    first, same, other = embeddings.vectors
    assert len(first) == 384 and math.isclose(sum(x * x for x in first), 1.0) and first == same and first != other
    assert embeddings.usage is not None and embeddings.usage.prompt_tokens == 14  # 6 + 6 + 2 words
    assert repr(embeddings.data[0]) == "Embedding(index=0, dimensions=384)"
    single = await client.models.embed(TEST_MODEL, "the cat sat on the mat", dimensions=16)
    packed = await client.models.embed(TEST_MODEL, "the cat sat on the mat", dimensions=16, encoding_format="base64")
    assert len(single.vectors[0]) == 16
    assert all(math.isclose(a, b, rel_tol=1e-6) for a, b in zip(single.vectors[0], packed.vectors[0], strict=True))


async def test_model_lists(client: AsyncAgentRun) -> None:
    assert [m.id for m in await client.models.list("default")] == [TEST_MODEL]
    backing = await service(client, "http://127.0.0.1:9/v1", model_names=["m1", "m2"])
    name = await proxy(client, [{"modelServiceName": backing}])
    listed = await client.models.list(name)
    assert [m.id for m in listed] == ["m1", "m2"] and listed[0].owned_by == name


async def test_usage_reports_of_a_proxy_and_the_account(client: AsyncAgentRun) -> None:
    async with FakeUpstream(name="metered") as upstream:
        name = await proxy(client, [{"baseUrl": upstream.base_url}])
        await client.models.chat(name, HELLO)
        async for _ in client.models.stream(name, HELLO):
            pass
        report = await client.models.usage(name)
    assert (report.name, report.kind) == (name, "model proxy")
    assert report.total.requests == 2 and report.total.total_tokens == 16 and report.total.failures == 0
    assert report.by_proxy[name] == report.total and report.concurrency is None
    account = await client.models.usage()
    assert account.name is None and account.by_proxy[name] == report.total
