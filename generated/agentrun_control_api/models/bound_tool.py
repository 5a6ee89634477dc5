from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.bound_tool_api import BoundToolApi


T = TypeVar("T", bound="BoundTool")


@_dataclass(slots=True, weakref_slot=True)
class BoundTool:
    """One bound tool."""

    apis: list[BoundToolApi] | Unset = UNSET
    method: str | Unset = UNSET
    path: str | Unset = UNSET
    tool_name: str | Unset = UNSET
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        apis: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.apis, Unset):
            apis = []
            for apis_item_data in self.apis:
                apis_item = apis_item_data.to_dict()
                apis.append(apis_item)

        method = self.method

        path = self.path

        tool_name = self.tool_name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if apis is not UNSET:
            field_dict["apis"] = apis
        if method is not UNSET:
            field_dict["method"] = method
        if path is not UNSET:
            field_dict["path"] = path
        if tool_name is not UNSET:
            field_dict["toolName"] = tool_name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.bound_tool_api import BoundToolApi  # noqa: PLC0415

        d = dict(src_dict)
        _apis = d.pop("apis", UNSET)
        apis: list[BoundToolApi] | Unset = UNSET
        if _apis is not UNSET:
            apis = []
            for apis_item_data in _apis:
                apis_item = BoundToolApi.from_dict(apis_item_data)

                apis.append(apis_item)

        method = d.pop("method", UNSET)

        path = d.pop("path", UNSET)

        tool_name = d.pop("toolName", UNSET)

        bound_tool = cls(
            apis=apis,
            method=method,
            path=path,
            tool_name=tool_name,
        )

        bound_tool.additional_properties = d
        return bound_tool

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
