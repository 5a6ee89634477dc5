"""CRUD of every control-plane resource through the SDK facade against a real AgentRun Local, with the lifecycle the
SDK's waiting logic expects (openapi/control.yaml): CREATING/UPDATING then READY, DELETING then gone."""

from __future__ import annotations

from datetime import datetime

import pytest
from local_helpers import code_package, eventually_gone, unique

from agentrun import errors
from agentrun.client import AsyncAgentRun


def assert_timestamp(value: object) -> None:
    """Microseconds and a UTC offset: the form the SDK's end-to-end tests parse."""
    assert isinstance(value, str)
    datetime.strptime(value, "%Y-%m-%dT%H:%M:%S.%f%z")


async def test_credential_crud(client: AsyncAgentRun) -> None:
    name = unique("cred")
    created = await client.credentials.create(
        name, auth_type="api_key", source_type="external_llm", secret="sk-1",
        public_config={"provider": "openai", "users": []}, description="d",
    )  # fmt: skip
    assert created.credential_name == name and created.enabled is True
    assert created.credential_id and "status" not in created.to_dict()  # credentials have no status
    assert_timestamp(created.created_at)
    got = await client.credentials.get(name)
    assert got.credential_secret == "sk-1"  # GetCredential returns the secret, as the cloud does
    updated = await client.credentials.update(name, enabled=False)
    assert updated.enabled is False and updated.description == "d"
    listed = [c async for c in client.credentials.list(name=name)]
    assert [c.credential_name for c in listed] == [name]
    assert "credentialSecret" not in listed[0].to_dict()
    await client.credentials.delete(name)
    with pytest.raises(errors.NotFoundError, match="does not exist"):
        await client.credentials.get(name)


async def test_duplicate_name_is_409_already_exists(client: AsyncAgentRun) -> None:
    name = unique("dup")
    await client.credentials.create(name, auth_type="api_key", source_type="internal", secret="s")
    with pytest.raises(errors.AlreadyExistsError, match=f"credential {name} already exists"):
        await client.credentials.create(name, auth_type="api_key", source_type="internal", secret="s")


async def test_template_crud_is_ready_on_first_get(client: AsyncAgentRun) -> None:
    name = unique("tpl")
    created = await client.templates.create(name, template_type="CodeInterpreter", description="t")
    assert str(created.status) == "CREATING"
    got = await client.templates.get(name)
    assert str(got.status) == "READY"  # no 5 s wait in the official Template.create
    assert got.template_id and got.template_arn and got.disk_size == 512
    updated = await client.templates.update(name, memory=8192)
    assert str(updated.status) == "UPDATING" and updated.memory == 8192 and updated.description == "t"
    activated = await client.templates.activate_mcp(name, enabled_tools=["run_code"], transport="sse")
    assert activated.mcp_options.enabled_tools == ["run_code"]  # type: ignore[union-attr]
    assert [t.template_name async for t in client.templates.list(name=name)] == [name]
    await client.templates.delete(name)
    await eventually_gone(lambda: client.templates.get(name))
    assert [t async for t in client.templates.list(name=name)] == []


async def test_agent_runtime_with_endpoints_and_versions(client: AsyncAgentRun) -> None:
    name = unique("ar")
    runtime = await client.agent_runtimes.create(name, code=code_package())
    assert str(runtime.status) == "CREATING" and runtime.agent_runtime_id
    assert runtime.session_concurrency_limit_per_instance == 1
    assert_timestamp(runtime.created_at)
    ready = await runtime.wait_until_ready(timeout=5)
    assert str(ready.status) == "READY"

    endpoint = await client.agent_runtimes.create_endpoint(runtime.id, "ep1")
    assert endpoint.target_version == "LATEST" and endpoint.agent_runtime_id == runtime.id
    assert endpoint.endpoint_public_url and f"/agent-runtimes/{name}/endpoints/ep1" in endpoint.endpoint_public_url
    await endpoint.wait_until_ready(timeout=5)
    updated_endpoint = await client.agent_runtimes.update_endpoint(runtime.id, endpoint.id, description="e")
    assert updated_endpoint.description == "e" and updated_endpoint.target_version == "LATEST"
    assert [e.id async for e in client.agent_runtimes.list_endpoints(runtime.id)] == [endpoint.id]

    version = await client.agent_runtimes.publish_version(runtime.id, description="v1")
    assert version.agent_runtime_version == "1"
    await client.agent_runtimes.update(runtime.id, description="changed later")
    as_published = await client.agent_runtimes.get(runtime.id, version="1")
    assert as_published.description is not None and as_published.description != "changed later"
    assert [v.agent_runtime_version async for v in client.agent_runtimes.list_versions(runtime.id)] == ["1"]

    await client.agent_runtimes.delete_endpoint(runtime.id, endpoint.id)
    await eventually_gone(lambda: client.agent_runtimes.get_endpoint(runtime.id, endpoint.id))
    assert [e async for e in client.agent_runtimes.list_endpoints(runtime.id)] == []
    await client.agent_runtimes.delete(runtime.id)
    await eventually_gone(lambda: client.agent_runtimes.get(runtime.id))


async def test_runtime_delete_cascade_empties_the_endpoint_list(client: AsyncAgentRun) -> None:
    runtime = await client.agent_runtimes.create(unique("ar"), code=code_package())
    for n in range(2):
        await client.agent_runtimes.create_endpoint(runtime.id, f"ep{n}")
    await client.agent_runtimes.delete(runtime.id, cascade=True, timeout=10)
    await eventually_gone(lambda: client.agent_runtimes.get(runtime.id))


async def test_model_service_and_proxy_crud(client: AsyncAgentRun) -> None:
    service_name, proxy_name = unique("ms"), unique("mp")
    service = await client.model_services.create(
        service_name, provider="openai", base_url="https://api.example/v1", api_key="k-1", model_names=["gpt-4o"]
    )
    assert service.provider_settings.api_key == "k-1"  # type: ignore[union-attr]
    assert str((await client.model_services.get(service_name)).status) in ("CREATING", "READY")
    await client.model_services.update(service_name, description="s")
    got = await client.model_services.get(service_name)
    assert got.description == "s" and got.provider_settings.model_names == ["gpt-4o"]  # type: ignore[union-attr]
    assert [s.model_service_name async for s in client.model_services.list(provider="openai")].count(service_name) == 1

    proxy = await client.model_proxies.create(
        proxy_name, endpoints=[{"modelServiceName": service_name, "modelNames": ["gpt-4o"]}]
    )
    assert proxy.endpoint and proxy.endpoint.endswith(f"/data/models/{proxy_name}")
    await client.model_proxies.update(proxy_name, description="p")
    assert (await client.model_proxies.get(proxy_name)).description == "p"
    assert proxy_name in [p.model_proxy_name async for p in client.model_proxies.list()]
    await client.model_proxies.delete(proxy_name)
    await client.model_services.delete(service_name)
    await eventually_gone(lambda: client.model_proxies.get(proxy_name))
    await eventually_gone(lambda: client.model_services.get(service_name))


async def test_tool_crud(client: AsyncAgentRun) -> None:
    name = unique("tool")
    spec = {"mcpServers": {"remote": {"url": "https://mcp.example/sse", "transportType": "sse"}}}
    tool = await client.tools.create(name, tool_type="MCP", create_method="MCP_REMOTE", protocol_spec=spec)
    assert tool.tool_id and tool.protocol_spec and "mcp.example" in tool.protocol_spec
    await client.tools.update(name, description="t")
    got = await client.tools.get(name)
    assert got.description == "t" and got.protocol_spec == tool.protocol_spec
    assert [t.tool_name async for t in client.tools.list(name=name)] == [name]
    await client.tools.delete(name)
    await eventually_gone(lambda: client.tools.get(name))


async def test_sandbox_records(client: AsyncAgentRun) -> None:
    template = unique("tpl")
    await client.templates.create(template)
    sandbox = await client.sandboxes.create(template)
    assert str(sandbox.status) == "READY" and sandbox.template_name == template
    assert sandbox.sandbox_idle_timeout_seconds == 600
    assert str((await client.sandboxes.pause(sandbox.id)).status) == "PAUSED"
    assert str((await client.sandboxes.resume(sandbox.id)).status) == "READY"
    stopped = await client.sandboxes.stop(sandbox.id)
    assert str(stopped.status) == "STOPPED" and stopped.ended_at
    assert [s.id async for s in client.sandboxes.list(template_name=template)] == [sandbox.id]
    await client.sandboxes.delete(sandbox.id)
    await eventually_gone(lambda: client.sandboxes.get(sandbox.id))


async def test_sandbox_of_a_missing_template_is_404(client: AsyncAgentRun) -> None:
    with pytest.raises(errors.NotFoundError, match="template no-such-template does not exist"):
        await client.sandboxes.create("no-such-template")


async def test_default_workspace(client: AsyncAgentRun) -> None:
    workspaces = [w async for w in client.workspaces.list(name="default")]
    assert len(workspaces) == 1 and workspaces[0].is_default is True
    assert workspaces[0].workspace_id
    got = await client.workspaces.get(workspaces[0].workspace_id)
    assert got.name == "default"
    name = unique("cred")
    created = await client.credentials.create(name, auth_type="api_key", source_type="internal", secret="s")
    assert created.workspace_id == workspaces[0].workspace_id  # omitted workspaceId means the default workspace


async def test_unknown_resource_is_404_does_not_exist(client: AsyncAgentRun) -> None:
    with pytest.raises(errors.NotFoundError, match="model proxy nope does not exist"):
        await client.model_proxies.get("nope")
    with pytest.raises(errors.NotFoundError, match="agent runtime ar-missing does not exist"):
        await client.agent_runtimes.list_endpoints("ar-missing").to_list()
