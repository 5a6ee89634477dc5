from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.execution_error import ExecutionError
    from ..models.execution_output import ExecutionOutput


T = TypeVar("T", bound="ExecutionResult")


@_dataclass(slots=True, weakref_slot=True)
class ExecutionResult:
    """Synchronous result of `ExecuteCode`. Carries both the `results[]` array and the flattened top-level
    `stdout`/`stderr`/`exitCode` (0 on success, 1 on error).

    """

    context_id: str | Unset = UNSET
    results: list[ExecutionOutput] | Unset = UNSET
    stdout: str | Unset = UNSET
    stderr: str | Unset = UNSET
    exit_code: int | Unset = UNSET
    execution_count: int | Unset = UNSET
    """ Execution counter of the context (Jupyter `execution_count`). """
    error: ExecutionError | None | Unset = UNSET
    """ Structured error, absent or `null` on success. """
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.execution_error import ExecutionError  # noqa: PLC0415

        context_id = self.context_id

        results: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.results, Unset):
            results = []
            for results_item_data in self.results:
                results_item = results_item_data.to_dict()
                results.append(results_item)

        stdout = self.stdout

        stderr = self.stderr

        exit_code = self.exit_code

        execution_count = self.execution_count

        error: dict[str, Any] | None | Unset
        if isinstance(self.error, Unset):
            error = UNSET
        elif isinstance(self.error, ExecutionError):
            error = self.error.to_dict()
        else:
            error = self.error

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if context_id is not UNSET:
            field_dict["contextId"] = context_id
        if results is not UNSET:
            field_dict["results"] = results
        if stdout is not UNSET:
            field_dict["stdout"] = stdout
        if stderr is not UNSET:
            field_dict["stderr"] = stderr
        if exit_code is not UNSET:
            field_dict["exitCode"] = exit_code
        if execution_count is not UNSET:
            field_dict["executionCount"] = execution_count
        if error is not UNSET:
            field_dict["error"] = error

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.execution_error import ExecutionError  # noqa: PLC0415
        from ..models.execution_output import ExecutionOutput  # noqa: PLC0415

        d = dict(src_dict)
        context_id = d.pop("contextId", UNSET)

        _results = d.pop("results", UNSET)
        results: list[ExecutionOutput] | Unset = UNSET
        if _results is not UNSET:
            results = []
            for results_item_data in _results:
                results_item = ExecutionOutput.from_dict(results_item_data)

                results.append(results_item)

        stdout = d.pop("stdout", UNSET)

        stderr = d.pop("stderr", UNSET)

        exit_code = d.pop("exitCode", UNSET)

        execution_count = d.pop("executionCount", UNSET)

        def _parse_error(data: object) -> ExecutionError | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                error_type_0 = ExecutionError.from_dict(data)

                return error_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ExecutionError | None | Unset, data)

        error = _parse_error(d.pop("error", UNSET))

        execution_result = cls(
            context_id=context_id,
            results=results,
            stdout=stdout,
            stderr=stderr,
            exit_code=exit_code,
            execution_count=execution_count,
            error=error,
        )

        execution_result.additional_properties = d
        return execution_result

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
