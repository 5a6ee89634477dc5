from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.chat_image_url import ChatImageUrl


T = TypeVar("T", bound="ChatContentPart")


@_dataclass(slots=True, weakref_slot=True)
class ChatContentPart:
    """One part of a multi-part message `content`: `{"type": "text", "text"}` or `{"type": "image_url", "image_url":
    {"url"}}`; other part types are carried as additional properties.

    """

    type_: str | Unset = UNSET
    text: str | Unset = UNSET
    image_url: ChatImageUrl | Unset = UNSET
    """ Image reference of an `image_url` content part. """
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        text = self.text

        image_url: dict[str, Any] | Unset = UNSET
        if not isinstance(self.image_url, Unset):
            image_url = self.image_url.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if type_ is not UNSET:
            field_dict["type"] = type_
        if text is not UNSET:
            field_dict["text"] = text
        if image_url is not UNSET:
            field_dict["image_url"] = image_url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.chat_image_url import ChatImageUrl  # noqa: PLC0415

        d = dict(src_dict)
        type_ = d.pop("type", UNSET)

        text = d.pop("text", UNSET)

        _image_url = d.pop("image_url", UNSET)
        image_url: ChatImageUrl | Unset
        if isinstance(_image_url, Unset):
            image_url = UNSET
        else:
            image_url = ChatImageUrl.from_dict(_image_url)

        chat_content_part = cls(
            type_=type_,
            text=text,
            image_url=image_url,
        )

        chat_content_part.additional_properties = d
        return chat_content_part

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
