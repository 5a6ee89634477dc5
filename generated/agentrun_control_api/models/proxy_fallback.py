from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ProxyFallback")


@_dataclass(slots=True, weakref_slot=True)
class ProxyFallback:
    """Fallback target of a model proxy."""

    model_name: str | Unset = UNSET
    model_service_name: str | Unset = UNSET
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        model_name = self.model_name

        model_service_name = self.model_service_name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if model_name is not UNSET:
            field_dict["modelName"] = model_name
        if model_service_name is not UNSET:
            field_dict["modelServiceName"] = model_service_name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        model_name = d.pop("modelName", UNSET)

        model_service_name = d.pop("modelServiceName", UNSET)

        proxy_fallback = cls(
            model_name=model_name,
            model_service_name=model_service_name,
        )

        proxy_fallback.additional_properties = d
        return proxy_fallback

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
