"""Sandbox lifecycle on the data plane (openapi/data.yaml): create, get, stop, delete (enveloped) and health
(bare JSON). The records are the control plane's (see agentrun/local/sandbox_manager/records.py)."""

from __future__ import annotations

from agentrun_data_api.models import CreateSandboxInput, Sandbox
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from agentrun.local.data.sandbox_access import sandbox_id_of
from agentrun.local.responses import REQUEST_ID_HEADER, error_body, request_id
from agentrun.local.sandbox_manager import handlers
from agentrun.local.sandbox_manager.manager import SandboxManager
from agentrun.local.sandbox_manager.records import Doc
from agentrun.local.state import state_of


async def _use(manager: SandboxManager, sandbox_id: str) -> Doc:
    return await manager.get(sandbox_id, activity=True)


async def sandbox_health(request: Request) -> Response:
    """`{"status": "ok"}` when the sandbox's zygote answers; otherwise an error body (503) that says so."""
    sandbox_id = sandbox_id_of(request)
    if await state_of(request).sandboxes.healthy(sandbox_id):
        return JSONResponse({"status": "ok"}, headers={REQUEST_ID_HEADER: request_id(request.scope)})
    message = f"sandbox {sandbox_id} runs but its interpreter does not answer; delete it and create a new one"
    body = {"status": "unhealthy", **error_body(request.scope, "ERR_SANDBOX_UNHEALTHY", message)}
    return JSONResponse(body, status_code=503, headers={REQUEST_ID_HEADER: request_id(request.scope)})


def routes() -> list[BaseRoute]:
    item = "/sandboxes/{sandboxId}"
    return [
        # Mount configurations are accepted and ignored (there is nothing to mount on this machine).
        Route("/sandboxes", handlers.create(CreateSandboxInput, Sandbox), methods=["POST"]),
        Route(item, handlers.on_sandbox(_use, Sandbox), methods=["GET"]),
        Route(item, handlers.on_sandbox(SandboxManager.delete, Sandbox), methods=["DELETE"]),
        Route(f"{item}/stop", handlers.on_sandbox(SandboxManager.stop, Sandbox), methods=["POST"]),
        Route(f"{item}/health", sandbox_health, methods=["GET"]),
    ]
