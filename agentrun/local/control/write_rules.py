"""What the control plane accepts on write, beyond the shape `schema.validate` checks: resource names, enum values
and numeric ranges (the names' rule and the ranges are resources.py's). openapi/control.yaml states the same rules
(`pattern`, `maxLength`, `enum`, `minimum`, `maximum` on the *Input schemas); tests/local/security/test_fuzz_specs.py
holds the two to each other.

Enums are open for clients (an unknown value parses as UNKNOWN, so a value the cloud adds later does not break
them), but a server stores only values it knows. Documents stored before these rules are emitted as they are:
rules apply to writes, never to reads, so every old row stays listable.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Iterator
from typing import Any

from agentrun._core.models import is_wire_model
from agentrun.local.resources import NAME, NAME_RULE, RANGES, Range
from agentrun.local.responses import LocalAPIError, bad_request
from agentrun.local.schema import WireModel


def check_name(field: str, value: Any) -> None:
    """400 unless `value` is a valid resource name."""
    if not isinstance(value, str) or not NAME.fullmatch(value):
        raise bad_request(f"invalid name: field {field} must be {NAME_RULE}, got {_short(value)}")


def check_body(model: type[WireModel], body: dict[str, Any], names: tuple[str, ...] = ()) -> None:
    """400 naming the first field of a validated `body` that breaks a rule: a name in `names`, an enum value the
    spec does not list, a number out of its range."""
    for field in names:
        if field in body:
            check_name(field, body[field])
    for path, value in _enum_values(model.from_dict(body), ""):
        if value.name == "UNKNOWN":
            allowed = ", ".join(member.value for member in type(value) if member.name != "UNKNOWN")
            raise bad_request(f"invalid {model.__name__}: field {path} must be one of {allowed}, got {value.value!r}")
    for path, rule in RANGES.items():
        for where, number in _numbers_at(body, path.split("."), ""):
            if not rule.holds(number):
                raise _out_of_range(model, where, rule, number)


def _out_of_range(model: type[WireModel], where: str, rule: Range, number: float) -> LocalAPIError:
    return bad_request(f"invalid {model.__name__}: field {where} must be {rule}, got {number!r}")


def _enum_values(value: Any, path: str) -> Iterator[tuple[str, enum.Enum]]:
    """Every enum value in a parsed model, with its wire path."""
    if isinstance(value, enum.Enum):
        yield path, value
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _enum_values(item, f"{path}[{i}]")
    elif is_wire_model(type(value)):
        for attribute in dataclasses.fields(value):
            yield from _enum_values(getattr(value, attribute.name), _join(path, _camel(attribute.name)))


def _numbers_at(value: Any, steps: list[str], path: str) -> Iterator[tuple[str, float]]:
    if not steps:
        if isinstance(value, int | float) and not isinstance(value, bool):
            yield path, value
        return
    step, rest = steps[0], steps[1:]
    key, each = step.removesuffix("[]"), step.endswith("[]")
    if not isinstance(value, dict) or key not in value:
        return
    found, where = value[key], _join(path, key)
    if not each:
        yield from _numbers_at(found, rest, where)
    elif isinstance(found, list):
        for i, item in enumerate(found):
            yield from _numbers_at(item, rest, f"{where}[{i}]")


def _camel(attribute: str) -> str:
    head, *rest = attribute.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
