"""The one place where sandbox engine errors become API errors (`{code, message, requestId}` with a status).

app.py installs `on_sandbox_error` for every `SandboxError`, so a handler can let engine errors propagate.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from agentrun.local.responses import LocalAPIError, error_response
from agentrun.local.sandbox import errors as engine


def sandbox_not_running(sandbox_id: str) -> LocalAPIError:
    """The 404 of every data-plane call on a sandbox that does not exist or no longer runs."""
    return LocalAPIError(
        404, "ERR_NOT_FOUND", f"sandbox {sandbox_id} does not exist or is not running; create a new sandbox"
    )


def api_error(exc: engine.SandboxError) -> LocalAPIError:
    if isinstance(exc, engine.IsolationUnavailable):
        # Not retryable by waiting: the machine (or the server's flags) must change.
        return LocalAPIError(503, "ERR_ISOLATION_UNAVAILABLE", str(exc))
    if isinstance(exc, engine.SandboxNotFound):
        return sandbox_not_running(exc.sandbox_id)
    if isinstance(exc, engine.SandboxExists):
        return LocalAPIError(409, "ERR_CONFLICT", f"sandbox {exc.sandbox_id} already exists")
    if isinstance(exc, engine.ContextNotFound):
        return LocalAPIError(404, "ERR_NOT_FOUND", f"context {exc.context_id} does not exist in this sandbox")
    if isinstance(exc, engine.ContextDied):
        return LocalAPIError(409, "ERR_CONTEXT_DIED", f"{exc}; delete it and create a new context")
    # a command, cwd, env or language to change
    if isinstance(exc, engine.InvalidArgument | engine.UnsupportedLanguage):
        return LocalAPIError(400, "ERR_VALIDATION_FAILED", str(exc))
    if isinstance(exc, engine.ProcessNotFound):
        return LocalAPIError(404, "ERR_NOT_FOUND", f"{exc}; list them with GET .../processes")
    if isinstance(exc, engine.StdinClosed):
        return LocalAPIError(409, "ERR_CONFLICT", str(exc))
    if isinstance(exc, engine.ProcessFailed):
        return LocalAPIError(503, "ERR_PROCESS_FAILED", f"{exc}; end some processes of the sandbox and try again")
    if isinstance(exc, engine.SandboxFailed):
        return LocalAPIError(500, "ERR_SANDBOX_FAILED", str(exc))
    return LocalAPIError(500, "ERR_INTERNAL_SERVER_ERROR", f"sandbox engine error: {exc}")


async def on_sandbox_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, engine.SandboxError)
    error = api_error(exc)
    return error_response(request.scope, error.status, error.code, error.message)
