from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..types import UNSET, Unset

T = TypeVar("T", bound="FileOperationResult")


@_dataclass(slots=True, weakref_slot=True)
class FileOperationResult:
    """Acknowledgement of a file operation (the official SDK does not interpret it). Fields that do not apply are omitted."""

    success: bool | Unset = UNSET
    path: str | Unset = UNSET
    """ Affected path (target path for write/upload/mkdir/remove). """
    source: str | Unset = UNSET
    """ Source path of a move. """
    destination: str | Unset = UNSET
    """ Destination path of a move. """
    size: int | Unset = UNSET
    """ Bytes written (write/upload). """
    message: str | Unset = UNSET
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        success = self.success

        path = self.path

        source = self.source

        destination = self.destination

        size = self.size

        message = self.message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if success is not UNSET:
            field_dict["success"] = success
        if path is not UNSET:
            field_dict["path"] = path
        if source is not UNSET:
            field_dict["source"] = source
        if destination is not UNSET:
            field_dict["destination"] = destination
        if size is not UNSET:
            field_dict["size"] = size
        if message is not UNSET:
            field_dict["message"] = message

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        success = d.pop("success", UNSET)

        path = d.pop("path", UNSET)

        source = d.pop("source", UNSET)

        destination = d.pop("destination", UNSET)

        size = d.pop("size", UNSET)

        message = d.pop("message", UNSET)

        file_operation_result = cls(
            success=success,
            path=path,
            source=source,
            destination=destination,
            size=size,
            message=message,
        )

        file_operation_result.additional_properties = d
        return file_operation_result

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
