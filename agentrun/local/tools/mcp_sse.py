"""The MCP SSE transport of MCP tools (openapi/data.yaml `OpenToolSse`, `PostToolSseMessage`), the one
agentrun-sdk 0.0.54's Tool module and MCPToolSet use by default:

    GET  /tools/{toolName}/sse                          the event stream: first `event: endpoint` (where to POST),
                                                        then `event: message`, one JSON-RPC message each
    POST /tools/{toolName}/messages?session_id=...      one JSON-RPC message of that session: 202

Each caller session is bridged to the tool's remote (`MCP_REMOTE`, mcp_remote.py) through one `mcp` client
transport of its own (streamable HTTP or SSE, whichever the remote speaks), opened with the stream and closed when
the caller goes (for a streamable remote, its session is ended with DELETE). For a local stdio server (a command in
the tool's spec, mcp_stdio.py) the far side is an in-process MCP server of the session's own that relays tools/list
and tools/call to the tool's one running stdio server, as `/mcp` does. The bridge relays JSON-RPC messages
unchanged both ways, so every method (tools, resources, prompts, notifications) passes whatever the two ends
speak. The server adds the tool's headers and the bound credential; the caller's own signature is not passed on;
every secret of the credential is scrubbed from what goes back. A message POST re-reads the tool and its
credential when the store changed since the stream opened, so a credential disabled meanwhile stops the next one.
If the remote fails mid-session, the caller's requests in flight are answered with JSON-RPC errors and the stream
ends.
"""

from __future__ import annotations

import contextlib
import logging
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import anyio
import httpx2
import mcp_types
from anyio.abc import TaskGroup
from anyio.streams.memory import MemoryObjectReceiveStream, MemoryObjectSendStream
from mcp.client.sse import sse_client
from mcp.client.streamable_http import streamable_http_client
from mcp.shared.message import ClientMessageMetadata, SessionMessage
from pydantic import ValidationError
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response

from agentrun.local.models.sse import scrub
from agentrun.local.requests import BodyTooLarge, body_up_to
from agentrun.local.responses import REQUEST_ID_HEADER, client_left, request_id
from agentrun.local.state import ServerState, state_of
from agentrun.local.tools import mcp_stdio
from agentrun.local.tools.errors import ToolError, bad_arguments, error_response, not_found
from agentrun.local.tools.mcp_remote import CONNECT_TIMEOUT, MAX_BODY, Remote, remote

logger = logging.getLogger(__name__)

KEEPALIVE = 15.0  # seconds between SSE comments on a quiet stream (proxies and clients drop silent ones)
INBOX = 32  # caller messages queued for the remote before a POST waits
_PROTOCOL_VERSION = "mcp-protocol-version"

Transport = contextlib.AbstractAsyncContextManager[Any]


@dataclass
class _Session:
    tool: str
    inbox: MemoryObjectSendStream[SessionMessage]
    generation: int  # the store generation the tool and its credential were last read at
    target: Remote
    on_call: Callable[[str, bool], None] | None = None  # (the tool's function, failed) of each tools/call answered
    initialize_id: mcp_types.RequestId | None = None
    protocol_version: str | None = None  # negotiated, stamped on later messages to a streamable remote
    pending: dict[mcp_types.RequestId, str] = field(default_factory=dict)  # caller requests in flight: method


# Sessions of this process by id (random, 128 bits: the id is the capability, as in the mcp package's transport).
_sessions: dict[str, _Session] = {}


def _client_factory(target: Remote) -> Callable[..., httpx2.AsyncClient]:
    def factory(
        headers: dict[str, str] | None = None, timeout: httpx2.Timeout | None = None, auth: httpx2.Auth | None = None
    ) -> httpx2.AsyncClient:
        # A stream may be quiet for long (a slow tool): only connecting and sending are bounded.
        return httpx2.AsyncClient(
            headers=headers,
            params=target.query,
            timeout=httpx2.Timeout(CONNECT_TIMEOUT, read=None),
            trust_env=False,
        )

    return factory


@contextlib.asynccontextmanager
async def _transport(target: Remote) -> AsyncIterator[tuple[Any, Any]]:
    """The remote's message streams through the mcp client transport it speaks."""
    factory = _client_factory(target)
    if target.transport == "sse":
        async with sse_client(
            target.url, headers=target.headers, timeout=CONNECT_TIMEOUT, httpx_client_factory=factory
        ) as streams:
            yield streams
        return
    async with factory(headers=target.headers) as http, streamable_http_client(target.url, http_client=http) as streams:
        yield streams


LOCAL = "local"  # the transport of a local stdio server's bridge (no HTTP between us and it)


@contextlib.asynccontextmanager
async def _local(state: ServerState, name: str, command: mcp_stdio.Command) -> AsyncIterator[tuple[Any, Any]]:
    """The message streams of an in-process MCP server relaying to tool `name`'s stdio server, run while the
    caller's stream is open."""
    server = mcp_stdio.bridge(state, name, command)
    to_server, server_read = anyio.create_memory_object_stream[SessionMessage | Exception](INBOX)
    server_write, from_server = anyio.create_memory_object_stream[SessionMessage](INBOX)
    async with anyio.create_task_group() as group:
        group.start_soon(server.run, server_read, server_write, server.create_initialization_options())
        try:
            async with to_server, from_server:
                yield from_server, to_server
        finally:
            group.cancel_scope.cancel()


async def _far_side(state: ServerState, name: str) -> tuple[Remote, mcp_stdio.Command | None]:
    """What tool `name`'s callers are bridged to: its local stdio server's command, else its remote."""
    command = await mcp_stdio.command_for(state, name)
    if command is not None:
        return Remote(url="", headers={}, query={}, transport=LOCAL), command
    return await remote(state, name, None), None


def _event(kind: str, data: str) -> bytes:
    return f"event: {kind}\ndata: {data}\n\n".encode()


class _Caller:
    """The caller's SSE response: sends from several tasks, one at a time."""

    def __init__(self, send: Any) -> None:
        self._send = send
        self._lock = anyio.Lock()
        self.gone = False

    async def write(self, data: bytes) -> None:
        async with self._lock:
            if self.gone:
                return
            try:
                await self._send({"type": "http.response.body", "body": data, "more_body": True})
            except OSError:
                self.gone = True

    async def end(self) -> None:
        with anyio.CancelScope(shield=True):
            async with self._lock:
                if not self.gone:
                    self.gone = True
                    with contextlib.suppress(OSError):
                        await self._send({"type": "http.response.body", "body": b"", "more_body": False})


def _error(request_id_: mcp_types.RequestId, message: str) -> mcp_types.JSONRPCError:
    return mcp_types.JSONRPCError(
        jsonrpc="2.0", id=request_id_, error=mcp_types.ErrorData(code=mcp_types.INTERNAL_ERROR, message=message)
    )


async def _down(session: _Session, read: MemoryObjectReceiveStream[Any], caller: _Caller) -> None:
    """The remote's messages to the caller, secrets scrubbed."""
    async for item in read:
        if isinstance(item, Exception):
            logger.debug("tool %s: the remote sent what is not a JSON-RPC message: %r", session.tool, item)
            continue
        message = item.message
        if isinstance(message, mcp_types.JSONRPCResponse | mcp_types.JSONRPCError):
            method = session.pending.pop(message.id, None) if message.id is not None else None
            if isinstance(message, mcp_types.JSONRPCResponse) and message.id == session.initialize_id:
                version = message.result.get("protocolVersion") if isinstance(message.result, dict) else None
                session.protocol_version = version if isinstance(version, str) else None
            if method == "tools/call" and session.on_call is not None:
                failed = isinstance(message, mcp_types.JSONRPCError) or bool(
                    isinstance(message.result, dict) and message.result.get("isError")
                )
                session.on_call(session.tool, failed)
        data = message.model_dump_json(by_alias=True, exclude_unset=True)
        await caller.write(_event("message", scrub(data.encode(), session.target.secrets).decode()))


async def _up(session: _Session, inbox: MemoryObjectReceiveStream[SessionMessage], write: Any) -> None:
    """The caller's messages to the remote, each stamped with the negotiated protocol version."""
    async with inbox:
        async for item in inbox:
            message = item.message
            if isinstance(message, mcp_types.JSONRPCRequest):
                session.pending[message.id] = message.method
                if message.method == "initialize":
                    session.initialize_id = message.id
            metadata = (
                ClientMessageMetadata(headers={_PROTOCOL_VERSION: session.protocol_version})
                if session.protocol_version and session.target.transport == "streamable-http"
                else None
            )
            await write.send(SessionMessage(message, metadata=metadata))


async def _keepalive(caller: _Caller) -> None:
    while not caller.gone:
        await anyio.sleep(KEEPALIVE)
        await caller.write(b": keepalive\n\n")


async def _until_disconnect(receive: Any, group: TaskGroup) -> None:
    while (await receive())["type"] != "http.disconnect":
        pass
    group.cancel_scope.cancel()


async def _ended(run: Callable[[], Awaitable[None]], group: TaskGroup) -> None:
    await run()
    group.cancel_scope.cancel()  # the remote closed its side: end the caller's stream


class OpenStream:
    """`GET /tools/{toolName}/sse` (an ASGI endpoint: the response outlives any handler return)."""

    def __init__(self, on_call: Callable[[ServerState, Remote], Callable[[str, bool], None]] | None = None) -> None:
        self.on_call = on_call

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        request = Request(scope, receive)
        state = state_of(request)
        name = str(request.path_params["toolName"])
        try:
            target, command = await _far_side(state, name)
        except ToolError as error:
            await error_response(request, error)(scope, receive, send)
            return
        session_id = uuid.uuid4().hex
        inbox_in, inbox = anyio.create_memory_object_stream[SessionMessage](INBOX)
        session = _Session(name, inbox_in, state.store.generation, target)
        if self.on_call is not None and command is None:  # a local server's bridge counts its calls itself
            session.on_call = self.on_call(state, target)
        endpoint = request.url.path.removesuffix("/sse") + f"/messages?session_id={session_id}"
        caller = _Caller(send)
        started = False
        try:
            far = _transport(target) if command is None else _local(state, name, command)
            async with far as (read, write), anyio.create_task_group() as group:
                _sessions[session_id] = session
                await send(
                    {
                        "type": "http.response.start",
                        "status": 200,
                        "headers": [
                            (b"content-type", b"text/event-stream; charset=utf-8"),
                            (b"cache-control", b"no-store"),
                            (b"x-accel-buffering", b"no"),
                            (REQUEST_ID_HEADER.encode(), request_id(scope).encode()),
                        ],
                    }
                )
                started = True
                await caller.write(_event("endpoint", endpoint))
                group.start_soon(_ended, lambda: _down(session, read, caller), group)
                group.start_soon(_up, session, inbox, write)
                group.start_soon(_keepalive, caller)
                group.start_soon(_until_disconnect, receive, group)
        except Exception as exc:  # the remote failed: its transport's errors come as any exception (groups too)
            reason = f"tool {name}: the MCP server failed or cannot be reached ({type(exc).__name__})"
            logger.debug("%s", reason, exc_info=True)
            if not started:
                failure = ToolError(502, "ERR_TOOL_UPSTREAM_UNREACHABLE", reason)
                await error_response(request, failure)(scope, receive, send)
                return
            for pending in list(session.pending):
                data = _error(pending, reason).model_dump_json(by_alias=True, exclude_unset=True)
                await caller.write(_event("message", data))
        finally:
            _sessions.pop(session_id, None)
            inbox_in.close()
            inbox.close()
            if started:
                await caller.end()


async def post_message(request: Request) -> Response:
    """`POST /tools/{toolName}/messages?session_id=...`: one JSON-RPC message for the session's remote."""
    state = state_of(request)
    name = str(request.path_params["toolName"])
    try:
        session_id = request.query_params.get("session_id") or ""
        session = _sessions.get(session_id)
        if session is None or session.tool != name:
            raise not_found(
                f"tool {name} has no MCP session {session_id or '(session_id not given)'}: it ended or never "
                f"existed; open GET /tools/{name}/sse and POST to the endpoint its first event names"
            )
        generation = state.store.generation
        if generation != session.generation:  # something changed: is the tool still callable with its credential?
            if session.target.transport == LOCAL:
                await mcp_stdio.command_for(state, name)  # still there (a changed command restarts the server)
            else:
                await remote(state, name, session.target.transport)
            session.generation = generation
        try:
            body = await body_up_to(request, MAX_BODY)
        except BodyTooLarge:
            raise ToolError(
                413, "ERR_BODY_TOO_LARGE", f"an MCP message may not exceed {MAX_BODY // 2**20} MiB"
            ) from None
        try:
            message = mcp_types.jsonrpc_message_adapter.validate_json(body, by_name=False)
        except ValidationError:
            raise bad_arguments(
                "the body must be one JSON-RPC 2.0 message (a request, notification or response)"
            ) from None
        try:
            await session.inbox.send(SessionMessage(message))
        except (anyio.ClosedResourceError, anyio.BrokenResourceError):
            raise not_found(
                f"tool {name}'s MCP session {session_id} has ended: open GET /tools/{name}/sse again"
            ) from None
    except ToolError as error:
        return error_response(request, error)
    except ClientDisconnect:
        return client_left(request.scope)
    return Response(status_code=202, headers={REQUEST_ID_HEADER: request_id(request.scope)})
