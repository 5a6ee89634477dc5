"""Alibaba's own Tea client (the transport of the official agentrun-sdk) against AgentRun Local, configured only
through the variables `agentrun local env` prints: HTTPS trusted through SSL_CERT_FILE, and the plain-HTTP
`http://http://host:port` quirk whose Host header carries a scheme. Sync (requests) and
async (aiohttp) transports both."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import anyio
import pytest

from agentrun.local import LocalServer, run

pytest.importorskip("alibabacloud_tea_openapi", reason="the official Tea client is a dev dependency")

SCRIPT = r"""
import asyncio, os
from alibabacloud_tea_openapi import models
from alibabacloud_tea_openapi.client import Client
from darabonba.runtime import RuntimeOptions

# As agentrun-sdk builds it: one scheme stripped from the endpoint, protocol HTTPS per operation.
endpoint = os.environ["AGENTRUN_CONTROL_ENDPOINT"].split("://", 1)[1]
client = Client(models.Config(
    access_key_id=os.environ["AGENTRUN_ACCESS_KEY_ID"], access_key_secret=os.environ["AGENTRUN_ACCESS_KEY_SECRET"],
    endpoint=endpoint, region_id=os.environ["AGENTRUN_REGION"],
))

def params(action, method, path):
    return models.Params(action=action, version="2025-09-10", protocol="HTTPS", pathname=path, method=method,
                         auth_type="AK", style="ROA", req_body_type="json", body_type="json")

name = os.environ["CREDENTIAL"]
body = {"credentialName": name, "credentialAuthType": "api_key", "credentialSourceType": "external_llm",
        "credentialSecret": "sk-1", "credentialPublicConfig": {"provider": "openai", "users": []}}
created = client.call_api(params("CreateCredential", "POST", "/2025-09-10/agents/credentials"),
                          models.OpenApiRequest(body=body), RuntimeOptions())
assert created["body"]["data"]["credentialName"] == name, created
listed = client.call_api(params("ListCredentials", "GET", "/2025-09-10/agents/credentials"),
                         models.OpenApiRequest(query={"enabled": "True", "pageNumber": "1", "pageSize": "50"}),
                         RuntimeOptions())
assert name in [i["credentialName"] for i in listed["body"]["data"]["items"]], listed

async def delete():
    return await client.call_api_async(params("DeleteCredential", "DELETE", f"/2025-09-10/agents/credentials/{name}"),
                                       models.OpenApiRequest(), RuntimeOptions())
deleted = asyncio.run(delete())
assert deleted["body"]["code"] == "SUCCESS", deleted
print("official client ok")
"""


async def run_official_client(local: LocalServer, credential: str) -> None:
    env = {"PATH": os.environ.get("PATH", ""), **local.env, "CREDENTIAL": credential}
    result = await anyio.run_process([sys.executable, "-c", SCRIPT], env=env, check=False)
    assert result.returncode == 0, result.stderr.decode()[-3000:]
    assert "official client ok" in result.stdout.decode()


async def test_official_client_over_https(local: LocalServer) -> None:
    await run_official_client(local, "official-https")


async def test_official_client_over_plain_http(tmp_path: Path) -> None:
    async with run(data_dir=tmp_path, port=0, http=True) as local:
        await run_official_client(local, "official-http")
