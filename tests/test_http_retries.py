"""Retries, backoff and timeouts of `HttpCore`, driven by a fault-injecting fake upstream.

Nothing here waits for real: `anyio.sleep` is replaced by a recorder (the `sleeps` fixture), except in the total-
timeout tests, which need a real clock and use deadlines of a few hundredths of a second.
"""

from __future__ import annotations

import random
from collections.abc import AsyncIterator, Callable
from typing import Any

import anyio
import httpx
import pytest

from agentrun import errors
from agentrun._config import Config, Timeouts
from agentrun._core import retries
from agentrun._core.http import CallOptions, HttpCore, Plane

Step = Callable[[httpx.Request], Any]


class FlakyUpstream:
    """A fake upstream for fault injection. Each attempt is answered by the next scripted step (a function of the
    request that returns a response, or raises a transport error); the last step repeats once the script runs out.
    Every request that reached the transport is recorded in `requests`."""

    def __init__(self, *steps: Step) -> None:
        assert steps
        self.steps = steps
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> Any:
        self.requests.append(request)
        step = self.steps[min(len(self.requests), len(self.steps)) - 1]
        return step(request)

    @property
    def attempts(self) -> int:
        return len(self.requests)


def ok(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, json={"code": "SUCCESS", "requestId": "req-ok", "data": {"ok": True}})


def status(code: int, *, headers: dict[str, str] | None = None, body: Any = None) -> Step:
    def answer(request: httpx.Request) -> httpx.Response:
        payload = body if body is not None else {"code": f"E{code}", "message": f"injected {code}", "requestId": "r"}
        return httpx.Response(code, json=payload, headers=headers)

    return answer


def fail(exc_type: type[httpx.TransportError]) -> Step:
    def raise_it(request: httpx.Request) -> httpx.Response:
        raise exc_type(f"injected {exc_type.__name__}", request=request)

    return raise_it


def hang(seconds: float = 30) -> Step:
    async def slow(request: httpx.Request) -> httpx.Response:
        await anyio.sleep(seconds)
        return ok(request)

    return slow


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Replace anyio.sleep (the backoff wait) by a recorder, so retries happen at once; returns the delays."""
    delays: list[float] = []

    async def no_wait(delay: float) -> None:
        delays.append(delay)

    monkeypatch.setattr(anyio, "sleep", no_wait)
    return delays


@pytest.fixture
async def make_core() -> AsyncIterator[Callable[..., HttpCore]]:
    cores: list[HttpCore] = []

    def build(upstream: FlakyUpstream, **overrides: Any) -> HttpCore:
        settings: dict[str, Any] = {
            "access_key_id": "ak",
            "access_key_secret": "sk",
            "account_id": "123",
            "control_endpoint": "http://127.0.0.1:9",
            "data_endpoint": "http://127.0.0.1:9",
        }
        settings.update(overrides)
        core = HttpCore(Config(**settings), transport=httpx.MockTransport(upstream))
        cores.append(core)
        return core

    yield build
    for core in cores:
        await core.aclose()


# -- connection errors ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["POST", "GET"])
async def test_connect_error_is_retried_for_any_method(method: str, make_core: Any, sleeps: list[float]) -> None:
    upstream = FlakyUpstream(fail(httpx.ConnectError), fail(httpx.ConnectError), ok)
    response = await make_core(upstream).request(Plane.CONTROL, method, "/x")
    assert response.status_code == 200
    assert upstream.attempts == 3
    assert len(sleeps) == 2


async def test_connect_error_after_all_retries_raises_api_connection_error(make_core: Any, sleeps: list[float]) -> None:
    upstream = FlakyUpstream(fail(httpx.ConnectError))
    with pytest.raises(errors.APIConnectionError) as caught:
        await make_core(upstream).request(Plane.CONTROL, "POST", "/x")
    assert not isinstance(caught.value, errors.APITimeoutError)
    assert "cannot connect" in str(caught.value)
    assert upstream.attempts == 3  # 1 + default max_retries=2


# -- failures after the request may have reached the server -----------------------------------------------------------


async def test_read_timeout_on_post_is_not_retried(make_core: Any, sleeps: list[float]) -> None:
    upstream = FlakyUpstream(fail(httpx.ReadTimeout), ok)
    with pytest.raises(errors.APITimeoutError) as caught:
        await make_core(upstream).request(Plane.CONTROL, "POST", "/x")
    assert caught.value.timeout == "read"
    assert upstream.attempts == 1
    assert sleeps == []


async def test_remote_protocol_error_on_post_is_not_retried(make_core: Any, sleeps: list[float]) -> None:
    upstream = FlakyUpstream(fail(httpx.RemoteProtocolError), ok)
    with pytest.raises(errors.APIConnectionError) as caught:
        await make_core(upstream).request(Plane.DATA, "POST", "/x")
    assert not isinstance(caught.value, errors.APITimeoutError)
    assert upstream.attempts == 1


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE"])
@pytest.mark.parametrize("error", [httpx.ReadTimeout, httpx.RemoteProtocolError])
async def test_read_failures_are_retried_for_idempotent_methods(
    method: str, error: type[httpx.TransportError], make_core: Any, sleeps: list[float]
) -> None:
    upstream = FlakyUpstream(fail(error), ok)
    response = await make_core(upstream).request(Plane.CONTROL, method, "/x")
    assert response.status_code == 200
    assert upstream.attempts == 2


@pytest.mark.parametrize("error", [httpx.ReadTimeout, httpx.RemoteProtocolError])
async def test_post_marked_idempotent_is_retried_after_read_failure(
    error: type[httpx.TransportError], make_core: Any, sleeps: list[float]
) -> None:
    upstream = FlakyUpstream(fail(error), ok)
    response = await make_core(upstream).request(Plane.DATA, "POST", "/x", idempotent=True)
    assert response.status_code == 200
    assert upstream.attempts == 2


async def test_get_marked_not_idempotent_is_not_retried_after_read_timeout(make_core: Any, sleeps: list[float]) -> None:
    upstream = FlakyUpstream(fail(httpx.ReadTimeout), ok)
    with pytest.raises(errors.APITimeoutError):
        await make_core(upstream).request(Plane.DATA, "GET", "/x", idempotent=False)
    assert upstream.attempts == 1


async def test_read_timeout_after_all_retries_raises_read_timeout_error(make_core: Any, sleeps: list[float]) -> None:
    upstream = FlakyUpstream(fail(httpx.ReadTimeout))
    with pytest.raises(errors.APITimeoutError) as caught:
        await make_core(upstream).request(Plane.CONTROL, "GET", "/x")
    assert caught.value.timeout == "read"
    assert isinstance(caught.value, errors.APIConnectionError)
    assert upstream.attempts == 3


# -- HTTP statuses ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["POST", "GET", "PATCH", "DELETE"])
async def test_429_is_retried_for_any_method(method: str, make_core: Any, sleeps: list[float]) -> None:
    upstream = FlakyUpstream(status(429), ok)
    response = await make_core(upstream).request(Plane.CONTROL, method, "/x")
    assert response.status_code == 200
    assert upstream.attempts == 2


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"Retry-After": "2"}, 2.0),
        ({"x-acs-retry-after": "3"}, 3.0),
        ({"retry-after-ms": "1500"}, 1.5),
        ({"retry-after-ms": "250", "Retry-After": "9"}, 0.25),
        ({"Retry-After": "600"}, retries.MAX_RETRY_AFTER),
    ],
    ids=["retry-after", "x-acs-retry-after", "retry-after-ms", "ms-wins", "capped"],
)
async def test_429_waits_what_the_server_asked(
    headers: dict[str, str], expected: float, make_core: Any, sleeps: list[float]
) -> None:
    upstream = FlakyUpstream(status(429, headers=headers), ok)
    await make_core(upstream).request(Plane.DATA, "POST", "/x")
    assert sleeps == [expected]


async def test_429_after_all_retries_raises_rate_limit_error_with_retry_after(
    make_core: Any, sleeps: list[float]
) -> None:
    upstream = FlakyUpstream(status(429, headers={"Retry-After": "2", "x-acs-request-id": "rid-429"}))
    with pytest.raises(errors.RateLimitError) as caught:
        await make_core(upstream).request(Plane.CONTROL, "POST", "/x")
    assert caught.value.retry_after == 2.0
    assert caught.value.status_code == 429
    assert upstream.attempts == 3
    assert sleeps == [2.0, 2.0]


@pytest.mark.parametrize("code", [500, 502, 503])
async def test_server_errors_are_retried_for_get(code: int, make_core: Any, sleeps: list[float]) -> None:
    upstream = FlakyUpstream(status(code), ok)
    response = await make_core(upstream).request(Plane.CONTROL, "GET", "/x")
    assert response.status_code == 200
    assert upstream.attempts == 2


@pytest.mark.parametrize(
    ("code", "error"),
    [(500, errors.InternalServerError), (502, errors.InternalServerError), (503, errors.ServiceUnavailableError)],
)
async def test_server_errors_are_not_retried_for_post(
    code: int, error: type[errors.APIStatusError], make_core: Any, sleeps: list[float]
) -> None:
    upstream = FlakyUpstream(status(code), ok)
    with pytest.raises(error) as caught:
        await make_core(upstream).request(Plane.CONTROL, "POST", "/x")
    assert caught.value.status_code == code
    assert upstream.attempts == 1


async def test_server_error_after_all_retries_raises_internal_server_error(make_core: Any, sleeps: list[float]) -> None:
    upstream = FlakyUpstream(status(500))
    with pytest.raises(errors.InternalServerError) as caught:
        await make_core(upstream).request(Plane.DATA, "GET", "/x")
    assert caught.value.status_code == 500
    assert upstream.attempts == 3


@pytest.mark.parametrize("code", [400, 401, 403, 404, 409])
async def test_client_errors_are_never_retried(code: int, make_core: Any, sleeps: list[float]) -> None:
    upstream = FlakyUpstream(status(code), ok)
    with pytest.raises(errors.APIStatusError):
        await make_core(upstream).request(Plane.CONTROL, "GET", "/x")
    assert upstream.attempts == 1


# -- how many retries -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("max_retries", [0, 1, 4])
async def test_retry_count_is_bounded_by_config_max_retries(
    max_retries: int, make_core: Any, sleeps: list[float]
) -> None:
    upstream = FlakyUpstream(status(503))
    with pytest.raises(errors.ServiceUnavailableError):
        await make_core(upstream, max_retries=max_retries).request(Plane.CONTROL, "GET", "/x")
    assert upstream.attempts == max_retries + 1
    assert len(sleeps) == max_retries


@pytest.mark.parametrize("max_retries", [0, 1, 5])
async def test_per_call_max_retries_overrides_config(max_retries: int, make_core: Any, sleeps: list[float]) -> None:
    upstream = FlakyUpstream(fail(httpx.ConnectError))
    core = make_core(upstream, max_retries=3)
    with pytest.raises(errors.APIConnectionError):
        await core.request(Plane.DATA, "GET", "/x", options=CallOptions(max_retries=max_retries))
    assert upstream.attempts == max_retries + 1


async def test_backoff_delays_are_requested_per_retry_number(
    make_core: Any, sleeps: list[float], monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[tuple[int, float | None]] = []

    def fake_backoff(retry_number: int, retry_after: float | None = None) -> float:
        asked.append((retry_number, retry_after))
        return 0.01 * (retry_number + 1)

    monkeypatch.setattr(retries, "backoff_seconds", fake_backoff)
    upstream = FlakyUpstream(status(503), status(503), fail(httpx.ConnectError), ok)
    await make_core(upstream, max_retries=5).request(Plane.CONTROL, "GET", "/x")
    assert asked == [(0, None), (1, None), (2, None)]
    assert sleeps == [0.01, 0.02, 0.03]


# -- each attempt is a fresh request ----------------------------------------------------------------------------------


async def test_each_retry_is_signed_again_with_a_new_nonce(make_core: Any, sleeps: list[float]) -> None:
    upstream = FlakyUpstream(fail(httpx.ConnectError), status(429), status(503), ok)
    await make_core(upstream, max_retries=3).request(Plane.CONTROL, "GET", "/x", action="GetX")
    nonces = [r.headers["x-acs-signature-nonce"] for r in upstream.requests]
    signatures = [r.headers["authorization"] for r in upstream.requests]
    assert len(nonces) == 4
    assert len(set(nonces)) == 4
    assert len(set(signatures)) == 4


async def test_retried_post_resends_the_same_body(make_core: Any, sleeps: list[float]) -> None:
    upstream = FlakyUpstream(status(429), ok)
    await make_core(upstream).request(Plane.CONTROL, "POST", "/x", json_body={"name": "ü"})
    first, second = upstream.requests
    assert first.content == second.content == '{"name":"ü"}'.encode()
    assert first.headers["x-acs-content-sha256"] == second.headers["x-acs-content-sha256"]


@pytest.mark.parametrize(
    ("method", "step", "error"),
    [
        ("POST", fail(httpx.ConnectError), errors.APIConnectionError),
        ("POST", status(429), errors.RateLimitError),
        ("PUT", status(503), errors.ServiceUnavailableError),
        ("PUT", fail(httpx.ReadTimeout), errors.APITimeoutError),
    ],
    ids=["connect-error", "429", "503-put", "read-timeout-put"],
)
async def test_multipart_request_is_never_replayed(
    method: str, step: Step, error: type[Exception], make_core: Any, sleeps: list[float]
) -> None:
    upstream = FlakyUpstream(step, ok)
    with pytest.raises(error):
        await make_core(upstream, max_retries=5).request(
            Plane.DATA, method, "/files", files={"file": ("a.txt", b"hello", "text/plain")}
        )
    assert upstream.attempts == 1
    assert sleeps == []


async def test_stream_is_retried_until_headers_arrive(make_core: Any, sleeps: list[float]) -> None:
    upstream = FlakyUpstream(fail(httpx.ConnectError), status(429), ok)
    async with make_core(upstream).stream(Plane.DATA, "POST", "/x") as response:
        assert response.status_code == 200
        assert (await response.aread()).startswith(b"{")
    assert upstream.attempts == 3


# -- the total timeout ------------------------------------------------------------------------------------------------


async def test_per_call_total_timeout_raises_total_timeout_error(make_core: Any) -> None:
    upstream = FlakyUpstream(hang())
    with pytest.raises(errors.APITimeoutError) as caught:
        await make_core(upstream).request(Plane.CONTROL, "GET", "/x", options=CallOptions(timeout=0.05))
    assert caught.value.timeout == "total"
    assert upstream.attempts == 1


async def test_config_total_timeout_raises_total_timeout_error(make_core: Any) -> None:
    upstream = FlakyUpstream(hang())
    core = make_core(upstream, timeout=Timeouts(total=0.05))
    with pytest.raises(errors.APITimeoutError) as caught:
        await core.request(Plane.DATA, "POST", "/x")
    assert caught.value.timeout == "total"


async def test_call_options_timeouts_object_sets_the_total(make_core: Any) -> None:
    upstream = FlakyUpstream(hang())
    core = make_core(upstream, timeout=Timeouts(total=None))
    with pytest.raises(errors.APITimeoutError) as caught:
        await core.request(Plane.DATA, "GET", "/x", options=CallOptions(timeout=Timeouts(total=0.05)))
    assert caught.value.timeout == "total"


async def test_total_timeout_includes_backoff_waits(make_core: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(retries, "backoff_seconds", lambda retry_number, retry_after=None: 30.0)
    upstream = FlakyUpstream(fail(httpx.ConnectError), ok)
    with pytest.raises(errors.APITimeoutError) as caught:
        await make_core(upstream).request(Plane.CONTROL, "GET", "/x", options=CallOptions(timeout=0.05))
    assert caught.value.timeout == "total"
    assert upstream.attempts == 1  # cancelled while waiting to retry


def test_per_call_timeout_seconds_also_bound_each_phase() -> None:
    from agentrun._core.http import _resolve_timeouts

    config = Config(timeout=Timeouts(connect=5, read=60, write=60, pool=10, total=180))
    resolved = _resolve_timeouts(config, CallOptions(timeout=2))
    assert resolved == Timeouts(connect=2, read=2, write=2, pool=2, total=2)
    assert _resolve_timeouts(config, None) is config.timeout


# -- backoff_seconds (no sleeping) ------------------------------------------------------------------------------------


def test_backoff_grows_exponentially_and_is_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(retries.random, "uniform", lambda low, high: high)
    assert [retries.backoff_seconds(n) for n in range(7)] == [0.5, 1.0, 2.0, 4.0, 8.0, 8.0, 8.0]


def test_backoff_jitter_scales_by_half_to_one(monkeypatch: pytest.MonkeyPatch) -> None:
    ranges: list[tuple[float, float]] = []

    def record(low: float, high: float) -> float:
        ranges.append((low, high))
        return low

    monkeypatch.setattr(retries.random, "uniform", record)
    assert [retries.backoff_seconds(n) for n in range(5)] == [0.25, 0.5, 1.0, 2.0, 4.0]
    assert set(ranges) == {(0.5, 1.0)}


@pytest.mark.parametrize("retry_number", range(8))
def test_backoff_stays_within_jitter_bounds(retry_number: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(retries, "random", random.Random(retry_number))
    base = min(retries.MAX_BACKOFF, retries.INITIAL_BACKOFF * 2**retry_number)
    delays = [retries.backoff_seconds(retry_number) for _ in range(500)]
    assert all(base * 0.5 <= d <= base for d in delays)
    assert len(set(delays)) > 1  # jittered, not constant


@pytest.mark.parametrize(("retry_after", "expected"), [(0.0, 0.0), (2.5, 2.5), (60.0, 60.0), (3600.0, 60.0)])
def test_backoff_uses_server_wait_capped_at_a_minute(retry_after: float, expected: float) -> None:
    assert retries.backoff_seconds(3, retry_after) == expected


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({}, None),
        ({"retry-after": "abc"}, None),
        ({"retry-after": "-5"}, 0.0),
        ({"retry-after-ms": "x", "retry-after": "4"}, 4.0),
        ({"retry-after": "Wed, 21 Oct 2015 07:28:00 GMT"}, 0.0),
    ],
    ids=["absent", "garbage", "negative", "bad-ms-falls-back", "past-http-date"],
)
def test_retry_after_parsing(headers: dict[str, str], expected: float | None) -> None:
    assert retries.retry_after_seconds(httpx.Response(429, headers=headers)) == expected


def test_retry_after_http_date_in_the_future_is_positive() -> None:
    response = httpx.Response(429, headers={"retry-after": "Fri, 01 Jan 2100 00:00:00 GMT"})
    assert (retries.retry_after_seconds(response) or 0) > 0
