"""ErrorResponse: defined once (openapi/shared.yaml), so the control plane's class serves this plane too."""

from agentrun_control_api.models.error_response import ErrorResponse

__all__ = ["ErrorResponse"]
