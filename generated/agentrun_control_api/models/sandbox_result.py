from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.sandbox import Sandbox


T = TypeVar("T", bound="SandboxResult")


@_dataclass(slots=True, weakref_slot=True)
class SandboxResult:
    """Success envelope of CreateSandbox, GetSandbox, StopSandbox, DeleteSandbox, PauseSandbox and ResumeSandbox. `code` is
    exactly `SUCCESS` on success; anything else is a failure even with HTTP 200.

    """

    code: str | Unset = UNSET
    """ SUCCESS on success. """
    request_id: str | Unset = UNSET
    """ Request ID. """
    message: str | Unset = UNSET
    data: None | Sandbox | Unset = UNSET
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.sandbox import Sandbox  # noqa: PLC0415

        code = self.code

        request_id = self.request_id

        message = self.message

        data: dict[str, Any] | None | Unset
        if isinstance(self.data, Unset):
            data = UNSET
        elif isinstance(self.data, Sandbox):
            data = self.data.to_dict()
        else:
            data = self.data

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if code is not UNSET:
            field_dict["code"] = code
        if request_id is not UNSET:
            field_dict["requestId"] = request_id
        if message is not UNSET:
            field_dict["message"] = message
        if data is not UNSET:
            field_dict["data"] = data

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.sandbox import Sandbox  # noqa: PLC0415

        d = dict(src_dict)
        code = d.pop("code", UNSET)

        request_id = d.pop("requestId", UNSET)

        message = d.pop("message", UNSET)

        def _parse_data(data: object) -> None | Sandbox | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                data_type_0 = Sandbox.from_dict(data)

                return data_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Sandbox | Unset, data)

        data = _parse_data(d.pop("data", UNSET))

        sandbox_result = cls(
            code=code,
            request_id=request_id,
            message=message,
            data=data,
        )

        sandbox_result.additional_properties = d
        return sandbox_result

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
