from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.json_object import JsonObject


T = TypeVar("T", bound="AgUiRunAgentInput")


@_dataclass(slots=True, weakref_slot=True)
class AgUiRunAgentInput:
    """AG-UI `RunAgentInput` (ag-ui-protocol, camelCase): the conversation so far and the run's context. Agents built on
    `agentrun.server` read `messages` and `tools`; all of it reaches the agent as sent.

    """

    thread_id: str
    run_id: str
    messages: list[JsonObject]
    """ `{id, role, content, toolCalls?, toolCallId?}` objects. """
    parent_run_id: str | Unset = UNSET
    tools: list[JsonObject] | Unset = UNSET
    """ `{name, description, parameters}` objects. """
    context: list[JsonObject] | Unset = UNSET
    state: Any | Unset = UNSET
    forwarded_props: Any | Unset = UNSET
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        thread_id = self.thread_id

        run_id = self.run_id

        messages = []
        for messages_item_data in self.messages:
            messages_item = messages_item_data.to_dict()
            messages.append(messages_item)

        parent_run_id = self.parent_run_id

        tools: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.tools, Unset):
            tools = []
            for tools_item_data in self.tools:
                tools_item = tools_item_data.to_dict()
                tools.append(tools_item)

        context: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.context, Unset):
            context = []
            for context_item_data in self.context:
                context_item = context_item_data.to_dict()
                context.append(context_item)

        state = self.state

        forwarded_props = self.forwarded_props

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "threadId": thread_id,
                "runId": run_id,
                "messages": messages,
            }
        )
        if parent_run_id is not UNSET:
            field_dict["parentRunId"] = parent_run_id
        if tools is not UNSET:
            field_dict["tools"] = tools
        if context is not UNSET:
            field_dict["context"] = context
        if state is not UNSET:
            field_dict["state"] = state
        if forwarded_props is not UNSET:
            field_dict["forwardedProps"] = forwarded_props

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.json_object import JsonObject  # noqa: PLC0415

        d = dict(src_dict)
        thread_id = d.pop("threadId")

        run_id = d.pop("runId")

        messages = []
        _messages = d.pop("messages")
        for messages_item_data in _messages:
            messages_item = JsonObject.from_dict(messages_item_data)

            messages.append(messages_item)

        parent_run_id = d.pop("parentRunId", UNSET)

        _tools = d.pop("tools", UNSET)
        tools: list[JsonObject] | Unset = UNSET
        if _tools is not UNSET:
            tools = []
            for tools_item_data in _tools:
                tools_item = JsonObject.from_dict(tools_item_data)

                tools.append(tools_item)

        _context = d.pop("context", UNSET)
        context: list[JsonObject] | Unset = UNSET
        if _context is not UNSET:
            context = []
            for context_item_data in _context:
                context_item = JsonObject.from_dict(context_item_data)

                context.append(context_item)

        state = d.pop("state", UNSET)

        forwarded_props = d.pop("forwardedProps", UNSET)

        ag_ui_run_agent_input = cls(
            thread_id=thread_id,
            run_id=run_id,
            messages=messages,
            parent_run_id=parent_run_id,
            tools=tools,
            context=context,
            state=state,
            forwarded_props=forwarded_props,
        )

        ag_ui_run_agent_input.additional_properties = d
        return ag_ui_run_agent_input

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
