from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..models.mcp_session_affinity import McpSessionAffinity
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.bound_configuration import BoundConfiguration
    from ..models.mcp_proxy_configuration import McpProxyConfiguration


T = TypeVar("T", bound="McpConfig")


@_dataclass(slots=True, weakref_slot=True)
class McpConfig:
    """MCP settings of a tool."""

    bound_configuration: BoundConfiguration | Unset = UNSET
    """ Tools bound to HTTP APIs. """
    mcp_proxy_configuration: McpProxyConfiguration | Unset = UNSET
    """ MCP proxy settings. """
    proxy_enabled: bool | Unset = UNSET
    """ Enable the MCP proxy. """
    session_affinity: McpSessionAffinity | Unset = UNSET
    """ MCP session affinity of a tool; selects the data-plane MCP transport (MCP_STREAMABLE = streamable HTTP,
    otherwise SSE). """
    session_affinity_config: str | Unset = UNSET
    """ JSON document carried as a string. """
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        bound_configuration: dict[str, Any] | Unset = UNSET
        if not isinstance(self.bound_configuration, Unset):
            bound_configuration = self.bound_configuration.to_dict()

        mcp_proxy_configuration: dict[str, Any] | Unset = UNSET
        if not isinstance(self.mcp_proxy_configuration, Unset):
            mcp_proxy_configuration = self.mcp_proxy_configuration.to_dict()

        proxy_enabled = self.proxy_enabled

        session_affinity: str | Unset = UNSET
        if not isinstance(self.session_affinity, Unset):
            session_affinity = self.session_affinity.value

        session_affinity_config = self.session_affinity_config

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if bound_configuration is not UNSET:
            field_dict["boundConfiguration"] = bound_configuration
        if mcp_proxy_configuration is not UNSET:
            field_dict["mcpProxyConfiguration"] = mcp_proxy_configuration
        if proxy_enabled is not UNSET:
            field_dict["proxyEnabled"] = proxy_enabled
        if session_affinity is not UNSET:
            field_dict["sessionAffinity"] = session_affinity
        if session_affinity_config is not UNSET:
            field_dict["sessionAffinityConfig"] = session_affinity_config

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.bound_configuration import BoundConfiguration  # noqa: PLC0415
        from ..models.mcp_proxy_configuration import McpProxyConfiguration  # noqa: PLC0415

        d = dict(src_dict)
        _bound_configuration = d.pop("boundConfiguration", UNSET)
        bound_configuration: BoundConfiguration | Unset
        if isinstance(_bound_configuration, Unset):
            bound_configuration = UNSET
        else:
            bound_configuration = BoundConfiguration.from_dict(_bound_configuration)

        _mcp_proxy_configuration = d.pop("mcpProxyConfiguration", UNSET)
        mcp_proxy_configuration: McpProxyConfiguration | Unset
        if isinstance(_mcp_proxy_configuration, Unset):
            mcp_proxy_configuration = UNSET
        else:
            mcp_proxy_configuration = McpProxyConfiguration.from_dict(_mcp_proxy_configuration)

        proxy_enabled = d.pop("proxyEnabled", UNSET)

        _session_affinity = d.pop("sessionAffinity", UNSET)
        session_affinity: McpSessionAffinity | Unset
        if isinstance(_session_affinity, Unset):
            session_affinity = UNSET
        else:
            session_affinity = McpSessionAffinity(_session_affinity)

        session_affinity_config = d.pop("sessionAffinityConfig", UNSET)

        mcp_config = cls(
            bound_configuration=bound_configuration,
            mcp_proxy_configuration=mcp_proxy_configuration,
            proxy_enabled=proxy_enabled,
            session_affinity=session_affinity,
            session_affinity_config=session_affinity_config,
        )

        mcp_config.additional_properties = d
        return mcp_config

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
