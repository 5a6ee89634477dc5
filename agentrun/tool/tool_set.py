"""What the tool sets over one sandbox (`SandboxTools`, `BrowserTools`) share: `SandboxToolSet`, which owns the
sandbox, finds functions by name and checks their arguments; `SetTool`, one function of a set (its `ToolFunction`
description and a `call` through the set); and the helpers their function tables are written with."""

from __future__ import annotations

import builtins
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Generic, Protocol, TypeVar

from agentrun import errors
from agentrun._core.aio import new_lock, shielded
from agentrun._core.closing import Closeable
from agentrun.tool.functions import ToolFunction, ToolResult

if TYPE_CHECKING:
    from agentrun.sandbox.sandbox import Sandbox, Sandboxes

_JSON_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
}


def object_schema(properties: dict[str, Any], required: builtins.list[str]) -> dict[str, Any]:
    """A function's input schema: an object of `properties`, the `required` ones, and nothing else."""
    return {"type": "object", "properties": properties, "required": required, "additionalProperties": False}


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


def json_result(body: Any, *, is_error: bool = False) -> ToolResult:
    return ToolResult(200, "application/json", body, is_error=is_error)


class ToolSet(Protocol):
    async def call(self, name: str, arguments: Mapping[str, Any] | None = None) -> ToolResult: ...


class SetTool:
    """A function of a tool set; subclasses only name the kind (their repr)."""

    def __init__(self, tools: ToolSet, function: ToolFunction) -> None:
        self._tools = tools
        self.function = function

    @property
    def name(self) -> str:
        return self.function.name

    @property
    def description(self) -> str:
        return self.function.description

    @property
    def input_schema(self) -> Mapping[str, Any]:
        return self.function.input_schema

    def to_openai_function(self) -> dict[str, Any]:
        return self.function.to_openai_function()

    def to_anthropic_tool(self) -> dict[str, Any]:
        return self.function.to_anthropic_tool()

    async def call(self, arguments: Mapping[str, Any] | None = None) -> ToolResult:
        return await self._tools.call(self.function.name, arguments)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.name!r})"


T = TypeVar("T", bound=SetTool)


class SandboxToolSet(Generic[T], Closeable):
    """The tool set of one sandbox from `template`, created on the first call, or of the running sandbox
    `sandbox_id` (connected on first use, never deleted by the set). Iterating gives its tools; `call(name,
    arguments)` runs one. A subclass names its `kind` and `FUNCTIONS`, makes its tools (`_tool`) and runs calls."""

    kind: ClassVar[str]  # "sandbox", "browser": in messages
    FUNCTIONS: ClassVar[tuple[ToolFunction, ...]]

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
        self._closed = False
        self._by_name = {function.name: function for function in self.FUNCTIONS}
        self.functions = [self._tool(function) for function in self.FUNCTIONS]

    def _tool(self, function: ToolFunction) -> T:
        raise NotImplementedError

    def __iter__(self) -> Iterator[T]:
        return iter(self.functions)

    def __len__(self) -> int:
        return len(self.functions)

    def get(self, name: str) -> T:
        for tool in self.functions:
            if tool.name == name:
                return tool
        raise self._unknown(name)

    def _unknown(self, name: object) -> errors.InvalidArgumentError:
        return errors.InvalidArgumentError(f"no {self.kind} tool {name!r} (there are {sorted(self._by_name)})")

    def _checked(self, name: str, arguments: Mapping[str, Any] | None) -> dict[str, Any]:
        """The arguments of a call of `name`, checked against its input schema (InvalidArgumentError)."""
        function = self._by_name.get(name) if isinstance(name, str) else None
        if function is None:
            raise self._unknown(name)
        if arguments is not None and not isinstance(arguments, Mapping):
            raise errors.InvalidArgumentError(f"arguments must be a mapping of argument names, got {arguments!r}")
        return check_arguments(function, arguments or {})

    @property
    def sandbox(self) -> Sandbox | None:
        """The sandbox, once a call has created (or connected) it."""
        return self._sandbox

    async def _open_sandbox(self) -> Sandbox:
        """(Under the lock.) The sandbox, created or connected now if need be."""
        if self._closed:
            raise errors.InvalidArgumentError(f"these {self.kind} tools are closed: make a new set")
        if self._sandbox is None and self._sandbox_id is not None:
            self._sandbox = await self._sandboxes.connect(self._sandbox_id)
        if self._sandbox is None:
            assert self.template is not None
            sandbox = await self._sandboxes.create(
                self.template, idle_timeout=self._idle_timeout, ready_timeout=self._ready_timeout
            )
            if self._closed:  # closed while it was being created: it is nobody's now
                await shielded(sandbox._discard)
                raise errors.InvalidArgumentError(f"these {self.kind} tools were closed while starting their sandbox")
            self._sandbox = sandbox
        return self._sandbox

    async def _release(self) -> None:
        """Let go of what the set holds in the sandbox (before it is deleted)."""

    async def aclose(self) -> None:
        """Delete the sandbox (if a call created one; one given by `sandbox_id` is left alone); the set cannot be
        used afterwards."""
        self._closed = True
        try:
            await self._release()
        finally:
            sandbox, self._sandbox = self._sandbox, None
            if sandbox is not None and self._sandbox_id is None:
                await shielded(sandbox._discard)

    def __repr__(self) -> str:
        sandbox = self._sandbox.id if self._sandbox is not None else self._sandbox_id
        return f"{type(self).__name__}(template={self.template!r}, sandbox={sandbox!r})"
