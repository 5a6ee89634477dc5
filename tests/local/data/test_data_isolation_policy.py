"""The isolation policy: without isolation CreateSandbox fails and says why (nothing is left behind); with
`unsafe_no_isolation=True` (`--unsafe-no-isolation`) code runs unisolated, after a loud warning."""

from __future__ import annotations

import logging
import ssl
import sys
from pathlib import Path

import anyio
import httpx
import pytest
from data_helpers import DataPlane, new_template

from agentrun.local import run
from agentrun.local.sandbox import isolation


async def test_create_without_isolation_fails_and_says_why(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(isolation, "find_bwrap", lambda: None)  # fault injection: this machine "has no bwrap"
    async with (
        run(data_dir=tmp_path, port=0) as local,
        httpx.AsyncClient(base_url=local.base_url, verify=ssl.create_default_context(cafile=local.ca_file)) as http,
    ):
        template = await new_template(local)
        response = await DataPlane(http, local).request("POST", "/sandboxes", json_body={"templateName": template})
        assert response.status_code == 503, response.text
        error = response.json()
        assert error["code"] == "ERR_ISOLATION_UNAVAILABLE"
        assert "bubblewrap" in error["message"] and "--unsafe-no-isolation" in error["message"]
        assert [s async for s in local.client.sandboxes.list()] == []  # no record left behind


async def test_unsafe_no_isolation_runs_code_unisolated_after_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="agentrun.local"):
        async with (
            run(data_dir=tmp_path, port=0, unsafe_no_isolation=True) as local,
            httpx.AsyncClient(base_url=local.base_url, verify=ssl.create_default_context(cafile=local.ca_file)) as h,
        ):
            assert any("NOT ISOLATED" in record.getMessage() for record in caplog.records)
            data = DataPlane(h, local)
            sandbox = await data.create_sandbox(await new_template(local))
            code = f"import os\nos.path.exists({str(local.data_dir / 'master.key')!r})"
            result = await data.ok(
                "POST", f"/sandboxes/{sandbox['sandboxId']}/contexts/execute", json_body={"code": code}
            )
            assert result["results"][0]["text"] == "True"  # the server's own files: really no isolation


async def test_the_command_line_has_the_flag() -> None:
    result = await anyio.run_process([sys.executable, "-m", "agentrun.local", "serve", "--help"])
    assert "--unsafe-no-isolation" in result.stdout.decode()
