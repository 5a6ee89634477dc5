from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..types import UNSET, Unset

T = TypeVar("T", bound="TemplateMcpOptions")


@_dataclass(slots=True, weakref_slot=True)
class TemplateMcpOptions:
    """MCP options of a template (output)."""

    enabled_tools: list[str] | Unset = UNSET
    transport: str | Unset = UNSET
    """ MCP transport. """
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        enabled_tools: list[str] | Unset = UNSET
        if not isinstance(self.enabled_tools, Unset):
            enabled_tools = self.enabled_tools

        transport = self.transport

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if enabled_tools is not UNSET:
            field_dict["enabledTools"] = enabled_tools
        if transport is not UNSET:
            field_dict["transport"] = transport

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        enabled_tools = cast(list[str], d.pop("enabledTools", UNSET))

        transport = d.pop("transport", UNSET)

        template_mcp_options = cls(
            enabled_tools=enabled_tools,
            transport=transport,
        )

        template_mcp_options.additional_properties = d
        return template_mcp_options

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
