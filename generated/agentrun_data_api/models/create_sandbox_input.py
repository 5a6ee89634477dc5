"""CreateSandboxInput: defined once (openapi/shared.yaml), so the control plane's class serves this plane too."""

from agentrun_control_api.models.create_sandbox_input import CreateSandboxInput

__all__ = ["CreateSandboxInput"]
