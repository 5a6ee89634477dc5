from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..types import UNSET, Unset

T = TypeVar("T", bound="StderrEvent")


@_dataclass(slots=True, weakref_slot=True)
class StderrEvent:
    """A chunk of standard error (execution and process streams)."""

    type_: Literal["stderr"]
    text: str | Unset = UNSET
    base64: str | Unset = UNSET
    """ As in `StdoutEvent`. """
    dropped: int | Unset = UNSET
    """ As in `StdoutEvent`. """
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        text = self.text

        base64 = self.base64

        dropped = self.dropped

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
            }
        )
        if text is not UNSET:
            field_dict["text"] = text
        if base64 is not UNSET:
            field_dict["base64"] = base64
        if dropped is not UNSET:
            field_dict["dropped"] = dropped

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = cast(Literal["stderr"], d.pop("type"))
        if type_ != "stderr":
            raise ValueError(f"type must match const 'stderr', got '{type_}'")

        text = d.pop("text", UNSET)

        base64 = d.pop("base64", UNSET)

        dropped = d.pop("dropped", UNSET)

        stderr_event = cls(
            type_=type_,
            text=text,
            base64=base64,
            dropped=dropped,
        )

        stderr_event.additional_properties = d
        return stderr_event

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
