"""Writes <package>/fields.py: TypedDicts of the keyword arguments facade methods pass through to input models,
as scripts/codegen/fields.yaml lists them. Called by scripts/generate.py on the freshly generated packages.

Each field keeps the type the generated model declares, widened to what the SDK turns into it (see
`agentrun._core.resource.coerce_fields`): a nested model also as a mapping with wire keys, an enum also as its string,
a list as any sequence. `Unset` is dropped: leaving the key out means unset."""

from __future__ import annotations

import enum
import importlib
import re
import sys
from pathlib import Path
from typing import Any

import attrs
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
        if isinstance(cls, type) and attrs.has(cls):
            used.add(part)
            out += [part, "Mapping[str, Any]"]
        elif isinstance(cls, type) and issubclass(cls, enum.Enum):
            used.add(part)
            out += [part, "str"]
        else:
            out.append(part)
    return " | ".join(dict.fromkeys(out))


def render(package: str, entries: dict[str, Any]) -> str:
    models = importlib.import_module(f"{package}.models")
    used: set[str] = set()
    classes: list[str] = []
    for name, entry in entries.items():
        model = getattr(models, entry["model"])
        named = set(entry.get("named_by_facade") or [])
        fields = {f.name for f in attrs.fields(model) if f.init}
        unknown = named - fields
        if unknown:
            sys.exit(f"fields.yaml: {name}: {entry['model']} has no field {', '.join(sorted(unknown))}")
        hints = model.__annotations__
        lines = [
            f"    {field}: {_widen(hints[field], models, used)}"
            for field in hints
            if field in fields and field not in named
        ]
        doc = f'    """The {entry["model"]} fields a facade method passes through (it names the others itself)."""'
        classes.append(f"class {name}(TypedDict, total=False):\n{doc}\n\n" + ("\n".join(lines) or "    pass"))
    imports = "\n".join(f"    from .models import {n}" for n in sorted(used))
    return (
        '"""Keyword arguments of the SDK facade methods, generated from the input models (see '
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
