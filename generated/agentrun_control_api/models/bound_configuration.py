from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.bound_tool import BoundTool


T = TypeVar("T", bound="BoundConfiguration")


@_dataclass(slots=True, weakref_slot=True)
class BoundConfiguration:
    """Tools bound to HTTP APIs."""

    bound_tools: list[BoundTool] | Unset = UNSET
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        bound_tools: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.bound_tools, Unset):
            bound_tools = []
            for bound_tools_item_data in self.bound_tools:
                bound_tools_item = bound_tools_item_data.to_dict()
                bound_tools.append(bound_tools_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if bound_tools is not UNSET:
            field_dict["boundTools"] = bound_tools

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.bound_tool import BoundTool  # noqa: PLC0415

        d = dict(src_dict)
        _bound_tools = d.pop("boundTools", UNSET)
        bound_tools: list[BoundTool] | Unset = UNSET
        if _bound_tools is not UNSET:
            bound_tools = []
            for bound_tools_item_data in _bound_tools:
                bound_tools_item = BoundTool.from_dict(bound_tools_item_data)

                bound_tools.append(bound_tools_item)

        bound_configuration = cls(
            bound_tools=bound_tools,
        )

        bound_configuration.additional_properties = d
        return bound_configuration

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
