"""Wire JSON checked against, and shaped by, the generated models, so the server and the SDK share one contract.

The generated `from_dict` checks little (a missing required key raises KeyError, types pass through unchecked), so
`validate` walks a body against the models' type hints first and names the first field that does not fit.
`project` round-trips a document through a model's `from_dict`/`to_dict`, keeping only the top-level keys
the model declares (nested unknown keys survive, e.g. the `externalEndpoint` SuperAgent adds to
protocolConfiguration).

`parse_json` is the one JSON parser of request bodies (both planes and the model gateway): it refuses what
`json.loads` lets through but the rest of the server cannot carry (see its docstring).
"""

from __future__ import annotations

import enum
import inspect
import json
import math
import re
import sys
import types
import typing
from dataclasses import MISSING, dataclass, fields
from functools import cache
from typing import Any, Protocol, Self

from agentrun_control_api.types import Unset as ControlUnset
from agentrun_data_api.types import Unset as DataUnset

from agentrun._core.models import is_wire_model


class WireModel(Protocol):
    additional_properties: dict[str, Any]

    @classmethod
    def from_dict(cls, src_dict: Any) -> Self: ...

    def to_dict(self) -> dict[str, Any]: ...


# The "not set" markers of both generated packages, and None: never a value a body must fit.
_NOT_VALUES = (ControlUnset, DataUnset, type(None))


class BodyError(ValueError):
    """A request body does not fit its model; `field` is the dotted path of the offending key."""

    def __init__(self, field: str, problem: str) -> None:
        self.field = field
        self.problem = problem
        super().__init__(f"{field}: {problem}" if field else problem)


MAX_JSON_DEPTH = 64  # nested arrays and objects; the specs' bodies need fewer than ten

# `\ud800`-`\udfff` written as a JSON escape: the only way a surrogate reaches a parsed str (raw UTF-8 cannot
# encode one). A pair of them decodes to one character; what is left after parsing is unpaired.
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def parse_json(raw: bytes) -> Any:
    """The JSON value of a request body; BodyError saying what to change when it is not JSON, uses NaN or
    Infinity, nests deeper than MAX_JSON_DEPTH, or holds an unpaired UTF-16 surrogate (`"\\ud800"`): Python
    parses all of these, but the server could neither recurse into the first nor encode the last again (its
    answer, a process's command, a file name would fail as UTF-8)."""
    try:
        value = _loads(raw)
    except RecursionError:
        raise _too_deep("") from None
    except ValueError as exc:  # JSONDecodeError, UnicodeDecodeError, an integer of too many digits
        raise BodyError("", f"the body is not valid JSON: {exc}") from None
    deep = raw.count(b"[") + raw.count(b"{") > MAX_JSON_DEPTH
    if deep or _SURROGATE_ESCAPE.search(raw):
        _check_tree(value)
    return value


def _loads(raw: bytes) -> Any:
    """`json.loads(raw, parse_constant=_no_constant, parse_float=_finite)` through one decoder made once (json.loads
    makes a decoder, and its scanner, on every call given such hooks)."""
    if not isinstance(raw, bytes | bytearray):
        return json.loads(raw, parse_constant=_no_constant, parse_float=_finite)
    return _DECODER.decode(raw.decode(json.detect_encoding(raw), "surrogatepass"))  # as json.loads decodes bytes


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number; send a finite number or null")


def _finite(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise ValueError(f"{text} is too large for a number; send a finite number")
    return number


_DECODER = json.JSONDecoder(parse_constant=_no_constant, parse_float=_finite)


def _too_deep(path: str) -> BodyError:
    shown = path if len(path) <= 60 else path[:57] + "..."
    return BodyError(shown, f"arrays and objects nest deeper than {MAX_JSON_DEPTH} levels; flatten the body")


def _check_tree(value: Any) -> None:
    """Depth and surrogates, walked without recursion (the depth is what is being checked). A path is kept as a
    linked tuple and spelled out only for the error."""
    stack: list[tuple[Any, int, Any]] = [(value, 0, None)]
    while stack:
        item, depth, where = stack.pop()
        if isinstance(item, str):
            _check_text(item, where)
        elif isinstance(item, dict | list):
            if depth >= MAX_JSON_DEPTH:
                raise _too_deep(_spell(where))
            pairs = item.items() if isinstance(item, dict) else enumerate(item)
            for key, child in pairs:
                if isinstance(key, str):
                    _check_text(key, (where, key), what="key")
                stack.append((child, depth + 1, (where, key)))


def _check_text(text: str, where: Any, what: str = "value") -> None:
    found = _SURROGATE.search(text)
    if found is not None:
        raise BodyError(
            _spell(where),
            f"the {what} holds an unpaired UTF-16 surrogate ({_escaped(found)} at character "
            f"{found.start()}), which no UTF-8 text can carry; send valid Unicode text (binary data as base64)",
        )


def _escaped(found: re.Match[str]) -> str:
    return ascii(found.group())[1:-1]


def _spell(where: Any) -> str:
    parts: list[str] = []
    while where is not None:
        where, key = where
        parts.append(f"[{key}]" if isinstance(key, int) else "." + _SURROGATE.sub(_escaped, key))
    return "".join(reversed(parts)).lstrip(".")


def strip_nulls(value: Any) -> Any:
    """Drop null-valued keys and items at every depth: clients send null for "not set"."""
    if isinstance(value, dict):
        return {k: strip_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [strip_nulls(v) for v in value if v is not None]
    return value


def _norm(name: str) -> str:
    return name.replace("_", "").lower()


@dataclass(frozen=True)
class _ModelInfo:
    # JSON keys map to attributes case- and underscore-insensitively (credentialAuthType ~ credential_auth_type,
    # sandboxTTLInSeconds ~ sandbox_ttl_in_seconds); exact names win. A few normalised keys are ambiguous
    # (a2aAgentCard vs A2AAgentCard): a value then has to fit any of the candidates.
    exact: dict[str, Any]  # attribute names and the JSON keys the generated from_dict reads
    loose: dict[str, list[Any]]
    required: dict[str, str]  # normalised key -> attribute name
    extra: Any  # type of additional_properties values (Any when free-form)
    spelled: bool  # `exact` holds the spec's own JSON keys (read from the generated from_dict)


@cache
def _namespace(package_name: str) -> dict[str, Any]:
    """Every model of a generated package. The package imports its models lazily, and the models name each other
    only under TYPE_CHECKING, so their annotations resolve against this."""
    package = sys.modules[package_name]
    return {name: getattr(package, name) for name in getattr(package, "__all__", ())}


@cache
def _info(model: type) -> _ModelInfo:
    module = sys.modules[model.__module__]
    localns = _namespace(model.__module__.rpartition(".")[0])
    hints = typing.get_type_hints(model, globalns=vars(module), localns=localns)
    exact: dict[str, Any] = {}
    loose: dict[str, list[Any]] = {}
    required: dict[str, str] = {}
    for attribute in fields(model):
        if not attribute.init:
            continue
        exact[attribute.name] = hints[attribute.name]
        loose.setdefault(_norm(attribute.name), []).append(hints[attribute.name])
        if attribute.default is MISSING and attribute.default_factory is MISSING:
            required[_norm(attribute.name)] = attribute.name
    try:
        reads = _FROM_DICT_KEY.findall(inspect.getsource(getattr(model, "from_dict")))  # noqa: B009
    except (OSError, TypeError):  # no source to read (a byte-compiled install): attribute names only
        reads = []
    for attribute, key in reads:
        if attribute in hints:
            exact.setdefault(key, hints[attribute])  # the spec's own spelling (sandboxTTLInSeconds) is checked as such
    extra_args = typing.get_args(hints.get("additional_properties", dict[str, Any]))
    return _ModelInfo(exact, loose, required, extra_args[1] if len(extra_args) == 2 else Any, bool(reads))


_FROM_DICT_KEY = re.compile(  # `[_]name[: T] = [wrapper(]d.pop("wireName", ...)`, as the generated from_dict reads
    r'^\s*_?(\w+)(?:\s*:[^=\n]+)?\s*=\s*[^\n]*?(?:\(\s*)?d\.pop\(\s*"([^"]+)"', re.MULTILINE
)


def _describe(hint: Any) -> str:
    if typing.get_origin(hint) is list:
        return "an array"
    if hint is bool:
        return "a boolean"
    if hint is int:
        return "an integer"
    if hint is float:
        return "a number"
    if hint is str or (isinstance(hint, type) and issubclass(hint, enum.Enum)):
        return "a string"
    return "an object"


def _json_type(value: Any) -> str:
    return {
        bool: "a boolean",
        int: "an integer",
        float: "a number",
        str: "a string",
        list: "an array",
        type(None): "null",
    }.get(type(value), "an object")


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _check(value: Any, hint: Any, path: str) -> None:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a not in _NOT_VALUES]
        if len(options) == 1:
            _check(value, options[0], path)
            return
        for option in options:
            try:
                _check(value, option, path)
                return
            except BodyError:
                continue
        kinds = " or ".join(sorted({_describe(o) for o in options}))
        raise BodyError(path, f"expected {kinds}, got {_json_type(value)}")
    if hint is Any or hint is object:
        return
    if origin is list:
        if not isinstance(value, list):
            raise BodyError(path, f"expected an array, got {_json_type(value)}")
        (item,) = typing.get_args(hint) or (Any,)
        for i, element in enumerate(value):
            _check(element, item, f"{path}[{i}]")
        return
    if origin is dict or hint is dict:
        if not isinstance(value, dict):
            raise BodyError(path, f"expected an object, got {_json_type(value)}")
        return
    if hint is bool:
        ok = isinstance(value, bool)
    elif hint is int:
        ok = (isinstance(value, int) and not isinstance(value, bool)) or (
            isinstance(value, float) and value.is_integer()
        )
    elif hint is float:
        ok = isinstance(value, int | float) and not isinstance(value, bool)
    elif hint is str or (isinstance(hint, type) and issubclass(hint, enum.Enum)):
        ok = isinstance(value, str)  # the generated enums are open: any string is a valid value
    elif is_wire_model(hint):
        if not isinstance(value, dict):
            raise BodyError(path, f"expected an object, got {_json_type(value)}")
        _check_model(value, hint, path)
        return
    else:
        return  # a type the generator may add later: let from_dict judge
    if not ok:
        raise BodyError(path, f"expected {_describe(hint)}, got {_json_type(value)} {_short(value)}")


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _check_model(body: dict[str, Any], model: type, path: str) -> None:
    info = _info(model)
    present = {_norm(k) for k in body}
    for norm, attribute in info.required.items():
        if norm not in present:
            raise BodyError(_join(path, _wire_name(attribute)), "is required")
    for key, value in body.items():
        if key in info.exact:
            _check(value, info.exact[key], _join(path, key))
            continue
        candidates = info.loose.get(_norm(key))
        if candidates is None:
            _check(value, info.extra, _join(path, key))  # undeclared key: kept as an additional property
            continue
        errors: list[BodyError] = []
        for candidate in candidates:
            try:
                _check(value, candidate, _join(path, key))
                break
            except BodyError as exc:
                errors.append(exc)
        else:
            if not info.spelled or info.extra is not Any or any(error.field != _join(path, key) for error in errors):
                raise errors[0]
            # Another spelling of a field (userName for username) whose value does not fit it at all: the spec
            # allows it as an additional property, and from_dict keeps it as one, so it is not refused.


def _wire_name(attribute: str) -> str:
    """snake_case -> camelCase, for naming a missing required key (the generator's own mapping for them)."""
    head, *rest = attribute.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def validate(model: type[WireModel], body: Any) -> dict[str, Any]:
    """`body` with nulls removed, if it fits `model`; BodyError naming the first field that does not."""
    if not isinstance(body, dict):
        raise BodyError("", f"the body must be a JSON object, got {_json_type(body)}")
    cleaned: dict[str, Any] = strip_nulls(body)
    _check_model(cleaned, model, "")
    return cleaned


def project(model: type[WireModel], doc: dict[str, Any]) -> dict[str, Any]:
    """`doc` as `model` serialises it, with the top-level keys the model does not declare dropped. Used both to
    store a request body and to emit a stored document as a response."""
    parsed = model.from_dict(doc)
    parsed.additional_properties = {}
    return parsed.to_dict()
