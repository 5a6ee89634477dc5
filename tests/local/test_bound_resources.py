"""Item 6 of "One wire model from spec to user": every resource object gets `refresh`, `update`, `delete` and
`wait_until_ready` from one base (agentrun/_core/bound.py), all taking `options=`; Credential had drifted (no
`options=`, no `wait_until_ready`)."""

from __future__ import annotations

import importlib
import inspect
from pathlib import Path

import pytest
from local_helpers import eventually_gone, unique
from mypy import api as mypy_api

from agentrun import AgentRuntime, AgentRuntimeEndpoint, Credential, ModelProxy, ModelService, Sandbox, Template, Tool
from agentrun._core.request_options import CallOptions
from agentrun.client import AsyncAgentRun

RESOURCES = [AgentRuntime, AgentRuntimeEndpoint, Credential, ModelProxy, ModelService, Sandbox, Template, Tool]
UPDATABLE = [cls for cls in RESOURCES if cls is not Sandbox]  # a sandbox has no update operation in control.yaml


def with_blocking_twins(classes: list[type]) -> list[type]:
    """The classes and their twins in agentrun.sync (generated from the async modules)."""
    modules = [importlib.import_module(cls.__module__.replace("agentrun.", "agentrun.sync.", 1)) for cls in classes]
    return classes + [getattr(module, cls.__name__) for module, cls in zip(modules, classes, strict=True)]


@pytest.mark.parametrize("cls", with_blocking_twins(RESOURCES), ids=lambda cls: f"{cls.__module__}.{cls.__name__}")
def test_every_resource_refreshes_deletes_and_waits_with_options(cls: type) -> None:
    for method in ("refresh", "delete", "wait_until_ready"):
        params = inspect.signature(getattr(cls, method)).parameters
        assert "options" in params, f"{cls.__name__}.{method} takes no options="
    assert {"timeout", "interval"} <= set(inspect.signature(cls.wait_until_ready).parameters)


def test_every_resource_updates_with_options_and_extra_body(tmp_path: Path) -> None:
    """`update` takes its keyword arguments typed from the spec (a TypedDict, so not as signature parameters):
    mypy accepts options= and extra_body= on every resource, async and blocking, and refuses a misspelt one."""
    classes = with_blocking_twins(UPDATABLE)
    imports = "\n".join(f"from {cls.__module__} import {cls.__name__} as C{i}" for i, cls in enumerate(classes))
    calls = "\n".join(
        f"    {'await ' if not cls.__module__.startswith('agentrun.sync.') else ''}c{i}.update({{keywords}})"
        for i, cls in enumerate(classes)
    )
    params = ", ".join(f"c{i}: C{i}" for i in range(len(classes)))
    source = tmp_path / "use_update.py"
    template = f"{imports}\nfrom agentrun import CallOptions\n\nasync def use({params}) -> None:\n{calls}\n"
    source.write_text(template.format(keywords="options=CallOptions(timeout=5), extra_body={'x': 1}"))
    assert _mypy(source) == (0, ""), "update refuses options= or extra_body="
    source.write_text(template.format(keywords="optoins=CallOptions()"))
    status, report = _mypy(source)
    assert status == 1 and report.count('Unexpected keyword argument "optoins"') == len(classes), report


def _mypy(source: Path) -> tuple[int, str]:
    out, err, status = mypy_api.run(
        [str(source), "--strict", "--no-incremental", "--follow-imports=silent", "--config-file="]
    )
    errors = "\n".join(line for line in (out + err).splitlines() if ": error:" in line)
    return status, errors


async def test_a_credential_refreshes_updates_waits_and_deletes_with_options(client: AsyncAgentRun) -> None:
    options = CallOptions(timeout=30, headers={"x-test": "bound"})
    name = unique("cred")
    credential = await client.credentials.create(name, auth_type="api_key", source_type="internal", secret="s")
    assert await credential.update(description="d", options=options) is credential
    assert credential.description == "d"
    await client.credentials.update(name, enabled=False)
    assert (await credential.refresh(options=options)).enabled is False
    assert await credential.wait_until_ready(timeout=30, options=options) is credential  # no status: loads = ready
    await credential.delete(options=options)
    await eventually_gone(lambda: client.credentials.get(name))


async def test_a_tool_waits_until_ready(client: AsyncAgentRun) -> None:
    spec = {"mcpServers": {"remote": {"url": "https://mcp.example/sse", "transportType": "sse"}}}
    tool = await client.tools.create(unique("tool"), tool_type="MCP", create_method="MCP_REMOTE", protocol_spec=spec)
    assert await tool.wait_until_ready(timeout=30, interval=0.5) is tool
    assert (await tool.update(description="t")).description == "t"
    await tool.delete()
