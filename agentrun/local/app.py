"""The Starlette application: the control plane under `/2025-09-10`, the data plane under `/data`, a health probe,
signature verification in front of both planes, and JSON for every error (an unexpected one included, answered
without closing the connection: asgi.AnswerUnexpectedErrors)."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.errors import ServerErrorMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.types import ASGIApp

from agentrun.local import control, data
from agentrun.local.asgi import AnswerUnexpectedErrors
from agentrun.local.auth import AuthMiddleware, Verifier
from agentrun.local.responses import LocalAPIError, on_api_error, on_http_error
from agentrun.local.routing import IndexedRouter
from agentrun.local.sandbox.errors import SandboxError
from agentrun.local.sandbox_manager.errors import on_sandbox_error
from agentrun.local.state import ServerState

CONTROL_PREFIX = f"/{control.API_VERSION}"


class LocalStarlette(Starlette):
    """Starlette without its outermost ServerErrorMiddleware: AnswerUnexpectedErrors, first of the app's middleware,
    answers every unexpected error of an HTTP request itself and lets other scopes through, so that layer only cost
    a wrapper around each call and each send (A/B: -0.016 ms a gateway call, bench/models.py)."""

    def build_middleware_stack(self) -> ASGIApp:
        stack = super().build_middleware_stack()
        return stack.app if isinstance(stack, ServerErrorMiddleware) else stack


async def health(request: Request) -> Response:
    """Unauthenticated liveness probe; says nothing about the account."""
    return JSONResponse({"status": "ok"})


def create_app(state: ServerState) -> Starlette:
    identity = state.identity
    verifier = Verifier({identity.access_key_id: identity.access_key_secret})
    app = LocalStarlette(
        routes=[
            Route("/health", health, methods=["GET"]),
            Mount(CONTROL_PREFIX, app=IndexedRouter(control.routes())),
            Mount(data.PREFIX, app=IndexedRouter(data.routes())),
        ],
        middleware=[
            Middleware(AnswerUnexpectedErrors),
            Middleware(
                AuthMiddleware,
                verifier=verifier,
                control_prefix=CONTROL_PREFIX,
                data_prefix=data.PREFIX,
                self_authenticated=data.SELF_AUTHENTICATED,
                relaxed_paths=data.RELAXED_SIGNATURE,
            ),
        ],
        exception_handlers={
            LocalAPIError: on_api_error,
            SandboxError: on_sandbox_error,
            HTTPException: on_http_error,
        },
    )
    app.state.local = state
    return app
