from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..models.execution_status import ExecutionStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="ExecutionEndEvent")


@_dataclass(slots=True, weakref_slot=True)
class ExecutionEndEvent:
    """Last event of an execution stream."""

    type_: Literal["end"]
    status: ExecutionStatus | Unset = UNSET
    """ Final status of an execution. """
    execution_count: int | Unset = UNSET
    duration_ms: int | Unset = UNSET
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        execution_count = self.execution_count

        duration_ms = self.duration_ms

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
            }
        )
        if status is not UNSET:
            field_dict["status"] = status
        if execution_count is not UNSET:
            field_dict["executionCount"] = execution_count
        if duration_ms is not UNSET:
            field_dict["durationMs"] = duration_ms

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = cast(Literal["end"], d.pop("type"))
        if type_ != "end":
            raise ValueError(f"type must match const 'end', got '{type_}'")

        _status = d.pop("status", UNSET)
        status: ExecutionStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = ExecutionStatus(_status)

        execution_count = d.pop("executionCount", UNSET)

        duration_ms = d.pop("durationMs", UNSET)

        execution_end_event = cls(
            type_=type_,
            status=status,
            execution_count=execution_count,
            duration_ms=duration_ms,
        )

        execution_end_event.additional_properties = d
        return execution_end_event

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
