from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..types import UNSET, Unset

T = TypeVar("T", bound="NASMountConfig")


@_dataclass(slots=True, weakref_slot=True)
class NASMountConfig:
    """One NAS mount point. TLS is spelled `enableTLS` by the control-plane models and third-party clients and `enableTls`
    by the official SDK's data-plane sandbox create; servers accept both (either true enables TLS).

    """

    server_addr: None | str | Unset = UNSET
    """ NAS mount target address (may include a remote path). """
    mount_dir: None | str | Unset = UNSET
    """ Mount directory inside the instance. """
    enableTLS: bool | None | Unset = UNSET
    """ Mount over TLS (control-plane spelling). """
    enableTls: bool | None | Unset = UNSET
    """ Mount over TLS (data-plane spelling, accepted as an alias of enableTLS). """
    remote_path: None | str | Unset = UNSET
    """ Remote path on the NAS file system (third-party clients). """
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        server_addr: None | str | Unset
        if isinstance(self.server_addr, Unset):
            server_addr = UNSET
        else:
            server_addr = self.server_addr

        mount_dir: None | str | Unset
        if isinstance(self.mount_dir, Unset):
            mount_dir = UNSET
        else:
            mount_dir = self.mount_dir

        enableTLS: bool | None | Unset
        if isinstance(self.enableTLS, Unset):
            enableTLS = UNSET
        else:
            enableTLS = self.enableTLS

        enableTls: bool | None | Unset
        if isinstance(self.enableTls, Unset):
            enableTls = UNSET
        else:
            enableTls = self.enableTls

        remote_path: None | str | Unset
        if isinstance(self.remote_path, Unset):
            remote_path = UNSET
        else:
            remote_path = self.remote_path

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if server_addr is not UNSET:
            field_dict["serverAddr"] = server_addr
        if mount_dir is not UNSET:
            field_dict["mountDir"] = mount_dir
        if enableTLS is not UNSET:
            field_dict["enableTLS"] = enableTLS
        if enableTls is not UNSET:
            field_dict["enableTls"] = enableTls
        if remote_path is not UNSET:
            field_dict["remotePath"] = remote_path

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_server_addr(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        server_addr = _parse_server_addr(d.pop("serverAddr", UNSET))

        def _parse_mount_dir(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        mount_dir = _parse_mount_dir(d.pop("mountDir", UNSET))

        def _parse_enableTLS(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        enableTLS = _parse_enableTLS(d.pop("enableTLS", UNSET))

        def _parse_enableTls(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        enableTls = _parse_enableTls(d.pop("enableTls", UNSET))

        def _parse_remote_path(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        remote_path = _parse_remote_path(d.pop("remotePath", UNSET))

        nas_mount_config = cls(
            server_addr=server_addr,
            mount_dir=mount_dir,
            enableTLS=enableTLS,
            enableTls=enableTls,
            remote_path=remote_path,
        )

        nas_mount_config.additional_properties = d
        return nas_mount_config

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
