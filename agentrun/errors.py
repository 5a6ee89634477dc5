"""The exceptions the SDK raises. Everything derives from `AgentRunError`.

HTTP status errors carry `status_code`, `code` (AgentRun's error code), `message` and `request_id`, and their text ends
with a hint that says what to change. Errors raised for a request carry it (`request`, an `httpx.Request`) and, when an
answer arrived, the answer (`response`, an `httpx.Response`); neither appears in `str()` or `repr()`, so the signed
`Authorization` headers never reach a log line through an error. Classes are chosen by HTTP status first and refined
by the AgentRun `code` and by the message phrases the service uses ("does not exist", "already exists").
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import httpx

__all__ = [
    "AgentRunError",
    "ConfigError",
    "MissingDependencyError",
    "InvalidArgumentError",
    "APIError",
    "APIConnectionError",
    "APITimeoutError",
    "APIStatusError",
    "BadRequestError",
    "AuthenticationError",
    "PermissionDeniedError",
    "NotFoundError",
    "ConflictError",
    "AlreadyExistsError",
    "UnprocessableEntityError",
    "RateLimitError",
    "InternalServerError",
    "ToolUpstreamError",
    "ServiceUnavailableError",
    "APIResponseError",
    "StreamError",
    "ModelStreamError",
    "ModelOutputError",
    "WaitTimeoutError",
    "ResourceFailedError",
    "ExecutionTimeoutError",
    "CommandExitError",
]


class AgentRunError(Exception):
    """Root of every error the SDK raises."""


class ConfigError(AgentRunError):
    """The client is missing configuration it needs (credentials, account id, endpoint)."""


class MissingDependencyError(AgentRunError, ImportError):
    """An optional dependency is not installed; the message names the extra that brings it."""


class InvalidArgumentError(AgentRunError, ValueError):
    """An argument was rejected before any request was sent."""


class APIError(AgentRunError):
    """A request failed. `request_id` is set when the server assigned one: quote it in support tickets. `request` is
    the `httpx.Request` of the attempt that failed (None for failures not tied to one request)."""

    message: str
    request_id: str | None
    request: httpx.Request | None

    def __init__(self, message: str, *, request_id: str | None = None, request: httpx.Request | None = None) -> None:
        self.message = message
        self.request_id = request_id
        self.request = request
        super().__init__(message)

    def __str__(self) -> str:
        suffix = f" (request id {self.request_id})" if self.request_id else ""
        return f"{self.message}{suffix}"


class APIConnectionError(APIError):
    """The server could not be reached, or the connection broke before a complete answer arrived."""


class APITimeoutError(APIConnectionError):
    """A timeout expired. `timeout` names which one (connect, read, write, pool or total) so it can be raised."""

    timeout: str

    def __init__(
        self, message: str, *, timeout: str, request_id: str | None = None, request: httpx.Request | None = None
    ) -> None:
        self.timeout = timeout
        super().__init__(message, request_id=request_id, request=request)


class APIResponseError(APIError):
    """The server answered with a success status but a body the SDK cannot use (not JSON, or code != SUCCESS).
    `response` is that answer."""

    status_code: int
    body: Any
    response: httpx.Response | None

    def __init__(
        self,
        message: str,
        *,
        status_code: int,
        body: Any = None,
        request_id: str | None = None,
        response: httpx.Response | None = None,
    ) -> None:
        self.status_code = status_code
        self.body = body
        self.response = response
        super().__init__(message, request_id=request_id, request=_request_of(response))


class APIStatusError(APIError):
    """The server answered with an HTTP error status (4xx or 5xx). `response` is that answer (body read), `request`
    the attempt it answered."""

    status_code: int
    code: str | None
    body: Any
    response: httpx.Response | None
    hint: str = ""

    def __init__(
        self,
        message: str,
        *,
        status_code: int,
        code: str | None = None,
        body: Any = None,
        request_id: str | None = None,
        hint: str | None = None,
        response: httpx.Response | None = None,
    ) -> None:
        self.status_code = status_code
        self.code = code
        self.body = body
        self.response = response
        if hint is not None:
            self.hint = hint
        super().__init__(message, request_id=request_id, request=_request_of(response))

    def __str__(self) -> str:
        code = f" {self.code}" if self.code else ""
        text = f"HTTP {self.status_code}{code}: {self.message}"
        if self.request_id:
            text += f" (request id {self.request_id})"
        if self.hint:
            text += f". {self.hint}"
        return text


class BadRequestError(APIStatusError):
    hint = "The server rejected the request's parameters; fix the field named in the message"


class AuthenticationError(APIStatusError):
    hint = (
        "Check the access key: set AGENTRUN_ACCESS_KEY_ID and AGENTRUN_ACCESS_KEY_SECRET (for AgentRun Local, "
        "`eval $(agentrun local env)` prints them), and make sure this machine's clock is right"
    )


class PermissionDeniedError(APIStatusError):
    hint = "The access key is valid but not allowed to do this; grant the RAM permission or use another key"


class NotFoundError(APIStatusError):
    hint = "Check the name or id, and the region and account the client points at"


class ConflictError(APIStatusError):
    hint = "The resource is in a state that does not allow this; wait for it to settle and retry"


class AlreadyExistsError(ConflictError):
    hint = "Choose another name, or get the existing resource instead of creating it"


class UnprocessableEntityError(APIStatusError):
    hint = "The request is well formed but the server cannot act on it; see the message"


class RateLimitError(APIStatusError):
    """429 after all retries. `retry_after` is the server's requested wait in seconds, when it gave one."""

    hint = "Too many requests; slow down, or raise max_retries so the client waits and retries for you"
    retry_after: float | None = None


class InternalServerError(APIStatusError):
    hint = "The server failed; retry later and quote the request id if it persists"


class ServiceUnavailableError(InternalServerError):
    hint = "The service is temporarily unavailable; retry later"


class ToolUpstreamError(APIStatusError):
    """A tool's upstream could not be reached, timed out (HTTP 504), answered an HTTP error or malformed JSON (502,
    codes `ERR_TOOL_UPSTREAM_*`). `upstream_status` is the status the upstream answered (None when it did not)."""

    hint = "The tool's upstream failed, not AgentRun; check the upstream (upstream_status) or the tool's protocolSpec"

    @property
    def upstream_status(self) -> int | None:
        status = self.body.get("upstreamStatus") if isinstance(self.body, dict) else None
        return status if isinstance(status, int) and not isinstance(status, bool) else None


class StreamError(APIError):
    """A stream ended with an error event, or broke before its end event. Output received so far was delivered."""

    code: str | None

    def __init__(self, message: str, *, code: str | None = None, request_id: str | None = None) -> None:
        self.code = code
        super().__init__(message, request_id=request_id)


class ModelStreamError(StreamError):
    """A model's answer stream failed after it started: the gateway sent an error event (the upstream broke, went
    silent, or refused mid-way), the connection broke, or the stream ended before `[DONE]`. Never a silent
    truncation. `completion` is the `ChatCompletion` accumulated from the chunks that did arrive; `error_type` is
    the error's OpenAI `type` (`upstream_error`, `timeout_error`, ...) when the server sent one."""

    def __init__(
        self,
        message: str,
        *,
        completion: Any,
        code: str | None = None,
        error_type: str | None = None,
        request_id: str | None = None,
    ) -> None:
        self.completion = completion
        self.error_type = error_type
        super().__init__(message, code=code, request_id=request_id)


class ModelOutputError(AgentRunError, ValueError):
    """What the model produced cannot be used as asked: tool-call arguments that are not valid JSON, say. The text
    as the model sent it is kept on the exception (`text`)."""

    def __init__(self, message: str, *, text: str) -> None:
        self.text = text
        super().__init__(message)


class WaitTimeoutError(AgentRunError, TimeoutError):
    """A resource did not reach the wanted state in time. `last_status` is what it reported last."""

    def __init__(self, message: str, *, last_status: str | None = None) -> None:
        self.last_status = last_status
        super().__init__(message)


class ResourceFailedError(AgentRunError):
    """A resource reached a failed state (CREATE_FAILED, UPDATE_FAILED, ...) while being waited on."""

    def __init__(self, message: str, *, status: str, reason: str | None = None) -> None:
        self.status = status
        self.reason = reason
        super().__init__(message)


class ExecutionTimeoutError(AgentRunError, TimeoutError):
    """Code or a command ran longer than its `timeout` and the sandbox stopped it. `result` holds everything it
    produced until then: an `Execution` for code, a `CommandResult` for a command."""

    def __init__(self, message: str, *, timeout: float | None, result: object) -> None:
        self.timeout = timeout
        self.result = result
        super().__init__(message)


class CommandExitError(AgentRunError):
    """A command exited with a non-zero code and the caller asked for that to raise (`check=True`). Carries the
    `exit_code` and the whole `stdout` and `stderr`; `result` is the `CommandResult`."""

    def __init__(self, message: str, *, exit_code: int | None, stdout: str, stderr: str, result: object) -> None:
        self.exit_code = exit_code
        self.stdout = stdout
        self.stderr = stderr
        self.result = result
        super().__init__(message)


def _request_of(response: httpx.Response | None) -> httpx.Request | None:
    """The request a response answers; a response built by hand (in a test, say) has none."""
    if response is None:
        return None
    try:
        return response.request
    except RuntimeError:
        return None


_BY_STATUS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
    503: ServiceUnavailableError,
}

_BY_CODE: dict[str, type[APIStatusError]] = {
    "ERR_NOT_FOUND": NotFoundError,
    "ERR_CONFLICT": ConflictError,
    "ERR_ALREADY_EXISTS": AlreadyExistsError,
    "ERR_BAD_REQUEST": BadRequestError,
    "ERR_VALIDATION_FAILED": BadRequestError,
    "ERR_FORBIDDEN": PermissionDeniedError,
    "ERR_UNAUTHORIZED": AuthenticationError,
    "ERR_THROTTLED": RateLimitError,
}


def status_error_class(status_code: int, code: str | None, message: str) -> type[APIStatusError]:
    """Pick the exception class for an HTTP error answer."""
    text = message.lower()
    if code and code.startswith("ERR_TOOL_UPSTREAM_"):
        return ToolUpstreamError
    if status_code in (400, 409, 500) and "already exist" in text:
        return AlreadyExistsError
    if (status_code == 404 or "does not exist" in text) and status_code < 500:
        return NotFoundError
    if code and code in _BY_CODE and status_code < 500:
        return _BY_CODE[code]
    if status_code in _BY_STATUS:
        return _BY_STATUS[status_code]
    return InternalServerError if status_code >= 500 else APIStatusError
