"""Sandboxes, the templates they are created from, and the work done inside them: code (code.py, typed results in
execution.py), files (files.py) and commands (commands.py)."""

from typing import TYPE_CHECKING

from agentrun._core.lazy import lazy_exports

if TYPE_CHECKING:
    from agentrun.sandbox.code import CodeContext
    from agentrun.sandbox.commands import CommandHandle, CommandResult, Commands, Exit, ProcessEvent, ProcessInfo
    from agentrun.sandbox.execution import (
        End,
        Execution,
        ExecutionError,
        ExecutionEvent,
        Logs,
        Result,
        Stderr,
        Stdout,
    )
    from agentrun.sandbox.files import EntryInfo, Files
    from agentrun.sandbox.sandbox import Sandbox, Sandboxes
    from agentrun.sandbox.template import Template, Templates

# Names are imported on first use: the templates manager needs none of the sandbox's file, command or browser APIs.
_EXPORTS = {
    "CodeContext": "code",
    "CommandHandle": "commands",
    "CommandResult": "commands",
    "Commands": "commands",
    "Exit": "commands",
    "ProcessEvent": "commands",
    "ProcessInfo": "commands",
    "End": "execution",
    "Execution": "execution",
    "ExecutionError": "execution",
    "ExecutionEvent": "execution",
    "Logs": "execution",
    "Result": "execution",
    "Stderr": "execution",
    "Stdout": "execution",
    "EntryInfo": "files",
    "Files": "files",
    "Sandbox": "sandbox",
    "Sandboxes": "sandbox",
    "Template": "template",
    "Templates": "template",
}

__all__ = [
    "CodeContext",
    "CommandHandle",
    "CommandResult",
    "Commands",
    "End",
    "EntryInfo",
    "Execution",
    "ExecutionError",
    "ExecutionEvent",
    "Exit",
    "Files",
    "Logs",
    "ProcessEvent",
    "ProcessInfo",
    "Result",
    "Sandbox",
    "Sandboxes",
    "Stderr",
    "Stdout",
    "Template",
    "Templates",
]


__getattr__ = lazy_exports(__name__, _EXPORTS)
