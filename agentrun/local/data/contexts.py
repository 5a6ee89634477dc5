"""Code contexts (openapi/data.yaml): list, create, get, delete. A context is a stateful REPL worker of the
engine; the answers are bare JSON `{id, cwd, language}` (the official SDK needs all three truthy)."""

from __future__ import annotations

from typing import Any

from agentrun_data_api.models import CreateContextInput
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from agentrun.local.data.sandbox_access import running_sandbox
from agentrun.local.requests import read_body
from agentrun.local.responses import REQUEST_ID_HEADER, bad_request, request_id
from agentrun.local.sandbox import ContextHandle
from agentrun.local.sandbox.isolation import HOME

DEFAULT_LANGUAGE = "python"


def describe(context: ContextHandle) -> dict[str, Any]:
    return {"id": context.id, "cwd": context.cwd, "language": context.language}


def bare(request: Request, data: Any) -> JSONResponse:
    """An in-sandbox answer: JSON without the envelope, with the request id header."""
    return JSONResponse(data, headers={REQUEST_ID_HEADER: request_id(request.scope)})


def context_options(body: dict[str, Any]) -> tuple[str, str]:
    """`(language, cwd)` of a CreateContext body; cwd must be an absolute path inside the sandbox."""
    language = str(body.get("language") or DEFAULT_LANGUAGE).lower()
    cwd = str(body.get("cwd") or HOME)
    if not cwd.startswith("/"):
        raise bad_request(f"cwd must be an absolute path inside the sandbox (such as {HOME}), got {cwd!r}")
    if "\0" in cwd:
        raise bad_request(f"cwd must not contain a NUL character, got {cwd!r}")
    return language, cwd


async def list_contexts(request: Request) -> Response:
    sandbox = await running_sandbox(request)
    return bare(request, [describe(context) for context in sandbox.contexts.values()])


async def create_context(request: Request) -> Response:
    body = await read_body(request, CreateContextInput, empty={})
    language, cwd = context_options(body)
    sandbox = await running_sandbox(request)
    return bare(request, describe(await sandbox.create_context(language, cwd)))


async def get_context(request: Request) -> Response:
    sandbox = await running_sandbox(request)
    return bare(request, describe(sandbox.get_context(str(request.path_params["contextId"]))))


async def delete_context(request: Request) -> Response:
    sandbox = await running_sandbox(request)
    context_id = str(request.path_params["contextId"])
    await sandbox.delete_context(context_id)
    return bare(request, {"success": True, "message": f"context {context_id} deleted"})


def routes() -> list[BaseRoute]:
    collection = "/sandboxes/{sandboxId}/contexts"
    item = collection + "/{contextId}"
    return [
        Route(collection, list_contexts, methods=["GET"]),
        Route(collection, create_context, methods=["POST"]),
        Route(item, get_context, methods=["GET"]),
        Route(item, delete_context, methods=["DELETE"]),
    ]
