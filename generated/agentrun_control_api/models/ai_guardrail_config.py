from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AiGuardrailConfig")


@_dataclass(slots=True, weakref_slot=True)
class AiGuardrailConfig:
    """AI guardrail settings of a model proxy."""

    block_on_content_moderation: bool | Unset = UNSET
    block_on_malicious_url: bool | Unset = UNSET
    block_on_model_hallucination: bool | Unset = UNSET
    block_on_prompt_attack: bool | Unset = UNSET
    block_on_sensitive_data: bool | Unset = UNSET
    check_request: bool | Unset = UNSET
    """ Check requests. """
    check_response: bool | Unset = UNSET
    """ Check responses. """
    level: str | Unset = UNSET
    """ Guardrail level. """
    max_text_length: int | Unset = UNSET
    """ Maximum checked text length. """
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        block_on_content_moderation = self.block_on_content_moderation

        block_on_malicious_url = self.block_on_malicious_url

        block_on_model_hallucination = self.block_on_model_hallucination

        block_on_prompt_attack = self.block_on_prompt_attack

        block_on_sensitive_data = self.block_on_sensitive_data

        check_request = self.check_request

        check_response = self.check_response

        level = self.level

        max_text_length = self.max_text_length

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if block_on_content_moderation is not UNSET:
            field_dict["blockOnContentModeration"] = block_on_content_moderation
        if block_on_malicious_url is not UNSET:
            field_dict["blockOnMaliciousUrl"] = block_on_malicious_url
        if block_on_model_hallucination is not UNSET:
            field_dict["blockOnModelHallucination"] = block_on_model_hallucination
        if block_on_prompt_attack is not UNSET:
            field_dict["blockOnPromptAttack"] = block_on_prompt_attack
        if block_on_sensitive_data is not UNSET:
            field_dict["blockOnSensitiveData"] = block_on_sensitive_data
        if check_request is not UNSET:
            field_dict["checkRequest"] = check_request
        if check_response is not UNSET:
            field_dict["checkResponse"] = check_response
        if level is not UNSET:
            field_dict["level"] = level
        if max_text_length is not UNSET:
            field_dict["maxTextLength"] = max_text_length

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        block_on_content_moderation = d.pop("blockOnContentModeration", UNSET)

        block_on_malicious_url = d.pop("blockOnMaliciousUrl", UNSET)

        block_on_model_hallucination = d.pop("blockOnModelHallucination", UNSET)

        block_on_prompt_attack = d.pop("blockOnPromptAttack", UNSET)

        block_on_sensitive_data = d.pop("blockOnSensitiveData", UNSET)

        check_request = d.pop("checkRequest", UNSET)

        check_response = d.pop("checkResponse", UNSET)

        level = d.pop("level", UNSET)

        max_text_length = d.pop("maxTextLength", UNSET)

        ai_guardrail_config = cls(
            block_on_content_moderation=block_on_content_moderation,
            block_on_malicious_url=block_on_malicious_url,
            block_on_model_hallucination=block_on_model_hallucination,
            block_on_prompt_attack=block_on_prompt_attack,
            block_on_sensitive_data=block_on_sensitive_data,
            check_request=check_request,
            check_response=check_response,
            level=level,
            max_text_length=max_text_length,
        )

        ai_guardrail_config.additional_properties = d
        return ai_guardrail_config

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
