from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..types import UNSET, Unset

T = TypeVar("T", bound="WriteFileInput")


@_dataclass(slots=True, weakref_slot=True)
class WriteFileInput:
    """Body of `WriteFile`. Defaults when omitted: `mode` `644`, `encoding` `utf-8`, `createDir` true (the official SDK
    always sends all five fields).

    """

    path: str
    content: str
    mode: str | Unset = UNSET
    """ Octal permission string, e.g. `644`. """
    encoding: str | Unset = UNSET
    """ Encoding of `content`, `utf-8` or `base64`. """
    create_dir: bool | Unset = UNSET
    """ Create missing parent directories. """
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        path = self.path

        content = self.content

        mode = self.mode

        encoding = self.encoding

        create_dir = self.create_dir

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "path": path,
                "content": content,
            }
        )
        if mode is not UNSET:
            field_dict["mode"] = mode
        if encoding is not UNSET:
            field_dict["encoding"] = encoding
        if create_dir is not UNSET:
            field_dict["createDir"] = create_dir

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        path = d.pop("path")

        content = d.pop("content")

        mode = d.pop("mode", UNSET)

        encoding = d.pop("encoding", UNSET)

        create_dir = d.pop("createDir", UNSET)

        write_file_input = cls(
            path=path,
            content=content,
            mode=mode,
            encoding=encoding,
            create_dir=create_dir,
        )

        write_file_input.additional_properties = d
        return write_file_input

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
