from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.tool_usage_report_by_credential import ToolUsageReportByCredential
    from ..models.tool_usage_report_by_tool import ToolUsageReportByTool
    from ..models.tool_usage_tally import ToolUsageTally


T = TypeVar("T", bound="ToolUsageReport")


@_dataclass(slots=True, weakref_slot=True)
class ToolUsageReport:
    """Tool call totals and their sums by tool and by the credential bound when they ran."""

    total: ToolUsageTally
    """ Counts of tool calls. """
    by_tool: ToolUsageReportByTool
    by_credential: ToolUsageReportByCredential
    name: str | Unset = UNSET
    """ The tool reported on (absent in the report of every tool). """
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        total = self.total.to_dict()

        by_tool = self.by_tool.to_dict()

        by_credential = self.by_credential.to_dict()

        name = self.name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "total": total,
                "byTool": by_tool,
                "byCredential": by_credential,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.tool_usage_report_by_credential import ToolUsageReportByCredential  # noqa: PLC0415
        from ..models.tool_usage_report_by_tool import ToolUsageReportByTool  # noqa: PLC0415
        from ..models.tool_usage_tally import ToolUsageTally  # noqa: PLC0415

        d = dict(src_dict)
        total = ToolUsageTally.from_dict(d.pop("total"))

        by_tool = ToolUsageReportByTool.from_dict(d.pop("byTool"))

        by_credential = ToolUsageReportByCredential.from_dict(d.pop("byCredential"))

        name = d.pop("name", UNSET)

        tool_usage_report = cls(
            total=total,
            by_tool=by_tool,
            by_credential=by_credential,
            name=name,
        )

        tool_usage_report.additional_properties = d
        return tool_usage_report

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
