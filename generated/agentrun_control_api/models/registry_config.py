from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.registry_auth_config import RegistryAuthConfig
    from ..models.registry_cert_config import RegistryCertConfig
    from ..models.registry_network_config import RegistryNetworkConfig


T = TypeVar("T", bound="RegistryConfig")


@_dataclass(slots=True, weakref_slot=True)
class RegistryConfig:
    """Access settings of a custom image registry."""

    auth_config: RegistryAuthConfig | Unset = UNSET
    """ Registry login. """
    cert_config: RegistryCertConfig | Unset = UNSET
    """ Registry TLS settings. """
    network_config: RegistryNetworkConfig | Unset = UNSET
    """ Network path to a private registry. """
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        auth_config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.auth_config, Unset):
            auth_config = self.auth_config.to_dict()

        cert_config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.cert_config, Unset):
            cert_config = self.cert_config.to_dict()

        network_config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.network_config, Unset):
            network_config = self.network_config.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if auth_config is not UNSET:
            field_dict["authConfig"] = auth_config
        if cert_config is not UNSET:
            field_dict["certConfig"] = cert_config
        if network_config is not UNSET:
            field_dict["networkConfig"] = network_config

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.registry_auth_config import RegistryAuthConfig  # noqa: PLC0415
        from ..models.registry_cert_config import RegistryCertConfig  # noqa: PLC0415
        from ..models.registry_network_config import RegistryNetworkConfig  # noqa: PLC0415

        d = dict(src_dict)
        _auth_config = d.pop("authConfig", UNSET)
        auth_config: RegistryAuthConfig | Unset
        if isinstance(_auth_config, Unset):
            auth_config = UNSET
        else:
            auth_config = RegistryAuthConfig.from_dict(_auth_config)

        _cert_config = d.pop("certConfig", UNSET)
        cert_config: RegistryCertConfig | Unset
        if isinstance(_cert_config, Unset):
            cert_config = UNSET
        else:
            cert_config = RegistryCertConfig.from_dict(_cert_config)

        _network_config = d.pop("networkConfig", UNSET)
        network_config: RegistryNetworkConfig | Unset
        if isinstance(_network_config, Unset):
            network_config = UNSET
        else:
            network_config = RegistryNetworkConfig.from_dict(_network_config)

        registry_config = cls(
            auth_config=auth_config,
            cert_config=cert_config,
            network_config=network_config,
        )

        registry_config.additional_properties = d
        return registry_config

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
