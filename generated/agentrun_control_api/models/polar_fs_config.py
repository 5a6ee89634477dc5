from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.polar_fs_mount_config import PolarFsMountConfig


T = TypeVar("T", bound="PolarFsConfig")


@_attrs_define
class PolarFsConfig:
    """PolarFS mounts."""

    group_id: int | Unset = UNSET
    """ POSIX group ID. """
    mount_points: list[PolarFsMountConfig] | Unset = UNSET
    user_id: int | Unset = UNSET
    """ POSIX user ID. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        group_id = self.group_id

        mount_points: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.mount_points, Unset):
            mount_points = []
            for mount_points_item_data in self.mount_points:
                mount_points_item = mount_points_item_data.to_dict()
                mount_points.append(mount_points_item)

        user_id = self.user_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if group_id is not UNSET:
            field_dict["groupId"] = group_id
        if mount_points is not UNSET:
            field_dict["mountPoints"] = mount_points
        if user_id is not UNSET:
            field_dict["userId"] = user_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.polar_fs_mount_config import PolarFsMountConfig  # noqa: PLC0415

        d = dict(src_dict)
        group_id = d.pop("groupId", UNSET)

        _mount_points = d.pop("mountPoints", UNSET)
        mount_points: list[PolarFsMountConfig] | Unset = UNSET
        if _mount_points is not UNSET:
            mount_points = []
            for mount_points_item_data in _mount_points:
                mount_points_item = PolarFsMountConfig.from_dict(mount_points_item_data)

                mount_points.append(mount_points_item)

        user_id = d.pop("userId", UNSET)

        polar_fs_config = cls(
            group_id=group_id,
            mount_points=mount_points,
            user_id=user_id,
        )

        polar_fs_config.additional_properties = d
        return polar_fs_config

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
