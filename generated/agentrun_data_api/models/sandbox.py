"""Sandbox: defined once (openapi/shared.yaml), so the control plane's class serves this plane too."""

from agentrun_control_api.models.sandbox import Sandbox

__all__ = ["Sandbox"]
