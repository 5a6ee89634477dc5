from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.provider_settings_token_prices import ProviderSettingsTokenPrices


T = TypeVar("T", bound="ProviderSettings")


@_dataclass(slots=True, weakref_slot=True)
class ProviderSettings:
    """Provider connection of a model service."""

    api_key: str | Unset = UNSET
    """ Provider API key. """
    base_url: str | Unset = UNSET
    """ Provider base URL. """
    model_names: list[str] | Unset = UNSET
    token_prices: ProviderSettingsTokenPrices | Unset = UNSET
    """ Price per million tokens of each model name, for the cost AgentRun Local's model gateway adds to its usage
    reports (in whatever currency the prices are given). """
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        api_key = self.api_key

        base_url = self.base_url

        model_names: list[str] | Unset = UNSET
        if not isinstance(self.model_names, Unset):
            model_names = self.model_names

        token_prices: dict[str, Any] | Unset = UNSET
        if not isinstance(self.token_prices, Unset):
            token_prices = self.token_prices.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if api_key is not UNSET:
            field_dict["apiKey"] = api_key
        if base_url is not UNSET:
            field_dict["baseUrl"] = base_url
        if model_names is not UNSET:
            field_dict["modelNames"] = model_names
        if token_prices is not UNSET:
            field_dict["tokenPrices"] = token_prices

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.provider_settings_token_prices import ProviderSettingsTokenPrices  # noqa: PLC0415

        d = dict(src_dict)
        api_key = d.pop("apiKey", UNSET)

        base_url = d.pop("baseUrl", UNSET)

        model_names = cast(list[str], d.pop("modelNames", UNSET))

        _token_prices = d.pop("tokenPrices", UNSET)
        token_prices: ProviderSettingsTokenPrices | Unset
        if isinstance(_token_prices, Unset):
            token_prices = UNSET
        else:
            token_prices = ProviderSettingsTokenPrices.from_dict(_token_prices)

        provider_settings = cls(
            api_key=api_key,
            base_url=base_url,
            model_names=model_names,
            token_prices=token_prices,
        )

        provider_settings.additional_properties = d
        return provider_settings

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
