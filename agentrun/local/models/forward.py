"""One request, tried on each planned backend in turn until one answers (routing.py makes the plan, upstream.py
judges each attempt). A backend that cannot be used (a missing model service, say) counts as a failed attempt. When
every attempt fails the caller gets 502 listing what each backend did, or 504 when they all timed out."""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncGenerator
from dataclasses import dataclass
from typing import Any

from agentrun.local.models import offline, sse
from agentrun.local.models.errors import invalid_request, upstream_failed
from agentrun.local.models.routing import Attempt
from agentrun.local.models.targets import Target
from agentrun.local.models.upstream import Answered, AttemptFailed, Streaming, UpstreamClient, encode_body

logger = logging.getLogger("agentrun.local.models")


@dataclass(frozen=True)
class Operation:
    name: str  # for messages
    path: str  # relative to the backend's base URL
    method: str = "POST"
    streams: bool = False
    cacheable: bool = False


CHAT = Operation("chat completion", "chat/completions", streams=True, cacheable=True)
EMBEDDINGS = Operation("embeddings", "embeddings", cacheable=True)
RESPONSES = Operation("response", "responses", streams=True)
LIST_MODELS = Operation("model list", "models", method="GET")


@dataclass
class Outcome:
    attempt: Attempt
    answer: Answered | Streaming


@dataclass(frozen=True)
class Request:
    """The caller's request: its JSON body, parsed, and the bytes it came as."""

    body: dict[str, Any]
    raw: bytes


def _plain(raw: bytes) -> bool:
    """Whether the caller's bytes can go upstream as they are: UTF-8 (the parser also takes UTF-16 and 32, and a
    BOM), and at most one `"model"` anywhere, so no duplicate key can make the upstream read another model than the
    one the gateway routed on (Python keeps the last of two; some parsers keep the first)."""
    return json.detect_encoding(raw) == "utf-8" and raw.count(b'"model"') <= 1


def _payload(op: Operation, request: Request, attempt: Attempt, stream: bool) -> bytes | None:
    """The body sent to the backend: the caller's bytes as they came when nothing changes (a long conversation is
    not encoded again), else the body with the backend's model name and, on a chat stream, usage asked for."""
    if op.method == "GET":
        return None
    body = request.body
    renamed = attempt.model and attempt.model != body.get("model")
    if not renamed and not (stream and op is CHAT) and _plain(request.raw):
        return request.raw
    payload = {**body, "model": attempt.model} if attempt.model else dict(body)
    if stream and op is CHAT:
        # Always ask for usage, to count tokens; the relay drops the usage chunk unless the caller asked for it.
        options = body.get("stream_options")
        payload["stream_options"] = {**(options if isinstance(options, dict) else {}), "include_usage": True}
    return encode_body(payload)


async def _test_model_events(body: dict[str, Any], reply: offline.Reply) -> AsyncGenerator[sse.Event]:
    for chunk in offline.chunks(body, reply):
        yield sse.Event(sse.encode(chunk), json.dumps(chunk))
    yield sse.Event(sse.DONE_EVENT, sse.DONE)


async def _nothing_to_close() -> None:
    return None


def _test_model(op: Operation, body: dict[str, Any], stream: bool) -> Answered | Streaming:
    if op is CHAT:
        reply = offline.reply(body)
        if stream:
            return Streaming(_test_model_events(body, reply), _nothing_to_close)
        completion = offline.completion(body, reply)
        return Answered(200, json.dumps(completion).encode(), "application/json", completion)
    if op is EMBEDDINGS:
        embeddings = offline.embeddings(body)
        return Answered(200, json.dumps(embeddings).encode(), "application/json", embeddings)
    if op is LIST_MODELS:
        listed = {
            "object": "list",
            "data": [{"id": offline.TEST_MODEL, "object": "model", "created": 0, "owned_by": "agentrun-local"}],
        }
        return Answered(200, json.dumps(listed).encode(), "application/json", listed)
    raise invalid_request(
        f"{offline.TEST_MODEL} implements chat completions and embeddings, not the Responses API; configure an "
        "upstream that does (a model service, or AGENTRUN_LOCAL_MODEL_BASE_URL)",
        code="unsupported_operation",
    )


async def forward(
    upstreams: UpstreamClient,
    target: Target,
    attempts: list[Attempt],
    op: Operation,
    request: Request,
    *,
    stream: bool,
) -> Outcome:
    failures: list[tuple[str, str, bool]] = []
    for attempt in attempts:
        backend = attempt.backend
        if backend.problem:
            failures.append((backend.label, backend.problem, False))
            continue
        try:
            if backend.builtin:
                return Outcome(attempt, _test_model(op, request.body, stream))
            answer = await upstreams.call(
                backend,
                op.method,
                op.path,
                _payload(op, request, attempt, stream),
                stream=stream,
                timeout=target.policies.request_timeout,
                secrets=target.secrets,
            )
            return Outcome(attempt, answer)
        except AttemptFailed as failure:
            logger.info("%s %s: %s failed: %s", target.kind, target.name, backend.label, failure.reason)
            failures.append((backend.label, failure.reason, failure.timed_out))
    tried = "; ".join(f"{label}: {reason}" for label, reason, _ in failures)
    raise upstream_failed(
        f"{target.kind} {target.name} found no upstream to answer the {op.name} ({tried})",
        timed_out=bool(failures) and all(timed_out for _, _, timed_out in failures),
    )
