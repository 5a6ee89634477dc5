"""`AgentRunServer`: the Starlette app that serves an agent handler the way AgentRun invokes it (the official SDK's
routes: `GET /health`, `POST /openai/v1/chat/completions`, `GET /openai/v1/models`, `POST /ag-ui/agent`)."""

from __future__ import annotations

import contextlib
import importlib
import os
import threading
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route
from starlette.types import Receive, Scope, Send

from agentrun.server import openai_protocol
from agentrun.server.model import InvokeAgentHandler

DEFAULT_PORT = 9000
_AGUI_MODULE = "agentrun.server.agui_protocol"


@dataclass
class OpenAIProtocolConfig:
    prefix: str = "/openai/v1"
    enable: bool = True
    model_name: str | None = None  # what GET /models lists (and answers name when a request has no model)


@dataclass
class AGUIProtocolConfig:
    prefix: str = "/ag-ui/agent"
    enable: bool = True


@dataclass
class ServerConfig:
    openai: OpenAIProtocolConfig = field(default_factory=OpenAIProtocolConfig)
    agui: AGUIProtocolConfig = field(default_factory=AGUIProtocolConfig)
    cors_origins: list[str] | None = None


def port_from_environment() -> int:
    """The port AgentRun gives an instance (`PORT`, or `FC_SERVER_PORT` as Function Compute sets it), else 9000."""
    for name in ("PORT", "FC_SERVER_PORT"):
        value = os.environ.get(name)
        if value:
            try:
                return int(value)
            except ValueError:
                raise ValueError(f"{name}={value!r} is not a port number: set it to an integer") from None
    return DEFAULT_PORT


class AgentRunServer:
    """Serves `invoke_agent(request: AgentRequest)` (sync or async; returning text, AgentEvents or a generator of
    them) over OpenAI Chat Completions and AG-UI. Start it with `.start()`, or mount it: it is an ASGI app itself,
    and `.app` is the Starlette application."""

    def __init__(self, invoke_agent: InvokeAgentHandler, *, config: ServerConfig | None = None) -> None:
        if not callable(invoke_agent):
            raise TypeError("invoke_agent must be a function taking an AgentRequest")
        self.invoke_agent = invoke_agent
        self.config = config or ServerConfig()
        self.app = Starlette(routes=self._routes(), middleware=self._middleware(), lifespan=self._lifespan)

    @contextlib.asynccontextmanager
    async def _lifespan(self, app: Starlette) -> AsyncIterator[None]:
        # ag-ui-protocol's models take ~0.2 s to import: load them beside serving, not before it (the health check,
        # and so a cold start, need not wait; the first AG-UI request waits for the import if it is still running).
        if self.config.agui.enable:
            threading.Thread(target=importlib.import_module, args=(_AGUI_MODULE,), daemon=True).start()
        yield

    def _routes(self) -> list[BaseRoute]:
        async def health(request: Request) -> Response:
            return JSONResponse({"status": "ok"})

        routes: list[BaseRoute] = [Route("/health", health, methods=["GET"])]
        openai, agui = self.config.openai, self.config.agui
        if openai.enable:
            model = openai.model_name or "agentrun"
            routes += openai_protocol.routes(self.invoke_agent, openai.prefix.rstrip("/"), model)
        if agui.enable:
            handler = self.invoke_agent

            async def run_agent(request: Request) -> Response:
                agui_protocol = importlib.import_module(_AGUI_MODULE)
                response: Response = await agui_protocol.run_agent(handler, request)
                return response

            routes.append(Route(agui.prefix.rstrip("/") or "/", run_agent, methods=["POST"]))
        return routes

    def _middleware(self) -> list[Middleware]:
        if not self.config.cors_origins:
            return []
        from starlette.middleware.cors import CORSMiddleware

        return [
            Middleware(CORSMiddleware, allow_origins=self.config.cors_origins, allow_methods=["*"], allow_headers=["*"])
        ]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self.app(scope, receive, send)

    def as_asgi_app(self) -> Starlette:
        return self.app

    def start(self, host: str = "0.0.0.0", port: int | None = None, log_level: str = "info", **kwargs: Any) -> None:
        """Serve with uvicorn until stopped, on `port`, else `$PORT` / `$FC_SERVER_PORT` (what AgentRun sets), else
        9000."""
        import uvicorn

        uvicorn.run(self.app, host=host, port=port_from_environment() if port is None else port,
                    log_level=log_level, **kwargs)  # fmt: skip
