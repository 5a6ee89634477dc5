from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.nas_config import NASConfig
    from ..models.oss_mount_config import OSSMountConfig
    from ..models.polar_fs_config import PolarFsConfig


T = TypeVar("T", bound="CreateSandboxInput")


@_dataclass(slots=True, weakref_slot=True)
class CreateSandboxInput:
    """Body of CreateSandbox."""

    template_name: str
    """ Template to create the sandbox from. """
    sandbox_id: None | str | Unset = UNSET
    """ Sandbox ID chosen by the caller (optional): 1 to 128 letters, digits, '.', '_' and '-', starting with a
    letter or digit. """
    sandbox_idle_timeout_seconds: int | Unset = UNSET
    """ Idle timeout in seconds, fixed at create time (the official SDK sends 600 unless told otherwise). A sandbox
    lives at most 6 h. """
    sandbox_idle_timeout_in_seconds: int | Unset = UNSET
    """ Alias of sandboxIdleTimeoutSeconds (both spellings exist in the vendor input). """
    nas_config: NASConfig | None | Unset = UNSET
    oss_mount_config: None | OSSMountConfig | Unset = UNSET
    polar_fs_config: None | PolarFsConfig | Unset = UNSET
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.nas_config import NASConfig  # noqa: PLC0415
        from ..models.oss_mount_config import OSSMountConfig  # noqa: PLC0415
        from ..models.polar_fs_config import PolarFsConfig  # noqa: PLC0415

        template_name = self.template_name

        sandbox_id: None | str | Unset
        if isinstance(self.sandbox_id, Unset):
            sandbox_id = UNSET
        else:
            sandbox_id = self.sandbox_id

        sandbox_idle_timeout_seconds = self.sandbox_idle_timeout_seconds

        sandbox_idle_timeout_in_seconds = self.sandbox_idle_timeout_in_seconds

        nas_config: dict[str, Any] | None | Unset
        if isinstance(self.nas_config, Unset):
            nas_config = UNSET
        elif isinstance(self.nas_config, NASConfig):
            nas_config = self.nas_config.to_dict()
        else:
            nas_config = self.nas_config

        oss_mount_config: dict[str, Any] | None | Unset
        if isinstance(self.oss_mount_config, Unset):
            oss_mount_config = UNSET
        elif isinstance(self.oss_mount_config, OSSMountConfig):
            oss_mount_config = self.oss_mount_config.to_dict()
        else:
            oss_mount_config = self.oss_mount_config

        polar_fs_config: dict[str, Any] | None | Unset
        if isinstance(self.polar_fs_config, Unset):
            polar_fs_config = UNSET
        elif isinstance(self.polar_fs_config, PolarFsConfig):
            polar_fs_config = self.polar_fs_config.to_dict()
        else:
            polar_fs_config = self.polar_fs_config

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "templateName": template_name,
            }
        )
        if sandbox_id is not UNSET:
            field_dict["sandboxId"] = sandbox_id
        if sandbox_idle_timeout_seconds is not UNSET:
            field_dict["sandboxIdleTimeoutSeconds"] = sandbox_idle_timeout_seconds
        if sandbox_idle_timeout_in_seconds is not UNSET:
            field_dict["sandboxIdleTimeoutInSeconds"] = sandbox_idle_timeout_in_seconds
        if nas_config is not UNSET:
            field_dict["nasConfig"] = nas_config
        if oss_mount_config is not UNSET:
            field_dict["ossMountConfig"] = oss_mount_config
        if polar_fs_config is not UNSET:
            field_dict["polarFsConfig"] = polar_fs_config

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.nas_config import NASConfig  # noqa: PLC0415
        from ..models.oss_mount_config import OSSMountConfig  # noqa: PLC0415
        from ..models.polar_fs_config import PolarFsConfig  # noqa: PLC0415

        d = dict(src_dict)
        template_name = d.pop("templateName")

        def _parse_sandbox_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        sandbox_id = _parse_sandbox_id(d.pop("sandboxId", UNSET))

        sandbox_idle_timeout_seconds = d.pop("sandboxIdleTimeoutSeconds", UNSET)

        sandbox_idle_timeout_in_seconds = d.pop("sandboxIdleTimeoutInSeconds", UNSET)

        def _parse_nas_config(data: object) -> NASConfig | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                nas_config_type_0 = NASConfig.from_dict(data)

                return nas_config_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(NASConfig | None | Unset, data)

        nas_config = _parse_nas_config(d.pop("nasConfig", UNSET))

        def _parse_oss_mount_config(data: object) -> None | OSSMountConfig | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                oss_mount_config_type_0 = OSSMountConfig.from_dict(data)

                return oss_mount_config_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | OSSMountConfig | Unset, data)

        oss_mount_config = _parse_oss_mount_config(d.pop("ossMountConfig", UNSET))

        def _parse_polar_fs_config(data: object) -> None | PolarFsConfig | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                polar_fs_config_type_0 = PolarFsConfig.from_dict(data)

                return polar_fs_config_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PolarFsConfig | Unset, data)

        polar_fs_config = _parse_polar_fs_config(d.pop("polarFsConfig", UNSET))

        create_sandbox_input = cls(
            template_name=template_name,
            sandbox_id=sandbox_id,
            sandbox_idle_timeout_seconds=sandbox_idle_timeout_seconds,
            sandbox_idle_timeout_in_seconds=sandbox_idle_timeout_in_seconds,
            nas_config=nas_config,
            oss_mount_config=oss_mount_config,
            polar_fs_config=polar_fs_config,
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
