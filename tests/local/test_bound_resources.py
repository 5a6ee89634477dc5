"""Item 6 of "One wire model from spec to user": every resource object gets `refresh`, `update`, `delete` and
`wait_until_ready` from one base (agentrun/_core/bound.py), all taking `options=`; Credential had drifted (no
`options=`, no `wait_until_ready`)."""

from __future__ import annotations

import importlib
import inspect

import pytest
from local_helpers import eventually_gone, unique

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


@pytest.mark.parametrize("cls", with_blocking_twins(UPDATABLE), ids=lambda cls: f"{cls.__module__}.{cls.__name__}")
def test_every_resource_updates_with_options(cls: type) -> None:
    assert "options" in inspect.signature(cls.update).parameters, f"{cls.__name__}.update takes no options="


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
