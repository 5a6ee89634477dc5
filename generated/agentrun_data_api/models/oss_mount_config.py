"""OSSMountConfig: defined once (openapi/shared.yaml), so the control plane's class serves this plane too."""

from agentrun_control_api.models.oss_mount_config import OSSMountConfig

__all__ = ["OSSMountConfig"]
