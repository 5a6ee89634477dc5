"""`client.models.stream` against AgentRun Local's model gateway and real (fake, fault-injecting) upstreams: chunks
arrive as the upstream sends them, add up to the non-streamed answer, carry usage, fail loudly mid-stream with what
arrived so far, and leaving the loop in any way closes the gateway's upstream connection."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from typing import Any

import anyio
import pytest
from model_helpers import RUN_CODE, TEST_MODEL, proxy
from model_sdk_helpers import HELLO, until
from upstreams import FakeUpstream

from agentrun import Config, errors
from agentrun.client import AsyncAgentRun
from agentrun.model import ChatCompletionChunk


@pytest.fixture
async def slow() -> AsyncIterator[FakeUpstream]:
    """An upstream that sends one chunk, then holds the rest until `release` is set (or the gateway hangs up)."""
    async with FakeUpstream(mode="slow", name="slow") as upstream:
        yield upstream


async def test_chunks_arrive_before_the_upstream_finishes(client: AsyncAgentRun, slow: FakeUpstream) -> None:
    name = await proxy(client, [{"baseUrl": slow.base_url}])
    async with client.models.stream(name, HELLO) as stream:
        chunks = aiter(stream)
        first = await anext(chunks)
        assert isinstance(first, ChatCompletionChunk) and first.text == "slow"
        assert not slow.release.is_set() and slow.answering == 1  # the upstream is still holding the rest
        slow.release.set()
        rest = [chunk async for chunk in chunks]
    assert "".join(c.text for c in rest) == " says hi"
    assert rest[-1].choices == () and rest[-1].usage is not None and rest[-1].usage.total_tokens == 8
    await slow.settled()


async def test_the_stream_adds_up_to_the_same_completion_as_chat(client: AsyncAgentRun) -> None:
    messages = [{"role": "user", "content": "hello world"}]
    whole = await client.models.chat(TEST_MODEL, messages)
    stream = client.models.stream(TEST_MODEL, messages)
    chunks = [chunk async for chunk in stream]
    assert len(chunks) > 5 and chunks[0].choices[0].delta.role == "assistant"
    assert "".join(c.text for c in chunks) == whole.text
    assert chunks[-2].finish_reason == "stop" and chunks[-1].usage == whole.usage  # include_usage by default
    completion = await stream.final_completion()  # after the loop: at once, from what was read
    assert (completion.text, completion.finish_reason, completion.usage) == (whole.text, "stop", whole.usage)
    assert completion.model == TEST_MODEL and completion.id == chunks[0].id


async def test_tool_call_argument_pieces_are_merged(client: AsyncAgentRun) -> None:
    messages: list[Any] = [{"role": "user", "content": "```python\nprint('hi')\n```"}]
    whole = await client.models.chat(TEST_MODEL, messages, tools=[RUN_CODE])
    stream = client.models.stream(TEST_MODEL, messages, tools=[RUN_CODE])
    pieces = [d for c in [chunk async for chunk in stream] for ch in c.choices for d in ch.delta.tool_calls]
    assert len(pieces) > 3 and pieces[0].id == whole.tool_calls[0].id and pieces[0].name == "run_code"
    completion = await stream.final_completion()
    assert completion.tool_calls == whole.tool_calls and completion.finish_reason == "tool_calls"
    assert completion.message.content is None and completion.tool_calls[0].arguments_json() == {"code": "print('hi')\n"}
    # The accumulated message continues the conversation like a non-streamed one.
    messages += [completion.message, {"role": "tool", "tool_call_id": completion.tool_calls[0].id, "content": "hi"}]
    answer = await client.models.stream(TEST_MODEL, messages, tools=[RUN_CODE]).final_completion()
    assert answer.text == "The tool run_code returned: hi"


async def test_usage_is_left_out_when_not_asked_for(client: AsyncAgentRun) -> None:
    chunks = [chunk async for chunk in client.models.stream(TEST_MODEL, HELLO, include_usage=False)]
    assert all(chunk.usage is None for chunk in chunks) and chunks[-1].finish_reason == "stop"


async def test_a_failure_mid_stream_raises_with_what_arrived(client: AsyncAgentRun) -> None:
    async with FakeUpstream(mode="die_mid_stream", name="dying") as dying:
        name = await proxy(client, [{"baseUrl": dying.base_url}])
        received: list[str] = []
        with pytest.raises(errors.ModelStreamError, match="failed after 2 chunk") as caught:
            async for chunk in client.models.stream(name, HELLO):
                received.append(chunk.text)
    assert received == ["dying", " says"]  # every chunk before the failure was delivered
    failure = caught.value
    assert failure.code == "upstream_stream_interrupted" and failure.error_type == "upstream_error"
    assert "failed mid-stream" in str(failure) and failure.completion.text == "dying says"
    assert isinstance(failure, errors.StreamError)


async def test_an_upstream_that_stops_early_is_reported_not_truncated(client: AsyncAgentRun) -> None:
    async with FakeUpstream(mode="cut_short", name="short") as short:
        name = await proxy(client, [{"baseUrl": short.base_url}])
        stream = client.models.stream(name, HELLO)
        with pytest.raises(errors.ModelStreamError, match="ended the stream before it was complete") as caught:
            await stream.final_completion()
    assert caught.value.completion.text == "short says hi" and caught.value.completion.finish_reason is None


async def test_without_a_gateway_a_stream_cut_short_or_broken_still_raises() -> None:
    """Straight at an OpenAI-compatible server (no gateway to turn the failure into an error event): a stream that
    ends without `[DONE]`, or whose connection breaks, raises all the same."""
    async with FakeUpstream(mode="cut_short") as short, FakeUpstream(mode="die_mid_stream") as dying:
        for upstream, expected in ((short, r"ended before its end marker \(\[DONE\]\)"), (dying, "connection broke")):
            async with AsyncAgentRun(Config(data_endpoint=f"http://127.0.0.1:{upstream.port}")) as direct:
                with pytest.raises(errors.ModelStreamError, match=expected) as caught:
                    async for _ in direct.models.stream("m", HELLO):
                        pass
            assert caught.value.completion.text.startswith("upstream says")
    assert isinstance(caught.value.__cause__, errors.APIConnectionError)


async def test_an_error_before_the_stream_starts_is_the_status_error(client: AsyncAgentRun) -> None:
    stream = client.models.stream("no-such-model", HELLO)
    with pytest.raises(errors.NotFoundError, match="'no-such-model'"):
        async with stream:
            pass


async def test_breaking_out_of_the_loop_closes_the_upstream(client: AsyncAgentRun, slow: FakeUpstream) -> None:
    name = await proxy(client, [{"baseUrl": slow.base_url}])
    async for chunk in client.models.stream(name, HELLO):
        assert chunk.text == "slow"
        break
    gc.collect()  # the loop's generator is gone; on CPython it closed the stream already
    await until(lambda: slow.disconnects == 1)
    await slow.all_closed()


async def test_cancelling_the_consumer_closes_the_upstream(client: AsyncAgentRun, slow: FakeUpstream) -> None:
    name = await proxy(client, [{"baseUrl": slow.base_url}])
    first = anyio.Event()
    async with anyio.create_task_group() as group:

        async def consume() -> None:
            async for _ in client.models.stream(name, HELLO):
                first.set()  # then waits for a chunk the upstream holds back

        group.start_soon(consume)
        await first.wait()
        group.cancel_scope.cancel()
    await until(lambda: slow.disconnects == 1)


async def test_leaving_async_with_on_an_exception_closes_the_upstream(
    client: AsyncAgentRun, slow: FakeUpstream
) -> None:
    name = await proxy(client, [{"baseUrl": slow.base_url}])
    stream = client.models.stream(name, HELLO)
    with pytest.raises(RuntimeError, match="user code failed"):
        async with stream:
            async for _ in stream:
                raise RuntimeError("user code failed")
    await until(lambda: slow.disconnects == 1)
    with pytest.raises(errors.AgentRunError, match="closed before its end"):
        await stream.final_completion()
