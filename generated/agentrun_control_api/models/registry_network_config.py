from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..types import UNSET, Unset

T = TypeVar("T", bound="RegistryNetworkConfig")


@_dataclass(slots=True, weakref_slot=True)
class RegistryNetworkConfig:
    """Network path to a private registry."""

    security_group_id: str | Unset = UNSET
    v_switch_id: str | Unset = UNSET
    vpc_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        security_group_id = self.security_group_id

        v_switch_id = self.v_switch_id

        vpc_id = self.vpc_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if security_group_id is not UNSET:
            field_dict["securityGroupId"] = security_group_id
        if v_switch_id is not UNSET:
            field_dict["vSwitchId"] = v_switch_id
        if vpc_id is not UNSET:
            field_dict["vpcId"] = vpc_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        security_group_id = d.pop("securityGroupId", UNSET)

        v_switch_id = d.pop("vSwitchId", UNSET)

        vpc_id = d.pop("vpcId", UNSET)

        registry_network_config = cls(
            security_group_id=security_group_id,
            v_switch_id=v_switch_id,
            vpc_id=vpc_id,
        )

        registry_network_config.additional_properties = d
        return registry_network_config

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
