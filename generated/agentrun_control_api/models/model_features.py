from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ModelFeatures")


@_dataclass(slots=True, weakref_slot=True)
class ModelFeatures:
    """Capability flags of a model."""

    agent_thought: bool | Unset = UNSET
    multi_tool_call: bool | Unset = UNSET
    stream_tool_call: bool | Unset = UNSET
    tool_call: bool | Unset = UNSET
    vision: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agent_thought = self.agent_thought

        multi_tool_call = self.multi_tool_call

        stream_tool_call = self.stream_tool_call

        tool_call = self.tool_call

        vision = self.vision

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if agent_thought is not UNSET:
            field_dict["agentThought"] = agent_thought
        if multi_tool_call is not UNSET:
            field_dict["multiToolCall"] = multi_tool_call
        if stream_tool_call is not UNSET:
            field_dict["streamToolCall"] = stream_tool_call
        if tool_call is not UNSET:
            field_dict["toolCall"] = tool_call
        if vision is not UNSET:
            field_dict["vision"] = vision

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        agent_thought = d.pop("agentThought", UNSET)

        multi_tool_call = d.pop("multiToolCall", UNSET)

        stream_tool_call = d.pop("streamToolCall", UNSET)

        tool_call = d.pop("toolCall", UNSET)

        vision = d.pop("vision", UNSET)

        model_features = cls(
            agent_thought=agent_thought,
            multi_tool_call=multi_tool_call,
            stream_tool_call=stream_tool_call,
            tool_call=tool_call,
            vision=vision,
        )

        model_features.additional_properties = d
        return model_features

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
