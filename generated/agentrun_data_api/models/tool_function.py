from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

if TYPE_CHECKING:
    from ..models.tool_function_input_schema import ToolFunctionInputSchema


T = TypeVar("T", bound="ToolFunction")


@_dataclass(slots=True, weakref_slot=True)
class ToolFunction:
    """One operation of an OpenAPI tool, as a function a model can call."""

    name: str
    description: str
    input_schema: ToolFunctionInputSchema
    """ JSON Schema (an object) of the arguments. """
    method: str
    """ HTTP method, upper case. """
    path: str
    """ The operation's path in the OpenAPI document. """
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        description = self.description

        input_schema = self.input_schema.to_dict()

        method = self.method

        path = self.path

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "description": description,
                "inputSchema": input_schema,
                "method": method,
                "path": path,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.tool_function_input_schema import ToolFunctionInputSchema  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        description = d.pop("description")

        input_schema = ToolFunctionInputSchema.from_dict(d.pop("inputSchema"))

        method = d.pop("method")

        path = d.pop("path")

        tool_function = cls(
            name=name,
            description=description,
            input_schema=input_schema,
            method=method,
            path=path,
        )

        tool_function.additional_properties = d
        return tool_function

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
