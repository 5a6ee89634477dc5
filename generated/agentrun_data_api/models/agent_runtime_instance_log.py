from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..models.agent_runtime_instance_status import AgentRuntimeInstanceStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="AgentRuntimeInstanceLog")


@_dataclass(slots=True, weakref_slot=True)
class AgentRuntimeInstanceLog:
    """An instance and its output (extension)."""

    instance_id: str
    status: AgentRuntimeInstanceStatus
    created_at: str
    """ When it started (ISO 8601). """
    output: str
    """ Its stdout and stderr as written (UTF-8; undecodable bytes replaced). """
    dropped_bytes: int
    """ Older output (or output before tailBytes) not included. """
    ended_at: str | Unset = UNSET
    """ When it ended (ISO 8601). """
    exit_code: int | Unset = UNSET
    """ Its exit status once it exited on its own or was stopped (-N when signal N ended it). """
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        instance_id = self.instance_id

        status = self.status.value

        created_at = self.created_at

        output = self.output

        dropped_bytes = self.dropped_bytes

        ended_at = self.ended_at

        exit_code = self.exit_code

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "instanceId": instance_id,
                "status": status,
                "createdAt": created_at,
                "output": output,
                "droppedBytes": dropped_bytes,
            }
        )
        if ended_at is not UNSET:
            field_dict["endedAt"] = ended_at
        if exit_code is not UNSET:
            field_dict["exitCode"] = exit_code

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        instance_id = d.pop("instanceId")

        status = AgentRuntimeInstanceStatus(d.pop("status"))

        created_at = d.pop("createdAt")

        output = d.pop("output")

        dropped_bytes = d.pop("droppedBytes")

        ended_at = d.pop("endedAt", UNSET)

        exit_code = d.pop("exitCode", UNSET)

        agent_runtime_instance_log = cls(
            instance_id=instance_id,
            status=status,
            created_at=created_at,
            output=output,
            dropped_bytes=dropped_bytes,
            ended_at=ended_at,
            exit_code=exit_code,
        )

        agent_runtime_instance_log.additional_properties = d
        return agent_runtime_instance_log

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
