from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..models.protocol_type import ProtocolType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.protocol_settings import ProtocolSettings


T = TypeVar("T", bound="ProtocolConfiguration")


@_dataclass(slots=True, weakref_slot=True)
class ProtocolConfiguration:
    """Protocol of an agent runtime. Servers should store and return it unchanged, including externalEndpoint."""

    external_endpoint: str | Unset = UNSET
    """ SuperAgent only. Data-plane endpoint of the SuperAgent (absent from the vendor model; added by the SDK). """
    protocol_settings: list[ProtocolSettings] | Unset = UNSET
    type_: ProtocolType | Unset = UNSET
    """ Protocol of an agent runtime. """
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        external_endpoint = self.external_endpoint

        protocol_settings: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.protocol_settings, Unset):
            protocol_settings = []
            for protocol_settings_item_data in self.protocol_settings:
                protocol_settings_item = protocol_settings_item_data.to_dict()
                protocol_settings.append(protocol_settings_item)

        type_: str | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = self.type_.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if external_endpoint is not UNSET:
            field_dict["externalEndpoint"] = external_endpoint
        if protocol_settings is not UNSET:
            field_dict["protocolSettings"] = protocol_settings
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.protocol_settings import ProtocolSettings  # noqa: PLC0415

        d = dict(src_dict)
        external_endpoint = d.pop("externalEndpoint", UNSET)

        _protocol_settings = d.pop("protocolSettings", UNSET)
        protocol_settings: list[ProtocolSettings] | Unset = UNSET
        if _protocol_settings is not UNSET:
            protocol_settings = []
            for protocol_settings_item_data in _protocol_settings:
                protocol_settings_item = ProtocolSettings.from_dict(protocol_settings_item_data)

                protocol_settings.append(protocol_settings_item)

        _type_ = d.pop("type", UNSET)
        type_: ProtocolType | Unset
        if isinstance(_type_, Unset):
            type_ = UNSET
        else:
            type_ = ProtocolType(_type_)

        protocol_configuration = cls(
            external_endpoint=external_endpoint,
            protocol_settings=protocol_settings,
            type_=type_,
        )

        protocol_configuration.additional_properties = d
        return protocol_configuration

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
