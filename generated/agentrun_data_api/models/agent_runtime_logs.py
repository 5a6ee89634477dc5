from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

if TYPE_CHECKING:
    from ..models.agent_runtime_instance_log import AgentRuntimeInstanceLog


T = TypeVar("T", bound="AgentRuntimeLogs")


@_dataclass(slots=True, weakref_slot=True)
class AgentRuntimeLogs:
    """Result of `GetAgentRuntimeLogs` (extension)."""

    agent_runtime_name: str
    instances: list[AgentRuntimeInstanceLog]
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agent_runtime_name = self.agent_runtime_name

        instances = []
        for instances_item_data in self.instances:
            instances_item = instances_item_data.to_dict()
            instances.append(instances_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agentRuntimeName": agent_runtime_name,
                "instances": instances,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.agent_runtime_instance_log import AgentRuntimeInstanceLog  # noqa: PLC0415

        d = dict(src_dict)
        agent_runtime_name = d.pop("agentRuntimeName")

        instances = []
        _instances = d.pop("instances")
        for instances_item_data in _instances:
            instances_item = AgentRuntimeInstanceLog.from_dict(instances_item_data)

            instances.append(instances_item)

        agent_runtime_logs = cls(
            agent_runtime_name=agent_runtime_name,
            instances=instances,
        )

        agent_runtime_logs.additional_properties = d
        return agent_runtime_logs

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
