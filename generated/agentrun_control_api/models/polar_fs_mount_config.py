from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..types import UNSET, Unset

T = TypeVar("T", bound="PolarFsMountConfig")


@_dataclass(slots=True, weakref_slot=True)
class PolarFsMountConfig:
    """One PolarFS mount point."""

    instance_id: None | str | Unset = UNSET
    """ PolarFS instance ID. """
    mount_dir: None | str | Unset = UNSET
    """ Mount directory inside the instance. """
    remote_dir: None | str | Unset = UNSET
    """ Remote directory. """
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        instance_id: None | str | Unset
        if isinstance(self.instance_id, Unset):
            instance_id = UNSET
        else:
            instance_id = self.instance_id

        mount_dir: None | str | Unset
        if isinstance(self.mount_dir, Unset):
            mount_dir = UNSET
        else:
            mount_dir = self.mount_dir

        remote_dir: None | str | Unset
        if isinstance(self.remote_dir, Unset):
            remote_dir = UNSET
        else:
            remote_dir = self.remote_dir

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if instance_id is not UNSET:
            field_dict["instanceId"] = instance_id
        if mount_dir is not UNSET:
            field_dict["mountDir"] = mount_dir
        if remote_dir is not UNSET:
            field_dict["remoteDir"] = remote_dir

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_instance_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        instance_id = _parse_instance_id(d.pop("instanceId", UNSET))

        def _parse_mount_dir(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        mount_dir = _parse_mount_dir(d.pop("mountDir", UNSET))

        def _parse_remote_dir(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        remote_dir = _parse_remote_dir(d.pop("remoteDir", UNSET))

        polar_fs_mount_config = cls(
            instance_id=instance_id,
            mount_dir=mount_dir,
            remote_dir=remote_dir,
        )

        polar_fs_mount_config.additional_properties = d
        return polar_fs_mount_config

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
