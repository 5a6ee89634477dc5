"""Item 2 of "One wire model from spec to user": a schema both planes use is defined once (openapi/shared.yaml) and
generated once, so the control and data packages hand out the same class for it."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
import yaml
from contract import bundle

ROOT = Path(__file__).resolve().parent.parent


def schemas(name: str) -> set[str]:
    return set(yaml.safe_load((ROOT / "openapi" / name).read_text())["components"]["schemas"])


def test_no_schema_name_is_defined_by_two_spec_files() -> None:
    control, data, shared = schemas("control.yaml"), schemas("data.yaml"), schemas("shared.yaml")
    assert not control & data, "a schema both planes define belongs in openapi/shared.yaml"
    assert not (control | data) & shared


@pytest.mark.parametrize("plane", ["control", "data"])
def test_each_plane_uses_shared_schemas_and_bundles_without_outside_references(plane: str) -> None:
    document = bundle.bundled(plane)
    assert {"Sandbox", "CreateSandboxInput", "ErrorResponse"} <= set(bundle.shared_names(plane))
    assert "shared.yaml#" not in yaml.safe_dump(document)


@pytest.mark.parametrize("name", sorted(bundle.shared_names("data")))
def test_the_data_package_hands_out_the_control_class(name: str) -> None:
    control = importlib.import_module("agentrun_control_api.models")
    data = importlib.import_module("agentrun_data_api.models")
    assert getattr(data, name) is getattr(control, name)


def test_one_unset_for_both_planes() -> None:
    from agentrun_control_api.types import UNSET as CONTROL_UNSET
    from agentrun_data_api.types import UNSET as DATA_UNSET

    assert DATA_UNSET is CONTROL_UNSET


def test_a_sandbox_parsed_from_either_plane_is_the_same_type() -> None:
    from agentrun_control_api.models import Sandbox as ControlSandbox
    from agentrun_data_api.models import SandboxResult

    answer = {"code": "SUCCESS", "data": {"sandboxId": "sb-1", "createdAt": None, "metadata": {"k": "v"}}}
    sandbox = SandboxResult.from_dict(answer).data
    assert isinstance(sandbox, ControlSandbox)
    assert sandbox.sandbox_id == "sb-1" and sandbox.created_at is None and sandbox.metadata["k"] == "v"
