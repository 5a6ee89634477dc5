from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..models.context_language import ContextLanguage
from ..types import UNSET, Unset

T = TypeVar("T", bound="CreateContextInput")


@_dataclass(slots=True, weakref_slot=True)
class CreateContextInput:
    """Body of `CreateContext`. Server defaults when omitted are `cwd` `/home/user` and `language` `python`."""

    cwd: str | Unset = UNSET
    """ Working directory of the context. """
    language: ContextLanguage | Unset = UNSET
    """ Language of a context or execution. """
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        cwd = self.cwd

        language: str | Unset = UNSET
        if not isinstance(self.language, Unset):
            language = self.language.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if cwd is not UNSET:
            field_dict["cwd"] = cwd
        if language is not UNSET:
            field_dict["language"] = language

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        cwd = d.pop("cwd", UNSET)

        _language = d.pop("language", UNSET)
        language: ContextLanguage | Unset
        if isinstance(_language, Unset):
            language = UNSET
        else:
            language = ContextLanguage(_language)

        create_context_input = cls(
            cwd=cwd,
            language=language,
        )

        create_context_input.additional_properties = d
        return create_context_input

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
