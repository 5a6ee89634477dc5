from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.json_object import JsonObject
    from ..models.json_rpc_error import JsonRpcError


T = TypeVar("T", bound="JsonRpcMessage")


@_dataclass(slots=True, weakref_slot=True)
class JsonRpcMessage:
    """One JSON-RPC 2.0 message (MCP request, notification, response or error). Free-form; the listed members are the
    standard ones.

    """

    jsonrpc: str | Unset = UNSET
    """ Always `2.0`. """
    id: int | None | str | Unset = UNSET
    """ Request ID (absent on notifications). """
    method: str | Unset = UNSET
    params: JsonObject | Unset = UNSET
    """ Arbitrary JSON object. """
    result: JsonObject | Unset = UNSET
    """ Arbitrary JSON object. """
    error: JsonRpcError | Unset = UNSET
    """ JSON-RPC error object. """
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        jsonrpc = self.jsonrpc

        id: int | None | str | Unset
        if isinstance(self.id, Unset):
            id = UNSET
        else:
            id = self.id

        method = self.method

        params: dict[str, Any] | Unset = UNSET
        if not isinstance(self.params, Unset):
            params = self.params.to_dict()

        result: dict[str, Any] | Unset = UNSET
        if not isinstance(self.result, Unset):
            result = self.result.to_dict()

        error: dict[str, Any] | Unset = UNSET
        if not isinstance(self.error, Unset):
            error = self.error.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if jsonrpc is not UNSET:
            field_dict["jsonrpc"] = jsonrpc
        if id is not UNSET:
            field_dict["id"] = id
        if method is not UNSET:
            field_dict["method"] = method
        if params is not UNSET:
            field_dict["params"] = params
        if result is not UNSET:
            field_dict["result"] = result
        if error is not UNSET:
            field_dict["error"] = error

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.json_object import JsonObject  # noqa: PLC0415
        from ..models.json_rpc_error import JsonRpcError  # noqa: PLC0415

        d = dict(src_dict)
        jsonrpc = d.pop("jsonrpc", UNSET)

        def _parse_id(data: object) -> int | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | str | Unset, data)

        id = _parse_id(d.pop("id", UNSET))

        method = d.pop("method", UNSET)

        _params = d.pop("params", UNSET)
        params: JsonObject | Unset
        if isinstance(_params, Unset):
            params = UNSET
        else:
            params = JsonObject.from_dict(_params)

        _result = d.pop("result", UNSET)
        result: JsonObject | Unset
        if isinstance(_result, Unset):
            result = UNSET
        else:
            result = JsonObject.from_dict(_result)

        _error = d.pop("error", UNSET)
        error: JsonRpcError | Unset
        if isinstance(_error, Unset):
            error = UNSET
        else:
            error = JsonRpcError.from_dict(_error)

        json_rpc_message = cls(
            jsonrpc=jsonrpc,
            id=id,
            method=method,
            params=params,
            result=result,
            error=error,
        )

        json_rpc_message.additional_properties = d
        return json_rpc_message

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
