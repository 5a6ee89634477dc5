"""Model services and proxies in front of real (fake) upstream servers: pass-through of JSON and SSE, streaming chunk
by chunk, include_usage, load balancing, fallback on each pre-first-byte failure, mid-stream failures as typed error
events, and timeouts."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import anyio
import httpx
import pytest
from model_helpers import (
    all_events,
    events,
    get,
    model_path,
    post,
    proxy,
    service,
    signed_headers,
    stream,
    text_of,
    usage_of,
)
from upstreams import FakeUpstream, refused_url

from agentrun.client import AsyncAgentRun
from agentrun.local import LocalServer
from agentrun.local.models.errors import ModelError, error_event

HELLO = {"messages": [{"role": "user", "content": "hello"}]}


@pytest.fixture
async def good() -> AsyncIterator[FakeUpstream]:
    async with FakeUpstream(name="good") as upstream:
        yield upstream
    await upstream.settled()


async def test_model_service_passes_json_through_with_its_model(
    raw: httpx.AsyncClient, local: LocalServer, client: AsyncAgentRun, good: FakeUpstream
) -> None:
    name = await service(client, good.base_url, model_names=["m1", "m2"])
    response = await post(raw, local, name, "chat/completions", {**HELLO, "model": "m2"})
    assert response.status_code == 200, response.text
    assert response.json()["choices"][0]["message"]["content"] == "good says hi"
    assert response.json()["model"] == "m2" and response.headers["x-agentrun-model"] == "m2"
    assert response.headers["x-agentrun-upstream"] == f"model service {name} ({good.base_url})"
    [seen] = good.seen
    assert (seen.method, seen.path, seen.body["model"]) == ("POST", "/v1/chat/completions", "m2")


async def test_a_body_that_needs_no_change_goes_upstream_byte_for_byte(
    raw: httpx.AsyncClient, local: LocalServer, client: AsyncAgentRun, good: FakeUpstream
) -> None:
    """Nothing to rename: the caller's bytes are sent as they came (a long conversation is not encoded again). A
    body the gateway must change, or whose bytes could be read otherwise upstream, is encoded again."""
    name = await service(client, good.base_url, model_names=["m1", "m2"])
    path = model_path(name, "chat/completions")

    async def send(content: bytes) -> None:
        headers = {**signed_headers(local, "POST", path), "content-type": "application/json"}
        response = await raw.post(path, content=content, headers=headers)
        assert response.status_code == 200, response.text

    as_sent = b'{ "messages" : [{"role": "user", "content": "h\\u00e9llo"}], "model": "m2", "zeta": 1.50 }'
    await send(as_sent)
    assert good.seen[-1].raw == as_sent

    await send(b'{"messages": [{"role": "user", "content": "hi"}]}')  # the gateway names the model: re-encoded
    assert good.seen[-1].body == {"messages": [{"role": "user", "content": "hi"}], "model": "m1"}

    # two "model" keys: the gateway routed on the last; the upstream must not be able to read the first
    await send(b'{"model": "m1", "messages": [{"role": "user", "content": "hi"}], "model": "m2"}')
    assert good.seen[-1].raw.count(b'"model"') == 1 and good.seen[-1].body["model"] == "m2"

    utf16 = json.dumps({**HELLO, "model": "m2"}).encode("utf-16")  # the parser takes it; upstreams want UTF-8
    await send(utf16)
    assert good.seen[-1].body == {**HELLO, "model": "m2"} and good.seen[-1].raw != utf16


async def test_without_a_model_the_first_configured_one_is_sent(
    raw: httpx.AsyncClient, local: LocalServer, client: AsyncAgentRun, good: FakeUpstream
) -> None:
    name = await service(client, good.base_url, model_names=["m1", "m2"])
    await post(raw, local, name, "chat/completions", HELLO)
    assert good.seen[0].body["model"] == "m1"


async def test_a_model_the_target_does_not_serve_is_a_404(
    raw: httpx.AsyncClient, local: LocalServer, client: AsyncAgentRun, good: FakeUpstream
) -> None:
    name = await service(client, good.base_url, model_names=["m1"])
    response = await post(raw, local, name, "chat/completions", {**HELLO, "model": "gpt-9"})
    assert response.status_code == 404
    assert (
        response.json()["error"]["code"] == "model_not_found" and "it serves: m1" in response.json()["error"]["message"]
    )
    assert good.seen == []


async def test_unknown_name_is_a_404_in_openai_shape(raw: httpx.AsyncClient, local: LocalServer) -> None:
    response = await post(raw, local, "no-such-model", "chat/completions", HELLO)
    assert response.status_code == 404
    error = response.json()["error"]
    assert error["type"] == "invalid_request_error" and error["code"] == "model_not_found"
    assert "'no-such-model'" in error["message"] and response.headers["x-acs-request-id"]


async def test_bad_bodies_are_400_naming_the_field(raw: httpx.AsyncClient, local: LocalServer) -> None:
    no_messages = await post(raw, local, "default", "chat/completions", {"messages": []})
    assert no_messages.status_code == 400 and no_messages.json()["error"]["param"] == "messages"
    path = "/data/models/default/v1/chat/completions"
    not_json = await raw.post(path, content=b"{", headers=signed_headers(local, "POST", path))
    assert not_json.status_code == 400 and "not valid JSON" in not_json.json()["error"]["message"]
    no_input = await post(raw, local, "default", "embeddings", {"input": []})
    assert no_input.status_code == 400 and no_input.json()["error"]["param"] == "input"


async def test_upstream_4xx_is_passed_on_without_fallback(
    raw: httpx.AsyncClient, local: LocalServer, client: AsyncAgentRun, good: FakeUpstream
) -> None:
    async with FakeUpstream(name="other") as other:
        name = await proxy(client, [{"baseUrl": good.base_url}, {"baseUrl": other.base_url}])
        response = await post(raw, local, name, "chat/completions", {**HELLO, "model": "reject-me"})
    assert response.status_code == 400 and response.json()["error"]["message"].startswith(
        "good rejects model reject-me"
    )
    assert other.seen == []


async def test_embeddings_and_model_list_pass_through(
    raw: httpx.AsyncClient, local: LocalServer, client: AsyncAgentRun, good: FakeUpstream
) -> None:
    name = await proxy(client, [{"baseUrl": good.base_url}])
    embedded = await post(raw, local, name, "embeddings", {"input": ["abc", "de"]})
    assert [d["embedding"] for d in embedded.json()["data"]] == [[3.0, 1.0], [2.0, 1.0]]
    listed = await get(raw, local, f"/data/models/{name}/v1/models")  # no modelNames: the upstream is asked
    assert [m["id"] for m in listed.json()["data"]] == ["good-model"]
    named = await proxy(client, [{"baseUrl": good.base_url, "modelNames": ["a", "b"]}])
    listed = await get(raw, local, f"/data/models/{named}/v1/models")
    assert [m["id"] for m in listed.json()["data"]] == ["a", "b"]


async def test_responses_api_passes_through(
    raw: httpx.AsyncClient, local: LocalServer, client: AsyncAgentRun, good: FakeUpstream
) -> None:
    name = await service(client, good.base_url, model_names=["r1"])
    response = await post(raw, local, name, "responses", {"input": "hi"})
    assert response.status_code == 200, response.text
    assert response.json()["output"][0]["content"][0]["text"] == "good responds"
    assert (good.seen[0].path, good.seen[0].body["model"]) == ("/v1/responses", "r1")
    async with stream(raw, local, name, {"input": "hi"}, operation="responses") as streamed:
        events_ = await all_events(streamed)
    assert [e["type"] for e in events_] == ["response.created", "response.output_text.delta", "response.completed"]
    usage = (await usage_of(raw, local, name))["total"]
    assert (usage["requests"], usage["promptTokens"], usage["completionTokens"]) == (2, 4, 4)


# -- streaming -----------------------------------------------------------------------------------------------------


async def test_stream_is_relayed_chunk_by_chunk(
    raw: httpx.AsyncClient, local: LocalServer, client: AsyncAgentRun
) -> None:
    """The first chunk reaches the caller while the upstream still holds the rest of the stream."""
    async with FakeUpstream(mode="slow", name="slow") as slow:
        name = await service(client, slow.base_url)
        async with stream(raw, local, name, HELLO) as response:
            assert response.headers["x-agentrun-upstream"].startswith(f"model service {name}")
            received = events(response)
            first = await anext(received)
            assert text_of([first]) == "slow" and not slow.release.is_set()
            slow.release.set()
            rest = [event async for event in received]
        assert text_of(rest) == " says hi" and rest[-1] == "[DONE]"
        await slow.settled()


async def test_include_usage_is_passed_on_when_asked(
    raw: httpx.AsyncClient, local: LocalServer, client: AsyncAgentRun, good: FakeUpstream
) -> None:
    name = await service(client, good.base_url)
    async with stream(raw, local, name, {**HELLO, "stream_options": {"include_usage": True}}) as response:
        chunks = await all_events(response)
    assert chunks[-2]["choices"] == [] and chunks[-2]["usage"]["total_tokens"] == 8
    assert good.seen[0].body["stream_options"] == {"include_usage": True}


async def test_usage_the_gateway_asked_for_is_not_shown_to_a_caller_who_did_not(
    raw: httpx.AsyncClient, local: LocalServer, client: AsyncAgentRun, good: FakeUpstream
) -> None:
    name = await service(client, good.base_url)
    async with stream(raw, local, name, HELLO) as response:
        chunks = await all_events(response)
    assert good.seen[0].body["stream_options"] == {"include_usage": True}  # asked upstream, to count tokens
    assert all(c == "[DONE]" or c["choices"] for c in chunks) and text_of(chunks[:-1]) == "good says hi"


async def test_include_usage_is_estimated_when_the_upstream_sends_none(
    raw: httpx.AsyncClient, local: LocalServer, client: AsyncAgentRun
) -> None:
    async with FakeUpstream(name="quiet", usage=False) as quiet:
        name = await service(client, quiet.base_url)
        async with stream(raw, local, name, {**HELLO, "stream_options": {"include_usage": True}}) as response:
            chunks = await all_events(response)
        plain = await post(raw, local, name, "chat/completions", HELLO)
    assert chunks[-1] == "[DONE]" and chunks[-2]["choices"] == []
    assert chunks[-2]["usage"] == {
        "prompt_tokens": 1,
        "completion_tokens": 3,
        "total_tokens": 4,
    }  # hello / quiet says hi
    assert plain.json()["usage"] == {"prompt_tokens": 1, "completion_tokens": 3, "total_tokens": 4}


# -- fallback before the first byte ------------------------------------------------------------------------------


@pytest.mark.parametrize("fault", ["refused", "fail500", "hang", "bad_key"])
async def test_fallback_to_the_next_endpoint_before_the_first_byte(
    raw: httpx.AsyncClient, local: LocalServer, client: AsyncAgentRun, good: FakeUpstream, fault: str
) -> None:
    mode = {"fail500": "fail500", "hang": "hang"}.get(fault, "ok")
    async with FakeUpstream(mode=mode, name="faulty", api_key="expected" if fault == "bad_key" else None) as faulty:  # type: ignore[arg-type]
        first = refused_url() if fault == "refused" else faulty.base_url
        # weight 0: never first, only tried when the others fail
        endpoints = [{"baseUrl": first}, {"baseUrl": good.base_url, "weight": 0}]
        name = await proxy(client, endpoints, policies={"requestTimeout": 1})
        for streaming in (False, True):
            if streaming:
                async with stream(raw, local, name, HELLO) as response:
                    assert response.status_code == 200
                    assert text_of(await all_events(response)) == "good says hi"
            else:
                response = await post(raw, local, name, "chat/completions", HELLO)
                assert response.status_code == 200, response.text
                assert response.json()["choices"][0]["message"]["content"] == "good says hi"
            assert response.headers["x-agentrun-upstream"] == f"endpoint 2 ({good.base_url})"
        if fault != "refused":
            assert len(faulty.seen) == 2  # it was tried first, both times
        await faulty.settled()


async def test_when_every_endpoint_fails_the_caller_learns_what_each_did(
    raw: httpx.AsyncClient, local: LocalServer, client: AsyncAgentRun
) -> None:
    async with FakeUpstream(mode="fail500", name="broken") as broken:
        gone = refused_url()
        name = await proxy(client, [{"baseUrl": broken.base_url}, {"baseUrl": gone}])
        response = await post(raw, local, name, "chat/completions", HELLO)
    assert response.status_code == 502
    error = response.json()["error"]
    assert (error["type"], error["code"]) == ("upstream_error", "upstream_unavailable")
    assert f"endpoint 1 ({broken.base_url}): HTTP 500: broken is broken" in error["message"]
    assert f"endpoint 2 ({gone}): cannot reach it" in error["message"]


async def test_all_timed_out_is_a_504(raw: httpx.AsyncClient, local: LocalServer, client: AsyncAgentRun) -> None:
    async with FakeUpstream(mode="hang", name="hung") as hung:
        name = await proxy(client, [{"baseUrl": hung.base_url}], policies={"requestTimeout": 1})
        response = await post(raw, local, name, "chat/completions", HELLO)
        assert response.status_code == 504 and response.json()["error"]["code"] == "upstream_timeout"
        assert "no answer within 1 s (requestTimeout)" in response.json()["error"]["message"]
        await hung.settled()
    assert hung.disconnects == 1  # the gateway gave up and closed the connection


async def test_fallbacks_name_a_service_and_model(
    raw: httpx.AsyncClient, local: LocalServer, client: AsyncAgentRun, good: FakeUpstream
) -> None:
    backup = await service(client, good.base_url, model_names=["big", "small"])
    name = await proxy(
        client,
        [{"baseUrl": refused_url(), "modelNames": ["m1"]}],
        policies={
            "fallbacks": [{"modelServiceName": "missing-service"}, {"modelServiceName": backup, "modelName": "small"}]
        },
    )
    response = await post(raw, local, name, "chat/completions", HELLO)
    assert response.status_code == 200, response.text
    assert response.headers["x-agentrun-upstream"] == f"fallback 2 (model service {backup}) ({good.base_url})"
    assert good.seen[0].body["model"] == "small"


async def test_num_retries_passes_over_the_endpoints_again(
    raw: httpx.AsyncClient, local: LocalServer, client: AsyncAgentRun
) -> None:
    async with FakeUpstream(mode="fail500", name="broken") as broken:
        name = await proxy(client, [{"baseUrl": broken.base_url}], policies={"numRetries": 2})
        response = await post(raw, local, name, "chat/completions", HELLO)
    assert response.status_code == 502 and len(broken.seen) == 3


# -- load balancing --------------------------------------------------------------------------------------------------


async def test_round_robin_over_equal_endpoints(
    raw: httpx.AsyncClient, local: LocalServer, client: AsyncAgentRun
) -> None:
    async with FakeUpstream(name="a") as a, FakeUpstream(name="b") as b, FakeUpstream(name="c") as c:
        name = await proxy(client, [{"baseUrl": u.base_url} for u in (a, b, c)])
        answers = [(await post(raw, local, name, "chat/completions", HELLO)).json() for _ in range(6)]
    contents = [answer["choices"][0]["message"]["content"].split()[0] for answer in answers]
    assert contents == ["a", "b", "c", "a", "b", "c"]


async def test_weighted_endpoints_share_requests_by_weight(
    raw: httpx.AsyncClient, local: LocalServer, client: AsyncAgentRun
) -> None:
    async with FakeUpstream(name="heavy") as heavy, FakeUpstream(name="light") as light:
        name = await proxy(client, [{"baseUrl": heavy.base_url, "weight": 3}, {"baseUrl": light.base_url, "weight": 1}])
        for _ in range(8):
            assert (await post(raw, local, name, "chat/completions", HELLO)).status_code == 200
    assert (len(heavy.seen), len(light.seen)) == (6, 2)


async def test_the_model_selects_the_endpoints_that_serve_it(
    raw: httpx.AsyncClient, local: LocalServer, client: AsyncAgentRun
) -> None:
    async with FakeUpstream(name="a") as a, FakeUpstream(name="b") as b:
        name = await proxy(
            client, [{"baseUrl": a.base_url, "modelNames": ["x"]}, {"baseUrl": b.base_url, "modelNames": ["y"]}]
        )
        for _ in range(3):
            await post(raw, local, name, "chat/completions", {**HELLO, "model": "y"})
        await post(raw, local, name, "chat/completions", {**HELLO, "model": name})  # the proxy's name: any endpoint
    assert (len(a.seen), len(b.seen)) == (1, 3)


# -- failures after the stream started ----------------------------------------------------------------------------


async def test_upstream_dying_mid_stream_ends_in_a_typed_error_event(
    raw: httpx.AsyncClient, local: LocalServer, client: AsyncAgentRun, good: FakeUpstream
) -> None:
    async with FakeUpstream(mode="die_mid_stream", name="dying") as dying:
        name = await proxy(client, [{"baseUrl": dying.base_url}, {"baseUrl": good.base_url}])
        async with stream(raw, local, name, HELLO) as response:
            chunks = await all_events(response)
    assert text_of(chunks[:-1]) == "dying says"  # what it sent is not lost
    error = chunks[-1]["error"]
    assert error["type"] == "upstream_error" and error["code"] == "upstream_stream_interrupted"
    assert "failed mid-stream" in error["message"] and "[DONE]" not in chunks
    assert good.seen == []  # after the first byte there is no fallback


async def test_a_stream_silent_past_the_timeout_ends_in_a_timeout_event(
    raw: httpx.AsyncClient, local: LocalServer, client: AsyncAgentRun
) -> None:
    async with FakeUpstream(mode="slow", name="stuck") as stuck:
        name = await proxy(client, [{"baseUrl": stuck.base_url}], policies={"requestTimeout": 1})
        async with stream(raw, local, name, HELLO) as response:
            chunks = await all_events(response)
        await stuck.settled()
    assert text_of(chunks[:-1]) == "stuck"
    assert chunks[-1]["error"]["code"] == "upstream_timeout" and "[DONE]" not in chunks
    assert stuck.disconnects == 1


async def test_a_stream_ended_without_done_is_not_a_silent_truncation(
    raw: httpx.AsyncClient, local: LocalServer, client: AsyncAgentRun
) -> None:
    # A raw server that sends one chunk then ends the chunked body cleanly, without [DONE].
    async def serve(stream_: anyio.abc.SocketStream) -> None:
        async with stream_:
            await stream_.receive()
            chunk = b'data: {"choices":[{"index":0,"delta":{"content":"partial"}}]}\n\n'
            await stream_.send(
                b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n"
                b"connection: close\r\n\r\n" + f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n0\r\n\r\n"
            )

    listener = await anyio.create_tcp_listener(local_host="127.0.0.1")
    port = listener.extra(anyio.abc.SocketAttribute.local_port)
    async with anyio.create_task_group() as group:
        group.start_soon(listener.serve, serve)
        name = await proxy(client, [{"baseUrl": f"http://127.0.0.1:{port}/v1"}])
        async with stream(raw, local, name, HELLO) as response:
            chunks = await all_events(response)
        group.cancel_scope.cancel()
    await listener.aclose()
    assert text_of(chunks[:-1]) == "partial"
    assert chunks[-1]["error"]["code"] == "upstream_stream_interrupted"
    assert "ended the stream before it was complete" in chunks[-1]["error"]["message"]


def test_error_events_are_single_json_lines() -> None:
    event = error_event(ModelError(502, "upstream_error", "x", "line one\nline two"))
    assert event.count(b"\n") == 2 and json.loads(event[6:])["error"]["message"] == "line one\nline two"
