"""Item 1 of "One wire model from spec to user": every generated operation module describes its operation exactly as
the spec does (operationId, method, path, plane, whether a retry is safe), and the SDK sends nothing else."""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = {"control": "agentrun_control_api", "data": "agentrun_data_api"}
SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "PUT", "DELETE"}


def spec_operations(plane: str) -> dict[str, dict[str, Any]]:
    spec = yaml.safe_load((ROOT / "openapi" / f"{plane}.yaml").read_text())
    found = {}
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if isinstance(operation, dict) and "operationId" in operation:
                found[operation["operationId"]] = {"method": method.upper(), "path": path, **operation}
    return found


def operation_modules(package: str) -> list[ModuleType]:
    api = importlib.import_module(f"{package}.api")
    names = [m.name for m in pkgutil.walk_packages(api.__path__, f"{package}.api.") if not m.ispkg]
    return [importlib.import_module(name) for name in names]


@pytest.mark.parametrize("plane", sorted(PACKAGES))
def test_every_spec_operation_has_one_description_that_matches_it(plane: str) -> None:
    spec = spec_operations(plane)
    described = {module.OPERATION.operation_id: module.OPERATION for module in operation_modules(PACKAGES[plane])}
    assert set(described) == set(spec)
    for operation_id, op in described.items():
        wire = spec[operation_id]
        assert (op.method, op.path, op.plane) == (wire["method"], wire["path"], plane), operation_id
        expected_safe = wire["method"] in SAFE_METHODS or wire.get("x-agentrun-idempotent") is True
        assert op.idempotent is expected_safe, operation_id
        if plane == "control":
            assert wire["x-acs-action"] == operation_id  # what the signer sends as x-acs-action


def test_a_request_fills_the_path_and_leaves_unset_query_values_out() -> None:
    from agentrun_data_api.api.files import read_file

    prepared = read_file.request("sb/1", path="/home/user/a b.txt")
    assert prepared.url == "/sandboxes/sb%2F1/files"
    assert prepared.params == {"path": "/home/user/a b.txt"}
    assert prepared.operation is read_file.OPERATION


def test_the_facade_names_no_operation_and_builds_no_request_by_hand() -> None:
    """Operation names come from the descriptions; paths and methods from the generated request builders."""
    facade = [p for p in (ROOT / "agentrun").rglob("*.py") if not {"local", "sync", "_core"} & set(p.parts)]
    typed_actions = re.compile(r'action="[A-Z]')
    hand_built = re.compile(r"core\.(request|stream)\(")
    offenders = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in facade
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if typed_actions.search(line) or hand_built.search(line)
    ]
    assert offenders == []
