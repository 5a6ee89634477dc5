from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

if TYPE_CHECKING:
    from ..models.chat_named_tool_choice_function import ChatNamedToolChoiceFunction


T = TypeVar("T", bound="ChatNamedToolChoice")


@_dataclass(slots=True, weakref_slot=True)
class ChatNamedToolChoice:
    """Forces a specific function."""

    type_: str
    """ Always `function`. """
    function: ChatNamedToolChoiceFunction
    """ Function selected by a named tool choice. """
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        function = self.function.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "function": function,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.chat_named_tool_choice_function import ChatNamedToolChoiceFunction  # noqa: PLC0415

        d = dict(src_dict)
        type_ = d.pop("type")

        function = ChatNamedToolChoiceFunction.from_dict(d.pop("function"))

        chat_named_tool_choice = cls(
            type_=type_,
            function=function,
        )

        chat_named_tool_choice.additional_properties = d
        return chat_named_tool_choice

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
