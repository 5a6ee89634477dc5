from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..models.resource_status import ResourceStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.routing_configuration import RoutingConfiguration
    from ..models.scaling_status import ScalingStatus


T = TypeVar("T", bound="AgentRuntimeEndpoint")


@_dataclass(slots=True, weakref_slot=True)
class AgentRuntimeEndpoint:
    """An endpoint of an agent runtime."""

    agent_runtime_endpoint_arn: str | Unset = UNSET
    """ Endpoint ARN. """
    agent_runtime_endpoint_id: str | Unset = UNSET
    """ Server-generated ID; the {agentRuntimeEndpointId} path parameter. """
    agent_runtime_endpoint_name: str | Unset = UNSET
    """ Endpoint name, unique within the runtime. """
    agent_runtime_id: str | Unset = UNSET
    """ Owning runtime ID. """
    description: str | Unset = UNSET
    disable_public_network_access: bool | Unset = UNSET
    """ true disables the public URL of this endpoint. """
    endpoint_public_url: str | Unset = UNSET
    """ Public invocation URL. """
    routing_configuration: RoutingConfiguration | Unset = UNSET
    """ Weighted multi-version routing. """
    scaling_status: ScalingStatus | Unset = UNSET
    """ Scaling output. """
    status: ResourceStatus | Unset = UNSET
    """ Lifecycle status of control-plane resources. Transitional CREATING/UPDATING/DELETING; final READY and
    *_FAILED (FAILED appears in API docs for agent runtimes). Open set. """
    status_reason: str | Unset = UNSET
    """ Reason for the status, especially failures. """
    target_version: str | Unset = UNSET
    """ Runtime version served (e.g. LATEST). """
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agent_runtime_endpoint_arn = self.agent_runtime_endpoint_arn

        agent_runtime_endpoint_id = self.agent_runtime_endpoint_id

        agent_runtime_endpoint_name = self.agent_runtime_endpoint_name

        agent_runtime_id = self.agent_runtime_id

        description = self.description

        disable_public_network_access = self.disable_public_network_access

        endpoint_public_url = self.endpoint_public_url

        routing_configuration: dict[str, Any] | Unset = UNSET
        if not isinstance(self.routing_configuration, Unset):
            routing_configuration = self.routing_configuration.to_dict()

        scaling_status: dict[str, Any] | Unset = UNSET
        if not isinstance(self.scaling_status, Unset):
            scaling_status = self.scaling_status.to_dict()

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        status_reason = self.status_reason

        target_version = self.target_version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if agent_runtime_endpoint_arn is not UNSET:
            field_dict["agentRuntimeEndpointArn"] = agent_runtime_endpoint_arn
        if agent_runtime_endpoint_id is not UNSET:
            field_dict["agentRuntimeEndpointId"] = agent_runtime_endpoint_id
        if agent_runtime_endpoint_name is not UNSET:
            field_dict["agentRuntimeEndpointName"] = agent_runtime_endpoint_name
        if agent_runtime_id is not UNSET:
            field_dict["agentRuntimeId"] = agent_runtime_id
        if description is not UNSET:
            field_dict["description"] = description
        if disable_public_network_access is not UNSET:
            field_dict["disablePublicNetworkAccess"] = disable_public_network_access
        if endpoint_public_url is not UNSET:
            field_dict["endpointPublicUrl"] = endpoint_public_url
        if routing_configuration is not UNSET:
            field_dict["routingConfiguration"] = routing_configuration
        if scaling_status is not UNSET:
            field_dict["scalingStatus"] = scaling_status
        if status is not UNSET:
            field_dict["status"] = status
        if status_reason is not UNSET:
            field_dict["statusReason"] = status_reason
        if target_version is not UNSET:
            field_dict["targetVersion"] = target_version

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.routing_configuration import RoutingConfiguration  # noqa: PLC0415
        from ..models.scaling_status import ScalingStatus  # noqa: PLC0415

        d = dict(src_dict)
        agent_runtime_endpoint_arn = d.pop("agentRuntimeEndpointArn", UNSET)

        agent_runtime_endpoint_id = d.pop("agentRuntimeEndpointId", UNSET)

        agent_runtime_endpoint_name = d.pop("agentRuntimeEndpointName", UNSET)

        agent_runtime_id = d.pop("agentRuntimeId", UNSET)

        description = d.pop("description", UNSET)

        disable_public_network_access = d.pop("disablePublicNetworkAccess", UNSET)

        endpoint_public_url = d.pop("endpointPublicUrl", UNSET)

        _routing_configuration = d.pop("routingConfiguration", UNSET)
        routing_configuration: RoutingConfiguration | Unset
        if isinstance(_routing_configuration, Unset):
            routing_configuration = UNSET
        else:
            routing_configuration = RoutingConfiguration.from_dict(_routing_configuration)

        _scaling_status = d.pop("scalingStatus", UNSET)
        scaling_status: ScalingStatus | Unset
        if isinstance(_scaling_status, Unset):
            scaling_status = UNSET
        else:
            scaling_status = ScalingStatus.from_dict(_scaling_status)

        _status = d.pop("status", UNSET)
        status: ResourceStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = ResourceStatus(_status)

        status_reason = d.pop("statusReason", UNSET)

        target_version = d.pop("targetVersion", UNSET)

        agent_runtime_endpoint = cls(
            agent_runtime_endpoint_arn=agent_runtime_endpoint_arn,
            agent_runtime_endpoint_id=agent_runtime_endpoint_id,
            agent_runtime_endpoint_name=agent_runtime_endpoint_name,
            agent_runtime_id=agent_runtime_id,
            description=description,
            disable_public_network_access=disable_public_network_access,
            endpoint_public_url=endpoint_public_url,
            routing_configuration=routing_configuration,
            scaling_status=scaling_status,
            status=status,
            status_reason=status_reason,
            target_version=target_version,
        )

        agent_runtime_endpoint.additional_properties = d
        return agent_runtime_endpoint

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
