from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..models.context_language import ContextLanguage
from ..types import UNSET, Unset

T = TypeVar("T", bound="ExecuteCodeInput")


@_dataclass(slots=True, weakref_slot=True)
class ExecuteCodeInput:
    """Body of `ExecuteCode`."""

    code: str
    context_id: str | Unset = UNSET
    """ Context to run in; omitted for stateless execution. """
    language: ContextLanguage | Unset = UNSET
    """ Language of a context or execution. """
    timeout: int | Unset = UNSET
    """ Timeout in seconds applied by the server (30 when omitted). """
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        context_id = self.context_id

        language: str | Unset = UNSET
        if not isinstance(self.language, Unset):
            language = self.language.value

        timeout = self.timeout

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
            }
        )
        if context_id is not UNSET:
            field_dict["contextId"] = context_id
        if language is not UNSET:
            field_dict["language"] = language
        if timeout is not UNSET:
            field_dict["timeout"] = timeout

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = d.pop("code")

        context_id = d.pop("contextId", UNSET)

        _language = d.pop("language", UNSET)
        language: ContextLanguage | Unset
        if isinstance(_language, Unset):
            language = UNSET
        else:
            language = ContextLanguage(_language)

        timeout = d.pop("timeout", UNSET)

        execute_code_input = cls(
            code=code,
            context_id=context_id,
            language=language,
            timeout=timeout,
        )

        execute_code_input.additional_properties = d
        return execute_code_input

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
