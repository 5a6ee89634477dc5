from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..models.file_type import FileType
from ..types import UNSET, Unset

T = TypeVar("T", bound="FileEntry")


@_dataclass(slots=True, weakref_slot=True)
class FileEntry:
    """One filesystem entry (also the result of `StatPath`)."""

    name: str | Unset = UNSET
    path: str | Unset = UNSET
    type_: FileType | Unset = UNSET
    """ Kind of filesystem entry. """
    size: int | Unset = UNSET
    """ Size in bytes. """
    mtime: str | Unset = UNSET
    """ Modification time (ISO 8601). """
    mode: str | Unset = UNSET
    """ Octal permission string, e.g. `0644`. """
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        path = self.path

        type_: str | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = self.type_.value

        size = self.size

        mtime = self.mtime

        mode = self.mode

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if path is not UNSET:
            field_dict["path"] = path
        if type_ is not UNSET:
            field_dict["type"] = type_
        if size is not UNSET:
            field_dict["size"] = size
        if mtime is not UNSET:
            field_dict["mtime"] = mtime
        if mode is not UNSET:
            field_dict["mode"] = mode

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name", UNSET)

        path = d.pop("path", UNSET)

        _type_ = d.pop("type", UNSET)
        type_: FileType | Unset
        if isinstance(_type_, Unset):
            type_ = UNSET
        else:
            type_ = FileType(_type_)

        size = d.pop("size", UNSET)

        mtime = d.pop("mtime", UNSET)

        mode = d.pop("mode", UNSET)

        file_entry = cls(
            name=name,
            path=path,
            type_=type_,
            size=size,
            mtime=mtime,
            mode=mode,
        )

        file_entry.additional_properties = d
        return file_entry

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
