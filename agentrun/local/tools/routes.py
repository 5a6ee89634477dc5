"""The data-plane routes of OpenAPI tools (openapi/data.yaml, AgentRun Local extensions):

    GET  /tools/{toolName}/functions                       the functions of a FUNCTIONCALL tool
    POST /tools/{toolName}/functions/{functionName}/invoke  call one: {"arguments": {...}, "timeout": s}

A call reads the tool and its bound credential in one store transaction (so a credential disabled a moment ago
already stops it), checks the arguments, injects the credential and forwards the request to the upstream named by
the document's `servers[0].url`. The caller authenticates as on every data-plane path (auth.py); the credential's
secret never reaches it: not in the answer, not in an error message.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from agentrun.local.asgi import ClientDisconnected, until_disconnect_here
from agentrun.local.credential_use import CredentialUse
from agentrun.local.requests import BodyTooLarge, read_json
from agentrun.local.resources import TOOL
from agentrun.local.responses import REQUEST_ID_HEADER, client_left, request_id
from agentrun.local.schema import BodyError
from agentrun.local.state import ServerState, state_of
from agentrun.local.store import Store
from agentrun.local.tools import call, mcp_remote
from agentrun.local.tools.errors import (
    ToolError,
    bad_arguments,
    credential_unusable,
    error_response,
    not_found,
    unusable_spec,
)
from agentrun.local.tools.functions import Spec, SpecError, parse
from agentrun.local.tools.inject import CredentialUnusable, Injection, injection
from agentrun.local.tools.lookup import tool_and_credential
from agentrun.local.tools.sandbox_mcp import SandboxMcp
from agentrun.local.tools.usage import usage_of

DEFAULT_TIMEOUT = 30.0  # seconds, as agentrun-sdk 0.0.54's OpenAPI tool client waits
MAX_TIMEOUT = 600.0
MAX_BODY = 16 * 1024 * 1024
_SPEC_CACHE_SIZE = 256
_specs: dict[str, Spec] = {}  # protocolSpec text -> parsed (parsing is pure; the text is the key)


@dataclass(frozen=True)
class _Tool:
    name: str
    spec: Spec
    timeout: float
    credential: CredentialUse | None


def _parsed(name: str, text: Any) -> Spec:
    if not isinstance(text, str) or not text:
        raise unusable_spec(f"tool {name} has no protocolSpec (an OpenAPI document): update it to call its functions")
    spec = _specs.get(text)
    if spec is None:
        try:
            spec = parse(text)
        except SpecError as exc:
            raise unusable_spec(f"tool {name}: {exc}; update its protocolSpec") from None
        if len(_specs) >= _SPEC_CACHE_SIZE:
            _specs.clear()
        _specs[text] = spec
    return spec


class _ToolCache:
    """Tools already read, each with the store generation it was read at (`Store.generation`): any write to the
    store (the tool or a credential changed, disabled included) makes them all stale, as the model gateway's
    TargetCache does. A call of an unchanged tool skips the worker-thread hop and the SQLite transaction."""

    MAX = 1024

    def __init__(self) -> None:
        self.entries: dict[str, tuple[int, _Tool]] = {}


_caches: weakref.WeakKeyDictionary[Store, _ToolCache] = weakref.WeakKeyDictionary()


async def _tool(state: ServerState, name: str) -> _Tool:
    cache = _caches.setdefault(state.store, _ToolCache())
    generation = state.store.generation
    entry = cache.entries.get(name)
    if entry is not None and entry[0] == generation:
        return entry[1]
    tool = await _read_tool(state, name)
    if len(cache.entries) >= cache.MAX:
        cache.entries.clear()
    cache.entries[name] = (generation, tool)
    return tool


async def _read_tool(state: ServerState, name: str) -> _Tool:
    doc, credential = await tool_and_credential(state, name)
    if doc.get("toolType") != "FUNCTIONCALL":
        raise ToolError(
            400,
            "ERR_VALIDATION_FAILED",
            f"tool {name} is a {doc.get('toolType')} tool; functions are served for FUNCTIONCALL (OpenAPI) tools only",
        )
    timeout = doc.get("timeout")
    seconds = (
        float(timeout) if isinstance(timeout, int | float) and not isinstance(timeout, bool) and timeout > 0 else 0
    )
    return _Tool(name, _parsed(name, doc.get("protocolSpec")), min(seconds or DEFAULT_TIMEOUT, MAX_TIMEOUT), credential)


async def list_functions(request: Request) -> Response:
    try:
        tool = await _tool(state_of(request), str(request.path_params["toolName"]))
        functions = [f.wire() for f in tool.spec.functions.values()]
        return JSONResponse(
            {"toolName": tool.name, "functions": functions}, headers={REQUEST_ID_HEADER: request_id(request.scope)}
        )
    except ToolError as error:
        return error_response(request, error)


async def _invocation(request: Request) -> tuple[dict[str, Any], float | None]:
    try:
        body = await read_json(request, MAX_BODY)
    except BodyTooLarge:
        raise ToolError(413, "ERR_BODY_TOO_LARGE", f"the body exceeds {MAX_BODY // (1024 * 1024)} MiB") from None
    except BodyError as exc:
        raise bad_arguments(str(exc)) from None
    body = {} if body is None else body
    if not isinstance(body, dict):
        raise bad_arguments('the body must be a JSON object: {"arguments": {...}}')
    arguments = body.get("arguments", {})
    if arguments is None:
        arguments = {}
    if not isinstance(arguments, dict):
        raise bad_arguments("arguments must be a JSON object of the function's input")
    timeout = body.get("timeout")
    if timeout is not None and (
        isinstance(timeout, bool) or not isinstance(timeout, int | float) or not 0 < timeout <= MAX_TIMEOUT
    ):
        raise bad_arguments(f"timeout must be a number of seconds in (0, {MAX_TIMEOUT:g}]")
    return arguments, float(timeout) if timeout is not None else None


async def invoke(request: Request) -> Response:
    state = state_of(request)
    tool: _Tool | None = None
    failed = True
    try:
        tool = await _tool(state, str(request.path_params["toolName"]))
        wanted = str(request.path_params["functionName"])
        function = tool.spec.functions.get(wanted)
        if function is None:
            raise not_found(f"tool {tool.name} has no function {wanted} (it has {sorted(tool.spec.functions)})")
        arguments, timeout = await _invocation(request)
        call.check_arguments(function, arguments)
        server = tool.spec.server
        if not server:
            raise unusable_spec(f"tool {tool.name}'s protocolSpec has no servers[0].url: add the upstream's base URL")
        try:
            inject = injection(tool.credential) if tool.credential else Injection()
        except CredentialUnusable as exc:
            raise credential_unusable(f"tool {tool.name} cannot be called: {exc}") from None
        prepared = call.build(function, server, arguments, inject)
        result = await until_disconnect_here(
            request.receive,
            lambda: call.send(
                state.models.upstreams,
                server,
                function,
                prepared,
                timeout=timeout or tool.timeout,
                secrets=inject.secrets,
            ),
        )
        failed = False
        return JSONResponse(result.wire(), headers={REQUEST_ID_HEADER: request_id(request.scope)})
    except ToolError as error:
        return error_response(request, error)
    except ClientDisconnected:
        return client_left(request.scope)
    finally:
        if tool is not None:  # a call of a tool that exists, whatever became of it
            usage_of(state.store).record(tool.name, tool.credential.name if tool.credential else "", failed=failed)


async def usage(request: Request) -> Response:
    """`GET /tools/{toolName}/usage`: the calls of one tool (zero for a tool never called)."""
    state = state_of(request)
    name = str(request.path_params["toolName"])
    exists = await state.store.transact(lambda tx: tx.get(TOOL, name) is not None)
    if not exists:
        return error_response(request, not_found(f"tool {name} does not exist"))
    headers = {REQUEST_ID_HEADER: request_id(request.scope)}
    return JSONResponse(usage_of(state.store).report(name), headers=headers)


async def all_usage(request: Request) -> Response:
    """`GET /tool-usage`: the calls of every tool, by tool and by credential."""
    headers = {REQUEST_ID_HEADER: request_id(request.scope)}
    return JSONResponse(usage_of(state_of(request).store).report(), headers=headers)


def _count_sse_call(state: ServerState, target: Any) -> Callable[[str, bool], None]:
    book = usage_of(state.store)
    return lambda tool, failed: book.record(tool, target.credential, failed=failed)


class _SseStream:
    """`GET /tools/{toolName}/sse`; the mcp package loads on first use, not with the app."""

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        from agentrun.local.tools import mcp_sse

        await mcp_sse.OpenStream(_count_sse_call)(scope, receive, send)


async def _sse_message(request: Request) -> Response:
    from agentrun.local.tools import mcp_sse

    return await mcp_sse.post_message(request)


class _ToolMcp:
    """`/tools/{toolName}/mcp`: a local stdio server run in a sandbox (mcp_stdio.py) when the tool's spec names a
    command, else the remote's relay (mcp_remote.py). The mcp package loads on first use, not with the app."""

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        from agentrun.local.tools import mcp_stdio

        request = Request(scope, receive)
        state = state_of(request)
        name = str(request.path_params["toolName"])
        try:
            command = await mcp_stdio.command_for(state, name)
        except ToolError as error:
            await error_response(request, error)(scope, receive, send)
            return
        if command is None:
            await (await mcp_remote.streamable(request))(scope, receive, send)
        else:
            await mcp_stdio.serve(state, name, command, scope, receive, send)


def routes() -> list[BaseRoute]:
    return [
        Route("/tools/{toolName}/functions", list_functions, methods=["GET"]),
        Route("/tools/{toolName}/functions/{functionName}/invoke", invoke, methods=["POST"]),
        Route("/tools/{toolName}/mcp", _ToolMcp(), methods=["GET", "POST", "DELETE"]),
        Route("/tools/{toolName}/sse", _SseStream(), methods=["GET"]),
        Route("/tools/{toolName}/messages", _sse_message, methods=["POST"]),
        Route("/tools/{toolName}/usage", usage, methods=["GET"]),
        Route("/tool-usage", all_usage, methods=["GET"]),
        Route("/sandboxes/{sandboxId}/mcp", SandboxMcp(), methods=["POST"]),
    ]
