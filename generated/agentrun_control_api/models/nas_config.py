from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.nas_mount_config import NASMountConfig


T = TypeVar("T", bound="NASConfig")


@_attrs_define
class NASConfig:
    """NAS mounts."""

    group_id: int | Unset = UNSET
    """ POSIX group ID. """
    mount_points: list[NASMountConfig] | Unset = UNSET
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
        from ..models.nas_mount_config import NASMountConfig  # noqa: PLC0415

        d = dict(src_dict)
        group_id = d.pop("groupId", UNSET)

        _mount_points = d.pop("mountPoints", UNSET)
        mount_points: list[NASMountConfig] | Unset = UNSET
        if _mount_points is not UNSET:
            mount_points = []
            for mount_points_item_data in _mount_points:
                mount_points_item = NASMountConfig.from_dict(mount_points_item_data)

                mount_points.append(mount_points_item)

        user_id = d.pop("userId", UNSET)

        nas_config = cls(
            group_id=group_id,
            mount_points=mount_points,
            user_id=user_id,
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
