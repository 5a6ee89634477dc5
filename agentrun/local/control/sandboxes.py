"""Sandboxes as the control plane sees them (openapi/control.yaml). The records are shared with the data
plane, and create, stop and delete act on real sandboxes through `state.sandboxes` (sandbox_manager), so a sandbox
made on either plane is listed, stopped or deleted on the other.
"""

from __future__ import annotations

from agentrun_control_api.models import CreateSandboxInput, Sandbox
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from agentrun.local.control.crud import (
    Doc,
    Keys,
    Spec,
    emit,
    equals,
    selector,
)
from agentrun.local.requests import positive_int
from agentrun.local.resources import SANDBOX, SANDBOX_ID_PREFIX
from agentrun.local.responses import bad_request, envelope
from agentrun.local.sandbox_manager import handlers
from agentrun.local.sandbox_manager.manager import SandboxManager
from agentrun.local.state import state_of

SANDBOXES = Spec(
    kind=SANDBOX,
    keys=Keys("sandboxId", "sandboxId", "sandboxId", SANDBOX_ID_PREFIX),
    output=Sandbox,
    create_input=CreateSandboxInput,
    filters={
        "sandboxId": equals("sandboxId"),
        "status": equals("status", ignore_case=True),
        "templateName": equals("templateName"),
        "templateType": equals("templateType"),
    },
    workspace=False,
)


async def _look(manager: SandboxManager, sandbox_id: str) -> Doc:
    return await manager.get(sandbox_id, activity=False)  # reading the record is not a use of the sandbox


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


def routes() -> list[BaseRoute]:
    item = "/sandboxes/{sandboxId}"
    return [
        Route("/sandboxes", list_sandboxes, methods=["GET"]),
        Route("/sandboxes", handlers.create(CreateSandboxInput, Sandbox), methods=["POST"]),
        Route(item, handlers.on_sandbox(_look, Sandbox), methods=["GET"]),
        Route(item, handlers.on_sandbox(SandboxManager.delete, Sandbox), methods=["DELETE"]),
        Route(f"{item}/stop", handlers.on_sandbox(SandboxManager.stop, Sandbox), methods=["POST"]),
        # PauseSandbox freezes the sandbox's processes (SIGSTOP); ResumeSandbox lets them run on (SIGCONT).
        Route(f"{item}/pause", handlers.on_sandbox(SandboxManager.pause, Sandbox), methods=["PUT"]),
        Route(f"{item}/resume", handlers.on_sandbox(SandboxManager.resume, Sandbox), methods=["PUT"]),
    ]
