"""Sandboxes as the control plane sees them (openapi/control.yaml). The records are shared with the data
plane, and create, stop and delete act on real sandboxes through `state.sandboxes` (sandbox_manager), so a sandbox
made on either plane is listed, stopped or deleted on the other.
"""

from __future__ import annotations

from agentrun_control_api.models import CreateSandboxInput, Sandbox
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from agentrun.local.asgi import ClientDisconnected
from agentrun.local.control.crud import (
    Doc,
    Spec,
    emit,
    equals,
    selector,
)
from agentrun.local.requests import positive_int, read_body
from agentrun.local.resources import SANDBOX, SANDBOX_ID_PREFIX
from agentrun.local.responses import bad_request, client_left, envelope
from agentrun.local.sandbox_manager import records
from agentrun.local.state import state_of

SANDBOXES = Spec(
    kind=SANDBOX,
    output=Sandbox,
    key="sandboxId",
    name="sandboxId",
    id_field="sandboxId",
    id_prefix=SANDBOX_ID_PREFIX,
    create_input=CreateSandboxInput,
    filters={
        "sandboxId": equals("sandboxId"),
        "status": equals("status", ignore_case=True),
        "templateName": equals("templateName"),
        "templateType": equals("templateType"),
    },
    workspace=False,
)


async def create_sandbox(request: Request) -> Response:
    """CreateSandbox starts a real sandbox, as the data-plane CreateSandbox does."""
    state = state_of(request)
    record = records.record_from_body(state, await read_body(request, CreateSandboxInput))
    try:
        created = await state.sandboxes.create_for(request, record)
    except ClientDisconnected:
        return client_left(request.scope)  # nobody is left to read an answer; the sandbox is not kept
    return envelope(request, emit(state, SANDBOXES, created))


async def get_sandbox(request: Request) -> Response:
    state = state_of(request)
    doc = await state.sandboxes.get(request.path_params["sandboxId"], activity=False)  # not a use of the sandbox
    return envelope(request, emit(state, SANDBOXES, doc))


async def stop_sandbox(request: Request) -> Response:
    state = state_of(request)
    return envelope(request, emit(state, SANDBOXES, await state.sandboxes.stop(request.path_params["sandboxId"])))


async def delete_sandbox(request: Request) -> Response:
    state = state_of(request)
    return envelope(request, emit(state, SANDBOXES, await state.sandboxes.delete(request.path_params["sandboxId"])))


async def list_sandboxes(request: Request) -> Response:
    """ListSandboxes pages by token: `nextToken` is the creation sequence number of the last item returned."""
    state = state_of(request)
    query = request.query_params
    size = positive_int(query, "maxResults", 10)
    after = query.get("nextToken") or "0"
    if not after.isdigit():
        raise bad_request(f"query parameter nextToken {after!r} was not issued by this server")
    wanted = selector(SANDBOXES, query)
    rows = await state.store.transact(lambda tx: tx.list(SANDBOX))
    found = [row for row in rows if row.seq > int(after) and wanted(row.doc)]
    page = found[:size]
    data: Doc = {"items": [emit(state, SANDBOXES, row.doc) for row in page]}
    if len(found) > size:
        data["nextToken"] = str(page[-1].seq)
    return envelope(request, data)


async def pause_sandbox(request: Request) -> Response:
    """PauseSandbox freezes the sandbox's processes (SIGSTOP); ResumeSandbox lets them run on (SIGCONT)."""
    state = state_of(request)
    return envelope(request, emit(state, SANDBOXES, await state.sandboxes.pause(request.path_params["sandboxId"])))


async def resume_sandbox(request: Request) -> Response:
    state = state_of(request)
    return envelope(request, emit(state, SANDBOXES, await state.sandboxes.resume(request.path_params["sandboxId"])))


def routes() -> list[BaseRoute]:
    item = "/sandboxes/{sandboxId}"
    return [
        Route("/sandboxes", list_sandboxes, methods=["GET"]),
        Route("/sandboxes", create_sandbox, methods=["POST"]),
        Route(item, get_sandbox, methods=["GET"]),
        Route(item, delete_sandbox, methods=["DELETE"]),
        Route(f"{item}/stop", stop_sandbox, methods=["POST"]),
        Route(f"{item}/pause", pause_sandbox, methods=["PUT"]),
        Route(f"{item}/resume", resume_sandbox, methods=["PUT"]),
    ]
