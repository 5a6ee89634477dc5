"""Sandbox lifecycle on the data plane (openapi/data.yaml): create, get, stop, delete (enveloped) and health
(bare JSON). The records are the control plane's (see agentrun/local/sandbox_manager/records.py)."""

from __future__ import annotations

from typing import Any

from agentrun_data_api.models import CreateSandboxInput, Sandbox
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from agentrun.local import schema
from agentrun.local.asgi import ClientDisconnected
from agentrun.local.data.sandbox_access import sandbox_id_of
from agentrun.local.requests import read_body
from agentrun.local.responses import REQUEST_ID_HEADER, client_left, envelope, error_body, request_id
from agentrun.local.sandbox_manager import records
from agentrun.local.state import state_of


def present(doc: dict[str, Any]) -> dict[str, Any]:
    """A record as the data plane's Sandbox model carries it."""
    return schema.project(Sandbox, doc)


async def create_sandbox(request: Request) -> Response:
    """CreateSandbox: a real sandbox, READY when answered (and not kept when its client leaves first). Mount
    configurations are accepted and ignored (there is nothing to mount on this machine)."""
    state = state_of(request)
    record = records.record_from_body(state, await read_body(request, CreateSandboxInput))
    try:
        created = await state.sandboxes.create_for(request, record)
    except ClientDisconnected:
        return client_left(request.scope)  # nobody is left to read an answer; the sandbox is not kept
    return envelope(request, present(created))


async def get_sandbox(request: Request) -> Response:
    return envelope(request, present(await state_of(request).sandboxes.get(sandbox_id_of(request), activity=True)))


async def stop_sandbox(request: Request) -> Response:
    return envelope(request, present(await state_of(request).sandboxes.stop(sandbox_id_of(request))))


async def delete_sandbox(request: Request) -> Response:
    return envelope(request, present(await state_of(request).sandboxes.delete(sandbox_id_of(request))))


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
        Route("/sandboxes", create_sandbox, methods=["POST"]),
        Route(item, get_sandbox, methods=["GET"]),
        Route(item, delete_sandbox, methods=["DELETE"]),
        Route(f"{item}/stop", stop_sandbox, methods=["POST"]),
        Route(f"{item}/health", sandbox_health, methods=["GET"]),
    ]
