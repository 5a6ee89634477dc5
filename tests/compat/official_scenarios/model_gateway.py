"""Model calls through agentrun-sdk's `ModelProxy` (sync and async) against AgentRun Local's model gateway
(openapi/data.yaml): `completion` / `acompletion` (JSON and streamed with usage), tool calls, and
`embedding` / `aembedding`, through litellm, on a proxy over the built-in `agentrun-local-test-model`.

What works: a proxy with a credential. `model_info()` reads the credential and hands litellm
`{proxy.endpoint}/v1` with the secret as API key; litellm sends it as `Authorization: Bearer`, which the gateway
accepts for credential-bound proxies. Tool calls are asked through litellm (`completion(tools=...)`, which imports
its MCP bridge whenever `tools` are given: it needs agentrun-sdk's `mcp` extra, which `make official-sdk` installs)
and through the openai client with that same `model_info()`.

What cannot work, pinned down here: a proxy without a credential. The SDK passes api_key "" to litellm, whose
openai 2.x client refuses it ("Missing credentials") before any request is sent. The headers
`model_info()` signs for the empty URL are what the SDK's LangChain/ADK adapters send; here the openai
client sends them as default headers (as those adapters do, with a placeholder key), and the gateway accepts that
relaxed signature.

Nothing sleeps here; the scenario runs at the lowest CPU priority (see below). litellm would fetch its model price
map from GitHub on import (no network here: retries with sleeps); LITELLM_LOCAL_MODEL_COST_MAP keeps it on the
bundled copy.
"""

from __future__ import annotations

import json
import os
from typing import Any

from _scenario import Summary, check, equal, run, unique

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")

from agentrun import (
    Credential,
    CredentialConfig,
    ModelProxy,
    ModelProxyCreateInput,
    ModelType,
    ProxyConfig,
    ProxyConfigEndpoint,
)
from agentrun.credential import CredentialCreateInput

# Importing litellm and openai (done lazily, below) takes seconds of CPU. The other scenarios start at the same
# moment, and the Tea client they use gives up connecting after 0.6 s: yield the CPU to them.
os.nice(19)

TEST_MODEL = "agentrun-local-test-model"
ECHO = f"[{TEST_MODEL}: a deterministic test model, not a language model] You said: "
HELLO = [{"role": "user", "content": "hello"}]
RUN_CODE = {
    "type": "function",
    "function": {"name": "run_code", "parameters": {"type": "object", "properties": {"code": {"type": "string"}}}},
}
ASK_FOR_CODE = [{"role": "user", "content": "Compute it:\n```python\nprint(6 * 7)\n```"}]


def proxy_over_the_test_model(credential: str | None) -> ModelProxy:
    proxy = ModelProxy.create(
        ModelProxyCreateInput(
            model_proxy_name=unique("mp-gw"),
            model_type=ModelType.LLM,
            credential_name=credential,
            proxy_config=ProxyConfig(
                endpoints=[ProxyConfigEndpoint(model_service_name=TEST_MODEL, model_names=[TEST_MODEL])]
            ),
        )
    )
    proxy.wait_until_ready_or_failed(interval_seconds=0.3)
    return proxy


def protected_proxy() -> ModelProxy:
    credential = unique("cred-gw")
    Credential.create(
        CredentialCreateInput(credential_name=credential, credential_config=CredentialConfig.inbound_api_key("k-gw"))
    )
    return proxy_over_the_test_model(credential)


def streamed_text(chunks: list[Any]) -> str:
    return "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)


def tool_call_of(response: Any) -> dict[str, Any]:
    call = response.choices[0].message.tool_calls[0]
    return {"name": call.function.name, "arguments": json.loads(call.function.arguments)}


def sync_part(summary: Summary) -> None:
    import openai

    proxy = protected_proxy()
    answer = proxy.completion(messages=HELLO)
    equal(answer.choices[0].message.content, ECHO + "hello", "completion: content")
    equal(answer.model, TEST_MODEL, "completion: model")
    chunks = list(proxy.completion(messages=HELLO, stream=True, stream_options={"include_usage": True}))
    equal(streamed_text(chunks), ECHO + "hello", "streamed completion: text")
    usage = getattr(chunks[-1], "usage", None)
    check(usage is not None and usage.total_tokens == answer.usage.total_tokens, f"streamed usage: {usage}")
    try:
        through_litellm = tool_call_of(proxy.completion(messages=ASK_FOR_CODE, tools=[RUN_CODE]))
    except ModuleNotFoundError as exc:  # litellm 1.106.2 imports its MCP bridge for any `tools` (agentrun-sdk[mcp])
        through_litellm = {"error": str(exc)}
    info = proxy.model_info()  # what a caller of the SDK hands its own OpenAI client: base URL and the secret
    tools = openai.OpenAI(base_url=info.base_url, api_key=info.api_key).chat.completions.create(
        model=info.model, messages=ASK_FOR_CODE, tools=[RUN_CODE]
    )
    embedded = proxy.embedding(input=["hello world", "hello"])

    open_proxy = proxy_over_the_test_model(None)
    try:
        open_proxy.completion(messages=HELLO)
        refused = ""
    except Exception as exc:  # litellm wraps openai's client-side refusal in its own classes
        refused = str(exc)
    open_info = open_proxy.model_info()
    adapter = openai.OpenAI(base_url=open_info.base_url, api_key="placeholder", default_headers=open_info.headers)
    adapted = adapter.chat.completions.create(model=open_info.model, messages=HELLO)
    summary.update(
        content=answer.choices[0].message.content,
        model=answer.model,
        base_url=info.base_url,
        streamed_chunks=len(chunks),
        streamed_usage=usage.total_tokens if usage else None,
        tool_call=tool_call_of(tools),
        finish_reason=tools.choices[0].finish_reason,
        tool_call_through_litellm=through_litellm,
        embedding_sizes=[len(item["embedding"]) for item in embedded.data],
        no_credential_error=refused,
        adapter_content=adapted.choices[0].message.content,
    )


async def async_part(summary: Summary) -> None:
    import openai

    proxy = protected_proxy()
    answer = await proxy.acompletion(messages=[{"role": "user", "content": "hi async"}])
    equal(answer.choices[0].message.content, ECHO + "hi async", "acompletion: content")
    stream = await proxy.acompletion(messages=HELLO, stream=True, stream_options={"include_usage": True})
    chunks = [chunk async for chunk in stream]
    info = proxy.model_info()
    tools = await openai.AsyncOpenAI(base_url=info.base_url, api_key=info.api_key).chat.completions.create(
        model=info.model, messages=ASK_FOR_CODE, tools=[RUN_CODE]
    )
    embedded = await proxy.aembedding(input=["hello"])
    summary.update(
        content=answer.choices[0].message.content,
        streamed_text=streamed_text(chunks),
        tool_call=tool_call_of(tools),
        embedding_sizes=[len(item["embedding"]) for item in embedded.data],
    )


if __name__ == "__main__":
    run("model_gateway", sync_part, async_part)
