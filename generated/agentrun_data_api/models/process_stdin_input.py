from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..models.process_stdin_input_encoding import ProcessStdinInputEncoding
from ..types import UNSET, Unset

T = TypeVar("T", bound="ProcessStdinInput")


@_dataclass(slots=True, weakref_slot=True)
class ProcessStdinInput:
    """Body of `WriteProcessStdin` (extension)."""

    data: str | Unset = UNSET
    """ Text to write (may be empty), or base64 with `encoding` `base64`. """
    encoding: ProcessStdinInputEncoding | Unset = UNSET
    """ How `data` is encoded (`utf-8` when omitted). """
    eof: bool | Unset = UNSET
    """ Close stdin after writing (false when omitted). """
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = self.data

        encoding: str | Unset = UNSET
        if not isinstance(self.encoding, Unset):
            encoding = self.encoding.value

        eof = self.eof

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if data is not UNSET:
            field_dict["data"] = data
        if encoding is not UNSET:
            field_dict["encoding"] = encoding
        if eof is not UNSET:
            field_dict["eof"] = eof

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        data = d.pop("data", UNSET)

        _encoding = d.pop("encoding", UNSET)
        encoding: ProcessStdinInputEncoding | Unset
        if isinstance(_encoding, Unset):
            encoding = UNSET
        else:
            encoding = ProcessStdinInputEncoding(_encoding)

        eof = d.pop("eof", UNSET)

        process_stdin_input = cls(
            data=data,
            encoding=encoding,
            eof=eof,
        )

        process_stdin_input.additional_properties = d
        return process_stdin_input

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
