"""Sandboxes, the templates they are created from, and the work done inside them: code (code.py, typed results in
execution.py), files (files.py) and commands (commands.py)."""

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
