"""A code-interpreter sandbox as a tool set: `run_code`, `read_file`, `write_file`, `list_files` and `run_command`,
each a `ToolFunction` (name, description, JSON-Schema input) with a `call` method, built on the sandbox API.

The sandbox is created from the template on the first call and reused by the next ones (code contexts keep their
variables between `run_code` calls); `aclose()` or leaving `async with` deletes it, cancellation included. The same
set is what `agentrun mcp sandbox` and AgentRun Local's `/sandboxes/{id}/mcp` serve over MCP.
"""

from __future__ import annotations

import builtins
from collections.abc import Iterator, Mapping
from types import TracebackType
from typing import Any

from agentrun import errors
from agentrun._core.aio import new_lock, shielded
from agentrun.sandbox.code import CodeContext
from agentrun.sandbox.sandbox import Sandbox, Sandboxes
from agentrun.tool.functions import ToolFunction, ToolResult
from agentrun.tool.tool_set import SetTool

SET_NAME = "sandbox"
_TIMEOUT = {"type": "number", "exclusiveMinimum": 0, "maximum": 3600, "description": "Seconds it may run (30)."}
_PATH = {"type": "string", "minLength": 1, "description": "A path in the sandbox (relative: under /home/user)."}


def _schema(properties: dict[str, Any], required: builtins.list[str]) -> dict[str, Any]:
    return {"type": "object", "properties": properties, "required": required, "additionalProperties": False}


FUNCTIONS: tuple[ToolFunction, ...] = (
    ToolFunction(
        "run_code",
        "Run code in the sandbox's interpreter and return its output, results and error. Variables, imports and "
        "definitions persist between calls of the same language.",
        _schema(
            {
                "code": {"type": "string", "description": "The code to run."},
                "language": {"type": "string", "enum": ["python", "javascript"], "default": "python"},
                "timeout": _TIMEOUT,
            },
            ["code"],
        ),
        tool=SET_NAME,
    ),
    ToolFunction(
        "read_file",
        "Read a text file of the sandbox (UTF-8).",
        _schema({"path": _PATH}, ["path"]),
        tool=SET_NAME,
    ),
    ToolFunction(
        "write_file",
        "Write a text file in the sandbox (UTF-8), replacing it if it exists; missing directories are created.",
        _schema(
            {"path": _PATH, "content": {"type": "string", "description": "The file's new content."}},
            ["path", "content"],
        ),
        tool=SET_NAME,
    ),
    ToolFunction(
        "list_files",
        "List the entries of a directory of the sandbox: name, path, type (file, dir, symlink) and size.",
        _schema(
            {
                "path": {**_PATH, "default": "/home/user"},
                "depth": {"type": "integer", "minimum": 1, "maximum": 10, "default": 1, "description": "Levels down."},
            },
            [],
        ),
        tool=SET_NAME,
    ),
    ToolFunction(
        "run_command",
        "Run a shell command line in the sandbox and return its stdout, stderr and exit code.",
        _schema(
            {
                "command": {"type": "string", "minLength": 1, "description": "The command line (run by sh -c)."},
                "cwd": {"type": "string", "description": "Its working directory (default /home/user)."},
                "timeout": _TIMEOUT,
            },
            ["command"],
        ),
        tool=SET_NAME,
    ),
)
_BY_NAME = {f.name: f for f in FUNCTIONS}
_JSON_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
}


def check_arguments(function: ToolFunction, arguments: Mapping[str, Any]) -> dict[str, Any]:
    """The arguments checked against the function's schema (the subset these schemas use), defaults filled in;
    InvalidArgumentError says what to change."""
    schema = function.input_schema
    properties: Mapping[str, Any] = schema["properties"]
    unknown = sorted(set(arguments) - set(properties))
    if unknown:
        raise errors.InvalidArgumentError(
            f"{function.name} takes no argument {unknown[0]!r} (it takes {sorted(properties)})"
        )
    checked: dict[str, Any] = {}
    for name, rule in properties.items():
        if name not in arguments or arguments[name] is None:
            if name in schema["required"]:
                raise errors.InvalidArgumentError(f"{function.name} needs the argument {name!r}")
            if "default" in rule:
                checked[name] = rule["default"]
            continue
        value = arguments[name]
        kind = rule["type"]
        if (isinstance(value, bool) and kind != "boolean") or not isinstance(value, _JSON_TYPES[kind]):
            raise errors.InvalidArgumentError(f"{function.name}: {name} must be a {kind}, got {value!r}")
        if "enum" in rule and value not in rule["enum"]:
            raise errors.InvalidArgumentError(f"{function.name}: {name} must be one of {rule['enum']}, got {value!r}")
        if isinstance(value, str) and len(value) < rule.get("minLength", 0):
            raise errors.InvalidArgumentError(f"{function.name}: {name} may not be empty")
        low, high = rule.get("exclusiveMinimum", rule.get("minimum")), rule.get("maximum")
        if kind in ("integer", "number") and (
            (low is not None and (value <= low if "exclusiveMinimum" in rule else value < low))
            or (high is not None and value > high)
        ):
            raise errors.InvalidArgumentError(f"{function.name}: {name} must be in [{low}, {high}], got {value!r}")
        checked[name] = value
    return checked


def _json(body: Any, *, is_error: bool = False) -> ToolResult:
    return ToolResult(200, "application/json", body, is_error=is_error)


class SandboxTool(SetTool):
    """One function of a `SandboxTools` set: its `ToolFunction` description and `call`."""


class SandboxTools:
    """The code-interpreter tool set of one sandbox from `template`, created on first use (see the module doc).
    Iterating gives the `SandboxTool`s; `call(name, arguments)` runs one."""

    def __init__(
        self,
        sandboxes: Sandboxes,
        template: str | None = None,
        *,
        sandbox_id: str | None = None,
        idle_timeout: int | None = None,
        ready_timeout: float = 60.0,
    ) -> None:
        if (template is None) == (sandbox_id is None):
            raise errors.InvalidArgumentError("pass either template (a sandbox is created) or sandbox_id (one in use)")
        for value, what in ((template, "template"), (sandbox_id, "sandbox_id")):
            if value is not None and (not isinstance(value, str) or not value):
                raise errors.InvalidArgumentError(f"{what} must be a non-empty string, got {value!r}")
        self._sandboxes = sandboxes
        self.template = template
        self._sandbox_id = sandbox_id  # an existing sandbox: used, never deleted by this set
        self._idle_timeout = idle_timeout
        self._ready_timeout = ready_timeout
        self._lock = new_lock()
        self._sandbox: Sandbox | None = None
        self._contexts: dict[str, CodeContext] = {}
        self._closed = False
        self.functions = [SandboxTool(self, f) for f in FUNCTIONS]

    def __iter__(self) -> Iterator[SandboxTool]:
        return iter(self.functions)

    def __len__(self) -> int:
        return len(self.functions)

    def get(self, name: str) -> SandboxTool:
        for tool in self.functions:
            if tool.name == name:
                return tool
        raise errors.InvalidArgumentError(f"no sandbox tool {name!r} (there are {sorted(_BY_NAME)})")

    @property
    def sandbox(self) -> Sandbox | None:
        """The sandbox, once a call has created it."""
        return self._sandbox

    async def ensure_sandbox(self) -> Sandbox:
        """The sandbox, created now if no call has created it yet."""
        async with self._lock:
            if self._closed:
                raise errors.InvalidArgumentError("these sandbox tools are closed: make a new set")
            if self._sandbox is None and self._sandbox_id is not None:
                self._sandbox = await self._sandboxes.connect(self._sandbox_id)
            if self._sandbox is None:
                assert self.template is not None
                sandbox = await self._sandboxes.create(
                    self.template, idle_timeout=self._idle_timeout, ready_timeout=self._ready_timeout
                )
                if self._closed:  # closed while it was being created: it is nobody's now
                    await shielded(sandbox._discard)
                    raise errors.InvalidArgumentError("these sandbox tools were closed while starting their sandbox")
                self._sandbox = sandbox
            return self._sandbox

    async def call(self, name: str, arguments: Mapping[str, Any] | None = None) -> ToolResult:
        """Run tool `name` with `arguments` (checked against its input schema: InvalidArgumentError). Code that
        raises and commands that exit non-zero come back as results with `is_error`; the sandbox API's own errors
        (a missing file: NotFoundError, a timeout: ExecutionTimeoutError) are raised."""
        function = _BY_NAME.get(name) if isinstance(name, str) else None
        if function is None:
            raise errors.InvalidArgumentError(f"no sandbox tool {name!r} (there are {sorted(_BY_NAME)})")
        if arguments is not None and not isinstance(arguments, Mapping):
            raise errors.InvalidArgumentError(f"arguments must be a mapping of argument names, got {arguments!r}")
        given = check_arguments(function, arguments or {})
        sandbox = await self.ensure_sandbox()
        if name == "run_code":
            return await self._run_code(sandbox, given)
        if name == "read_file":
            return ToolResult(200, "text/plain", await sandbox.files.read(given["path"]))
        if name == "write_file":
            written = await sandbox.files.write(given["path"], given["content"])
            return _json({"path": given["path"], "bytes": written})
        if name == "list_files":
            entries = await sandbox.files.list(given["path"], depth=given["depth"])
            return _json([{"name": e.name, "path": e.path, "type": e.type, "size": e.size} for e in entries])
        result = await sandbox.commands.run(given["command"], cwd=given.get("cwd"), timeout=given.get("timeout"))
        body = {"stdout": result.stdout, "stderr": result.stderr, "exit_code": result.exit_code}
        return _json(body, is_error=result.exit_code != 0)

    async def _run_code(self, sandbox: Sandbox, given: dict[str, Any]) -> ToolResult:
        language = given["language"]
        context = self._contexts.get(language)
        if context is None:
            context = self._contexts[language] = await sandbox.create_context(language=language)
        execution = await sandbox.run_code(given["code"], context=context, timeout=given.get("timeout"))
        error = execution.error
        body = {
            "stdout": "".join(execution.logs.stdout),
            "stderr": "".join(execution.logs.stderr),
            # png (base64) kept: charts are what a code interpreter is asked for; MCP clients show it as an image.
            "results": [{"text": r.text, "formats": r.formats(), "png": r.png} for r in execution.results],
            "error": None
            if error is None
            else {"name": error.name, "value": error.value, "traceback": error.traceback},
        }
        return _json(body, is_error=error is not None)

    async def aclose(self) -> None:
        """Delete the sandbox (if a call created one; one given by `sandbox_id` is left alone); the set cannot be
        used afterwards."""
        self._closed = True
        sandbox, self._sandbox = self._sandbox, None
        self._contexts.clear()
        if sandbox is not None and self._sandbox_id is None:
            await shielded(sandbox._discard)

    async def __aenter__(self) -> SandboxTools:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        sandbox = self._sandbox.id if self._sandbox is not None else None
        return f"SandboxTools(template={self.template!r}, sandbox={sandbox!r})"
