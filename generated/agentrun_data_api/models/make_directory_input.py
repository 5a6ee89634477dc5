from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..types import UNSET, Unset

T = TypeVar("T", bound="MakeDirectoryInput")


@_dataclass(slots=True, weakref_slot=True)
class MakeDirectoryInput:
    """Body of `MakeDirectory`. Defaults when omitted are `parents` true and `mode` `0755`."""

    path: str
    parents: bool | Unset = UNSET
    """ Create missing parents (like `mkdir -p`). """
    mode: str | Unset = UNSET
    """ Octal permission string, e.g. `0755`. """
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        path = self.path

        parents = self.parents

        mode = self.mode

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "path": path,
            }
        )
        if parents is not UNSET:
            field_dict["parents"] = parents
        if mode is not UNSET:
            field_dict["mode"] = mode

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        path = d.pop("path")

        parents = d.pop("parents", UNSET)

        mode = d.pop("mode", UNSET)

        make_directory_input = cls(
            path=path,
            parents=parents,
            mode=mode,
        )

        make_directory_input.additional_properties = d
        return make_directory_input

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
