"""Sandboxes as the control plane sees them (control-plane.md §3.5, §4.5): records for now, made from a template.

Running sandboxes (processes, code execution, files) belong to the data plane and a later sandbox manager; these
handlers keep the records and statuses the control-plane operations report.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from agentrun_control_api.models import CreateSandboxInput, Sandbox
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from agentrun.local.control.crud import (
    Change,
    Doc,
    Spec,
    create_handler,
    delete_handler,
    emit,
    equals,
    get_handler,
    modify,
    positive_int,
    selector,
)
from agentrun.local.control.templates import TEMPLATE
from agentrun.local.responses import bad_request, conflict, envelope, not_found
from agentrun.local.state import state_of, timestamp

SANDBOX = "sandbox"
DEFAULT_IDLE_TIMEOUT = 600  # seconds, the SDK's default


def _created(c: Change) -> None:
    template_name = c.doc["templateName"]
    template = c.tx.get(TEMPLATE, template_name)
    if template is None or template.get("status") == "DELETING":
        raise not_found(TEMPLATE, template_name)
    # Both spellings of the idle timeout exist in CreateSandboxInput; the Sandbox model reports one.
    idle = c.doc.pop("sandboxIdleTimeoutInSeconds", None)
    c.doc.setdefault("sandboxIdleTimeoutSeconds", idle or DEFAULT_IDLE_TIMEOUT)
    c.doc["templateId"] = template.get("templateId")
    c.doc["templateType"] = template.get("templateType")  # for the templateType filter; not in the Sandbox model
    c.doc["sandboxArn"] = c.state.arn(f"sandboxes/{c.doc['sandboxId']}")
    c.doc["status"] = "READY"  # no instance to wait for yet


SANDBOXES = Spec(
    kind=SANDBOX,
    output=Sandbox,
    key="sandboxId",
    name="sandboxId",
    id_field="sandboxId",
    id_prefix="sbx-",
    create_input=CreateSandboxInput,
    filters={
        "sandboxId": equals("sandboxId"),
        "status": equals("status", ignore_case=True),
        "templateName": equals("templateName"),
        "templateType": equals("templateType"),
    },
    workspace=False,
    on_create=_created,
)


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


def _lifecycle(status: str, *, allowed_from: tuple[str, ...]) -> Callable[[Request], Awaitable[Response]]:
    """StopSandbox / PauseSandbox / ResumeSandbox: a status change, allowed from the given statuses."""

    async def handler(request: Request) -> Response:
        def change(c: Change) -> None:
            current = str(c.doc.get("status", ""))
            if current.upper() not in allowed_from:
                raise conflict(f"sandbox {c.doc['sandboxId']} is {current}; it must be {' or '.join(allowed_from)}")
            if status == "STOPPED" and current.upper() != "STOPPED":
                c.doc["endedAt"] = timestamp()
            c.doc["status"] = status

        return await modify(request, SANDBOXES, change)

    return handler


def routes() -> list[BaseRoute]:
    item = "/sandboxes/{sandboxId}"
    return [
        Route("/sandboxes", list_sandboxes, methods=["GET"]),
        Route("/sandboxes", create_handler(SANDBOXES), methods=["POST"]),
        Route(item, get_handler(SANDBOXES), methods=["GET"]),
        Route(item, delete_handler(SANDBOXES), methods=["DELETE"]),
        Route(f"{item}/stop", _lifecycle("STOPPED", allowed_from=("READY", "RUNNING", "PAUSED", "STOPPED")),
              methods=["POST"]),
        Route(f"{item}/pause", _lifecycle("PAUSED", allowed_from=("READY", "RUNNING", "PAUSED")), methods=["PUT"]),
        Route(f"{item}/resume", _lifecycle("READY", allowed_from=("PAUSED", "READY", "RUNNING")), methods=["PUT"]),
    ]  # fmt: skip
