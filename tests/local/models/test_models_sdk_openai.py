"""`client.models.openai(name)`: the real `openai` package, pointed at AgentRun Local's gateway, authenticated by a
fresh AGENTRUN4 signature per request or by the API key of the credential bound to a model proxy."""

from __future__ import annotations

import sys

import anyio
import openai
import pytest
from local_helpers import unique
from model_helpers import RUN_CODE, TEST_MODEL, proxy
from model_sdk_helpers import HELLO
from upstreams import FakeUpstream

from agentrun import Config, errors
from agentrun.client import AsyncAgentRun
from agentrun.local import LocalServer


async def test_the_openai_client_chats_streams_and_embeds_through_the_gateway(client: AsyncAgentRun) -> None:
    async with client.models.openai(TEST_MODEL) as oai:
        assert isinstance(oai, openai.AsyncOpenAI) and str(oai.base_url).endswith(f"/data/models/{TEST_MODEL}/v1/")
        completion = await oai.chat.completions.create(model=TEST_MODEL, messages=[*HELLO])  # type: ignore[list-item]
        assert completion.choices[0].message.content is not None
        assert completion.choices[0].message.content.endswith("You said: hello")

        calls = await oai.chat.completions.create(
            model=TEST_MODEL,
            messages=[{"role": "user", "content": "```python\nprint(1)\n```"}],
            tools=[RUN_CODE],  # type: ignore[list-item]
        )
        assert calls.choices[0].message.tool_calls is not None
        assert calls.choices[0].message.tool_calls[0].function.name == "run_code"  # type: ignore[union-attr]

        stream = await oai.chat.completions.create(
            model=TEST_MODEL,
            messages=[*HELLO],
            stream=True,
            stream_options={"include_usage": True},  # type: ignore[list-item]
        )
        chunks = [chunk async for chunk in stream]
        assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices).endswith("You said: hello")
        assert chunks[-1].usage is not None and chunks[-1].usage.total_tokens == completion.usage.total_tokens  # type: ignore[union-attr]

        embeddings = await oai.embeddings.create(model=TEST_MODEL, input=["a cat", "a dog"])
        assert len(embeddings.data) == 2 and len(embeddings.data[0].embedding) == 384
        assert [m.id for m in (await oai.models.list()).data] == [TEST_MODEL]


async def test_errors_reach_the_openai_client_as_its_own(client: AsyncAgentRun) -> None:
    async with client.models.openai("no-such-model", max_retries=0) as oai:
        with pytest.raises(openai.NotFoundError, match="no-such-model"):
            await oai.chat.completions.create(model="m", messages=[*HELLO])  # type: ignore[list-item]


async def test_a_credential_bound_proxy_takes_its_api_key(client: AsyncAgentRun, local: LocalServer) -> None:
    credential = unique("cred-oai")
    await client.credentials.create(credential, auth_type="api_key", source_type="internal", secret="proxy-key")
    async with FakeUpstream(name="keyed") as upstream:
        name = await proxy(client, [{"baseUrl": upstream.base_url}], credential_name=credential)
        # A client with no access key at all: the credential's key is all it has.
        keyless = AsyncAgentRun(Config(data_endpoint=local.data_endpoint, verify=client.config.verify))
        async with keyless, keyless.models.openai(name, api_key="proxy-key") as oai:
            answer = await oai.chat.completions.create(model="m1", messages=[*HELLO])  # type: ignore[list-item]
            assert answer.choices[0].message.content == "keyed says hi"
        async with client.models.openai(name, api_key="not-the-key", max_retries=0) as wrong:
            with pytest.raises(openai.AuthenticationError, match=f"not that of credential {credential}"):
                await wrong.chat.completions.create(model="m1", messages=[*HELLO])  # type: ignore[list-item]
        async with client.models.openai(name) as signed:  # a signature is accepted on a credential-bound proxy too
            answer = await signed.chat.completions.create(model="m1", messages=[*HELLO])  # type: ignore[list-item]
            assert answer.choices[0].message.content == "keyed says hi"
        assert len(upstream.seen) == 2


async def test_without_an_access_key_or_api_key_there_is_no_way_to_authenticate(local: LocalServer) -> None:
    keyless = AsyncAgentRun(Config(data_endpoint=local.data_endpoint))
    with pytest.raises(errors.ConfigError, match="pass api_key="):
        keyless.models.openai(TEST_MODEL)


def test_a_missing_openai_package_names_the_extra(monkeypatch: pytest.MonkeyPatch, client: AsyncAgentRun) -> None:
    monkeypatch.setitem(sys.modules, "openai", None)  # what `import openai` sees when it is not installed
    with pytest.raises(errors.MissingDependencyError, match=r"pip install 'agentrun\[openai\]'") as caught:
        client.models.openai(TEST_MODEL)
    assert isinstance(caught.value, ImportError)


async def test_the_blocking_twin_returns_a_blocking_openai_client(local: LocalServer) -> None:
    from agentrun.sync import AgentRun

    def scenario() -> str | None:
        with AgentRun(local.client.config) as client, client.models.openai(TEST_MODEL) as oai:
            assert isinstance(oai, openai.OpenAI)
            completion = oai.chat.completions.create(model=TEST_MODEL, messages=[*HELLO])  # type: ignore[list-item]
            return completion.choices[0].message.content

    content = await anyio.to_thread.run_sync(scenario)
    assert content is not None and content.endswith("You said: hello")
