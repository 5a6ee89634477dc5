"""NASMountConfig: defined once (openapi/shared.yaml), so the control plane's class serves this plane too."""

from agentrun_control_api.models.nas_mount_config import NASMountConfig

__all__ = ["NASMountConfig"]
