from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..types import UNSET, Unset

T = TypeVar("T", bound="TemplateMcpState")


@_dataclass(slots=True, weakref_slot=True)
class TemplateMcpState:
    """MCP state of a template (output)."""

    access_endpoint: str | Unset = UNSET
    """ MCP access endpoint. """
    status: str | Unset = UNSET
    """ MCP status, free string (value set undocumented). """
    status_reason: str | Unset = UNSET
    """ Reason for the status. """
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        access_endpoint = self.access_endpoint

        status = self.status

        status_reason = self.status_reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if access_endpoint is not UNSET:
            field_dict["accessEndpoint"] = access_endpoint
        if status is not UNSET:
            field_dict["status"] = status
        if status_reason is not UNSET:
            field_dict["statusReason"] = status_reason

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        access_endpoint = d.pop("accessEndpoint", UNSET)

        status = d.pop("status", UNSET)

        status_reason = d.pop("statusReason", UNSET)

        template_mcp_state = cls(
            access_endpoint=access_endpoint,
            status=status,
            status_reason=status_reason,
        )

        template_mcp_state.additional_properties = d
        return template_mcp_state

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
