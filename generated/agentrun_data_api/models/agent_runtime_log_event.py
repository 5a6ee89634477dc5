from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..models.agent_runtime_log_event_status import AgentRuntimeLogEventStatus
from ..models.agent_runtime_log_event_type import AgentRuntimeLogEventType
from ..types import UNSET, Unset

T = TypeVar("T", bound="AgentRuntimeLogEvent")


@_dataclass(slots=True, weakref_slot=True)
class AgentRuntimeLogEvent:
    """One event of a followed log (extension), selected by `type`: `output` (text an instance wrote) or `exit` (the
    instance has ended; its last output came before).

    """

    type_: AgentRuntimeLogEventType
    instance_id: str
    text: str | Unset = UNSET
    """ `output`: the text written. """
    dropped_bytes: int | Unset = UNSET
    """ `output`: earlier output no longer kept. """
    status: AgentRuntimeLogEventStatus | Unset = UNSET
    created_at: str | Unset = UNSET
    ended_at: str | Unset = UNSET
    exit_code: int | Unset = UNSET
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        instance_id = self.instance_id

        text = self.text

        dropped_bytes = self.dropped_bytes

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        created_at = self.created_at

        ended_at = self.ended_at

        exit_code = self.exit_code

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "instanceId": instance_id,
            }
        )
        if text is not UNSET:
            field_dict["text"] = text
        if dropped_bytes is not UNSET:
            field_dict["droppedBytes"] = dropped_bytes
        if status is not UNSET:
            field_dict["status"] = status
        if created_at is not UNSET:
            field_dict["createdAt"] = created_at
        if ended_at is not UNSET:
            field_dict["endedAt"] = ended_at
        if exit_code is not UNSET:
            field_dict["exitCode"] = exit_code

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = AgentRuntimeLogEventType(d.pop("type"))

        instance_id = d.pop("instanceId")

        text = d.pop("text", UNSET)

        dropped_bytes = d.pop("droppedBytes", UNSET)

        _status = d.pop("status", UNSET)
        status: AgentRuntimeLogEventStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = AgentRuntimeLogEventStatus(_status)

        created_at = d.pop("createdAt", UNSET)

        ended_at = d.pop("endedAt", UNSET)

        exit_code = d.pop("exitCode", UNSET)

        agent_runtime_log_event = cls(
            type_=type_,
            instance_id=instance_id,
            text=text,
            dropped_bytes=dropped_bytes,
            status=status,
            created_at=created_at,
            ended_at=ended_at,
            exit_code=exit_code,
        )

        agent_runtime_log_event.additional_properties = d
        return agent_runtime_log_event

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
