"""PolarFsMountConfig: defined once (openapi/shared.yaml), so the control plane's class serves this plane too."""

from agentrun_control_api.models.polar_fs_mount_config import PolarFsMountConfig

__all__ = ["PolarFsMountConfig"]
