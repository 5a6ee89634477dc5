"""Turning wire JSON into the generated models (dataclasses with `to_dict`/`from_dict`), tolerantly."""

from __future__ import annotations

import dataclasses
from typing import Any, Protocol, Self, TypeVar

from agentrun import errors

T = TypeVar("T", bound="FromDict")


class FromDict(Protocol):
    @classmethod
    def from_dict(cls, src_dict: Any) -> Self: ...


def is_wire_model(cls: object) -> bool:
    """Whether `cls` is a generated model class, or a resource class built on one."""
    return isinstance(cls, type) and dataclasses.is_dataclass(cls) and hasattr(cls, "from_dict")


def _has_null(value: Any) -> bool:
    if isinstance(value, dict):
        return any(v is None or _has_null(v) for v in value.values())
    if isinstance(value, list):
        return any(v is None or _has_null(v) for v in value)
    return False


def strip_nulls(value: Any) -> Any:
    """Drop null-valued keys at every depth. The generated models treat an absent key as unset but would choke on
    a null where they expect an object, and servers differ in whether they omit or null out empty fields.
    Data without nulls (the usual case) is returned as is, without copying."""
    if not _has_null(value):
        return value
    return _strip(value)


def _strip(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_strip(v) for v in value if v is not None]
    return value


def parse_model(model: type[T], data: Any, *, what: str) -> T:
    """`model.from_dict` on null-stripped data, with a typed error that says what did not fit."""
    if not isinstance(data, dict):
        raise errors.APIResponseError(
            f"expected an object for {what}, got {type(data).__name__}: {str(data)[:200]}", status_code=200, body=data
        )
    try:
        return model.from_dict(strip_nulls(data))
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise errors.APIResponseError(
            f"the {what} in the answer does not match {model.__name__}: {exc!r}", status_code=200, body=data
        ) from exc
