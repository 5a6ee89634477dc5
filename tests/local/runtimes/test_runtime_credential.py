"""An agent runtime's credential (credentialName, openapi/data.yaml InvokeAgentRuntime*): disabled or missing, every
invocation is refused at once with 403 ERR_CREDENTIAL_UNUSABLE naming it; re-enabled, the runtime answers again, all
without a restart."""

from __future__ import annotations

import httpx
from local_helpers import unique
from test_runtime_invoke import _path, call, deploy

from agentrun.client import AsyncAgentRun
from agentrun.local import LocalServer


async def test_a_disabled_credential_stops_invocations_until_re_enabled(
    client: AsyncAgentRun, raw: httpx.AsyncClient, local: LocalServer
) -> None:
    credential = unique("cred")
    await client.credentials.create(credential, auth_type="api_key", source_type="external_tool", secret="s3cr3t")
    name, _ = await deploy(client, credential_name=credential)
    info = _path(name, "info")
    assert (await call(raw, local, "GET", info)).status_code == 200

    await client.credentials.update(credential, enabled=False)
    chat = _path(name, "openai/v1/chat/completions")
    body = {"model": name, "messages": [{"role": "user", "content": "hi"}]}
    for refused in (await call(raw, local, "GET", info), await call(raw, local, "POST", chat, json=body)):
        assert refused.status_code == 403, refused.text
        assert refused.json()["code"] == "ERR_CREDENTIAL_UNUSABLE"
        assert f"credential {credential} is disabled" in refused.json()["message"]
        assert "x-agentrun-instance-id" not in refused.headers  # refused before reaching an instance

    await client.credentials.update(credential, enabled=True)
    assert (await call(raw, local, "GET", info)).status_code == 200

    await client.credentials.delete(credential)
    missing = await call(raw, local, "GET", info)
    assert missing.status_code == 403 and f"credential {credential} does not exist" in missing.json()["message"]
