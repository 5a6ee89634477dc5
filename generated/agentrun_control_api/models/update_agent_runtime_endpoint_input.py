from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.routing_configuration import RoutingConfiguration
    from ..models.scaling_config import ScalingConfig


T = TypeVar("T", bound="UpdateAgentRuntimeEndpointInput")


@_dataclass(slots=True, weakref_slot=True)
class UpdateAgentRuntimeEndpointInput:
    """Body of UpdateAgentRuntimeEndpoint; the server merges the supplied keys."""

    agent_runtime_endpoint_name: str | Unset = UNSET
    """ Endpoint name. """
    delete_scaling_config: bool | Unset = UNSET
    """ Update only. true removes the existing scaling configuration. """
    description: str | Unset = UNSET
    disable_public_network_access: bool | Unset = UNSET
    """ true disables the public URL of this endpoint. """
    routing_configuration: RoutingConfiguration | Unset = UNSET
    """ Weighted multi-version routing. """
    scaling_config: ScalingConfig | Unset = UNSET
    """ Scaling input. """
    target_version: str | Unset = UNSET
    """ Runtime version served. """
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agent_runtime_endpoint_name = self.agent_runtime_endpoint_name

        delete_scaling_config = self.delete_scaling_config

        description = self.description

        disable_public_network_access = self.disable_public_network_access

        routing_configuration: dict[str, Any] | Unset = UNSET
        if not isinstance(self.routing_configuration, Unset):
            routing_configuration = self.routing_configuration.to_dict()

        scaling_config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.scaling_config, Unset):
            scaling_config = self.scaling_config.to_dict()

        target_version = self.target_version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if agent_runtime_endpoint_name is not UNSET:
            field_dict["agentRuntimeEndpointName"] = agent_runtime_endpoint_name
        if delete_scaling_config is not UNSET:
            field_dict["deleteScalingConfig"] = delete_scaling_config
        if description is not UNSET:
            field_dict["description"] = description
        if disable_public_network_access is not UNSET:
            field_dict["disablePublicNetworkAccess"] = disable_public_network_access
        if routing_configuration is not UNSET:
            field_dict["routingConfiguration"] = routing_configuration
        if scaling_config is not UNSET:
            field_dict["scalingConfig"] = scaling_config
        if target_version is not UNSET:
            field_dict["targetVersion"] = target_version

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.routing_configuration import RoutingConfiguration  # noqa: PLC0415
        from ..models.scaling_config import ScalingConfig  # noqa: PLC0415

        d = dict(src_dict)
        agent_runtime_endpoint_name = d.pop("agentRuntimeEndpointName", UNSET)

        delete_scaling_config = d.pop("deleteScalingConfig", UNSET)

        description = d.pop("description", UNSET)

        disable_public_network_access = d.pop("disablePublicNetworkAccess", UNSET)

        _routing_configuration = d.pop("routingConfiguration", UNSET)
        routing_configuration: RoutingConfiguration | Unset
        if isinstance(_routing_configuration, Unset):
            routing_configuration = UNSET
        else:
            routing_configuration = RoutingConfiguration.from_dict(_routing_configuration)

        _scaling_config = d.pop("scalingConfig", UNSET)
        scaling_config: ScalingConfig | Unset
        if isinstance(_scaling_config, Unset):
            scaling_config = UNSET
        else:
            scaling_config = ScalingConfig.from_dict(_scaling_config)

        target_version = d.pop("targetVersion", UNSET)

        update_agent_runtime_endpoint_input = cls(
            agent_runtime_endpoint_name=agent_runtime_endpoint_name,
            delete_scaling_config=delete_scaling_config,
            description=description,
            disable_public_network_access=disable_public_network_access,
            routing_configuration=routing_configuration,
            scaling_config=scaling_config,
            target_version=target_version,
        )

        update_agent_runtime_endpoint_input.additional_properties = d
        return update_agent_runtime_endpoint_input

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
