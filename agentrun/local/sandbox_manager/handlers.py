"""The sandbox lifecycle handlers both planes serve (openapi/control.yaml and openapi/data.yaml), each answering
with its own plane's Sandbox model: create, and the calls on one sandbox named by the path's `{sandboxId}`."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import Response

from agentrun.local import schema
from agentrun.local.asgi import ClientDisconnected
from agentrun.local.requests import read_body
from agentrun.local.responses import client_left, envelope
from agentrun.local.sandbox_manager import records
from agentrun.local.sandbox_manager.manager import SandboxManager
from agentrun.local.sandbox_manager.records import Doc
from agentrun.local.schema import WireModel
from agentrun.local.state import state_of

Handler = Callable[[Request], Awaitable[Response]]
Action = Callable[[SandboxManager, str], Awaitable[Doc]]


def create(body: type[WireModel], answer: type[WireModel]) -> Handler:
    """CreateSandbox: a real sandbox, READY when answered (and not kept when its client leaves first)."""

    async def create_sandbox(request: Request) -> Response:
        state = state_of(request)
        record = records.record_from_body(state, await read_body(request, body))
        try:
            created = await state.sandboxes.create_for(request, record)
        except ClientDisconnected:
            return client_left(request.scope)  # nobody is left to read an answer; the sandbox is not kept
        return envelope(request, schema.project(answer, created))

    return create_sandbox


def on_sandbox(action: Action, answer: type[WireModel]) -> Handler:
    """`action` on the sandbox the path names, answered with the sandbox's record as it then is."""

    async def act(request: Request) -> Response:
        doc = await action(state_of(request).sandboxes, str(request.path_params["sandboxId"]))
        return envelope(request, schema.project(answer, doc))

    return act
