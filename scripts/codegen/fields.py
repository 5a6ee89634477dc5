"""Writes <package>/fields.py: TypedDicts of the keyword arguments facade methods pass through to input models,
as scripts/codegen/fields.yaml lists them. Called by scripts/generate.py on the freshly generated packages.

Each field keeps the type the generated model declares, widened to what the SDK turns into it (see
`agentrun._core.resource.coerce_fields`): a nested model also as a mapping with wire keys, an enum also as its string,
a list as any sequence. `Unset` is dropped: leaving the key out means unset."""

from __future__ import annotations

import dataclasses
import enum
import importlib
import inspect
import re
import sys
import typing
from pathlib import Path
from typing import Any

import yaml

CONFIG = Path(__file__).with_name("fields.yaml")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _split_union(text: str) -> list[str]:
    parts, depth, current = [], 0, ""
    for ch in text:
        depth += ch == "["
        depth -= ch == "]"
        if ch == "|" and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += ch
    return [*parts, current.strip()]


def _widen(text: str, models: Any, used: set[str]) -> str:
    """The accepted type for one annotation of a generated model."""
    out: list[str] = []
    for part in _split_union(text):
        if part == "Unset":
            continue
        if part.startswith("list[") and part.endswith("]"):
            out.append(f"Sequence[{_widen(part[5:-1], models, used)}]")
            continue
        cls = getattr(models, part, None) if _NAME.fullmatch(part) else None
        if isinstance(cls, type) and dataclasses.is_dataclass(cls):
            used.add(part)
            out += [part, "Mapping[str, Any]"]
        elif isinstance(cls, type) and issubclass(cls, enum.Enum):
            used.add(part)
            out += [part, "str"]
        else:
            out.append(part)
    return " | ".join(dict.fromkeys(out))


def _or_none(text: str) -> str:
    """The type with None added: None leaves a field out, as not giving it does."""
    return text if "None" in _split_union(text) else f"{text} | None"


def _model_class(models: Any, name: str, entry: dict[str, Any], used: set[str]) -> str:
    """The TypedDict of an input model's fields, but those the facade names itself."""
    model = getattr(models, entry["model"])
    named = set(entry.get("named_by_facade") or [])
    fields = {f.name for f in dataclasses.fields(model) if f.init}
    _check_named(name, entry["model"], named, fields)
    hints = model.__annotations__
    lines = [
        f"    {field}: {_or_none(_widen(hints[field], models, used))}"
        for field in hints
        if field in fields and field not in named
    ]
    doc = f"The {entry['model']} fields a facade method passes through (it names the others itself)."
    return _typed_dict(name, doc, lines)


def _operation_class(package: str, name: str, entry: dict[str, Any]) -> str:
    """The TypedDict of a list operation's query parameters, but those the facade names itself (paging among them):
    a list method's filters, passed through as they are."""
    module = importlib.import_module(f"{package}.api.{entry['operation']}")
    parameters = inspect.signature(module.request).parameters
    named = set(entry.get("named_by_facade") or [])
    _check_named(name, entry["operation"], named, set(parameters))
    lines = [
        f"    {field}: {_annotation_text(parameter.annotation)}"
        for field, parameter in parameters.items()
        if field not in named
    ]
    doc = f"The query parameters of {module.OPERATION.operation_id} a list method passes through as filters."
    return _typed_dict(name, doc, lines)


def _annotation_text(annotation: Any) -> str:
    """`str | None` for a query parameter's annotation (they are plain types, so their names say it)."""
    return " | ".join(
        "None" if part is type(None) else part.__name__ for part in typing.get_args(annotation) or [annotation]
    )


def _check_named(name: str, source: str, named: set[str], fields: set[str]) -> None:
    unknown = named - fields
    if unknown:
        sys.exit(f"fields.yaml: {name}: {source} has no field {', '.join(sorted(unknown))}")


def _typed_dict(name: str, doc: str, lines: list[str]) -> str:
    return f'class {name}(TypedDict, total=False):\n    """{doc}"""\n\n' + ("\n".join(lines) or "    pass")


def render(package: str, entries: dict[str, Any]) -> str:
    models = importlib.import_module(f"{package}.models")
    used: set[str] = set()
    classes = [
        _operation_class(package, name, entry) if "operation" in entry else _model_class(models, name, entry, used)
        for name, entry in entries.items()
    ]
    imports = "\n".join(f"    from .models import {n}" for n in sorted(used))
    return (
        '"""Keyword arguments of the SDK facade methods, generated from the input models and list operations (see '
        'scripts/codegen/fields.yaml)."""\n\n'
        "from __future__ import annotations\n\n"
        "from collections.abc import Mapping, Sequence\n"
        "from typing import TYPE_CHECKING, Any, TypedDict\n\n"
        + (f"if TYPE_CHECKING:\n{imports}\n\n" if imports else "")
        + "\n\n"
        + "\n\n\n".join(classes)
        + "\n"
    )


def write_all(root: Path) -> None:
    """Write fields.py into each package under `root` that fields.yaml names."""
    config = yaml.safe_load(CONFIG.read_text())
    sys.path.insert(0, str(root))
    try:
        for package, entries in config.items():
            (root / package / "fields.py").write_text(render(package, entries))
    finally:
        sys.path.remove(str(root))
        for name in [m for m in sys.modules if m.split(".")[0] in config]:
            del sys.modules[name]
