"""The blocking twin of `client.models` (generated from the async source): a smoke test that the generated code runs,
streams included, not each behaviour again. It runs in a worker thread: the server lives on this test's loop."""

from __future__ import annotations

import gc

import anyio
import pytest
from model_helpers import RUN_CODE, TEST_MODEL, proxy
from model_sdk_helpers import HELLO, until
from upstreams import FakeUpstream

from agentrun import errors
from agentrun.local import LocalServer


async def test_the_blocking_models_api(local: LocalServer) -> None:
    from agentrun.sync import AgentRun
    from agentrun.sync.model import ChatCompletion, ChatCompletionChunk

    def scenario() -> None:
        with AgentRun(local.client.config) as client:
            completion = client.models.chat(TEST_MODEL, HELLO)
            assert isinstance(completion, ChatCompletion) and completion.text.endswith("You said: hello")
            messages = [{"role": "user", "content": "```python\nprint(2)\n```"}]
            stream = client.models.stream(TEST_MODEL, messages, tools=[RUN_CODE])
            chunks = list(stream)
            assert all(isinstance(c, ChatCompletionChunk) for c in chunks) and chunks[-1].usage is not None
            assert stream.final_completion().tool_calls[0].arguments_json() == {"code": "print(2)\n"}
            with client.models.stream(TEST_MODEL, HELLO) as whole:
                assert whole.final_completion().text == completion.text
            assert len(client.models.embed(TEST_MODEL, ["a", "b"]).vectors) == 2
            assert [m.id for m in client.models.list(TEST_MODEL)] == [TEST_MODEL]
            assert client.models.usage(TEST_MODEL).total.requests >= 4
            with pytest.raises(errors.NotFoundError):
                client.models.chat("no-such-model", HELLO)

    await anyio.to_thread.run_sync(scenario)


async def test_the_blocking_stream_closes_the_upstream_when_the_loop_is_left(local: LocalServer) -> None:
    from agentrun.sync import AgentRun

    async with FakeUpstream(mode="slow", name="slow") as slow:
        name = await proxy(local.client, [{"baseUrl": slow.base_url}])

        def scenario() -> list[str]:
            with AgentRun(local.client.config) as client:
                texts = []
                for chunk in client.models.stream(name, HELLO):
                    texts.append(chunk.text)
                    break
                gc.collect()
                return texts

        assert await anyio.to_thread.run_sync(scenario) == ["slow"]
        await until(lambda: slow.disconnects == 1)
