"""Shared types: the control plane's (one `UNSET`, one `Operation` for both planes)."""

from agentrun_control_api.types import UNSET, File, FileTypes, Operation, OperationRequest, RequestFiles, Unset

__all__ = ["UNSET", "File", "FileTypes", "Operation", "OperationRequest", "RequestFiles", "Unset"]
