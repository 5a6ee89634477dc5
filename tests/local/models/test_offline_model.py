"""The built-in offline test model (`agentrun-local-test-model`, also behind `default` when no upstream is configured):
deterministic answers, tool calls on documented directives, streaming piece by piece, exact usage, hashed embeddings,
and an agent loop whose tool is a real sandbox."""

from __future__ import annotations

import json
import math
import re
from typing import Any

import httpx
import pytest
from model_helpers import RUN_CODE, TEST_MODEL, WEATHER, all_events, get, post, stream, text_of

from agentrun.local import LocalServer
from agentrun.local.sandbox import IsolationUnavailable, SandboxEngine


def user(text: str) -> dict[str, Any]:
    return {"role": "user", "content": text}


async def chat(raw: httpx.AsyncClient, local: LocalServer, body: dict[str, Any], name: str = TEST_MODEL) -> Any:
    response = await post(raw, local, name, "chat/completions", body)
    assert response.status_code == 200, response.text
    return response.json()


async def test_it_says_it_is_not_a_language_model_and_echoes(raw: httpx.AsyncClient, local: LocalServer) -> None:
    answer = await chat(raw, local, {"messages": [user("hello there")]})
    message = answer["choices"][0]["message"]
    assert message["content"] == (
        "[agentrun-local-test-model: a deterministic test model, not a language model] You said: hello there"
    )
    assert answer["model"] == TEST_MODEL and answer["choices"][0]["finish_reason"] == "stop"


async def test_same_request_same_answer(raw: httpx.AsyncClient, local: LocalServer) -> None:
    body = {"messages": [user("run\n```python\nprint(1)\n```")], "tools": [RUN_CODE]}
    first, second = await chat(raw, local, body), await chat(raw, local, body)
    assert first["choices"] == second["choices"] and first["id"] == second["id"]


def pieces(text: str) -> list[str]:
    """The documented token of the test model: a word or one other non-space character, with the space before it."""
    return re.findall(r"\s*(?:\w+|[^\w\s])|\s+$", text)


async def test_usage_counts_pieces_exactly(raw: httpx.AsyncClient, local: LocalServer) -> None:
    answer = await chat(raw, local, {"messages": [user("one two, three")]})
    content = answer["choices"][0]["message"]["content"]
    assert answer["usage"] == {
        "prompt_tokens": 4,  # one / two / , / three
        "completion_tokens": len(pieces(content)),
        "total_tokens": 4 + len(pieces(content)),
    }


async def test_fenced_python_block_becomes_a_run_code_call(raw: httpx.AsyncClient, local: LocalServer) -> None:
    body = {"messages": [user("Please compute:\n```python\nprint(6 * 7)\n```")], "tools": [WEATHER, RUN_CODE]}
    choice = (await chat(raw, local, body))["choices"][0]
    assert choice["finish_reason"] == "tool_calls" and choice["message"]["content"] is None
    [call] = choice["message"]["tool_calls"]
    assert call["type"] == "function" and call["id"].startswith("call_")
    assert call["function"]["name"] == "run_code"  # the first tool with a `code` parameter
    assert json.loads(call["function"]["arguments"]) == {"code": "print(6 * 7)\n"}


async def test_call_directives_become_parallel_tool_calls(raw: httpx.AsyncClient, local: LocalServer) -> None:
    body = {"messages": [user('call weather {"city": "Hangzhou"}\ncall weather {"city": "Paris"}')], "tools": [WEATHER]}
    calls = (await chat(raw, local, body))["choices"][0]["message"]["tool_calls"]
    assert [json.loads(c["function"]["arguments"]) for c in calls] == [{"city": "Hangzhou"}, {"city": "Paris"}]
    assert len({c["id"] for c in calls}) == 2


async def test_a_call_of_a_tool_not_offered_is_answered_in_text(raw: httpx.AsyncClient, local: LocalServer) -> None:
    body = {"messages": [user("call launch_rocket {}")], "tools": [WEATHER]}
    message = (await chat(raw, local, body))["choices"][0]["message"]
    assert "tool_calls" not in message and "offers no tool of that name (offered: weather)" in message["content"]


async def test_without_tools_a_directive_is_just_text(raw: httpx.AsyncClient, local: LocalServer) -> None:
    message = (await chat(raw, local, {"messages": [user("call weather {}")]}))["choices"][0]["message"]
    assert "tool_calls" not in message and message["content"].endswith("You said: call weather {}")


async def test_tool_choice_none_and_required(raw: httpx.AsyncClient, local: LocalServer) -> None:
    directive = [user("```python\n1\n```")]
    none = await chat(raw, local, {"messages": directive, "tools": [RUN_CODE], "tool_choice": "none"})
    assert none["choices"][0]["finish_reason"] == "stop"
    required = await chat(raw, local, {"messages": [user("hi")], "tools": [WEATHER], "tool_choice": "required"})
    assert required["choices"][0]["message"]["tool_calls"][0]["function"] == {"name": "weather", "arguments": "{}"}


async def test_after_a_tool_result_it_quotes_it(raw: httpx.AsyncClient, local: LocalServer) -> None:
    call = {"id": "call_1", "type": "function", "function": {"name": "run_code", "arguments": '{"code": "6*7"}'}}
    messages = [
        user("```python\n6*7\n```"),
        {"role": "assistant", "content": None, "tool_calls": [call]},
        {"role": "tool", "tool_call_id": "call_1", "content": "42"},
    ]
    choice = (await chat(raw, local, {"messages": messages, "tools": [RUN_CODE]}))["choices"][0]
    assert choice["message"]["content"] == "The tool run_code returned: 42" and choice["finish_reason"] == "stop"


async def test_max_tokens_cuts_the_answer(raw: httpx.AsyncClient, local: LocalServer) -> None:
    choice = (await chat(raw, local, {"messages": [user("hi")], "max_tokens": 3}))["choices"][0]
    assert choice["message"]["content"] == "[agentrun-" and choice["finish_reason"] == "length"


async def test_stream_sends_one_chunk_per_piece_then_done(raw: httpx.AsyncClient, local: LocalServer) -> None:
    body = {"messages": [user("hello world")]}
    plain = (await chat(raw, local, body))["choices"][0]["message"]["content"]
    async with stream(raw, local, TEST_MODEL, body) as response:
        assert response.headers["content-type"].startswith("text/event-stream")
        chunks = await all_events(response)
    assert chunks[-1] == "[DONE]"
    assert chunks[0]["choices"][0]["delta"]["role"] == "assistant"
    assert text_of(chunks[:-1]) == plain
    assert [c["choices"][0]["delta"]["content"] for c in chunks[1:-2]] == pieces(plain)
    assert chunks[-2]["choices"][0]["finish_reason"] == "stop"
    assert all("usage" not in c for c in chunks[:-1])  # not asked for


async def test_stream_with_include_usage_ends_with_the_usage_chunk(raw: httpx.AsyncClient, local: LocalServer) -> None:
    body = {"messages": [user("hello world")], "stream_options": {"include_usage": True}}
    expected = (await chat(raw, local, {"messages": body["messages"]}))["usage"]
    async with stream(raw, local, TEST_MODEL, body) as response:
        chunks = await all_events(response)
    assert chunks[-1] == "[DONE]" and chunks[-2]["choices"] == [] and chunks[-2]["usage"] == expected


async def test_streamed_tool_call_assembles_to_the_same_arguments(raw: httpx.AsyncClient, local: LocalServer) -> None:
    body = {"messages": [user("```python\nprint('hi')\n```")], "tools": [RUN_CODE]}
    expected = (await chat(raw, local, body))["choices"][0]["message"]["tool_calls"][0]
    async with stream(raw, local, TEST_MODEL, body) as response:
        chunks = await all_events(response)
    deltas = [d for c in chunks[:-1] for ch in c["choices"] for d in ch["delta"].get("tool_calls") or []]
    assert deltas[0]["id"] == expected["id"] and deltas[0]["function"]["name"] == "run_code"
    assert "".join(d["function"].get("arguments", "") for d in deltas) == expected["function"]["arguments"]
    assert len(deltas) > 3  # the arguments arrive in pieces
    assert chunks[-2]["choices"][0]["finish_reason"] == "tool_calls"


def cosine(a: list[float], b: list[float]) -> float:
    return sum(x * y for x, y in zip(a, b, strict=True))


async def test_embeddings_are_deterministic_normalised_and_word_based(
    raw: httpx.AsyncClient, local: LocalServer
) -> None:
    texts = ["the cat sat on the mat", "the cat sat on the mat", "a cat on a mat", "quantum chromodynamics"]
    response = await post(raw, local, TEST_MODEL, "embeddings", {"input": texts})
    assert response.status_code == 200, response.text
    body = response.json()
    vectors = [item["embedding"] for item in body["data"]]
    assert len(vectors[0]) == 384 and math.isclose(cosine(vectors[0], vectors[0]), 1.0)
    assert vectors[0] == vectors[1]
    assert cosine(vectors[0], vectors[2]) > 0.3 > abs(cosine(vectors[0], vectors[3]))
    assert body["usage"] == {"prompt_tokens": 19, "total_tokens": 19} and body["model"] == TEST_MODEL


async def test_embeddings_dimensions_and_base64(raw: httpx.AsyncClient, local: LocalServer) -> None:
    small = await post(raw, local, TEST_MODEL, "embeddings", {"input": "x y", "dimensions": 8})
    assert len(small.json()["data"][0]["embedding"]) == 8
    packed = await post(
        raw, local, TEST_MODEL, "embeddings", {"input": "x y", "dimensions": 8, "encoding_format": "base64"}
    )
    assert isinstance(packed.json()["data"][0]["embedding"], str)
    bad = await post(raw, local, TEST_MODEL, "embeddings", {"input": "x", "dimensions": 0})
    assert bad.status_code == 400 and bad.json()["error"]["param"] == "dimensions"


async def test_model_list_names_the_test_model(raw: httpx.AsyncClient, local: LocalServer) -> None:
    for name in (TEST_MODEL, "default"):
        listed = await get(raw, local, f"/data/models/{name}/v1/models")
        assert [m["id"] for m in listed.json()["data"]] == [TEST_MODEL]


async def test_default_is_the_test_model_without_configuration(raw: httpx.AsyncClient, local: LocalServer) -> None:
    response = await post(raw, local, "default", "chat/completions", {"messages": [user("hi")]})
    assert response.json()["model"] == TEST_MODEL
    assert response.headers["x-agentrun-model"] == TEST_MODEL


async def test_built_in_models_take_any_model_name(raw: httpx.AsyncClient, local: LocalServer) -> None:
    """Clients insist on sending a model; the built-ins answer whatever it is, and say who answered."""
    for name in ("default", TEST_MODEL):
        response = await post(raw, local, name, "chat/completions", {"messages": [user("hi")], "model": "gpt-4o"})
        assert response.status_code == 200 and response.json()["model"] == TEST_MODEL


async def test_responses_api_is_refused_with_a_clear_400(raw: httpx.AsyncClient, local: LocalServer) -> None:
    response = await post(raw, local, TEST_MODEL, "responses", {"input": "hi"})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "unsupported_operation"
    assert "not the Responses API" in response.json()["error"]["message"]


@pytest.fixture(scope="module")
async def engine(tmp_path_factory: pytest.TempPathFactory) -> Any:
    engine = SandboxEngine(tmp_path_factory.mktemp("loop-sandboxes"))
    try:
        await engine.isolation()
    except IsolationUnavailable as exc:
        pytest.skip(str(exc))
    async with engine:
        yield engine


async def test_agent_loop_model_asks_sandbox_runs_model_answers(
    raw: httpx.AsyncClient, local: LocalServer, engine: SandboxEngine
) -> None:
    """The loop an agent runs: the model asks for code, a real sandbox runs it, the result goes back, the model
    answers with it."""
    sandbox = await engine.create("agent-loop")
    try:
        context = await sandbox.create_context()
        messages: list[dict[str, Any]] = [user("What is 6 times 7? Run:\n```python\nprint(6 * 7)\n```")]
        for _ in range(3):
            choice = (await chat(raw, local, {"messages": messages, "tools": [RUN_CODE]}))["choices"][0]
            messages.append(choice["message"])
            if choice["finish_reason"] != "tool_calls":
                break
            for call in choice["message"]["tool_calls"]:
                result = await context.run(json.loads(call["function"]["arguments"])["code"])
                messages.append({"role": "tool", "tool_call_id": call["id"], "content": result["stdout"]})
        assert messages[-1]["content"] == "The tool run_code returned: 42\n"
        assert [m["role"] for m in messages] == ["user", "assistant", "tool", "assistant"]
    finally:
        await engine.destroy(sandbox.id)
