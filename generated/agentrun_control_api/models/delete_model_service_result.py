from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.model_service import ModelService


T = TypeVar("T", bound="DeleteModelServiceResult")


@_dataclass(slots=True, weakref_slot=True)
class DeleteModelServiceResult:
    """Success envelope of DeleteModelService."""

    code: str | Unset = UNSET
    """ SUCCESS on success. """
    request_id: str | Unset = UNSET
    """ Request ID. """
    data: ModelService | Unset = UNSET
    """ A model service (connection to a model provider). """
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        request_id = self.request_id

        data: dict[str, Any] | Unset = UNSET
        if not isinstance(self.data, Unset):
            data = self.data.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if code is not UNSET:
            field_dict["code"] = code
        if request_id is not UNSET:
            field_dict["requestId"] = request_id
        if data is not UNSET:
            field_dict["data"] = data

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.model_service import ModelService  # noqa: PLC0415

        d = dict(src_dict)
        code = d.pop("code", UNSET)

        request_id = d.pop("requestId", UNSET)

        _data = d.pop("data", UNSET)
        data: ModelService | Unset
        if isinstance(_data, Unset):
            data = UNSET
        else:
            data = ModelService.from_dict(_data)

        delete_model_service_result = cls(
            code=code,
            request_id=request_id,
            data=data,
        )

        delete_model_service_result.additional_properties = d
        return delete_model_service_result

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
