"""One plane's spec with the shared schemas it uses copied in, for tools that only follow local `$ref`s.

openapi/control.yaml and openapi/data.yaml refer to the schemas both planes use as
`shared.yaml#/components/schemas/<Name>` (openapi/shared.yaml). The generator resolves only references inside one
document, so `bundled(plane)` rewrites those references to `#/components/schemas/<Name>` and copies each shared
schema they reach (and the shared schemas those refer to) into the plane's components. A plane that defines a schema
of the same name itself is an error: the name would mean two things.

`shared_names(plane)` lists the shared schemas a plane ends up with; scripts/generate.py makes the data plane's
modules for them re-export the control plane's classes, so one class serves both planes."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

SPECS = Path(__file__).resolve().parents[2] / "openapi"
SHARED_FILE = "shared.yaml"
_SHARED_PREFIX = f"{SHARED_FILE}#/components/schemas/"
_LOCAL_PREFIX = "#/components/schemas/"


def _load(name: str) -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load((SPECS / name).read_text())
    return document


def _refs(node: Any) -> list[str]:
    """Every `$ref` value under `node`."""
    found: list[str] = []
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str):
            found.append(ref)
        for value in node.values():
            found += _refs(value)
    elif isinstance(node, list):
        for value in node:
            found += _refs(value)
    return found


def _localise(node: Any) -> None:
    """Rewrite `shared.yaml#/components/schemas/X` to `#/components/schemas/X`, in place."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith(_SHARED_PREFIX):
            node["$ref"] = _LOCAL_PREFIX + ref[len(_SHARED_PREFIX) :]
        for value in node.values():
            _localise(value)
    elif isinstance(node, list):
        for value in node:
            _localise(value)


def _reached(document: dict[str, Any], shared: dict[str, Any]) -> list[str]:
    """The shared schemas `document` refers to, directly or through other shared schemas, in a stable order."""
    todo = [ref[len(_SHARED_PREFIX) :] for ref in _refs(document) if ref.startswith(_SHARED_PREFIX)]
    seen: dict[str, None] = {}
    while todo:
        name = todo.pop(0)
        if name in seen:
            continue
        if name not in shared:
            raise SystemExit(f"{SHARED_FILE} has no schema {name!r}")
        seen[name] = None
        todo += [ref[len(_LOCAL_PREFIX) :] for ref in _refs(shared[name]) if ref.startswith(_LOCAL_PREFIX)]
    return sorted(seen)


def bundled(plane: str) -> dict[str, Any]:
    """openapi/<plane>.yaml as one self-contained document."""
    document = _load(f"{plane}.yaml")
    shared = _load(SHARED_FILE)["components"]["schemas"]
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    for name in _reached(document, shared):
        if name in schemas:
            raise SystemExit(f"openapi/{plane}.yaml defines {name!r}, which {SHARED_FILE} defines too: keep one")
        schemas[name] = copy.deepcopy(shared[name])
    _localise(document)
    return document


def shared_names(plane: str) -> list[str]:
    """The shared schemas `bundled(plane)` copies in."""
    return _reached(_load(f"{plane}.yaml"), _load(SHARED_FILE)["components"]["schemas"])
