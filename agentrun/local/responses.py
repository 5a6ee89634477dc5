"""What every answer looks like: the `{code, requestId, data}` envelope, and `{code, message, requestId}` errors.

Every response, errors and DELETE included, has a JSON body and an `x-acs-request-id` header: the official client
fails on an empty or non-JSON body, and classifies errors by phrases in `message` ("does not exist",
"already exists"), which the helpers here always use.
"""

from __future__ import annotations

import json
from collections.abc import MutableMapping
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from agentrun.local.request_ids import new_request_id

REQUEST_ID_HEADER = "x-acs-request-id"


def request_id(scope: MutableMapping[str, Any]) -> str:
    """The id of this request (an upper-case UUID, as the cloud's), created on first use."""
    state = scope.setdefault("state", {})
    rid = state.get("request_id")
    if rid is None:
        rid = state["request_id"] = new_request_id()
    return str(rid)


class LocalAPIError(Exception):
    """An error answer: HTTP status, AgentRun error code and a message that says what to change."""

    def __init__(self, status: int, code: str, message: str) -> None:
        self.status = status
        self.code = code
        self.message = message
        super().__init__(message)


def not_found(kind: str, name: str) -> LocalAPIError:
    return LocalAPIError(404, "ERR_NOT_FOUND", f"{kind} {name} does not exist")


def already_exists(kind: str, name: str) -> LocalAPIError:
    return LocalAPIError(409, "ERR_CONFLICT", f"{kind} {name} already exists")


def conflict(message: str) -> LocalAPIError:
    return LocalAPIError(409, "ERR_CONFLICT", message)


def bad_request(message: str) -> LocalAPIError:
    return LocalAPIError(400, "ERR_VALIDATION_FAILED", message)


def error_body(scope: MutableMapping[str, Any], code: str, message: str) -> dict[str, str]:
    # A message may quote a name the server did not choose (a file name in the sandbox that is not UTF-8): escape
    # what UTF-8 cannot carry, or the error answer itself would fail.
    text = message.encode("utf-8", "backslashreplace").decode()
    return {"code": code, "message": text, "requestId": request_id(scope)}


def error_response(scope: MutableMapping[str, Any], status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse(
        error_body(scope, code, message), status_code=status, headers={REQUEST_ID_HEADER: request_id(scope)}
    )


def client_left(scope: MutableMapping[str, Any]) -> JSONResponse:
    """The answer to a request whose client went away before it ended: nobody reads it, but it is still the
    documented error body (a server never answers outside its spec)."""
    return error_response(scope, 400, "ERR_CLIENT_DISCONNECTED", "the client went away before the request ended")


def envelope(request: Request, data: Any) -> JSONResponse:
    """A success answer wrapping `data`."""
    rid = request_id(request.scope)
    return JSONResponse({"code": "SUCCESS", "requestId": rid, "data": data}, headers={REQUEST_ID_HEADER: rid})


def envelope_data(data: Any) -> bytes:
    """`data` serialised as `envelope` would serialise it (Starlette's JSONResponse settings), to be kept and sent
    again with `envelope_raw`."""
    return json.dumps(data, ensure_ascii=False, allow_nan=False, indent=None, separators=(",", ":")).encode()


class _RawEnvelope(Response):
    """What `Response(body, media_type="application/json", headers={REQUEST_ID_HEADER: rid})` is, head and body, with
    its head written out directly (Starlette's generic header assembly costs more than the rest of a cached read)."""

    media_type = "application/json"

    def __init__(self, body: bytes, rid: str) -> None:
        self.status_code = 200
        self.background = None
        self.body = body
        self.raw_headers = [
            (_REQUEST_ID_HEADER_BYTES, rid.encode("latin-1")),
            (b"content-length", str(len(body)).encode("latin-1")),
            (b"content-type", b"application/json"),
        ]


_REQUEST_ID_HEADER_BYTES = REQUEST_ID_HEADER.encode("latin-1")


def envelope_raw(request: Request, data: bytes) -> Response:
    """`envelope` for data serialised once by `envelope_data`: the same bytes, without encoding `data` again."""
    rid = request_id(request.scope)
    return _RawEnvelope(b'{"code":"SUCCESS","requestId":' + json.dumps(rid).encode() + b',"data":' + data + b"}", rid)


async def on_api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, LocalAPIError)
    return error_response(request.scope, exc.status, exc.code, exc.message)


async def on_http_error(request: Request, exc: Exception) -> Response:
    """Starlette's own errors (no such route, wrong method) as JSON, not plain text."""
    assert isinstance(exc, HTTPException)
    if exc.status_code == 404:
        message = f"no operation at {request.method} {request.url.path}"
        return error_response(request.scope, 404, "ERR_NOT_FOUND", message + "; the path does not exist")
    if exc.status_code == 405:
        message = f"{request.method} is not supported on {request.url.path}"
        return error_response(request.scope, 405, "ERR_METHOD_NOT_ALLOWED", message)
    return error_response(request.scope, exc.status_code, f"ERR_HTTP_{exc.status_code}", str(exc.detail))
