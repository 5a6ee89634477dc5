"""`client.with_options(...)`, raw responses and the request/response on errors, seen from a fake upstream (an
`httpx.MockTransport` recording what reached the wire; for fault injection, as in test_http_retries.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any

import anyio
import httpx
import pytest

import agentrun
from agentrun import errors
from agentrun._config import Config, Timeouts
from agentrun._core.http import _request
from agentrun.client import AsyncAgentRun
from agentrun.sync import AgentRun

SECRET = "s3cr3t-never-printed"

Answer = Callable[[httpx.Request], httpx.Response]


class RecordingUpstream:
    """A fake upstream for fault injection: answers every request with `answer` and keeps what arrived."""

    def __init__(self, answer: Answer) -> None:
        self.answer = answer
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self.answer(request)


CREDENTIAL = {"code": "SUCCESS", "requestId": "req-1", "data": {"credentialName": "c1", "credentialId": "id-1"}}


def credential(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, json=CREDENTIAL)


def unavailable(request: httpx.Request) -> httpx.Response:
    return httpx.Response(503, json={"code": "E503", "message": "injected 503", "requestId": "req-503"})


def config() -> Config:
    return Config(
        access_key_id="ak",
        access_key_secret=SECRET,
        account_id="123",
        control_endpoint="http://127.0.0.1:9",
        data_endpoint="http://127.0.0.1:9",
        headers={"x-base": "b"},
    )


@pytest.fixture
def no_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    async def no_wait(delay: float) -> None:
        pass

    monkeypatch.setattr(anyio, "sleep", no_wait)


@pytest.fixture
async def parent_with() -> AsyncIterator[Callable[[Answer], tuple[AsyncAgentRun, RecordingUpstream]]]:
    made: list[AsyncAgentRun] = []

    def build(answer: Answer) -> tuple[AsyncAgentRun, RecordingUpstream]:
        upstream = RecordingUpstream(answer)
        made.append(AsyncAgentRun(config(), transport=httpx.MockTransport(upstream)))
        return made[-1], upstream

    yield build
    for client in made:
        await client.aclose()


def read_timeout(request: httpx.Request) -> Any:
    return request.extensions["timeout"]["read"]


async def test_with_options_headers_timeout_reach_the_wire_and_parent_is_unchanged(parent_with: Any) -> None:
    parent, upstream = parent_with(credential)
    derived = parent.with_options(timeout=3, default_headers={"x-trace": "t-1"})
    await derived.credentials.get("c1")
    await parent.credentials.get("c1")
    seen_derived, seen_parent = upstream.requests
    assert seen_derived.headers["x-trace"] == "t-1" and seen_derived.headers["x-base"] == "b"
    assert read_timeout(seen_derived) == 3
    assert "x-trace" not in seen_parent.headers and read_timeout(seen_parent) == Timeouts().read
    assert parent.config.headers == {"x-base": "b"} and parent.config.timeout == Timeouts()
    replaced = parent.with_options(set_default_headers={"x-only": "o"})
    await replaced.credentials.get("c1")
    assert "x-base" not in upstream.requests[-1].headers and upstream.requests[-1].headers["x-only"] == "o"


async def test_with_options_max_retries_counted_by_the_upstream(parent_with: Any, no_backoff: None) -> None:
    parent, upstream = parent_with(unavailable)
    with pytest.raises(errors.ServiceUnavailableError):
        await parent.with_options(max_retries=0).credentials.get("c1")
    assert len(upstream.requests) == 1
    with pytest.raises(errors.ServiceUnavailableError):
        await parent.credentials.get("c1")  # GET is safe to repeat: 1 + config's 2 retries
    assert len(upstream.requests) == 1 + 3


async def test_with_options_shares_the_pool_and_closing_it_leaves_the_pool_open(parent_with: Any) -> None:
    parent, _ = parent_with(credential)
    derived = parent.with_options(max_retries=5)
    assert derived._core.http is parent._core.http and derived is not parent
    async with derived:
        await derived.credentials.get("c1")
    assert not parent._core.http.is_closed
    await parent.credentials.get("c1")  # the parent's pool still sends
    await parent.aclose()
    assert derived._core.http.is_closed  # the pool was the parent's to close


def test_with_options_rejects_what_it_cannot_change() -> None:
    client = AsyncAgentRun(config())
    with pytest.raises(errors.ConfigError, match="unknown Config option"):
        client.with_options(timeuot=3)
    with pytest.raises(errors.InvalidArgumentError, match="verify"):
        client.with_options(verify=False)


async def test_raw_response_has_status_headers_and_request_id(parent_with: Any) -> None:
    parent, _ = parent_with(credential)
    raw = await agentrun.with_raw_response(parent.credentials.get("c1"))
    assert raw.parse().credential_name == "c1" and raw.parsed is raw.parse()
    assert raw.status_code == 200 and raw.request_id == "req-1"
    assert raw.http_response.request.headers["x-acs-action"] == "GetCredential"
    assert raw.headers["content-type"] == "application/json"


async def test_status_error_carries_request_and_response_without_secrets(parent_with: Any, no_backoff: None) -> None:
    parent, _ = parent_with(unavailable)
    with pytest.raises(errors.ServiceUnavailableError) as caught:
        await parent.with_options(max_retries=0).credentials.get("c1")
    error = caught.value
    assert error.response is not None and error.response.status_code == 503
    assert error.request is not None and error.request.url.path.endswith("/credentials/c1")
    assert error.request is error.response.request and error.request_id == "req-503"
    signature = error.request.headers["authorization"]
    for text in (str(error), repr(error), repr(error.request), repr(error.response)):
        assert SECRET not in text and signature not in text


async def test_connection_error_carries_the_request(parent_with: Any, no_backoff: None) -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("injected refusal", request=request)

    parent, _ = parent_with(refuse)
    with pytest.raises(errors.APIConnectionError) as caught:
        await parent.with_options(max_retries=0).credentials.get("c1")
    assert caught.value.request is not None and caught.value.request.url.path.endswith("/credentials/c1")
    assert SECRET not in repr(caught.value) and SECRET not in str(caught.value)


def test_blocking_with_options_and_raw_responses() -> None:
    upstream = RecordingUpstream(credential)  # its body is read whole already, as httpx.MockTransport does
    with AgentRun(config(), transport=httpx.MockTransport(upstream)) as parent:
        derived = parent.with_options(default_headers={"x-trace": "sync"}, timeout=4)
        with agentrun.raw_responses() as raw:
            assert derived.credentials.get("c1").credential_name == "c1"
        derived.close()
        assert parent.credentials.get("c1").credential_id == "id-1"  # closing the derived client left the pool
    assert raw.last.status_code == 200 and len(raw.all) == 1
    assert upstream.requests[0].headers["x-trace"] == "sync" and read_timeout(upstream.requests[0]) == 4
    assert "x-trace" not in upstream.requests[1].headers


@pytest.mark.parametrize(
    ("method", "content"), [("POST", b'{"a":1}'), ("POST", None), ("PUT", b""), ("GET", None), ("DELETE", None)]
)
def test_a_request_built_in_one_pass_is_the_one_httpx_builds(method: str, content: bytes | None) -> None:
    """HttpCore builds its bytes requests itself (Host and Content-Length set, the body read): the same headers,
    body and URL as `httpx.Request(content=...)`."""
    url = httpx.URL("https://127.0.0.1:8443/data/sandboxes/sb-1/contexts/execute?x=1")
    headers = {"user-agent": "ua", "accept": "application/json", "x-acs-date": "2026-12-06T08:00:00Z"}
    ours = _request(method, url, content, dict(headers), {"timeout": {}})
    theirs = httpx.Request(method, url, content=content, headers=headers, extensions={"timeout": {}})
    assert sorted(ours.headers.items()) == sorted(theirs.headers.items())
    assert (ours.method, ours.url, ours.content, ours.extensions) == (
        theirs.method,
        theirs.url,
        theirs.content,
        theirs.extensions,
    )
