"""The server's running sandboxes: the sandbox engine kept in step with the store records both planes share, the
reaper that ends idle and expired sandboxes, and the mapping of engine errors onto API errors."""

from __future__ import annotations

from agentrun.local.sandbox_manager.manager import SandboxManager

__all__ = ["SandboxManager"]
