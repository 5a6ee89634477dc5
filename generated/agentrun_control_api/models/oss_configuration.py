from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..models.oss_permission import OssPermission
from ..types import UNSET, Unset

T = TypeVar("T", bound="OssConfiguration")


@_dataclass(slots=True, weakref_slot=True)
class OssConfiguration:
    """One OSS mount of a sandbox template. The vendor model documents bucketName, mountPoint and prefix as required."""

    bucket_name: str | Unset = UNSET
    """ OSS bucket name. """
    endpoint: str | Unset = UNSET
    """ OSS endpoint. """
    mount_point: str | Unset = UNSET
    """ Mount directory inside the sandbox. """
    permission: OssPermission | Unset = UNSET
    """ Access permission of a template OSS mount. """
    prefix: str | Unset = UNSET
    """ Object key prefix. """
    region: str | Unset = UNSET
    """ Bucket region. """
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        bucket_name = self.bucket_name

        endpoint = self.endpoint

        mount_point = self.mount_point

        permission: str | Unset = UNSET
        if not isinstance(self.permission, Unset):
            permission = self.permission.value

        prefix = self.prefix

        region = self.region

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if bucket_name is not UNSET:
            field_dict["bucketName"] = bucket_name
        if endpoint is not UNSET:
            field_dict["endpoint"] = endpoint
        if mount_point is not UNSET:
            field_dict["mountPoint"] = mount_point
        if permission is not UNSET:
            field_dict["permission"] = permission
        if prefix is not UNSET:
            field_dict["prefix"] = prefix
        if region is not UNSET:
            field_dict["region"] = region

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        bucket_name = d.pop("bucketName", UNSET)

        endpoint = d.pop("endpoint", UNSET)

        mount_point = d.pop("mountPoint", UNSET)

        _permission = d.pop("permission", UNSET)
        permission: OssPermission | Unset
        if isinstance(_permission, Unset):
            permission = UNSET
        else:
            permission = OssPermission(_permission)

        prefix = d.pop("prefix", UNSET)

        region = d.pop("region", UNSET)

        oss_configuration = cls(
            bucket_name=bucket_name,
            endpoint=endpoint,
            mount_point=mount_point,
            permission=permission,
            prefix=prefix,
            region=region,
        )

        oss_configuration.additional_properties = d
        return oss_configuration

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
