from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.chat_function_call import ChatFunctionCall


T = TypeVar("T", bound="ChatToolCallDelta")


@_dataclass(slots=True, weakref_slot=True)
class ChatToolCallDelta:
    """Streaming fragment of a tool call. The first fragment of call `index` carries `id`, `type` and `function.name`;
    later ones carry `function.arguments` pieces.

    """

    index: int | Unset = UNSET
    id: str | Unset = UNSET
    type_: str | Unset = UNSET
    function: ChatFunctionCall | Unset = UNSET
    """ Function name and JSON-encoded arguments of a tool call. """
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        index = self.index

        id = self.id

        type_ = self.type_

        function: dict[str, Any] | Unset = UNSET
        if not isinstance(self.function, Unset):
            function = self.function.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if index is not UNSET:
            field_dict["index"] = index
        if id is not UNSET:
            field_dict["id"] = id
        if type_ is not UNSET:
            field_dict["type"] = type_
        if function is not UNSET:
            field_dict["function"] = function

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.chat_function_call import ChatFunctionCall  # noqa: PLC0415

        d = dict(src_dict)
        index = d.pop("index", UNSET)

        id = d.pop("id", UNSET)

        type_ = d.pop("type", UNSET)

        _function = d.pop("function", UNSET)
        function: ChatFunctionCall | Unset
        if isinstance(_function, Unset):
            function = UNSET
        else:
            function = ChatFunctionCall.from_dict(_function)

        chat_tool_call_delta = cls(
            index=index,
            id=id,
            type_=type_,
            function=function,
        )

        chat_tool_call_delta.additional_properties = d
        return chat_tool_call_delta

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
