from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

if TYPE_CHECKING:
    from ..models.tool_usage_tally import ToolUsageTally


T = TypeVar("T", bound="ToolUsageReportByTool")


@_dataclass(slots=True, weakref_slot=True)
class ToolUsageReportByTool:
    additional_properties: dict[str, ToolUsageTally] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:

        field_dict: dict[str, Any] = {}
        for prop_name, prop in self.additional_properties.items():
            field_dict[prop_name] = prop.to_dict()

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.tool_usage_tally import ToolUsageTally  # noqa: PLC0415

        d = dict(src_dict)
        tool_usage_report_by_tool = cls()

        additional_properties = {}
        for prop_name, prop_dict in d.items():
            additional_property = ToolUsageTally.from_dict(prop_dict)

            additional_properties[prop_name] = additional_property

        tool_usage_report_by_tool.additional_properties = additional_properties
        return tool_usage_report_by_tool

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> ToolUsageTally:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: ToolUsageTally) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
