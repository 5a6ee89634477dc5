"""Keyword arguments typed from the spec reach AgentRun Local: a list operation's query filters pass through as
given (the spec's names), create and update pass an input model's other fields through, and a name the operation
does not have fails before anything is sent."""

from __future__ import annotations

from typing import Any

import pytest
from local_helpers import unique

from agentrun import errors
from agentrun.client import AsyncAgentRun


async def test_a_list_filter_from_the_spec_passes_through(client: AsyncAgentRun) -> None:
    prefix = unique("filters")
    for workspace in ("ws-a", "ws-b", "ws-c"):
        await client.credentials.create(
            f"{prefix}-{workspace}", auth_type="api_key", source_type="internal", secret="s", workspace_id=workspace
        )
    listed = client.credentials.list(name=prefix, workspace_ids="ws-a,ws-c", page_size=1)
    assert sorted([str(item.credential_name) async for item in listed]) == [f"{prefix}-ws-a", f"{prefix}-ws-c"]
    only_b = await client.credentials.list(name=prefix, workspace_id="ws-b").to_list()
    assert [item.credential_name for item in only_b] == [f"{prefix}-ws-b"]


async def test_paging_options_and_filters_travel_together(client: AsyncAgentRun) -> None:
    prefix = unique("paged")
    for i in range(3):
        await client.credentials.create(f"{prefix}-{i}", auth_type="api_key", source_type="internal", secret="s")
    first_two = [c.credential_name async for c in client.credentials.list(name=prefix, page_size=1, limit=2)]
    assert first_two == [f"{prefix}-0", f"{prefix}-1"]


async def test_a_filter_the_operation_lacks_fails_before_sending(client: AsyncAgentRun) -> None:
    typo: dict[str, Any] = {"statuss": "READY"}
    with pytest.raises(errors.InvalidArgumentError, match=r"list template: no filter statuss; the filters are .*"):
        client.templates.list(**typo)
    with pytest.raises(errors.InvalidArgumentError, match="page_size must be at least 1"):
        client.sandboxes.list(page_size=0)


async def test_an_update_sends_only_the_fields_given(client: AsyncAgentRun) -> None:
    name = unique("cred-update")
    credential = await client.credentials.create(
        name, auth_type="api_key", source_type="internal", secret="s", description="before", enabled=True
    )
    updated = await client.credentials.update(name, description="after", enabled=None)  # None: left out
    assert (updated.description, updated.enabled) == ("after", True)
    await credential.update(extra_body={"description": "raw wire field"})
    assert credential.description == "raw wire field"


async def test_defaults_the_method_names_yield_to_given_fields(client: AsyncAgentRun) -> None:
    name = unique("proxy-service")
    service = await client.model_services.create(
        name, provider="openai", base_url="http://127.0.0.1:9/v1", model_names=["m"]
    )
    proxy = await client.model_proxies.create(
        unique("proxy"), endpoints=[{"modelServiceName": name, "modelNames": ["m"]}], memory=2048
    )
    try:
        assert (proxy.cpu, proxy.memory) == (2, 2048)  # cpu: the default; memory: as given
    finally:
        await proxy.delete()
        await service.delete()


async def test_none_for_a_defaulted_field_keeps_the_default(client: AsyncAgentRun) -> None:
    template = await client.templates.create(unique("tpl-none"), cpu=None, memory=None, disk_size=None)
    try:
        assert (template.cpu, template.memory, template.disk_size) == (2, 4096, 512)
    finally:
        await template.delete()
