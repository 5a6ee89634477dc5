from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..types import UNSET, Unset

T = TypeVar("T", bound="TokenPrice")


@_dataclass(slots=True, weakref_slot=True)
class TokenPrice:
    """Price of a model's tokens, per million."""

    input_per_million: float | Unset = UNSET
    """ Price of one million prompt (input) tokens. """
    output_per_million: float | Unset = UNSET
    """ Price of one million completion (output) tokens. """
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        input_per_million = self.input_per_million

        output_per_million = self.output_per_million

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if input_per_million is not UNSET:
            field_dict["inputPerMillion"] = input_per_million
        if output_per_million is not UNSET:
            field_dict["outputPerMillion"] = output_per_million

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        input_per_million = d.pop("inputPerMillion", UNSET)

        output_per_million = d.pop("outputPerMillion", UNSET)

        token_price = cls(
            input_per_million=input_per_million,
            output_per_million=output_per_million,
        )

        token_price.additional_properties = d
        return token_price

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
