"""OSSMountPoint: defined once (openapi/shared.yaml), so the control plane's class serves this plane too."""

from agentrun_control_api.models.oss_mount_point import OSSMountPoint

__all__ = ["OSSMountPoint"]
