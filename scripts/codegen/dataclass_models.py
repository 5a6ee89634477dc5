"""Rewrites the generated models from attrs classes into standard-library dataclasses. Called by scripts/generate.py
on the freshly generated packages, before fields.py reads them.

Importing attrs costs ~8 ms (attr.validators and attr._make alone ~6 ms), an eighth of what `import agentrun` plus a
client costs (bench/import_time.py), and the models use nothing dataclasses lack: plain fields, `UNSET` defaults and
one `additional_properties` dict. The class keeps what attrs' `define` gave it: slots, a weakref slot, `__eq__`
comparing same-class instances field by field, a field-by-field `__repr__`.

Each rewrite is an exact line of the pinned generator's output; a model that still mentions attrs afterwards stops
generation, so a generator upgrade that changes them cannot slip through half rewritten."""

from __future__ import annotations

import re
import sys
from pathlib import Path

REWRITES = (
    ("from attrs import define as _attrs_define\n", "from dataclasses import dataclass as _dataclass\n"),
    ("from attrs import field as _attrs_field\n", "from dataclasses import field as _field\n"),
    ("@_attrs_define\n", "@_dataclass(slots=True, weakref_slot=True)\n"),
)
_EXTRA_FIELD = re.compile(r"= _attrs_field\(init=False, factory=dict\)$", re.M)


def rewrite_all(root: Path) -> None:
    for path in sorted(root.glob("agentrun_*_api/models/*.py")):
        text = path.read_text()
        if "attrs" not in text:
            continue
        for old, new in REWRITES:
            text = text.replace(old, new)
        text = _EXTRA_FIELD.sub("= _field(init=False, default_factory=dict)", text)
        if "attrs" in text:
            left = next(line for line in text.splitlines() if "attrs" in line)
            sys.exit(f"{path.name}: an attrs construct the dataclass rewrite does not know: {left.strip()!r}")
        path.write_text(text)
