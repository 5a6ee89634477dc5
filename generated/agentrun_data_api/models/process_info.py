from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..models.process_status import ProcessStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="ProcessInfo")


@_dataclass(slots=True, weakref_slot=True)
class ProcessInfo:
    """A process in the sandbox. AgentRun Local knows the processes started through this API (RunCommand and StartProcess):
    the running ones and the last 32 that exited.

    """

    pid: int | Unset = UNSET
    name: str | Unset = UNSET
    """ Process name (the program the command line starts with; `sh` for compound commands). """
    status: ProcessStatus | Unset = UNSET
    """ Status of a process: `running`; `exited` (it ended by itself, whatever its exit code); `killed` (a signal
    ended it, `exitCode` is then minus the signal number). """
    command: str | Unset = UNSET
    """ Full command line. """
    cwd: str | Unset = UNSET
    exit_code: int | None | Unset = UNSET
    """ Exit code once exited (negative signal number if killed by a signal), else `null`. """
    started_at: str | Unset = UNSET
    """ Start time (ISO 8601). """
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        pid = self.pid

        name = self.name

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        command = self.command

        cwd = self.cwd

        exit_code: int | None | Unset
        if isinstance(self.exit_code, Unset):
            exit_code = UNSET
        else:
            exit_code = self.exit_code

        started_at = self.started_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if pid is not UNSET:
            field_dict["pid"] = pid
        if name is not UNSET:
            field_dict["name"] = name
        if status is not UNSET:
            field_dict["status"] = status
        if command is not UNSET:
            field_dict["command"] = command
        if cwd is not UNSET:
            field_dict["cwd"] = cwd
        if exit_code is not UNSET:
            field_dict["exitCode"] = exit_code
        if started_at is not UNSET:
            field_dict["startedAt"] = started_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        pid = d.pop("pid", UNSET)

        name = d.pop("name", UNSET)

        _status = d.pop("status", UNSET)
        status: ProcessStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = ProcessStatus(_status)

        command = d.pop("command", UNSET)

        cwd = d.pop("cwd", UNSET)

        def _parse_exit_code(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        exit_code = _parse_exit_code(d.pop("exitCode", UNSET))

        started_at = d.pop("startedAt", UNSET)

        process_info = cls(
            pid=pid,
            name=name,
            status=status,
            command=command,
            cwd=cwd,
            exit_code=exit_code,
            started_at=started_at,
        )

        process_info.additional_properties = d
        return process_info

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
