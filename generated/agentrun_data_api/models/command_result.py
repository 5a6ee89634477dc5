from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.command_status import CommandStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.command_output import CommandOutput


T = TypeVar("T", bound="CommandResult")


@_attrs_define
class CommandResult:
    """Result of `RunCommand`, with the output both at the top level and nested in `result` (each form has its consumers).
    `status` is `completed` after a normal exit, whatever the exit code.

    """

    exit_code: int | Unset = UNSET
    stdout: str | Unset = UNSET
    stderr: str | Unset = UNSET
    result: CommandOutput | Unset = UNSET
    """ Nested output of `CommandResult`. """
    status: CommandStatus | Unset = UNSET
    """ Status of a finished command. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        exit_code = self.exit_code

        stdout = self.stdout

        stderr = self.stderr

        result: dict[str, Any] | Unset = UNSET
        if not isinstance(self.result, Unset):
            result = self.result.to_dict()

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

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

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.command_output import CommandOutput  # noqa: PLC0415

        d = dict(src_dict)
        exit_code = d.pop("exitCode", UNSET)

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

        command_result = cls(
            exit_code=exit_code,
            stdout=stdout,
            stderr=stderr,
            result=result,
            status=status,
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
