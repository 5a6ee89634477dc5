from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.hook_headers import HookHeaders


T = TypeVar("T", bound="Hook")


@_dataclass(slots=True, weakref_slot=True)
class Hook:
    """MCP proxy hook. The vendor model documents event and url as required."""

    api_version: str | Unset = UNSET
    description: str | Unset = UNSET
    enabled: bool | Unset = UNSET
    event: str | Unset = UNSET
    """ Hook event. """
    headers: HookHeaders | Unset = UNSET
    timeout: int | Unset = UNSET
    """ Hook timeout. """
    url: str | Unset = UNSET
    """ Hook URL. """
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        api_version = self.api_version

        description = self.description

        enabled = self.enabled

        event = self.event

        headers: dict[str, Any] | Unset = UNSET
        if not isinstance(self.headers, Unset):
            headers = self.headers.to_dict()

        timeout = self.timeout

        url = self.url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if api_version is not UNSET:
            field_dict["apiVersion"] = api_version
        if description is not UNSET:
            field_dict["description"] = description
        if enabled is not UNSET:
            field_dict["enabled"] = enabled
        if event is not UNSET:
            field_dict["event"] = event
        if headers is not UNSET:
            field_dict["headers"] = headers
        if timeout is not UNSET:
            field_dict["timeout"] = timeout
        if url is not UNSET:
            field_dict["url"] = url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.hook_headers import HookHeaders  # noqa: PLC0415

        d = dict(src_dict)
        api_version = d.pop("apiVersion", UNSET)

        description = d.pop("description", UNSET)

        enabled = d.pop("enabled", UNSET)

        event = d.pop("event", UNSET)

        _headers = d.pop("headers", UNSET)
        headers: HookHeaders | Unset
        if isinstance(_headers, Unset):
            headers = UNSET
        else:
            headers = HookHeaders.from_dict(_headers)

        timeout = d.pop("timeout", UNSET)

        url = d.pop("url", UNSET)

        hook = cls(
            api_version=api_version,
            description=description,
            enabled=enabled,
            event=event,
            headers=headers,
            timeout=timeout,
            url=url,
        )

        hook.additional_properties = d
        return hook

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
