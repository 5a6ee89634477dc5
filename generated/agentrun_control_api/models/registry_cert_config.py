from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..types import UNSET, Unset

T = TypeVar("T", bound="RegistryCertConfig")


@_dataclass(slots=True, weakref_slot=True)
class RegistryCertConfig:
    """Registry TLS settings."""

    insecure: bool | Unset = UNSET
    """ Skip TLS verification. """
    root_ca_cert_base_64: str | Unset = UNSET
    """ Base64-encoded root CA certificate. """
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        insecure = self.insecure

        root_ca_cert_base_64 = self.root_ca_cert_base_64

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if insecure is not UNSET:
            field_dict["insecure"] = insecure
        if root_ca_cert_base_64 is not UNSET:
            field_dict["rootCaCertBase64"] = root_ca_cert_base_64

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        insecure = d.pop("insecure", UNSET)

        root_ca_cert_base_64 = d.pop("rootCaCertBase64", UNSET)

        registry_cert_config = cls(
            insecure=insecure,
            root_ca_cert_base_64=root_ca_cert_base_64,
        )

        registry_cert_config.additional_properties = d
        return registry_cert_config

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
