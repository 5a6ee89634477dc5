from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.model_features import ModelFeatures
    from ..models.model_parameter_rule import ModelParameterRule
    from ..models.model_properties import ModelProperties


T = TypeVar("T", bound="ModelInfoConfig")


@_dataclass(slots=True, weakref_slot=True)
class ModelInfoConfig:
    """Settings of one model of a model service."""

    model_features: ModelFeatures | Unset = UNSET
    """ Capability flags of a model. """
    model_name: str | Unset = UNSET
    """ Model name. """
    model_parameter_rules: list[ModelParameterRule] | Unset = UNSET
    model_properties: ModelProperties | Unset = UNSET
    """ Properties of a model. """
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        model_features: dict[str, Any] | Unset = UNSET
        if not isinstance(self.model_features, Unset):
            model_features = self.model_features.to_dict()

        model_name = self.model_name

        model_parameter_rules: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.model_parameter_rules, Unset):
            model_parameter_rules = []
            for model_parameter_rules_item_data in self.model_parameter_rules:
                model_parameter_rules_item = model_parameter_rules_item_data.to_dict()
                model_parameter_rules.append(model_parameter_rules_item)

        model_properties: dict[str, Any] | Unset = UNSET
        if not isinstance(self.model_properties, Unset):
            model_properties = self.model_properties.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if model_features is not UNSET:
            field_dict["modelFeatures"] = model_features
        if model_name is not UNSET:
            field_dict["modelName"] = model_name
        if model_parameter_rules is not UNSET:
            field_dict["modelParameterRules"] = model_parameter_rules
        if model_properties is not UNSET:
            field_dict["modelProperties"] = model_properties

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.model_features import ModelFeatures  # noqa: PLC0415
        from ..models.model_parameter_rule import ModelParameterRule  # noqa: PLC0415
        from ..models.model_properties import ModelProperties  # noqa: PLC0415

        d = dict(src_dict)
        _model_features = d.pop("modelFeatures", UNSET)
        model_features: ModelFeatures | Unset
        if isinstance(_model_features, Unset):
            model_features = UNSET
        else:
            model_features = ModelFeatures.from_dict(_model_features)

        model_name = d.pop("modelName", UNSET)

        _model_parameter_rules = d.pop("modelParameterRules", UNSET)
        model_parameter_rules: list[ModelParameterRule] | Unset = UNSET
        if _model_parameter_rules is not UNSET:
            model_parameter_rules = []
            for model_parameter_rules_item_data in _model_parameter_rules:
                model_parameter_rules_item = ModelParameterRule.from_dict(model_parameter_rules_item_data)

                model_parameter_rules.append(model_parameter_rules_item)

        _model_properties = d.pop("modelProperties", UNSET)
        model_properties: ModelProperties | Unset
        if isinstance(_model_properties, Unset):
            model_properties = UNSET
        else:
            model_properties = ModelProperties.from_dict(_model_properties)

        model_info_config = cls(
            model_features=model_features,
            model_name=model_name,
            model_parameter_rules=model_parameter_rules,
            model_properties=model_properties,
        )

        model_info_config.additional_properties = d
        return model_info_config

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
