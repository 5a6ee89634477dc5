from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ModelParameterRule")


@_dataclass(slots=True, weakref_slot=True)
class ModelParameterRule:
    """Rule for one model parameter."""

    default: Any | Unset = UNSET
    """ Default value (any JSON value). """
    max_: float | Unset = UNSET
    """ Maximum value (integer in the vendor model; number accepted). """
    min_: float | Unset = UNSET
    """ Minimum value (integer in the vendor model; number accepted). """
    name: str | Unset = UNSET
    """ Parameter name. """
    required: bool | Unset = UNSET
    """ Whether the parameter is required. """
    type_: str | Unset = UNSET
    """ Parameter type. """
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        default = self.default

        max_ = self.max_

        min_ = self.min_

        name = self.name

        required = self.required

        type_ = self.type_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if default is not UNSET:
            field_dict["default"] = default
        if max_ is not UNSET:
            field_dict["max"] = max_
        if min_ is not UNSET:
            field_dict["min"] = min_
        if name is not UNSET:
            field_dict["name"] = name
        if required is not UNSET:
            field_dict["required"] = required
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        default = d.pop("default", UNSET)

        max_ = d.pop("max", UNSET)

        min_ = d.pop("min", UNSET)

        name = d.pop("name", UNSET)

        required = d.pop("required", UNSET)

        type_ = d.pop("type", UNSET)

        model_parameter_rule = cls(
            default=default,
            max_=max_,
            min_=min_,
            name=name,
            required=required,
            type_=type_,
        )

        model_parameter_rule.additional_properties = d
        return model_parameter_rule

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
