from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.nas_config import NASConfig
    from ..models.oss_mount_config import OSSMountConfig
    from ..models.polar_fs_config import PolarFsConfig


T = TypeVar("T", bound="CreateSandboxInput")


@_attrs_define
class CreateSandboxInput:
    """Body of CreateSandbox."""

    template_name: str
    """ Template to create the sandbox from. """
    nas_config: NASConfig | Unset = UNSET
    """ NAS mounts. """
    oss_mount_config: OSSMountConfig | Unset = UNSET
    """ OSS mounts. """
    polar_fs_config: PolarFsConfig | Unset = UNSET
    """ PolarFS mounts. """
    sandbox_id: str | Unset = UNSET
    """ Sandbox ID chosen by the caller (optional); 1 to 128 letters, digits, '.', '_' and '-', starting with a
    letter or digit. """
    sandbox_idle_timeout_in_seconds: int | Unset = UNSET
    """ Alias of sandboxIdleTimeoutSeconds (both spellings exist in the vendor input). """
    sandbox_idle_timeout_seconds: int | Unset = UNSET
    """ Idle timeout in seconds. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        template_name = self.template_name

        nas_config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.nas_config, Unset):
            nas_config = self.nas_config.to_dict()

        oss_mount_config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.oss_mount_config, Unset):
            oss_mount_config = self.oss_mount_config.to_dict()

        polar_fs_config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.polar_fs_config, Unset):
            polar_fs_config = self.polar_fs_config.to_dict()

        sandbox_id = self.sandbox_id

        sandbox_idle_timeout_in_seconds = self.sandbox_idle_timeout_in_seconds

        sandbox_idle_timeout_seconds = self.sandbox_idle_timeout_seconds

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "templateName": template_name,
            }
        )
        if nas_config is not UNSET:
            field_dict["nasConfig"] = nas_config
        if oss_mount_config is not UNSET:
            field_dict["ossMountConfig"] = oss_mount_config
        if polar_fs_config is not UNSET:
            field_dict["polarFsConfig"] = polar_fs_config
        if sandbox_id is not UNSET:
            field_dict["sandboxId"] = sandbox_id
        if sandbox_idle_timeout_in_seconds is not UNSET:
            field_dict["sandboxIdleTimeoutInSeconds"] = sandbox_idle_timeout_in_seconds
        if sandbox_idle_timeout_seconds is not UNSET:
            field_dict["sandboxIdleTimeoutSeconds"] = sandbox_idle_timeout_seconds

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.nas_config import NASConfig  # noqa: PLC0415
        from ..models.oss_mount_config import OSSMountConfig  # noqa: PLC0415
        from ..models.polar_fs_config import PolarFsConfig  # noqa: PLC0415

        d = dict(src_dict)
        template_name = d.pop("templateName")

        _nas_config = d.pop("nasConfig", UNSET)
        nas_config: NASConfig | Unset
        if isinstance(_nas_config, Unset):
            nas_config = UNSET
        else:
            nas_config = NASConfig.from_dict(_nas_config)

        _oss_mount_config = d.pop("ossMountConfig", UNSET)
        oss_mount_config: OSSMountConfig | Unset
        if isinstance(_oss_mount_config, Unset):
            oss_mount_config = UNSET
        else:
            oss_mount_config = OSSMountConfig.from_dict(_oss_mount_config)

        _polar_fs_config = d.pop("polarFsConfig", UNSET)
        polar_fs_config: PolarFsConfig | Unset
        if isinstance(_polar_fs_config, Unset):
            polar_fs_config = UNSET
        else:
            polar_fs_config = PolarFsConfig.from_dict(_polar_fs_config)

        sandbox_id = d.pop("sandboxId", UNSET)

        sandbox_idle_timeout_in_seconds = d.pop("sandboxIdleTimeoutInSeconds", UNSET)

        sandbox_idle_timeout_seconds = d.pop("sandboxIdleTimeoutSeconds", UNSET)

        create_sandbox_input = cls(
            template_name=template_name,
            nas_config=nas_config,
            oss_mount_config=oss_mount_config,
            polar_fs_config=polar_fs_config,
            sandbox_id=sandbox_id,
            sandbox_idle_timeout_in_seconds=sandbox_idle_timeout_in_seconds,
            sandbox_idle_timeout_seconds=sandbox_idle_timeout_seconds,
        )

        create_sandbox_input.additional_properties = d
        return create_sandbox_input

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
