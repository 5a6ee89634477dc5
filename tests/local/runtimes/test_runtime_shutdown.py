"""A server that stops takes its runtime instances with it (no orphan processes)."""

from __future__ import annotations

from pathlib import Path

import httpx
from local_helpers import agentrun4_headers
from runtime_packages import agent_zip, code_configuration
from test_runtime_deploy import settled
from test_runtime_invoke import alive

from agentrun.local import run


async def test_instances_end_with_the_server(tmp_path: Path) -> None:
    async with run(data_dir=tmp_path / "local", port=0, http=True, warm_sandboxes=0) as local:
        runtime = await local.client.agent_runtimes.create("ar-shutdown", code=code_configuration(agent_zip()))
        assert str((await settled(local.client, runtime.id)).status) == "READY"
        path = "/data/agent-runtimes/ar-shutdown/endpoints/Default/invocations/info"
        async with httpx.AsyncClient(base_url=local.base_url, trust_env=False) as raw:
            answer = await raw.get(path, headers=agentrun4_headers(local, "GET", path))
            assert answer.status_code == 200, answer.text
            marker = answer.json()["marker"]
        assert alive(marker)
    assert not alive(marker)
