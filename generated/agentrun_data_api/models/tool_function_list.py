from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

if TYPE_CHECKING:
    from ..models.tool_function import ToolFunction


T = TypeVar("T", bound="ToolFunctionList")


@_dataclass(slots=True, weakref_slot=True)
class ToolFunctionList:
    tool_name: str
    functions: list[ToolFunction]
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        tool_name = self.tool_name

        functions = []
        for functions_item_data in self.functions:
            functions_item = functions_item_data.to_dict()
            functions.append(functions_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "toolName": tool_name,
                "functions": functions,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.tool_function import ToolFunction  # noqa: PLC0415

        d = dict(src_dict)
        tool_name = d.pop("toolName")

        functions = []
        _functions = d.pop("functions")
        for functions_item_data in _functions:
            functions_item = ToolFunction.from_dict(functions_item_data)

            functions.append(functions_item)

        tool_function_list = cls(
            tool_name=tool_name,
            functions=functions,
        )

        tool_function_list.additional_properties = d
        return tool_function_list

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
