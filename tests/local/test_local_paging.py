"""Pagination: pageNumber/pageSize is honoured exactly, so the official SDK's "walk until a short page" ends;
ListSandboxes pages by maxResults/nextToken."""

from __future__ import annotations

import httpx
from local_helpers import signed, unique

from agentrun.client import AsyncAgentRun
from agentrun.local import LocalServer

CREDENTIALS = "/2025-09-10/agents/credentials"


async def make_credentials(client: AsyncAgentRun, prefix: str, count: int) -> list[str]:
    names = [f"{prefix}-{i}" for i in range(count)]
    for name in names:
        await client.credentials.create(name, auth_type="api_key", source_type="internal", secret="s")
    return names


async def test_pages_of_two_over_five(client: AsyncAgentRun, raw: httpx.AsyncClient, local: LocalServer) -> None:
    prefix = unique("page")
    names = await make_credentials(client, prefix, 5)
    seen: list[list[str]] = []
    for number in (1, 2, 3, 4):
        query = {"credentialName": prefix, "pageNumber": str(number), "pageSize": "2"}
        data = (await signed(raw, local, "GET", CREDENTIALS, query=query)).json()["data"]
        assert (data["pageNumber"], data["pageSize"], data["total"]) == (number, 2, 5)
        seen.append([item["credentialName"] for item in data["items"]])
    assert seen == [names[0:2], names[2:4], names[4:5], []]


async def test_walking_until_a_short_page_terminates(
    raw: httpx.AsyncClient, local: LocalServer, client: AsyncAgentRun
) -> None:
    """What agentrun-sdk's list_all does: request pages until one has fewer items than asked for."""
    prefix = unique("walk")
    names = await make_credentials(client, prefix, 5)
    collected: list[str] = []
    for number in range(1, 100):
        query = {"credentialName": prefix, "pageNumber": str(number), "pageSize": "2"}
        items = (await signed(raw, local, "GET", CREDENTIALS, query=query)).json()["data"]["items"]
        collected += [item["credentialName"] for item in items]
        if len(items) < 2:
            break
    assert collected == names and number == 3


async def test_sdk_pager_walks_every_page(client: AsyncAgentRun) -> None:
    prefix = unique("pager")
    names = await make_credentials(client, prefix, 5)
    assert [c.credential_name async for c in client.credentials.list(name=prefix, page_size=2)] == names


async def test_sandbox_token_pages(client: AsyncAgentRun) -> None:
    template = unique("tpl")
    await client.templates.create(template)
    ids = [(await client.sandboxes.create(template)).id for _ in range(5)]
    pages = [
        [s.id for s in page.items] async for page in client.sandboxes.list(template_name=template, page_size=2).pages()
    ]
    assert pages == [ids[0:2], ids[2:4], ids[4:5]]
