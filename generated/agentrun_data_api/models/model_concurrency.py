from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ModelConcurrency")


@_dataclass(slots=True, weakref_slot=True)
class ModelConcurrency:
    """A model proxy's concurrency state (when it has a `concurrencyLimit`)."""

    limit: int | Unset = UNSET
    max_queued: int | Unset = UNSET
    in_flight: int | Unset = UNSET
    queued: int | Unset = UNSET
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        limit = self.limit

        max_queued = self.max_queued

        in_flight = self.in_flight

        queued = self.queued

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if limit is not UNSET:
            field_dict["limit"] = limit
        if max_queued is not UNSET:
            field_dict["maxQueued"] = max_queued
        if in_flight is not UNSET:
            field_dict["inFlight"] = in_flight
        if queued is not UNSET:
            field_dict["queued"] = queued

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        limit = d.pop("limit", UNSET)

        max_queued = d.pop("maxQueued", UNSET)

        in_flight = d.pop("inFlight", UNSET)

        queued = d.pop("queued", UNSET)

        model_concurrency = cls(
            limit=limit,
            max_queued=max_queued,
            in_flight=in_flight,
            queued=queued,
        )

        model_concurrency.additional_properties = d
        return model_concurrency

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
