from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ErrorResponse")


@_dataclass(slots=True, weakref_slot=True)
class ErrorResponse:
    """AgentRun error body, sent with HTTP ≥ 400. Clients also accept the capitalised spellings Code / Message / RequestId."""

    code: str | Unset = UNSET
    """ Error code, e.g. `ERR_BAD_REQUEST`, `ERR_VALIDATION_FAILED`, `ERR_FORBIDDEN`, `ERR_NOT_FOUND`,
    `ERR_CONFLICT`, `ERR_INTERNAL_SERVER_ERROR`. """
    message: str | Unset = UNSET
    """ Human-readable message; its phrases drive client error classification. """
    request_id: str | Unset = UNSET
    """ Request ID (may instead come from a `x-acs-request-id`-style response header). """
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        message = self.message

        request_id = self.request_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if code is not UNSET:
            field_dict["code"] = code
        if message is not UNSET:
            field_dict["message"] = message
        if request_id is not UNSET:
            field_dict["requestId"] = request_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = d.pop("code", UNSET)

        message = d.pop("message", UNSET)

        request_id = d.pop("requestId", UNSET)

        error_response = cls(
            code=code,
            message=message,
            request_id=request_id,
        )

        error_response.additional_properties = d
        return error_response

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
