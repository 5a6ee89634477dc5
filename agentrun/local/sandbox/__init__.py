"""The sandbox engine of AgentRun Local: isolated sandboxes (bubblewrap namespaces, rlimits, optional cgroups) with
stateful Python and JavaScript code contexts started from a per-sandbox zygote, streamed execution events, and
processes (shell commands with stdin, streamed output and group kill).

The data-plane routes use `SandboxEngine` (engine.py; code contexts in contexts.py, processes in processes.py);
`zygote.py`, `worker.py` and `worker.js` run inside the sandboxes.
"""

from __future__ import annotations

from agentrun.local.sandbox.contexts import ContextHandle, Execution
from agentrun.local.sandbox.engine import SandboxEngine, SandboxHandle
from agentrun.local.sandbox.errors import (
    ContextDied,
    ContextNotFound,
    InvalidArgument,
    IsolationUnavailable,
    ProcessFailed,
    ProcessNotFound,
    SandboxError,
    SandboxExists,
    SandboxFailed,
    SandboxNotFound,
    StdinClosed,
    UnsupportedLanguage,
)
from agentrun.local.sandbox.events import End, Error, ExecutionEvent, Result, Stderr, Stdout, fold
from agentrun.local.sandbox.limits import Limits
from agentrun.local.sandbox.processes import (
    CommandResult,
    OutputChunk,
    OutputDropped,
    ProcessExit,
    ProcessHandle,
    ProcessOutput,
)

__all__ = [
    "CommandResult",
    "ContextDied",
    "ContextHandle",
    "ContextNotFound",
    "End",
    "Error",
    "Execution",
    "ExecutionEvent",
    "InvalidArgument",
    "IsolationUnavailable",
    "Limits",
    "OutputChunk",
    "OutputDropped",
    "ProcessExit",
    "ProcessFailed",
    "ProcessHandle",
    "ProcessNotFound",
    "ProcessOutput",
    "Result",
    "SandboxEngine",
    "SandboxError",
    "SandboxExists",
    "SandboxFailed",
    "SandboxHandle",
    "SandboxNotFound",
    "Stderr",
    "StdinClosed",
    "Stdout",
    "UnsupportedLanguage",
    "fold",
]
