"""Errors of the model gateway, in OpenAI's shape: `{"error": {"message", "type", "code", "param"}}` with the HTTP
status an OpenAI client maps (400 bad request, 401 authentication, 403 permission, 404 not found, 429 rate limit,
502/503/504 upstream trouble). A failure after a stream has started is the same object as one SSE event,
`data: {"error": {...}}`, after which the stream ends (never with `[DONE]`)."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse

from agentrun.local.responses import REQUEST_ID_HEADER, request_id


class ModelError(Exception):
    """An OpenAI-style error answer."""

    def __init__(
        self,
        status: int,
        type_: str,
        code: str,
        message: str,
        *,
        param: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        self.status = status
        self.type = type_
        self.code = code
        self.message = message
        self.param = param
        self.headers = dict(headers or {})
        super().__init__(message)

    def body(self) -> dict[str, Any]:
        return {"error": {"message": self.message, "type": self.type, "code": self.code, "param": self.param}}


def invalid_request(message: str, *, param: str | None = None, code: str = "invalid_request") -> ModelError:
    return ModelError(400, "invalid_request_error", code, message, param=param)


def model_not_found(message: str) -> ModelError:
    return ModelError(404, "invalid_request_error", "model_not_found", message)


def unauthenticated(message: str, code: str = "invalid_api_key") -> ModelError:
    return ModelError(401, "authentication_error", code, message)


def forbidden(message: str, code: str = "permission_denied") -> ModelError:
    return ModelError(403, "permission_error", code, message)


def rate_limited(message: str, *, retry_after: float, code: str) -> ModelError:
    return ModelError(
        429, "rate_limit_error", code, message, headers={"Retry-After": str(max(1, math.ceil(retry_after)))}
    )


def unavailable(message: str, code: str) -> ModelError:
    return ModelError(503, "server_error", code, message, headers={"Retry-After": "1"})


def upstream_failed(message: str, *, timed_out: bool) -> ModelError:
    """Every upstream failed before answering: 504 when they all timed out, else 502."""
    if timed_out:
        return ModelError(504, "timeout_error", "upstream_timeout", message)
    return ModelError(502, "upstream_error", "upstream_unavailable", message)


def error_response(request: Request, error: ModelError) -> JSONResponse:
    return JSONResponse(
        error.body(),
        status_code=error.status,
        headers={**error.headers, REQUEST_ID_HEADER: request_id(request.scope)},
    )


def error_event(error: ModelError) -> bytes:
    """The SSE event that ends a stream which failed after it started."""
    return b"data: " + json.dumps(error.body(), separators=(",", ":")).encode() + b"\n\n"
