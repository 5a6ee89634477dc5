"""Errors of the sandbox engine, a hierarchy of its own: the engine knows nothing of the SDK or of HTTP.
sandbox_manager/errors.py maps them onto API errors (400, 404, 409, 500...)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")


class SandboxError(Exception):
    """Base class of every sandbox engine error."""


class InvalidArgument(SandboxError, ValueError):
    """An argument the engine refuses (a sandbox id, a command, cwd, environment or timeout it cannot use): the
    caller's to change."""


class IsolationUnavailable(SandboxError):
    """Sandboxes cannot be isolated on this machine; `reason` says why. Only `unsafe_no_isolation=True` (the
    server's `--unsafe-no-isolation`) runs code without isolation."""

    def __init__(self, reason: str) -> None:
        super().__init__(
            f"cannot isolate sandboxes on this machine: {reason}. "
            "Fix the cause, or start AgentRun Local with --unsafe-no-isolation to run code without any isolation."
        )
        self.reason = reason


class NotFound(SandboxError, KeyError):
    """No sandbox, context or process by that key."""

    def __str__(self) -> str:
        return str(self.args[0])  # the message, not KeyError's quoted repr of it


def found(table: Mapping[K, V], key: K, missing: Callable[[K], NotFound]) -> V:
    """`table[key]`, or the engine's not-found error for `key`."""
    try:
        return table[key]
    except KeyError:
        raise missing(key) from None


class SandboxNotFound(NotFound):
    def __init__(self, sandbox_id: str) -> None:
        super().__init__(f"no running sandbox {sandbox_id}")
        self.sandbox_id = sandbox_id


class SandboxExists(SandboxError):
    def __init__(self, sandbox_id: str) -> None:
        super().__init__(f"sandbox {sandbox_id} is already running")
        self.sandbox_id = sandbox_id


class SandboxFailed(SandboxError):
    """The sandbox could not start, or its zygote stopped answering (it is then unusable: destroy it)."""


class ContextNotFound(NotFound):
    def __init__(self, context_id: str) -> None:
        super().__init__(f"no code context {context_id}")
        self.context_id = context_id


class ContextDied(SandboxError):
    """The context's process is gone (killed after a timeout, out of memory, or exited); its state is lost."""


class UnsupportedLanguage(SandboxError, ValueError):
    def __init__(self, language: str, supported: tuple[str, ...] = ("python",), reason: str | None = None) -> None:
        detail = reason or f"supported languages: {', '.join(supported)}"
        super().__init__(f"unsupported language {language!r}; {detail}")
        self.language = language
        self.supported = supported


class ProcessNotFound(NotFound):
    def __init__(self, pid: int) -> None:
        super().__init__(f"no process {pid} in this sandbox (only processes started through the API are known)")
        self.pid = pid


class ProcessFailed(SandboxError):
    """A process could not be started (for example the sandbox's process limit was reached); the sandbox itself
    is fine."""


class StdinClosed(SandboxError):
    """The process's stdin is closed (by `close_stdin`, by the process, or because it exited)."""
