from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..types import UNSET, Unset

T = TypeVar("T", bound="OSSMountPoint")


@_dataclass(slots=True, weakref_slot=True)
class OSSMountPoint:
    """One OSS mount point."""

    bucket_name: None | str | Unset = UNSET
    """ OSS bucket name. """
    bucket_path: None | str | Unset = UNSET
    """ Path inside the bucket. """
    endpoint: None | str | Unset = UNSET
    """ OSS endpoint. """
    mount_dir: None | str | Unset = UNSET
    """ Mount directory inside the instance. """
    read_only: bool | None | Unset = UNSET
    """ Mount read-only. """
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        bucket_name: None | str | Unset
        if isinstance(self.bucket_name, Unset):
            bucket_name = UNSET
        else:
            bucket_name = self.bucket_name

        bucket_path: None | str | Unset
        if isinstance(self.bucket_path, Unset):
            bucket_path = UNSET
        else:
            bucket_path = self.bucket_path

        endpoint: None | str | Unset
        if isinstance(self.endpoint, Unset):
            endpoint = UNSET
        else:
            endpoint = self.endpoint

        mount_dir: None | str | Unset
        if isinstance(self.mount_dir, Unset):
            mount_dir = UNSET
        else:
            mount_dir = self.mount_dir

        read_only: bool | None | Unset
        if isinstance(self.read_only, Unset):
            read_only = UNSET
        else:
            read_only = self.read_only

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if bucket_name is not UNSET:
            field_dict["bucketName"] = bucket_name
        if bucket_path is not UNSET:
            field_dict["bucketPath"] = bucket_path
        if endpoint is not UNSET:
            field_dict["endpoint"] = endpoint
        if mount_dir is not UNSET:
            field_dict["mountDir"] = mount_dir
        if read_only is not UNSET:
            field_dict["readOnly"] = read_only

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_bucket_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        bucket_name = _parse_bucket_name(d.pop("bucketName", UNSET))

        def _parse_bucket_path(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        bucket_path = _parse_bucket_path(d.pop("bucketPath", UNSET))

        def _parse_endpoint(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        endpoint = _parse_endpoint(d.pop("endpoint", UNSET))

        def _parse_mount_dir(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        mount_dir = _parse_mount_dir(d.pop("mountDir", UNSET))

        def _parse_read_only(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        read_only = _parse_read_only(d.pop("readOnly", UNSET))

        oss_mount_point = cls(
            bucket_name=bucket_name,
            bucket_path=bucket_path,
            endpoint=endpoint,
            mount_dir=mount_dir,
            read_only=read_only,
        )

        oss_mount_point.additional_properties = d
        return oss_mount_point

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
