"""A code-interpreter sandbox as a tool set: `run_code`, `read_file`, `write_file`, `list_files` and `run_command`,
each a `ToolFunction` (name, description, JSON-Schema input) with a `call` method, built on the sandbox API.

The sandbox is created from the template on the first call and reused by the next ones (code contexts keep their
variables between `run_code` calls); `aclose()` or leaving `async with` deletes it, cancellation included. The same
set is what `agentrun mcp sandbox` and AgentRun Local's `/sandboxes/{id}/mcp` serve over MCP.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from agentrun.sandbox.code import CodeContext
from agentrun.sandbox.sandbox import Sandbox
from agentrun.tool.functions import ToolFunction, ToolResult
from agentrun.tool.tool_set import SandboxToolSet, SetTool, json_result, object_schema
from agentrun.tool.tool_set import check_arguments as check_arguments  # where callers have imported it from

SET_NAME = "sandbox"
_TIMEOUT = {"type": "number", "exclusiveMinimum": 0, "maximum": 3600, "description": "Seconds it may run (30)."}
_PATH = {"type": "string", "minLength": 1, "description": "A path in the sandbox (relative: under /home/user)."}


FUNCTIONS: tuple[ToolFunction, ...] = (
    ToolFunction(
        "run_code",
        "Run code in the sandbox's interpreter and return its output, results and error. Variables, imports and "
        "definitions persist between calls of the same language.",
        object_schema(
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
        object_schema({"path": _PATH}, ["path"]),
        tool=SET_NAME,
    ),
    ToolFunction(
        "write_file",
        "Write a text file in the sandbox (UTF-8), replacing it if it exists; missing directories are created.",
        object_schema(
            {"path": _PATH, "content": {"type": "string", "description": "The file's new content."}},
            ["path", "content"],
        ),
        tool=SET_NAME,
    ),
    ToolFunction(
        "list_files",
        "List the entries of a directory of the sandbox: name, path, type (file, dir, symlink) and size.",
        object_schema(
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
        object_schema(
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


class SandboxTool(SetTool):
    """One function of a `SandboxTools` set: its `ToolFunction` description and `call`."""


class SandboxTools(SandboxToolSet[SandboxTool]):
    """The code-interpreter tool set of one sandbox from `template`, created on first use (see the module doc), or of
    the running sandbox `sandbox_id`. Iterating gives the `SandboxTool`s; `call(name, arguments)` runs one."""

    kind = SET_NAME
    FUNCTIONS = FUNCTIONS

    @functools.cached_property
    def _contexts(self) -> dict[str, CodeContext]:
        """A code context per language, made by the first run_code in it (variables live on between calls)."""
        return {}

    def _tool(self, function: ToolFunction) -> SandboxTool:
        return SandboxTool(self, function)

    async def ensure_sandbox(self) -> Sandbox:
        """The sandbox, created now if no call has created it yet."""
        async with self._lock:
            return await self._open_sandbox()

    async def call(self, name: str, arguments: Mapping[str, Any] | None = None) -> ToolResult:
        """Run tool `name` with `arguments` (checked against its input schema: InvalidArgumentError). Code that
        raises and commands that exit non-zero come back as results with `is_error`; the sandbox API's own errors
        (a missing file: NotFoundError, a timeout: ExecutionTimeoutError) are raised."""
        given = self._checked(name, arguments)
        sandbox = await self.ensure_sandbox()
        if name == "run_code":
            return await self._run_code(sandbox, given)
        if name == "read_file":
            return ToolResult(200, "text/plain", await sandbox.files.read(given["path"]))
        if name == "write_file":
            written = await sandbox.files.write(given["path"], given["content"])
            return json_result({"path": given["path"], "bytes": written})
        if name == "list_files":
            entries = await sandbox.files.list(given["path"], depth=given["depth"])
            return json_result([{"name": e.name, "path": e.path, "type": e.type, "size": e.size} for e in entries])
        result = await sandbox.commands.run(given["command"], cwd=given.get("cwd"), timeout=given.get("timeout"))
        body = {"stdout": result.stdout, "stderr": result.stderr, "exit_code": result.exit_code}
        return json_result(body, is_error=result.exit_code != 0)

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
        return json_result(body, is_error=error is not None)

    async def _release(self) -> None:
        self._contexts.clear()
