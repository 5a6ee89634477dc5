from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

if TYPE_CHECKING:
    from ..models.token_price import TokenPrice


T = TypeVar("T", bound="ProviderSettingsTokenPrices")


@_dataclass(slots=True, weakref_slot=True)
class ProviderSettingsTokenPrices:
    """Price per million tokens of each model name, for the cost AgentRun Local's model gateway adds to its usage reports
    (in whatever currency the prices are given).

    """

    additional_properties: dict[str, TokenPrice] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:

        field_dict: dict[str, Any] = {}
        for prop_name, prop in self.additional_properties.items():
            field_dict[prop_name] = prop.to_dict()

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.token_price import TokenPrice  # noqa: PLC0415

        d = dict(src_dict)
        provider_settings_token_prices = cls()

        additional_properties = {}
        for prop_name, prop_dict in d.items():
            additional_property = TokenPrice.from_dict(prop_dict)

            additional_properties[prop_name] = additional_property

        provider_settings_token_prices.additional_properties = additional_properties
        return provider_settings_token_prices

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> TokenPrice:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: TokenPrice) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
