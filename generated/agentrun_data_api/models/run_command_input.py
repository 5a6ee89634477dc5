from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..types import UNSET, Unset

T = TypeVar("T", bound="RunCommandInput")


@_dataclass(slots=True, weakref_slot=True)
class RunCommandInput:
    """Body of `RunCommand`. The official SDK always sends `cwd` and `timeout` (30)."""

    command: str
    """ Shell command line. """
    cwd: str | Unset = UNSET
    """ Working directory (server default `/home/user`). """
    timeout: int | Unset = UNSET
    """ Timeout in seconds (30 when omitted). """
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        command = self.command

        cwd = self.cwd

        timeout = self.timeout

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "command": command,
            }
        )
        if cwd is not UNSET:
            field_dict["cwd"] = cwd
        if timeout is not UNSET:
            field_dict["timeout"] = timeout

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        command = d.pop("command")

        cwd = d.pop("cwd", UNSET)

        timeout = d.pop("timeout", UNSET)

        run_command_input = cls(
            command=command,
            cwd=cwd,
            timeout=timeout,
        )

        run_command_input.additional_properties = d
        return run_command_input

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
