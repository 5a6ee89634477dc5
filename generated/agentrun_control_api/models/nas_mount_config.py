from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="NASMountConfig")


@_attrs_define
class NASMountConfig:
    """One NAS mount point. The control-plane models spell the TLS flag `enableTLS`; the data-plane sandbox create sends
    `enableTls`. Servers accept both spellings.

    """

    enableTLS: bool | Unset = UNSET
    """ Mount over TLS (control-plane spelling). """
    enableTls: bool | Unset = UNSET
    """ Mount over TLS (data-plane spelling, accepted as an alias of enableTLS). """
    mount_dir: str | Unset = UNSET
    """ Mount directory inside the instance. """
    server_addr: str | Unset = UNSET
    """ NAS server address and export path. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        enableTLS = self.enableTLS

        enableTls = self.enableTls

        mount_dir = self.mount_dir

        server_addr = self.server_addr

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if enableTLS is not UNSET:
            field_dict["enableTLS"] = enableTLS
        if enableTls is not UNSET:
            field_dict["enableTls"] = enableTls
        if mount_dir is not UNSET:
            field_dict["mountDir"] = mount_dir
        if server_addr is not UNSET:
            field_dict["serverAddr"] = server_addr

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        enableTLS = d.pop("enableTLS", UNSET)

        enableTls = d.pop("enableTls", UNSET)

        mount_dir = d.pop("mountDir", UNSET)

        server_addr = d.pop("serverAddr", UNSET)

        nas_mount_config = cls(
            enableTLS=enableTLS,
            enableTls=enableTls,
            mount_dir=mount_dir,
            server_addr=server_addr,
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
