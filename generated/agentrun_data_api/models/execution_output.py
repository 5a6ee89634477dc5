from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..models.execution_output_type import ExecutionOutputType
from ..models.execution_status import ExecutionStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.mime_bundle import MimeBundle


T = TypeVar("T", bound="ExecutionOutput")


@_dataclass(slots=True, weakref_slot=True)
class ExecutionOutput:
    """One item of `ExecutionResult.results`: `stdout`/`stderr`/`error` carry `text`; `result` carries `text` (the repr of
    the last expression) and, as an extension, `data`/`isMainResult`; `endOfExecution` carries `status`.

    """

    type_: ExecutionOutputType | Unset = UNSET
    """ Type of an `ExecutionOutput` item. `display` (rich output shown during execution, e.g. a plot) is an
    AgentRun extension. """
    text: str | Unset = UNSET
    status: ExecutionStatus | Unset = UNSET
    """ Final status of an execution. """
    data: MimeBundle | Unset = UNSET
    """ Rich output keyed by MIME type, e.g. `text/plain`, `text/html`, `text/markdown`, `image/png` and
    `image/jpeg` (base64), `image/svg+xml`, `application/json` (JSON encoded as a string). Extension. AgentRun Local
    keeps a bundle under 3 MiB: its largest values are written whole to files in the sandbox
    (`/home/user/.agentrun/output/<execution>/result-<n>.<ext>`) and left out (`text/plain` keeps its first 64 Ki
    characters), and `text/plain` ends with one `[AgentRun Local: ...]` line per value naming its size and its file.
    """
    is_main_result: bool | Unset = UNSET
    """ True for the value of the last expression (as opposed to `display` outputs). """
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_: str | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = self.type_.value

        text = self.text

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        data: dict[str, Any] | Unset = UNSET
        if not isinstance(self.data, Unset):
            data = self.data.to_dict()

        is_main_result = self.is_main_result

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if type_ is not UNSET:
            field_dict["type"] = type_
        if text is not UNSET:
            field_dict["text"] = text
        if status is not UNSET:
            field_dict["status"] = status
        if data is not UNSET:
            field_dict["data"] = data
        if is_main_result is not UNSET:
            field_dict["isMainResult"] = is_main_result

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.mime_bundle import MimeBundle  # noqa: PLC0415

        d = dict(src_dict)
        _type_ = d.pop("type", UNSET)
        type_: ExecutionOutputType | Unset
        if isinstance(_type_, Unset):
            type_ = UNSET
        else:
            type_ = ExecutionOutputType(_type_)

        text = d.pop("text", UNSET)

        _status = d.pop("status", UNSET)
        status: ExecutionStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = ExecutionStatus(_status)

        _data = d.pop("data", UNSET)
        data: MimeBundle | Unset
        if isinstance(_data, Unset):
            data = UNSET
        else:
            data = MimeBundle.from_dict(_data)

        is_main_result = d.pop("isMainResult", UNSET)

        execution_output = cls(
            type_=type_,
            text=text,
            status=status,
            data=data,
            is_main_result=is_main_result,
        )

        execution_output.additional_properties = d
        return execution_output

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
