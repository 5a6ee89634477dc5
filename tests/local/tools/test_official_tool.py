"""The official agentrun-sdk 0.0.54's Tool module, unchanged, against AgentRun Local: it reads a FUNCTIONCALL tool
(OPENAPI_IMPORT) and its api_key credential from Local's control plane, lists the tool's functions from its
protocolSpec and calls one, which reaches a real upstream with the credential's header (agentrun-sdk injects it on
the client side: `{headerKey}: {prefix}{secret}`). Run from the official virtualenv (AGENTRUN_OFFICIAL_PYTHON)."""

from __future__ import annotations

import json
import os

import anyio
import pytest
from local_helpers import unique
from tool_upstream import ToolUpstream

from agentrun.local import LocalServer

SCRIPT = r"""
import asyncio, json, os, sys
from agentrun.tool import Tool

async def main():
    tool = await Tool.get_by_name_async(os.environ["TOOL"])
    names = [t.name for t in await tool.list_tools_async()]
    result = await tool.call_tool_async("createItem", {"name": "from-official", "count": 3})
    print(json.dumps({"names": names, "result": result}))

asyncio.run(main())
"""


def official_python() -> str:
    path = os.environ.get("AGENTRUN_OFFICIAL_PYTHON", "")
    if not path or not os.access(path, os.X_OK):
        pytest.skip(f"the official SDK is not installed (AGENTRUN_OFFICIAL_PYTHON={path!r}): run `make official-sdk`")
    return path


async def test_the_official_tool_module_calls_an_openapi_tool_defined_on_local(local: LocalServer) -> None:
    python = official_python()
    client = local.client
    credential, name = unique("cred"), unique("tool")
    await client.credentials.create(
        credential,
        auth_type="api_key",
        source_type="external_tool",
        secret="official-secret-1",
        public_config={"headerKey": "X-Items-Key", "prefix": "Key "},
    )
    async with ToolUpstream() as upstream:
        spec = {
            "openapi": "3.0.0",
            "info": {"title": "items", "version": "1"},
            "servers": [{"url": upstream.url}],  # agentrun-sdk takes servers[0].url as it is
            "paths": {
                "/items": {
                    "post": {
                        "operationId": "createItem",
                        "requestBody": {"content": {"application/json": {"schema": {"type": "object"}}}},
                    }
                },
                "/text": {"get": {"operationId": "getText"}},
            },
        }
        await client.tools.create(
            name,
            tool_type="FUNCTIONCALL",
            create_method="OPENAPI_IMPORT",
            protocol_spec=spec,
            credential_name=credential,
        )
        env = {"PATH": os.environ.get("PATH", ""), "HOME": str(local.data_dir), **local.env, "TOOL": name}
        with anyio.fail_after(60):
            # cwd elsewhere: `-c` puts the cwd first on sys.path, where our `agentrun` would shadow theirs.
            done = await anyio.run_process([python, "-c", SCRIPT], env=env, cwd=local.data_dir, check=False)
        assert done.returncode == 0, done.stderr.decode()[-3000:]
        summary = json.loads(done.stdout.decode().strip().splitlines()[-1])
        assert summary["names"] == ["createItem", "getText"]
        assert summary["result"] == {"created": {"name": "from-official", "count": 3}}
        seen = upstream.seen[-1]
        assert (seen.method, seen.path, seen.headers["x-items-key"]) == ("POST", "/items", "Key official-secret-1")
