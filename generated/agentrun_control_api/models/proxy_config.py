from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.proxy_endpoint import ProxyEndpoint
    from ..models.proxy_policies import ProxyPolicies


T = TypeVar("T", bound="ProxyConfig")


@_dataclass(slots=True, weakref_slot=True)
class ProxyConfig:
    """Model proxy configuration."""

    endpoints: list[ProxyEndpoint] | Unset = UNSET
    policies: ProxyPolicies | Unset = UNSET
    """ Policies of a model proxy. AgentRun Local enforces them in its model gateway: requestTimeout,
    concurrencyLimit, numRetries, fallbacks, cache and tokenRateLimiter (not aiGuardrailConfig). """
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        endpoints: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.endpoints, Unset):
            endpoints = []
            for endpoints_item_data in self.endpoints:
                endpoints_item = endpoints_item_data.to_dict()
                endpoints.append(endpoints_item)

        policies: dict[str, Any] | Unset = UNSET
        if not isinstance(self.policies, Unset):
            policies = self.policies.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if endpoints is not UNSET:
            field_dict["endpoints"] = endpoints
        if policies is not UNSET:
            field_dict["policies"] = policies

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.proxy_endpoint import ProxyEndpoint  # noqa: PLC0415
        from ..models.proxy_policies import ProxyPolicies  # noqa: PLC0415

        d = dict(src_dict)
        _endpoints = d.pop("endpoints", UNSET)
        endpoints: list[ProxyEndpoint] | Unset = UNSET
        if _endpoints is not UNSET:
            endpoints = []
            for endpoints_item_data in _endpoints:
                endpoints_item = ProxyEndpoint.from_dict(endpoints_item_data)

                endpoints.append(endpoints_item)

        _policies = d.pop("policies", UNSET)
        policies: ProxyPolicies | Unset
        if isinstance(_policies, Unset):
            policies = UNSET
        else:
            policies = ProxyPolicies.from_dict(_policies)

        proxy_config = cls(
            endpoints=endpoints,
            policies=policies,
        )

        proxy_config.additional_properties = d
        return proxy_config

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
