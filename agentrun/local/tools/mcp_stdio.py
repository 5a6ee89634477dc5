"""Local stdio MCP servers (`MCP_LOCAL` tools, openapi/data.yaml `InvokeToolMcp`): a tool whose `protocolSpec`
entry names a command (`{"mcpServers": {"<name>": {"command": "python", "args": ["server.py"], "env": {...},
"cwd": "/host/dir"}}}`) runs that command inside a sandbox of its own (the engine agent runtimes run in: no network,
the server's Python and packages visible, `cwd` bound read-only at its own path), talks MCP with it over its
stdin/stdout, and serves its tools at `/tools/{toolName}/mcp` (streamable HTTP, stateless, JSON answers).

The server starts on the first request (one per tool, whatever the number of callers) and stops, its sandbox
destroyed, after IDLE_SECONDS without a request, when it exits, or when the tool changes. Tools are listed and called
(resources and prompts are not bridged); every call is counted in the tool's usage.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import shlex
import uuid
import weakref
from dataclasses import dataclass, field
from typing import Any

import anyio
import mcp_types as types
from mcp import ClientSession
from mcp.server.lowlevel import Server
from mcp.server.streamable_http_manager import StreamableHTTPSessionManager
from mcp.shared.exceptions import MCPError
from mcp.shared.message import SessionMessage

from agentrun.local.resources import TOOL
from agentrun.local.sandbox.errors import SandboxNotFound
from agentrun.local.sandbox.isolation import HOME
from agentrun.local.sandbox.processes import OutputChunk, ProcessExit
from agentrun.local.state import ServerState
from agentrun.local.store import Store
from agentrun.local.tools.errors import ToolError, not_found, unusable_spec
from agentrun.local.tools.usage import usage_of

IDLE_SECONDS = 300.0
START_TIMEOUT = 30.0
MAX_LINE = 16 * 1024 * 1024
STDERR_TAIL = 1000


def _unreachable(name: str, why: str) -> ToolError:
    return ToolError(502, "ERR_TOOL_UPSTREAM_UNREACHABLE", f"tool {name}: the local MCP server cannot be used: {why}")


def _reason(exc: BaseException) -> str:
    while isinstance(exc, BaseExceptionGroup) and exc.exceptions:
        exc = exc.exceptions[0]
    return f"{type(exc).__name__}: {exc}"


@dataclass(frozen=True)
class Command:
    command: str
    args: tuple[str, ...] = ()
    env: tuple[tuple[str, str], ...] = ()
    cwd: str | None = None


def command_of(name: str, text: Any) -> Command | None:
    """The first `mcpServers` entry's command, or None when it names a URL (a remote server)."""
    try:
        spec = json.loads(text) if isinstance(text, str) else text
    except ValueError:
        return None
    servers = spec.get("mcpServers") if isinstance(spec, dict) else None
    entry = next(iter(servers.values()), None) if isinstance(servers, dict) else None
    if not isinstance(entry, dict) or "command" not in entry:
        return None
    command, args, env, cwd = entry.get("command"), entry.get("args", []), entry.get("env", {}), entry.get("cwd")
    if (
        not isinstance(command, str)
        or not command
        or not isinstance(args, list)
        or not isinstance(env, dict)
        or (cwd is not None and (not isinstance(cwd, str) or not cwd.startswith("/")))
    ):
        raise unusable_spec(
            f"tool {name}: a local MCP server is "
            '{"mcpServers": {"<name>": {"command": "...", "args": ["..."], "env": {}, "cwd": "/absolute/dir"}}}'
        )
    pairs = tuple(sorted((str(k), str(v)) for k, v in env.items()))
    return Command(command, tuple(str(a) for a in args), pairs, cwd)


@dataclass(eq=False)
class _Running:
    command: Command
    ready: asyncio.Future[ClientSession] = field(default_factory=lambda: asyncio.get_running_loop().create_future())
    last_used: float = 0.0
    stderr: bytes = b""  # its tail, for the error when it fails to start
    task: asyncio.Task[None] | None = None

    def touch(self) -> None:
        self.last_used = anyio.current_time()


class _Servers:
    def __init__(self, state: ServerState) -> None:
        self.state = state
        self.running: dict[str, _Running] = {}
        self.lock = anyio.Lock()

    async def session(self, name: str, command: Command) -> ClientSession:
        async with self.lock:
            running = self.running.get(name)
            if running is not None and (running.command != command or (running.task and running.task.done())):
                await self._stop(name)
                running = None
            if running is None:
                running = self.running[name] = _Running(command)
                running.touch()
                running.task = asyncio.get_running_loop().create_task(self._serve(name, running))
        running.touch()
        try:
            with anyio.fail_after(START_TIMEOUT):
                return await asyncio.shield(running.ready)
        except TimeoutError:
            raise _unreachable(name, f"it did not start within {START_TIMEOUT:g} s") from None

    async def _stop(self, name: str) -> None:
        running = self.running.pop(name, None)
        if running is not None and running.task is not None:
            running.task.cancel()
            with contextlib.suppress(BaseException):
                await running.task

    async def _serve(self, name: str, running: _Running) -> None:
        engine = self.state.sandboxes.engine
        command = running.command
        binds = [(command.cwd, command.cwd)] if command.cwd else []
        sandbox = await engine.create(f"mcp-{uuid.uuid4().hex[:16]}", binds=binds)
        try:
            process = await sandbox.start_process(
                shlex.join([command.command, *command.args]), cwd=command.cwd or HOME, env=dict(command.env)
            )
            read_in, read_out = anyio.create_memory_object_stream[SessionMessage | Exception](32)
            write_in, write_out = anyio.create_memory_object_stream[SessionMessage](32)

            async def stdout() -> None:
                buffer = b""
                async with read_in:
                    async for event in process.output(backpressure=True):
                        if isinstance(event, ProcessExit):
                            return
                        if not isinstance(event, OutputChunk):
                            continue
                        if event.stream == "stderr":
                            running.stderr = (running.stderr + event.data)[-STDERR_TAIL:]
                            continue
                        buffer += event.data
                        *lines, buffer = buffer.split(b"\n")
                        if len(buffer) > MAX_LINE:
                            return
                        for line in lines:
                            if line.strip():
                                try:
                                    message = types.jsonrpc_message_adapter.validate_json(line, by_name=False)
                                except ValueError as exc:
                                    await read_in.send(exc)
                                    continue
                                await read_in.send(SessionMessage(message))

            async def stdin() -> None:
                async with write_out:
                    async for session_message in write_out:
                        data = session_message.message.model_dump_json(by_alias=True, exclude_unset=True)
                        await process.write_stdin(data.encode() + b"\n")

            async with anyio.create_task_group() as tasks:
                tasks.start_soon(stdout)
                tasks.start_soon(stdin)
                async with ClientSession(read_out, write_in) as session:
                    await session.initialize()
                    running.ready.set_result(session)
                    # The deadline moves with every request; the process exiting also ends the wait.
                    while anyio.current_time() - running.last_used < IDLE_SECONDS and process.exit_code is None:  # noqa: ASYNC110
                        await anyio.sleep(1.0)
                tasks.cancel_scope.cancel()
        except BaseException as exc:
            if not running.ready.done():
                said = running.stderr.decode(errors="replace").strip()
                why = f"it did not start ({_reason(exc)})" + (f"; its stderr ends: {said}" if said else "")
                running.ready.set_exception(_unreachable(name, why))
            if not isinstance(exc, Exception):
                raise
        finally:
            if self.running.get(name) is running:
                del self.running[name]
            with anyio.CancelScope(shield=True), contextlib.suppress(SandboxNotFound):  # gone with the engine
                await engine.destroy(sandbox.id)

    async def aclose(self) -> None:
        for name in list(self.running):
            await self._stop(name)


_servers: weakref.WeakKeyDictionary[Store, _Servers] = weakref.WeakKeyDictionary()


async def close(store: Store) -> None:
    servers = _servers.pop(store, None)
    if servers is not None:
        await servers.aclose()


def servers_of(state: ServerState) -> _Servers:
    servers = _servers.get(state.store)
    if servers is None:
        servers = _servers[state.store] = _Servers(state)
    return servers


def bridge(state: ServerState, name: str, command: Command) -> Server[Any]:
    """An MCP server whose tools are those of tool `name`'s local server (started on first use, shared by every
    caller); what /mcp serves and what /sse bridges its callers to (mcp_sse.py)."""
    servers = servers_of(state)

    async def session() -> ClientSession:
        try:
            return await servers.session(name, command)
        except ToolError as exc:  # a JSON-RPC error whose message the caller sees
            raise MCPError(types.INTERNAL_ERROR, str(exc)) from None

    async def list_tools(ctx: Any, params: types.PaginatedRequestParams | None) -> types.ListToolsResult:
        # Only the cursor passes: the caller's envelope (_meta) is its session's, not ours with the stdio server.
        cursor = types.PaginatedRequestParams(cursor=params.cursor) if params and params.cursor else None
        return await (await session()).list_tools(params=cursor)

    async def call_tool(ctx: Any, params: types.CallToolRequestParams) -> types.CallToolResult:
        failed = True
        try:
            result = await (await session()).call_tool(params.name, params.arguments or {})
            failed = bool(result.is_error)
            return result
        finally:
            usage_of(state.store).record(name, "", failed=failed)

    return Server(f"agentrun-tool-{name}", on_list_tools=list_tools, on_call_tool=call_tool)


async def serve(state: ServerState, name: str, command: Command, scope: Any, receive: Any, send: Any) -> None:
    """One stateless MCP exchange with tool `name`'s local server."""
    manager = StreamableHTTPSessionManager(
        bridge(state, name, command), json_response=True, stateless=True, security_settings=None
    )
    async with manager.run():
        await manager.handle_request(scope, receive, send)


async def command_for(state: ServerState, name: str) -> Command | None:
    """The local server command of tool `name` (None for a remote MCP tool); 404 for a tool that does not exist."""
    doc = await state.store.transact(lambda tx: tx.get(TOOL, name))
    if doc is None or doc.get("status") == "DELETING":
        raise not_found(f"tool {name} does not exist")
    return command_of(name, doc.get("protocolSpec"))
