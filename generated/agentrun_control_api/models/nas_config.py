from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.nas_mount_config import NASMountConfig


T = TypeVar("T", bound="NASConfig")


@_dataclass(slots=True, weakref_slot=True)
class NASConfig:
    """NAS mounts."""

    group_id: int | None | Unset = UNSET
    """ POSIX group ID. """
    user_id: int | None | Unset = UNSET
    """ POSIX user ID. """
    mount_points: list[NASMountConfig] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        group_id: int | None | Unset
        if isinstance(self.group_id, Unset):
            group_id = UNSET
        else:
            group_id = self.group_id

        user_id: int | None | Unset
        if isinstance(self.user_id, Unset):
            user_id = UNSET
        else:
            user_id = self.user_id

        mount_points: list[dict[str, Any]] | None | Unset
        if isinstance(self.mount_points, Unset):
            mount_points = UNSET
        elif isinstance(self.mount_points, list):
            mount_points = []
            for mount_points_type_0_item_data in self.mount_points:
                mount_points_type_0_item = mount_points_type_0_item_data.to_dict()
                mount_points.append(mount_points_type_0_item)

        else:
            mount_points = self.mount_points

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if group_id is not UNSET:
            field_dict["groupId"] = group_id
        if user_id is not UNSET:
            field_dict["userId"] = user_id
        if mount_points is not UNSET:
            field_dict["mountPoints"] = mount_points

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.nas_mount_config import NASMountConfig  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_group_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        group_id = _parse_group_id(d.pop("groupId", UNSET))

        def _parse_user_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        user_id = _parse_user_id(d.pop("userId", UNSET))

        def _parse_mount_points(data: object) -> list[NASMountConfig] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                mount_points_type_0 = []
                _mount_points_type_0 = data
                for mount_points_type_0_item_data in _mount_points_type_0:
                    mount_points_type_0_item = NASMountConfig.from_dict(mount_points_type_0_item_data)

                    mount_points_type_0.append(mount_points_type_0_item)

                return mount_points_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[NASMountConfig] | None | Unset, data)

        mount_points = _parse_mount_points(d.pop("mountPoints", UNSET))

        nas_config = cls(
            group_id=group_id,
            user_id=user_id,
            mount_points=mount_points,
        )

        nas_config.additional_properties = d
        return nas_config

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
