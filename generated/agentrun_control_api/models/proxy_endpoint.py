from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ProxyEndpoint")


@_dataclass(slots=True, weakref_slot=True)
class ProxyEndpoint:
    """One backend of a model proxy."""

    base_url: str | Unset = UNSET
    """ Backend base URL. """
    model_names: list[str] | Unset = UNSET
    model_service_name: str | Unset = UNSET
    """ Backing model service. """
    weight: int | Unset = UNSET
    """ Load-balancing weight. """
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        base_url = self.base_url

        model_names: list[str] | Unset = UNSET
        if not isinstance(self.model_names, Unset):
            model_names = self.model_names

        model_service_name = self.model_service_name

        weight = self.weight

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if base_url is not UNSET:
            field_dict["baseUrl"] = base_url
        if model_names is not UNSET:
            field_dict["modelNames"] = model_names
        if model_service_name is not UNSET:
            field_dict["modelServiceName"] = model_service_name
        if weight is not UNSET:
            field_dict["weight"] = weight

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        base_url = d.pop("baseUrl", UNSET)

        model_names = cast(list[str], d.pop("modelNames", UNSET))

        model_service_name = d.pop("modelServiceName", UNSET)

        weight = d.pop("weight", UNSET)

        proxy_endpoint = cls(
            base_url=base_url,
            model_names=model_names,
            model_service_name=model_service_name,
            weight=weight,
        )

        proxy_endpoint.additional_properties = d
        return proxy_endpoint

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
