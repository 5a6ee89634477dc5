from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..types import UNSET, Unset

T = TypeVar("T", bound="StdoutEvent")


@_dataclass(slots=True, weakref_slot=True)
class StdoutEvent:
    """A chunk of standard output (execution and process streams)."""

    type_: Literal["stdout"]
    text: str | Unset = UNSET
    base64: str | Unset = UNSET
    """ Process streams: the chunk's exact bytes, base64-encoded, present when they are not valid UTF-8 (the text
    then has `\\xNN` escapes). """
    dropped: int | Unset = UNSET
    """ Process streams: this event only notes (in `text`) that this many older bytes of the stream are no longer
    buffered. """
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
        type_ = cast(Literal["stdout"], d.pop("type"))
        if type_ != "stdout":
            raise ValueError(f"type must match const 'stdout', got '{type_}'")

        text = d.pop("text", UNSET)

        base64 = d.pop("base64", UNSET)

        dropped = d.pop("dropped", UNSET)

        stdout_event = cls(
            type_=type_,
            text=text,
            base64=base64,
            dropped=dropped,
        )

        stdout_event.additional_properties = d
        return stdout_event

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
