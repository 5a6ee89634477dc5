"""The model gateway's routes (relative to the data-plane mount; openapi/data.yaml):

    POST /models/{name}/v1/chat/completions    OpenAI Chat Completions, JSON or SSE (`"stream": true`)
    POST /models/{name}/v1/embeddings          OpenAI embeddings
    POST /models/{name}/v1/responses           OpenAI Responses API, passed through (JSON or SSE)
    GET  /models/{name}/v1/models              the models `{name}` serves
    GET  /models/{name}/usage                  usage of `{name}` (extension)
    GET  /model-usage                          usage of every model, proxy, service and credential (extension)

Each call: read and check the body, resolve `{name}` (targets.py), authenticate (access.py), plan the backends
(routing.py), answer from the cache if the proxy caches, check the token rate, take a concurrency slot, forward
(forward.py), and relay the answer (relay.py) while counting usage (usage.py). Errors are OpenAI-shaped (errors.py).
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from contextlib import AsyncExitStack
from typing import Any

from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from agentrun.local.asgi import ClientDisconnected, until_disconnect_here
from agentrun.local.models import tokens
from agentrun.local.models.access import Caller, authorize, require_signature
from agentrun.local.models.cache import Cached, cache_key
from agentrun.local.models.errors import ModelError, error_response, invalid_request
from agentrun.local.models.forward import CHAT, EMBEDDINGS, LIST_MODELS, RESPONSES, Operation, Outcome, forward
from agentrun.local.models.forward import Request as CallerRequest
from agentrun.local.models.relay import EventStreamResponse, relay_chat, relay_responses
from agentrun.local.models.routing import plan, served_models
from agentrun.local.models.targets import Backend, Target, resolve
from agentrun.local.models.upstream import Answered, Streaming
from agentrun.local.models.usage import Meter, Tally, UsageKey
from agentrun.local.requests import BodyTooLarge, body_up_to, parse_body, size_text
from agentrun.local.responses import REQUEST_ID_HEADER, client_left, request_id
from agentrun.local.schema import BodyError
from agentrun.local.state import ServerState, state_of

UPSTREAM_HEADER = "x-agentrun-upstream"  # which backend answered (never its key)
MODEL_HEADER = "x-agentrun-model"  # the model name the gateway sent it
CACHE_HEADER = "x-agentrun-cache"  # hit / miss, on proxies with `policies.cache`
MAX_BODY = 32 * 1024 * 1024  # more than other data-plane JSON bodies (16 MiB): conversations carry images as base64


async def _read_json(request: Request) -> CallerRequest:
    try:
        raw = await body_up_to(request, MAX_BODY)
        body = await parse_body(raw)
    except BodyTooLarge:
        raise ModelError(
            413, "invalid_request_error", "request_too_large", f"the body exceeds {size_text(MAX_BODY)}"
        ) from None
    except BodyError as exc:
        raise invalid_request(str(exc), param=exc.field or None) from None
    if not isinstance(body, dict):
        raise invalid_request("the body must be a JSON object")
    return CallerRequest(body, raw)


def _check(op: Operation, body: dict[str, Any]) -> None:
    if op is CHAT:
        messages = body.get("messages")
        if not isinstance(messages, list) or not messages:
            raise invalid_request("messages must be a non-empty list of messages", param="messages")
        for i, message in enumerate(messages):
            if not isinstance(message, dict) or not isinstance(message.get("role"), str):
                raise invalid_request(f"messages[{i}] must be an object with a role", param=f"messages[{i}]")
    if op is EMBEDDINGS and body.get("input") in (None, "", []):
        raise invalid_request("input is required: a string, a list of strings or a list of token ids", param="input")
    if op is RESPONSES and "input" not in body and "previous_response_id" not in body:
        raise invalid_request("input is required", param="input")
    if "stream" in body and body["stream"] is not None and not isinstance(body["stream"], bool):
        raise invalid_request("stream must be true or false", param="stream")
    if body.get("stream_options") is not None and not isinstance(body["stream_options"], dict):
        raise invalid_request("stream_options must be an object", param="stream_options")


async def _target(request: Request, state: ServerState) -> Target:
    name = str(request.path_params["name"])
    try:
        return await resolve(state, name, state.models.default)
    except ModelError:
        require_signature(request, "the model gateway")  # an anonymous caller learns nothing about names
        raise


def _metered(op: Operation, answered: Answered, meter: Meter) -> bytes:
    """The answer's usage read into `meter`; a chat or embeddings answer without usage gets the estimate added."""
    answer, content = answered.json, answered.content
    if not isinstance(answer, dict):
        return content
    meter.report(answer.get("usage"))
    if not meter.estimated or op not in (CHAT, EMBEDDINGS):
        return content
    for choice in answer.get("choices") or []:
        meter.see_message(choice.get("message") if isinstance(choice, dict) else None)
    usage = meter.chat_usage()
    if op is EMBEDDINGS:
        usage = {"prompt_tokens": usage["prompt_tokens"], "total_tokens": usage["prompt_tokens"]}
    return json.dumps({**answer, "usage": usage}).encode()


def _local_model_list(target: Target) -> dict[str, Any] | None:
    """The model list from configuration, when every backend names its models (else the upstream is asked)."""
    if any(not b.model_names and not b.fixed_model and not b.builtin for b in target.backends):
        return None
    owner = target.name if target.proxy else "agentrun-local"
    return {
        "object": "list",
        "data": [
            {"id": name, "object": "model", "created": target.created, "owned_by": owner}
            for name in served_models(target)
        ],
    }


def _ascii(value: str) -> str:
    """A header value HTTP can carry (names and URLs may hold any character)."""
    return value.encode("ascii", "backslashreplace").decode()


def _priced(meter: Meter, backend: Backend, model: str) -> Tally:
    tally = meter.tally()
    tally.cost = backend.cost(model, tally.prompt_tokens, tally.completion_tokens)
    return tally


def _usage_key(target: Target, caller: Caller, outcome: Outcome | None, model: str) -> UsageKey:
    backend = outcome.attempt.backend if outcome else None
    return UsageKey(
        proxy=target.proxy or "",
        service=(backend.service if backend else None) or "",
        model=model,
        caller_credential=caller.credential or "",
        upstream_credential=(backend.credential if backend else None) or "",
    )


async def _serve(request: Request, op: Operation) -> Response:
    state = state_of(request)
    gateway = state.models
    target = await _target(request, state)
    caller = authorize(request, target)  # before the body is read: nobody unauthorised makes the server hold one
    sent = await _read_json(request) if op.method == "POST" else CallerRequest({}, b"")
    body = sent.body
    _check(op, body)
    headers = {REQUEST_ID_HEADER: request_id(request.scope)}
    if op is LIST_MODELS and (listed := _local_model_list(target)) is not None:
        return JSONResponse(listed, headers=headers)
    stream = op.streams and body.get("stream") is True
    requested = body.get("model")
    attempts = plan(target, requested, gateway.balancer)
    flush = BackgroundTask(gateway.usage.flush)

    key = None
    if op.cacheable and not stream and target.policies.cache:
        key = cache_key(f"{target.kind}/{target.name}", op.path, body)
        hit = gateway.cache.get(key, gateway.now())
        if hit is not None:
            gateway.record(target, hit.usage_key, Tally(requests=1, cache_hits=1))
            return Response(
                hit.content,
                media_type="application/json",
                headers={**hit.headers, **headers, CACHE_HEADER: "hit"},
                background=flush,
            )
        headers[CACHE_HEADER] = "miss"
    gateway.check_rate(target)

    meter = Meter(lambda: tokens.prompt_tokens(body))
    async with AsyncExitStack() as cleanup:

        async def admit_and_forward() -> Outcome:
            slot = await gateway.admit(target)
            cleanup.callback(slot.release)
            try:
                return await forward(gateway.upstreams, target, attempts, op, sent, stream=stream)
            except ModelError as error:
                if error.status >= 500:
                    failed = _usage_key(target, caller, None, requested if isinstance(requested, str) else "")
                    gateway.record(target, failed, Tally(requests=1, failures=1))
                raise

        # One watcher for both waits (a queue slot, then the upstream): a task per request, not two.
        outcome = await until_disconnect_here(request.receive, admit_and_forward)
        backend = outcome.attempt.backend
        model = outcome.attempt.model or (requested if isinstance(requested, str) else "") or ""
        usage_key = _usage_key(target, caller, outcome, model)
        headers.update({UPSTREAM_HEADER: _ascii(backend.label), MODEL_HEADER: _ascii(model)})

        if isinstance(outcome.answer, Streaming):
            answer = outcome.answer
            cleanup.push_async_callback(answer.close)

            async def count() -> None:
                gateway.record(target, usage_key, _priced(meter, backend, model))
                await gateway.usage.flush()

            cleanup.push_async_callback(count)
            if op is CHAT:
                include_usage = (body.get("stream_options") or {}).get("include_usage") is True
                relay = relay_chat(answer.events, meter, label=backend.label, include_usage=include_usage)
            else:
                relay = relay_responses(answer.events, meter, label=backend.label)
            return EventStreamResponse(relay, headers, cleanup.pop_all())

        answered = outcome.answer
        content = answered.content
        if answered.status < 300:
            content = _metered(op, answered, meter)
            if key is not None:
                cached_headers = {UPSTREAM_HEADER: headers[UPSTREAM_HEADER], MODEL_HEADER: headers[MODEL_HEADER]}
                expires = gateway.now() + target.policies.cache_ttl
                gateway.cache.put(key, Cached(content, cached_headers, expires, usage_key))
        else:
            meter.failed = True
            headers.pop(CACHE_HEADER, None)
        gateway.record(target, usage_key, _priced(meter, backend, model))
        return Response(
            content,
            status_code=answered.status,
            media_type=answered.content_type.split(";")[0],
            headers=headers,
            background=flush,
        )
    raise AssertionError("unreachable")  # pragma: no cover


def _operation(op: Operation) -> Callable[[Request], Awaitable[Response]]:
    async def endpoint(request: Request) -> Response:
        try:
            return await _serve(request, op)
        except ModelError as error:
            return error_response(request, error)
        except ClientDisconnected:
            return client_left(request.scope)  # nobody reads it: the caller is gone

    return endpoint


async def target_usage(request: Request) -> Response:
    """Usage of one model proxy (its own traffic), model service or built-in model (all traffic it served)."""
    try:
        state = state_of(request)
        target = await _target(request, state)
        authorize(request, target)
        services = {b.service for b in target.backends if b.service}
        report: dict[str, Any] = {
            "name": target.name,
            "kind": target.kind,
            **state.models.usage.report(
                (lambda key: key.proxy == target.name) if target.proxy else (lambda key: key.service in services)
            ),
        }
        occupancy = state.models.occupancy(target)
        if occupancy is not None:
            policies = target.policies
            report["concurrency"] = {
                "limit": policies.concurrency_limit,
                "maxQueued": policies.max_queued,
                "inFlight": occupancy.in_flight,
                "queued": occupancy.queued,
            }
        return JSONResponse(report, headers={REQUEST_ID_HEADER: request_id(request.scope)})
    except ModelError as error:
        return error_response(request, error)


async def all_usage(request: Request) -> Response:
    """Usage of every model, proxy, service and credential (signed requests only: the middleware verified it)."""
    report = state_of(request).models.usage.report()
    return JSONResponse(report, headers={REQUEST_ID_HEADER: request_id(request.scope)})


async def unknown_operation(request: Request) -> Response:
    return error_response(
        request,
        ModelError(
            404,
            "invalid_request_error",
            "unknown_url",
            f"no model operation at {request.method} {request.url.path}; the gateway serves POST chat/completions, "
            "POST embeddings, POST responses and GET models under /models/{name}/v1/",
        ),
    )


def routes() -> list[BaseRoute]:
    prefix = "/models/{name}/v1"
    return [
        Route(f"{prefix}/chat/completions", _operation(CHAT), methods=["POST"]),
        Route(f"{prefix}/embeddings", _operation(EMBEDDINGS), methods=["POST"]),
        Route(f"{prefix}/responses", _operation(RESPONSES), methods=["POST"]),
        Route(f"{prefix}/models", _operation(LIST_MODELS), methods=["GET"]),
        Route("/models/{name}/usage", target_usage, methods=["GET"]),
        Route(f"{prefix}/{{rest:path}}", unknown_operation, methods=["GET", "POST", "PUT", "PATCH", "DELETE"]),
        Route("/model-usage", all_usage, methods=["GET"]),
    ]
