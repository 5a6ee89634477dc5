from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..models.command_status import CommandStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.command_output import CommandOutput


T = TypeVar("T", bound="CommandResult")


@_dataclass(slots=True, weakref_slot=True)
class CommandResult:
    """Result of `RunCommand`, with the output both at the top level and nested in `result` (each form has its consumers).
    `status` is `completed` after the command ended by itself, whatever the exit code, and `timeout` when its timeout
    killed it. See `RunCommand` for the output encoding and size limit.

    """

    exit_code: int | None | Unset = UNSET
    """ Exit code; negative signal number if a signal killed the command; `null` when its timeout did. """
    stdout: str | Unset = UNSET
    stderr: str | Unset = UNSET
    result: CommandOutput | Unset = UNSET
    """ Nested output of `CommandResult`. """
    status: CommandStatus | Unset = UNSET
    """ Status of a finished command. """
    pid: int | Unset = UNSET
    """ The command's process ID inside the sandbox (see `GetProcess`). """
    duration_ms: int | Unset = UNSET
    """ Wall-clock run time in milliseconds. """
    stdout_base_64: str | Unset = UNSET
    """ The exact bytes of `stdout` (without the dropped note), present when they are not UTF-8. """
    stderr_base_64: str | Unset = UNSET
    """ As `stdoutBase64`, for `stderr`. """
    stdout_dropped: int | Unset = UNSET
    """ Bytes dropped from the start of `stdout` (present when some were). """
    stderr_dropped: int | Unset = UNSET
    """ As `stdoutDropped`, for `stderr`. """
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        exit_code: int | None | Unset
        if isinstance(self.exit_code, Unset):
            exit_code = UNSET
        else:
            exit_code = self.exit_code

        stdout = self.stdout

        stderr = self.stderr

        result: dict[str, Any] | Unset = UNSET
        if not isinstance(self.result, Unset):
            result = self.result.to_dict()

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        pid = self.pid

        duration_ms = self.duration_ms

        stdout_base_64 = self.stdout_base_64

        stderr_base_64 = self.stderr_base_64

        stdout_dropped = self.stdout_dropped

        stderr_dropped = self.stderr_dropped

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if exit_code is not UNSET:
            field_dict["exitCode"] = exit_code
        if stdout is not UNSET:
            field_dict["stdout"] = stdout
        if stderr is not UNSET:
            field_dict["stderr"] = stderr
        if result is not UNSET:
            field_dict["result"] = result
        if status is not UNSET:
            field_dict["status"] = status
        if pid is not UNSET:
            field_dict["pid"] = pid
        if duration_ms is not UNSET:
            field_dict["durationMs"] = duration_ms
        if stdout_base_64 is not UNSET:
            field_dict["stdoutBase64"] = stdout_base_64
        if stderr_base_64 is not UNSET:
            field_dict["stderrBase64"] = stderr_base_64
        if stdout_dropped is not UNSET:
            field_dict["stdoutDropped"] = stdout_dropped
        if stderr_dropped is not UNSET:
            field_dict["stderrDropped"] = stderr_dropped

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.command_output import CommandOutput  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_exit_code(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        exit_code = _parse_exit_code(d.pop("exitCode", UNSET))

        stdout = d.pop("stdout", UNSET)

        stderr = d.pop("stderr", UNSET)

        _result = d.pop("result", UNSET)
        result: CommandOutput | Unset
        if isinstance(_result, Unset):
            result = UNSET
        else:
            result = CommandOutput.from_dict(_result)

        _status = d.pop("status", UNSET)
        status: CommandStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = CommandStatus(_status)

        pid = d.pop("pid", UNSET)

        duration_ms = d.pop("durationMs", UNSET)

        stdout_base_64 = d.pop("stdoutBase64", UNSET)

        stderr_base_64 = d.pop("stderrBase64", UNSET)

        stdout_dropped = d.pop("stdoutDropped", UNSET)

        stderr_dropped = d.pop("stderrDropped", UNSET)

        command_result = cls(
            exit_code=exit_code,
            stdout=stdout,
            stderr=stderr,
            result=result,
            status=status,
            pid=pid,
            duration_ms=duration_ms,
            stdout_base_64=stdout_base_64,
            stderr_base_64=stderr_base_64,
            stdout_dropped=stdout_dropped,
            stderr_dropped=stderr_dropped,
        )

        command_result.additional_properties = d
        return command_result

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
