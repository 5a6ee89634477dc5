from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

if TYPE_CHECKING:
    from ..models.open_ai_error import OpenAIError


T = TypeVar("T", bound="OpenAIErrorResponse")


@_dataclass(slots=True, weakref_slot=True)
class OpenAIErrorResponse:
    """OpenAI-style error body. `error` is required here only so that clients can tell this shape apart from
    `ErrorResponse` when parsing `OpenAICompatibleError`.

    """

    error: OpenAIError
    """ OpenAI-style error object. """
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        error = self.error.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "error": error,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.open_ai_error import OpenAIError  # noqa: PLC0415

        d = dict(src_dict)
        error = OpenAIError.from_dict(d.pop("error"))

        open_ai_error_response = cls(
            error=error,
        )

        open_ai_error_response.additional_properties = d
        return open_ai_error_response

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
