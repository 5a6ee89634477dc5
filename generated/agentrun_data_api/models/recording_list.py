from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.recording import Recording


T = TypeVar("T", bound="RecordingList")


@_dataclass(slots=True, weakref_slot=True)
class RecordingList:
    """Result of `ListRecordings`."""

    recordings: list[Recording] | Unset = UNSET
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        recordings: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.recordings, Unset):
            recordings = []
            for recordings_item_data in self.recordings:
                recordings_item = recordings_item_data.to_dict()
                recordings.append(recordings_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if recordings is not UNSET:
            field_dict["recordings"] = recordings

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.recording import Recording  # noqa: PLC0415

        d = dict(src_dict)
        _recordings = d.pop("recordings", UNSET)
        recordings: list[Recording] | Unset = UNSET
        if _recordings is not UNSET:
            recordings = []
            for recordings_item_data in _recordings:
                recordings_item = Recording.from_dict(recordings_item_data)

                recordings.append(recordings_item)

        recording_list = cls(
            recordings=recordings,
        )

        recording_list.additional_properties = d
        return recording_list

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
