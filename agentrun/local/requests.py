"""Turning a request into checked values, for both planes and the model gateway: the body read within a size
limit (refused as soon as it is known to be too long, never held whole), its JSON parsed by `schema.parse_json`
and validated against the spec's input model, and query parameters parsed. Every refusal names what to change."""

from __future__ import annotations

from typing import Any

import anyio
import anyio.to_thread
from starlette.datastructures import QueryParams
from starlette.requests import ClientDisconnect, Request
from starlette.types import Receive

from agentrun.local import schema
from agentrun.local.responses import LocalAPIError, bad_request
from agentrun.local.schema import WireModel

MIB = 1024 * 1024
MAX_JSON_BODY = 16 * MIB  # a data-plane JSON body (README, openapi/data.yaml); WriteFile and the gateway allow more
_PARSE_IN_THREAD = 256 * 1024  # parsing a larger body would hold the event loop for milliseconds


class BodyTooLarge(Exception):
    """The request body exceeds `limit` bytes (found before it was read whole)."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"the body exceeds {size_text(limit)}")
        self.limit = limit


def size_text(size: int) -> str:
    return f"{size // MIB} MiB ({size} bytes)" if size % MIB == 0 else f"{size} bytes"


async def body_up_to(request: Request, limit: int) -> bytes:
    """The whole body, or BodyTooLarge as soon as it is known to exceed `limit` bytes: from Content-Length before
    anything is read, else by counting while a chunked body streams. An oversized body is never held."""
    return await receive_body(request.receive, limit, request.headers.get("content-length"))


async def receive_body(receive: Receive, limit: int, content_length: str | None) -> bytes:
    """The whole body read from the ASGI `receive` (middleware has no Request yet), or BodyTooLarge as soon as it is
    known to exceed `limit` bytes (from `content_length` before anything is read); ClientDisconnect if the client
    leaves first."""
    if content_length is not None and content_length.isdigit() and int(content_length) > limit:
        raise BodyTooLarge(limit)
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise ClientDisconnect()
        if message["type"] != "http.request":
            continue
        chunk: bytes = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            raise BodyTooLarge(limit)
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


async def read_json(request: Request, limit: int) -> Any:
    """The body's JSON value (None for an empty body). Raises BodyTooLarge, or schema.BodyError saying what is
    wrong with it; a large body is parsed in a worker thread."""
    return await parse_body(await body_up_to(request, limit))


async def parse_body(raw: bytes) -> Any:
    """`raw`'s JSON value (None when empty), as `read_json` reads it."""
    if not raw.strip():
        return None
    if len(raw) > _PARSE_IN_THREAD:
        return await anyio.to_thread.run_sync(schema.parse_json, raw)
    return schema.parse_json(raw)


async def read_body(
    request: Request,
    model: type[WireModel],
    *,
    limit: int = MAX_JSON_BODY,
    hint: str = "",
    empty: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The request body, validated against `model`; 400 naming the field that does not fit (or what is wrong with the
    JSON, schema.parse_json). A body longer than `limit` bytes is refused (413, with `hint` on what to do instead)
    before it is read whole. An empty body is `empty` when given, else a 400."""
    try:
        body = await read_json(request, limit)
    except BodyTooLarge:
        message = f"the body exceeds {size_text(limit)}, the limit of this request" + (f"; {hint}" if hint else "")
        raise LocalAPIError(413, "ERR_BODY_TOO_LARGE", message) from None
    except schema.BodyError as exc:
        raise bad_request(f"field {exc.field}: {exc.problem}" if exc.field else exc.problem) from None
    if body is None and empty is not None:
        return empty
    try:
        return schema.validate(model, body)
    except schema.BodyError as exc:
        where = f"field {exc.field} " if exc.field else ""
        raise bad_request(f"invalid {model.__name__}: {where}{exc.problem}") from None


def positive_int(query: QueryParams, name: str, default: int) -> int:
    raw = query.get(name)
    if raw is None:  # an empty value is not absent: it is no number (the spec's integer) and refused
        return default
    if not raw.strip().isdigit() or int(raw) < 1:
        raise bad_request(f"query parameter {name} must be a positive integer, got {raw!r}")
    return int(raw)


def parse_bool(value: str, name: str) -> bool:
    lowered = value.strip().lower()
    if lowered not in ("true", "false"):
        raise bad_request(f"query parameter {name} must be true or false, got {value!r}")
    return lowered == "true"
