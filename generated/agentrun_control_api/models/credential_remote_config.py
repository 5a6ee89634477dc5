from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CredentialRemoteConfig")


@_dataclass(slots=True, weakref_slot=True)
class CredentialRemoteConfig:
    """Remote JWKS settings."""

    timeout: int | Unset = UNSET
    """ Fetch timeout (ms). """
    ttl: int | Unset = UNSET
    """ Cache TTL (ms). """
    uri: str | Unset = UNSET
    """ JWKS URI. """
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        timeout = self.timeout

        ttl = self.ttl

        uri = self.uri

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if timeout is not UNSET:
            field_dict["timeout"] = timeout
        if ttl is not UNSET:
            field_dict["ttl"] = ttl
        if uri is not UNSET:
            field_dict["uri"] = uri

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        timeout = d.pop("timeout", UNSET)

        ttl = d.pop("ttl", UNSET)

        uri = d.pop("uri", UNSET)

        credential_remote_config = cls(
            timeout=timeout,
            ttl=ttl,
            uri=uri,
        )

        credential_remote_config.additional_properties = d
        return credential_remote_config

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
