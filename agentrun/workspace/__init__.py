"""Workspaces: the folders that group AgentRun resources within an account."""

from agentrun.workspace.workspace import Workspace, Workspaces

__all__ = ["Workspace", "Workspaces"]
