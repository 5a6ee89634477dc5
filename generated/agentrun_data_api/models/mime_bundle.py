from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

T = TypeVar("T", bound="MimeBundle")


@_dataclass(slots=True, weakref_slot=True)
class MimeBundle:
    """Rich output keyed by MIME type, e.g. `text/plain`, `text/html`, `text/markdown`, `image/png` and `image/jpeg`
    (base64), `image/svg+xml`, `application/json` (JSON encoded as a string). Extension. AgentRun Local keeps a bundle
    under 3 MiB: its largest values are written whole to files in the sandbox
    (`/home/user/.agentrun/output/<execution>/result-<n>.<ext>`) and left out (`text/plain` keeps its first 64 Ki
    characters), and `text/plain` ends with one `[AgentRun Local: ...]` line per value naming its size and its file.

    """

    additional_properties: dict[str, str] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        mime_bundle = cls()

        mime_bundle.additional_properties = d
        return mime_bundle

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> str:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: str) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
