from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

T = TypeVar("T", bound="ToolCallResult")


@_dataclass(slots=True, weakref_slot=True)
class ToolCallResult:
    status: int
    """ The upstream's HTTP status (below 400). """
    content_type: str
    body: Any
    """ The upstream's answer, parsed when its content type is JSON, else its text. """
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status

        content_type = self.content_type

        body = self.body

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
                "contentType": content_type,
                "body": body,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        status = d.pop("status")

        content_type = d.pop("contentType")

        body = d.pop("body")

        tool_call_result = cls(
            status=status,
            content_type=content_type,
            body=body,
        )

        tool_call_result.additional_properties = d
        return tool_call_result

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
