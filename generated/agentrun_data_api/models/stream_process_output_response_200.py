from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..types import UNSET, Unset

T = TypeVar("T", bound="StreamProcessOutputResponse200")


@_dataclass(slots=True, weakref_slot=True)
class StreamProcessOutputResponse200:
    """One event; `data` is the `ProcessEvent` as one line of JSON."""

    event: str | Unset = UNSET
    data: str | Unset = UNSET
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        event = self.event

        data = self.data

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if event is not UNSET:
            field_dict["event"] = event
        if data is not UNSET:
            field_dict["data"] = data

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        event = d.pop("event", UNSET)

        data = d.pop("data", UNSET)

        stream_process_output_response_200 = cls(
            event=event,
            data=data,
        )

        stream_process_output_response_200.additional_properties = d
        return stream_process_output_response_200

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
