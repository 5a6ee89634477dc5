"""The framework-neutral layer every `agentrun.integration.<framework>` module converts from (one conversion per
framework, whatever the resource):

- `resolve_model(name, ...)` -> `ModelTarget`: the OpenAI-compatible model gateway of `name` (a model proxy, a model
  service, or AgentRun Local's `agentrun-local-test-model`), as a base URL, the `model` field to send, and HTTP
  clients that sign each request (AGENTRUN4, openapi/data.yaml) or carry a proxy credential's key;
- `tool_toolset(name, ...)` (an MCP or OpenAPI tool) / `sandbox_toolset(template, ...)` -> `CommonToolSet`:
  `CommonTool`s, each a `ToolFunction` (name, description, JSON-Schema input) plus a way to run it, blocking or
  awaited;
- `Toolsets(to_framework)`: the public `tool_resource` / `sandbox_toolset` of a framework module, those sets with each
  tool converted by the module's one conversion; `converter_getattr`: its lazy `AgentRunConverter`.

Tool calls go through the blocking client (`agentrun.sync.AgentRun`), whose event loop lives in its own thread: the
same tool then works from a framework's sync path, from its async path (awaited in a worker thread, so the caller's
loop never blocks), and across the several event loops a framework may start (`asyncio.run` per call).
"""

from __future__ import annotations

import atexit
import contextlib
import dataclasses
import importlib
import math
import re
import weakref
from collections.abc import Awaitable, Callable, Iterable, Mapping
from types import ModuleType
from typing import TYPE_CHECKING, Any, Generic, Self, TypeVar

import anyio.from_thread
import anyio.lowlevel
import anyio.to_thread
import httpx

from agentrun import errors
from agentrun._config import Config
from agentrun._core.openai_compat import DataPlaneSignature, async_openai_client
from agentrun._core.request_signing import sign_data_request
from agentrun.integration import _sandbox_stream
from agentrun.tool.functions import ToolFunction

if TYPE_CHECKING:
    from openai import AsyncOpenAI

    from agentrun.sync import AgentRun

T = TypeVar("T")

_TOOL_NAME = re.compile(r"^[A-Za-z0-9_-]{1,64}$")  # what OpenAI-style function calling accepts


def require_framework(module: str, extra: str) -> ModuleType:
    """Import a framework module, or say which extra installs it."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise errors.MissingDependencyError(
            f"agentrun.integration needs {module!r}, which is optional: pip install 'agentrun[{extra}]'"
        ) from exc


def _config(config: Config | None) -> Config:
    return config if config is not None else Config.from_env()


# -- models ----------------------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class ModelTarget:
    """The gateway of one model: `base_url` (`<data endpoint>/models/{name}/v1`, openapi/data.yaml), `model` (the
    request's `model` field) and the `api_key` an OpenAI-compatible client is given (a placeholder, never sent,
    when requests are signed instead)."""

    name: str
    model: str
    base_url: str
    config: Config
    api_key: str | None = None

    def _auth(self) -> httpx.Auth | None:
        return None if self.api_key is not None else DataPlaneSignature(self.config)

    def _timeout(self) -> httpx.Timeout:
        t = self.config.timeout
        return httpx.Timeout(connect=t.connect, read=t.read, write=t.write, pool=t.pool)

    @property
    def key(self) -> str:
        """The api_key for a framework's OpenAI client: the credential's secret, or the unsent placeholder."""
        return self.api_key if self.api_key is not None else "agentrun-signed-request"

    def async_http_client(self) -> httpx.AsyncClient:
        """An `httpx.AsyncClient` that signs each request (or none needed with `api_key`), through
        `Config.unix_socket` when set (an agent deployed to AgentRun Local reaches the API that way)."""
        socket = self.config.unix_socket
        transport = httpx.AsyncHTTPTransport(uds=socket, verify=self.config.verify) if socket else None
        return httpx.AsyncClient(
            verify=self.config.verify, timeout=self._timeout(), auth=self._auth(), transport=transport
        )

    def http_client(self) -> httpx.Client:
        """The blocking twin of `async_http_client`."""
        socket = self.config.unix_socket
        transport = httpx.HTTPTransport(uds=socket, verify=self.config.verify) if socket else None
        return httpx.Client(verify=self.config.verify, timeout=self._timeout(), auth=self._auth(), transport=transport)

    def sign(self, request: Any) -> Any:
        """Sign one outgoing request in place and return it, for frameworks that let one edit their requests rather
        than hand them an HTTP client: an `httpx.Request`, or one with the same `method`, `url.raw_path`,
        `url.query` and `headers` (httpx2's, which openai 3 uses). A no-op when a proxy credential's key is sent."""
        if self.api_key is None:
            request.headers.pop("authorization", None)  # the client's placeholder key, never sent
            sign_data_request(self.config, request)
        return request

    def openai_async_http_client(self) -> Any:
        """The `http_client` for the installed `openai.AsyncOpenAI`, signing each request: an `httpx.AsyncClient`
        for openai 1-2, an `httpx2.AsyncClient` for openai 3 (which moved to httpx2; AgentScope 2 and Google ADK 2
        bring it)."""
        import openai

        if int(openai.__version__.split(".")[0]) < 3:
            return self.async_http_client()
        httpx2 = importlib.import_module("httpx2")
        target = self

        class Signer(httpx2.Auth):  # type: ignore[misc,name-defined]
            def auth_flow(self, request: Any) -> Any:
                yield target.sign(request)

        t = self.config.timeout
        timeout = httpx2.Timeout(connect=t.connect, read=t.read, write=t.write, pool=t.pool)
        socket = self.config.unix_socket
        transport = httpx2.AsyncHTTPTransport(uds=socket, verify=self.config.verify) if socket else None
        return httpx2.AsyncClient(verify=self.config.verify, timeout=timeout, auth=Signer(), transport=transport)

    def async_openai(self, **options: Any) -> AsyncOpenAI:
        """`openai.AsyncOpenAI` for this gateway (as `client.models.openai(name)` makes it)."""
        return async_openai_client(
            self.config, self.base_url, timeouts=self.config.timeout, api_key=self.api_key, **options
        )


def resolve_model(
    name: str, *, model: str | None = None, config: Config | None = None, api_key: str | None = None
) -> ModelTarget:
    """The gateway target of `name`. `model` is the request's `model` field (default: `name`, which is what a
    proxy of one model and AgentRun Local's built-ins expect); `api_key` the secret of the credential bound to a
    model proxy, sent instead of a signature."""
    if not isinstance(name, str) or not name:
        raise errors.InvalidArgumentError(f"name must be the model proxy or service name, got {name!r}")
    if api_key is not None and (not isinstance(api_key, str) or not api_key):
        raise errors.InvalidArgumentError("api_key must be the credential's secret (a non-empty string) or None")
    resolved = _config(config)
    if api_key is None:
        resolved.require_credentials()
    from urllib.parse import quote

    base_url = f"{resolved.data_base_url()}/models/{quote(name, safe='')}/v1"
    return ModelTarget(name, model or name, base_url, resolved, api_key)


class ModelFunction:
    """A framework module's `model(name, *, model=None, config=None, api_key=None, **options)`: the framework's chat
    model for model proxy/service `name` (`model`: the request's model field, default `name`; `api_key`: a proxy
    credential's secret instead of signing), made by the module's `build(target, **options)` from the gateway
    `resolve_model` finds. Its docstring is `build`'s."""

    def __init__(self, build: Callable[..., Any]) -> None:
        self._build = build
        self.__doc__ = build.__doc__

    def __call__(
        self,
        name: str,
        *,
        model: str | None = None,
        config: Config | None = None,
        api_key: str | None = None,
        **options: Any,
    ) -> Any:
        return self._build(resolve_model(name, model=model, config=config, api_key=api_key), **options)


# -- tools -----------------------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, kw_only=True)
class CommonTool(ToolFunction):
    """A `ToolFunction` (its `input_schema` an object schema with `properties` always present) and a way to run it:
    `call(arguments)` blocks, `acall(arguments)` is awaited. Both return the text a model is given; a failure raises
    (an `AgentRunError` saying what went wrong)."""

    run: Callable[[Mapping[str, Any]], str]
    # The set it belongs to: a framework tool that outlives its list keeps the shared client (and sandbox) open.
    owner: CommonToolSet | None = dataclasses.field(default=None, compare=False, repr=False)
    # run, handing the output to a callback (stream name, text) as it is produced; None: the tool has no such output
    stream: Callable[[Mapping[str, Any], Callable[[str, str], object]], str] | None = dataclasses.field(
        default=None, compare=False, repr=False
    )

    @classmethod
    def of(
        cls,
        function: ToolFunction,
        run: Callable[[Mapping[str, Any]], str],
        *,
        stream: Callable[[Mapping[str, Any], Callable[[str, str], object]], str] | None = None,
    ) -> CommonTool:
        fields = {field.name: getattr(function, field.name) for field in dataclasses.fields(ToolFunction)}
        fields["input_schema"] = {"type": "object", "properties": {}, **function.input_schema}
        return cls(**fields, run=run, stream=stream)

    def call(self, arguments: Mapping[str, Any] | None = None) -> str:
        return self.run(dict(arguments or {}))

    async def acall(self, arguments: Mapping[str, Any] | None = None) -> str:
        return await anyio.to_thread.run_sync(self.call, arguments)

    async def astream(
        self, arguments: Mapping[str, Any] | None, on_output: Callable[[str, str], Awaitable[object]]
    ) -> str:
        """`acall`, awaiting `on_output(stream, text)` in this task (so a framework's context is there) for each
        piece of output as the tool produces it; a tool without streamed output just runs."""
        streamer = self.stream
        if streamer is None:
            return await self.acall(arguments)
        send, receive = anyio.create_memory_object_stream[tuple[str, str]](math.inf)
        token = anyio.lowlevel.current_token()
        result: list[str] = []
        failure: list[Exception] = []  # raised as itself after the group, not inside an ExceptionGroup

        def piece(stream: str, text: str) -> None:  # on the worker thread: hand it to this task's loop
            with contextlib.suppress(anyio.BrokenResourceError, anyio.ClosedResourceError):  # nobody listens now
                anyio.from_thread.run_sync(send.send_nowait, (stream, text), token=token)

        async def work() -> None:
            with send:
                try:
                    result.append(await anyio.to_thread.run_sync(streamer, dict(arguments or {}), piece))
                except Exception as exc:
                    failure.append(exc)

        async with anyio.create_task_group() as group:
            group.start_soon(work)
            async with receive:
                try:
                    async for stream, text in receive:
                        await on_output(stream, text)
                except Exception as exc:  # the listener failed: the call finishes alone, its output dropped
                    failure.insert(0, exc)
        if failure:
            raise failure[0]
        return result[0]


class CommonToolSet:
    """Tools sharing one blocking client (and, for a sandbox, one sandbox). `close()` / `aclose()` release them;
    an unclosed set is closed when the process exits."""

    def __init__(self, tools: Iterable[CommonTool], closers: Iterable[Callable[[], None]] = ()) -> None:
        self.tools = [dataclasses.replace(tool, owner=self) for tool in tools]
        self._finalizer = weakref.finalize(self, _close_all, list(closers))
        # Registered after the blocking client's loop registered its own stop, so run before it (atexit is LIFO);
        # weakref.finalize's own exit hook may have been registered earlier and run too late.
        atexit.register(self._finalizer)

    def close(self) -> None:
        """Release what the tools share (the sandbox is deleted); safe to call more than once."""
        atexit.unregister(self._finalizer)
        self._finalizer()

    async def aclose(self) -> None:
        await anyio.to_thread.run_sync(self.close)


def _close_all(closers: list[Callable[[], None]]) -> None:
    failure: BaseException | None = None
    for close in closers:
        try:
            close()
        except Exception as exc:  # close the others too, then report the first failure
            failure = failure or exc
    if failure is not None:
        raise failure


def tool_name(name: str, *, prefix: str | None, modify_tool_name: Callable[[str], str] | None) -> str:
    final = f"{prefix or ''}{name}"
    if modify_tool_name is not None:
        final = modify_tool_name(final)
    if not isinstance(final, str) or not _TOOL_NAME.match(final):
        raise errors.InvalidArgumentError(
            f"tool name {final!r} is not 1-64 letters, digits, '_' or '-' (what models accept): change prefix= "
            "or modify_tool_name="
        )
    return final


@dataclasses.dataclass(frozen=True)
class Selection:
    """Which functions become tools, and their names: `prefix=`, `modify_tool_name=` and `filter_tools_by_name=` of
    `tool_resource` and `sandbox_toolset` (the filter sees the original name)."""

    prefix: str | None = None
    modify_tool_name: Callable[[str], str] | None = None
    filter_tools_by_name: Callable[[str], bool] | Iterable[str] | None = None

    def chosen(self, functions: Iterable[ToolFunction]) -> list[tuple[ToolFunction, ToolFunction]]:
        """(original, renamed) for each function the filter keeps."""
        wanted = self.filter_tools_by_name
        if wanted is None:
            keep: Callable[[str], bool] = lambda _name: True  # noqa: E731
        elif callable(wanted):
            keep = wanted
        else:
            keep = set(wanted).__contains__
        chosen = []
        for function in functions:
            if keep(function.name):
                renamed = tool_name(function.name, prefix=self.prefix, modify_tool_name=self.modify_tool_name)
                chosen.append((function, dataclasses.replace(function, name=renamed)))
        return chosen


def _blocking_client(config: Config | None) -> AgentRun:
    from agentrun.sync import AgentRun

    return AgentRun(_config(config))


def tool_toolset(name: str, config: Config | None, selection: Selection) -> CommonToolSet:
    """The functions of AgentRun tool `name` (`client.tools.list_functions`, called through `client.tools.call`):
    an MCP tool's tools (over its MCP endpoint), or an OpenAPI tool's operations. Either way the server adds the
    tool's credential."""
    client = _blocking_client(config)
    closers: list[Callable[[], None]] = [client.close]
    try:
        functions = client.tools.list_functions(name)

        def call(function: str, arguments: Mapping[str, Any]) -> str:
            # An MCP result flagged isError goes to the model as text too: it reads what went wrong.
            result = client.tools.call(name, function, arguments)
            return f"error: {result.text()}" if result.is_error else result.text()

        chosen = selection.chosen(functions)
    except BaseException:
        _close_all(closers)
        raise

    def runner(original: ToolFunction) -> Callable[[Mapping[str, Any]], str]:
        def run(arguments: Mapping[str, Any]) -> str:
            return call(original.name, arguments)

        return run

    return CommonToolSet([CommonTool.of(renamed, runner(original)) for original, renamed in chosen], closers)


# -- sandboxes -------------------------------------------------------------------------------------------------

CODE_INTERPRETER = "CodeInterpreter"
BROWSER = "Browser"


class SandboxToolSet(CommonToolSet):
    """The SDK's tool set of one sandbox (`client.tools.sandbox_tools`: run_code, read_file, write_file, list_files,
    run_command; or `browser_toolset`: browser_navigate, browser_click, ...), with their argument checks and
    results, on one sandbox created on the first call and deleted by `close()` (or at exit)."""

    def __init__(self, tools: Iterable[CommonTool], sandbox_tools: Any, client: AgentRun) -> None:
        super().__init__(tools, [sandbox_tools.close, client.close])
        self._sandbox_tools = sandbox_tools

    @property
    def sandbox_id(self) -> str | None:
        """The sandbox's id once a call created it, else None."""
        sandbox = self._sandbox_tools.sandbox
        return str(sandbox.id) if sandbox is not None else None


def _kind(template_type: str) -> str:
    kind = str(getattr(template_type, "value", template_type)).upper().replace("_", "")
    for known in (CODE_INTERPRETER, BROWSER):
        if kind == known.upper():
            return known
    raise errors.InvalidArgumentError(
        f"template_type {template_type!r} is not supported: use {CODE_INTERPRETER!r} (code, files, commands) or "
        f"{BROWSER!r} (browser_* tools, Playwright over the sandbox's CDP socket: pip install 'agentrun[browser]')"
    )


def sandbox_toolset(
    template_name: str, template_type: str, config: Config | None, idle_timeout: int, selection: Selection
) -> SandboxToolSet:
    """Tools on a sandbox of `template_name` (a READY template). CodeInterpreter: those of
    `client.tools.sandbox_tools` (run_code, read_file, write_file, list_files, run_command); Browser: those of
    `browser_toolset` (browser_navigate, browser_click, browser_fill, browser_snapshot, ...). No sandbox exists until
    a tool is called."""
    kind = _kind(template_type)
    if not isinstance(template_name, str) or not template_name:
        raise errors.InvalidArgumentError(f"template_name must be a template's name, got {template_name!r}")
    if kind == BROWSER:
        require_framework("playwright", "browser")  # says which extra, before anything is created
    client = _blocking_client(config)
    try:
        if kind == BROWSER:
            from agentrun.sync.tool.browser_tools import browser_toolset

            sandbox_tools: Any = browser_toolset(client, template_name, idle_timeout=idle_timeout)
        else:
            sandbox_tools = client.tools.sandbox_tools(template_name, idle_timeout=idle_timeout)
        chosen = selection.chosen(tool.function for tool in sandbox_tools)
    except BaseException:
        client.close()
        raise

    def runner(original: ToolFunction) -> Callable[[Mapping[str, Any]], str]:
        def run(arguments: Mapping[str, Any]) -> str:
            # a failed run (code that raised, a non-zero exit, a selector that matched nothing) is a result the
            # model reads, not an error
            return str(sandbox_tools.call(original.name, arguments).text())

        return run

    def streamer(original: ToolFunction) -> Callable[[Mapping[str, Any], Callable[[str, str], object]], str] | None:
        if kind == BROWSER or original.name not in _sandbox_stream.STREAMED:
            return None
        return lambda arguments, on_output: _sandbox_stream.run_streamed(
            sandbox_tools, original.name, arguments, on_output
        )

    tools = [CommonTool.of(renamed, runner(original), stream=streamer(original)) for original, renamed in chosen]
    return SandboxToolSet(tools, sandbox_tools, client)


# -- what the framework modules hand out -------------------------------------------------------------------------


class ToolList(list[T]):
    """A framework's tools, as a list (what the official modules return), that also closes what they share:
    `close()`, `await aclose()`, `with` / `async with`."""

    def __init__(self, tools: Iterable[T], toolset: CommonToolSet) -> None:
        super().__init__(tools)
        self.toolset = toolset

    def close(self) -> None:
        self.toolset.close()

    async def aclose(self) -> None:
        await self.toolset.aclose()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()


def convert(toolset: CommonToolSet, to_framework: Callable[[CommonTool], T]) -> ToolList[T]:
    """The framework's tools for `toolset` (closing it if a conversion fails)."""
    try:
        return ToolList([to_framework(tool) for tool in toolset.tools], toolset)
    except BaseException:
        toolset.close()
        raise


# What every framework module exports (agentrun-sdk's names, and the lazy AgentRunConverter); each adds its own.
API = ("AgentRunConverter", "model", "sandbox_toolset", "tool_resource", "toolset")


class Toolsets(Generic[T]):
    """`tool_resource` (also named `toolset`) and `sandbox_toolset` of one framework module: the neutral tool sets
    above, each tool converted by `to_framework` (one conversion per framework, whatever the resource). A module
    binds them: `tool_resource = toolset = Toolsets(to_x_tool).tool_resource`."""

    def __init__(self, to_framework: Callable[[CommonTool], T]) -> None:
        self._to_framework = to_framework

    def tool_resource(
        self,
        name: str,
        *,
        config: Config | None = None,
        prefix: str | None = None,
        modify_tool_name: Callable[[str], str] | None = None,
        filter_tools_by_name: Callable[[str], bool] | Iterable[str] | None = None,
    ) -> ToolList[T]:
        """The functions of AgentRun tool `name` (an MCP tool's tools, or an OpenAPI tool's operations) as the
        framework's tools (see the module), in a list that also closes the client they share (`close()`, `aclose()`,
        `with`). `prefix` is put before each name, `modify_tool_name` then rewrites it; `filter_tools_by_name` (names,
        or a predicate on the original name) keeps only some."""
        selection = Selection(prefix, modify_tool_name, filter_tools_by_name)
        return convert(tool_toolset(name, config, selection), self._to_framework)

    def sandbox_toolset(
        self,
        template_name: str,
        *,
        template_type: str = CODE_INTERPRETER,
        config: Config | None = None,
        sandbox_idle_timeout_seconds: int = 600,
        prefix: str | None = None,
        modify_tool_name: Callable[[str], str] | None = None,
        filter_tools_by_name: Callable[[str], bool] | Iterable[str] | None = None,
    ) -> ToolList[T]:
        """Code-interpreter tools (run_code, read_file, write_file, list_files, run_command: the SDK's
        `client.tools.sandbox_tools`), or with `template_type="Browser"` browser tools (browser_navigate,
        browser_click, ...), as the framework's tools on one sandbox of `template_name`, created on the first call and
        deleted when the list is closed or the process exits. Names are chosen as for `tool_resource`."""
        selection = Selection(prefix, modify_tool_name, filter_tools_by_name)
        toolset = sandbox_toolset(template_name, template_type, config, sandbox_idle_timeout_seconds, selection)
        return convert(toolset, self._to_framework)


def converter_getattr(module: str, converter: str) -> Callable[[str], Any]:
    """A framework module's `__getattr__` (PEP 562): `AgentRunConverter`, which serves a framework's stream through
    `agentrun.server` (the `server` extra), is imported from module `converter` on first use."""

    def __getattr__(name: str) -> Any:
        if name == "AgentRunConverter":
            return importlib.import_module(converter).AgentRunConverter
        raise AttributeError(f"module {module!r} has no attribute {name!r}")

    return __getattr__
