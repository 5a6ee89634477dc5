"""PolarFsConfig: defined once (openapi/shared.yaml), so the control plane's class serves this plane too."""

from agentrun_control_api.models.polar_fs_config import PolarFsConfig

__all__ = ["PolarFsConfig"]
