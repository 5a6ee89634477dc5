"""The sandbox engine of AgentRun Local: isolated sandboxes (bubblewrap namespaces, rlimits, optional cgroups) with
stateful Python code contexts forked from a per-sandbox zygote, and streamed execution events.

The data-plane routes use `SandboxEngine` (engine.py); `worker.py` and `zygote.py` run inside the sandboxes.
"""

from __future__ import annotations

from agentrun.local.sandbox.engine import ContextHandle, Execution, SandboxEngine, SandboxHandle
from agentrun.local.sandbox.errors import (
    ContextDied,
    ContextNotFound,
    IsolationUnavailable,
    SandboxError,
    SandboxExists,
    SandboxFailed,
    SandboxNotFound,
    UnsupportedLanguage,
)
from agentrun.local.sandbox.events import End, Error, ExecutionEvent, Result, Stderr, Stdout, fold
from agentrun.local.sandbox.limits import Limits

__all__ = [
    "ContextDied",
    "ContextHandle",
    "ContextNotFound",
    "End",
    "Error",
    "Execution",
    "ExecutionEvent",
    "IsolationUnavailable",
    "Limits",
    "Result",
    "SandboxEngine",
    "SandboxError",
    "SandboxExists",
    "SandboxFailed",
    "SandboxHandle",
    "SandboxNotFound",
    "Stderr",
    "Stdout",
    "UnsupportedLanguage",
    "fold",
]
