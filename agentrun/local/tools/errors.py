"""Errors of tool calls (openapi/data.yaml `ToolErrorResponse`): the AgentRun error body, plus the upstream's HTTP
status when the upstream answered. Upstream trouble is 502 (or 504 for a timeout), never 500: a 500 from us means a
bug of ours."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse

from agentrun.local.responses import REQUEST_ID_HEADER, error_body, request_id


class ToolError(Exception):
    def __init__(self, status: int, code: str, message: str, *, upstream_status: int | None = None) -> None:
        self.status = status
        self.code = code
        self.message = message
        self.upstream_status = upstream_status
        super().__init__(message)


def bad_arguments(message: str) -> ToolError:
    return ToolError(400, "ERR_VALIDATION_FAILED", message)


def not_found(message: str) -> ToolError:
    return ToolError(404, "ERR_NOT_FOUND", message)


def unusable_spec(message: str) -> ToolError:
    return ToolError(422, "ERR_TOOL_SPEC_INVALID", message)


def credential_unusable(message: str) -> ToolError:
    return ToolError(403, "ERR_CREDENTIAL_UNUSABLE", message)


def upstream(code: str, message: str, *, upstream_status: int | None = None, timed_out: bool = False) -> ToolError:
    return ToolError(504 if timed_out else 502, code, message, upstream_status=upstream_status)


def error_response(request: Request, error: ToolError) -> JSONResponse:
    body: dict[str, Any] = error_body(request.scope, error.code, error.message)
    if error.upstream_status is not None:
        body["upstreamStatus"] = error.upstream_status
    return JSONResponse(body, status_code=error.status, headers={REQUEST_ID_HEADER: request_id(request.scope)})
