from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..models.network_mode import NetworkMode
from ..types import UNSET, Unset

T = TypeVar("T", bound="NetworkConfiguration")


@_dataclass(slots=True, weakref_slot=True)
class NetworkConfiguration:
    """Network settings. The official SDK sends {"networkMode":"PUBLIC"} by default."""

    network_mode: NetworkMode | Unset = UNSET
    """ Network mode. """
    security_group_id: str | Unset = UNSET
    """ Security group ID (private modes). """
    vpc_id: str | Unset = UNSET
    """ VPC ID (private modes). """
    vswitch_ids: list[str] | Unset = UNSET
    """ vSwitch IDs (private modes). """
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        network_mode: str | Unset = UNSET
        if not isinstance(self.network_mode, Unset):
            network_mode = self.network_mode.value

        security_group_id = self.security_group_id

        vpc_id = self.vpc_id

        vswitch_ids: list[str] | Unset = UNSET
        if not isinstance(self.vswitch_ids, Unset):
            vswitch_ids = self.vswitch_ids

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if network_mode is not UNSET:
            field_dict["networkMode"] = network_mode
        if security_group_id is not UNSET:
            field_dict["securityGroupId"] = security_group_id
        if vpc_id is not UNSET:
            field_dict["vpcId"] = vpc_id
        if vswitch_ids is not UNSET:
            field_dict["vswitchIds"] = vswitch_ids

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _network_mode = d.pop("networkMode", UNSET)
        network_mode: NetworkMode | Unset
        if isinstance(_network_mode, Unset):
            network_mode = UNSET
        else:
            network_mode = NetworkMode(_network_mode)

        security_group_id = d.pop("securityGroupId", UNSET)

        vpc_id = d.pop("vpcId", UNSET)

        vswitch_ids = cast(list[str], d.pop("vswitchIds", UNSET))

        network_configuration = cls(
            network_mode=network_mode,
            security_group_id=security_group_id,
            vpc_id=vpc_id,
            vswitch_ids=vswitch_ids,
        )

        network_configuration.additional_properties = d
        return network_configuration

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
