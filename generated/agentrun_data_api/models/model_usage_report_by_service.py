from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

if TYPE_CHECKING:
    from ..models.model_usage_tally import ModelUsageTally


T = TypeVar("T", bound="ModelUsageReportByService")


@_dataclass(slots=True, weakref_slot=True)
class ModelUsageReportByService:
    additional_properties: dict[str, ModelUsageTally] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:

        field_dict: dict[str, Any] = {}
        for prop_name, prop in self.additional_properties.items():
            field_dict[prop_name] = prop.to_dict()

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.model_usage_tally import ModelUsageTally  # noqa: PLC0415

        d = dict(src_dict)
        model_usage_report_by_service = cls()

        additional_properties = {}
        for prop_name, prop_dict in d.items():
            additional_property = ModelUsageTally.from_dict(prop_dict)

            additional_properties[prop_name] = additional_property

        model_usage_report_by_service.additional_properties = additional_properties
        return model_usage_report_by_service

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> ModelUsageTally:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: ModelUsageTally) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
