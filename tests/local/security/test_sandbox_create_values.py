"""CreateSandbox refuses values it cannot honour with a 400 naming the field, and leaves no record: an idle timeout
past the longest lifetime (or not a finite whole number), and a template stored by an older server, before the
control plane checked numbers on write, whose limits are absurd (memory 1e300 MB would become an rlimit no kernel
takes)."""

from __future__ import annotations

import ssl
from pathlib import Path
from typing import Any

import httpx
import pytest
from data_helpers import ControlPlane, DataPlane
from local_helpers import signed

from agentrun.local import run
from agentrun.local.paths import DataDir
from agentrun.local.store import Store

API = "/2025-09-10"


def assert_bad_request(response: httpx.Response, *phrases: str) -> None:
    assert response.status_code == 400, response.text
    message = response.json()["message"]
    for phrase in phrases:
        assert phrase in message, message


@pytest.mark.parametrize("idle", [21601, 10**300, 1.5, 0, True])
async def test_an_idle_timeout_that_cannot_be_honoured_is_a_400_on_both_planes(
    data: DataPlane, control: ControlPlane, template: str, idle: Any
) -> None:
    body = {"templateName": template, "sandboxIdleTimeoutSeconds": idle}
    assert_bad_request(await data.request("POST", "/sandboxes", json_body=body), "sandboxIdleTimeoutSeconds")
    on_control = await signed(control.raw, control.local, "POST", API + "/sandboxes", json_body=body)
    assert_bad_request(on_control, "sandboxIdleTimeoutSeconds")
    assert await sandboxes_of(control, template) == []


async def sandboxes_of(control: ControlPlane, template: str) -> list[dict[str, Any]]:
    response = await signed(
        control.raw, control.local, "GET", API + "/sandboxes", query={"templateName": template, "pageSize": "100"}
    )
    assert response.status_code == 200, response.text
    return [item for item in response.json()["data"]["items"] if item["templateName"] == template]


@pytest.mark.parametrize(("field", "value"), [("memory", 1e300), ("memory", -1), ("cpu", 1e300), ("diskSize", 0)])
async def test_a_template_stored_with_absurd_limits_is_a_400_naming_the_field_not_a_500(
    tmp_path: Path, field: str, value: float, isolation_available: None
) -> None:
    paths = DataDir.resolve(tmp_path)
    paths.root.mkdir(parents=True, exist_ok=True)
    store = await Store.open(paths.database)
    old = {"templateName": "old", "templateId": "tpl-old", "templateType": "CodeInterpreter", "memory": 1024,
           "cpu": 1, field: value, "status": "READY", "createdAt": "2025-01-01T00:00:00.000000+00:00"}  # fmt: skip
    await store.transact(lambda tx: tx.insert("template", "old", old, name="old"))
    await store.close()
    async with (
        run(data_dir=tmp_path, port=0, warm_sandboxes=0) as local,
        httpx.AsyncClient(
            base_url=local.base_url, verify=ssl.create_default_context(cafile=str(local.ca_file)), trust_env=False
        ) as raw,
    ):
        data = DataPlane(raw, local)
        assert_bad_request(
            await data.request("POST", "/sandboxes", json_body={"templateName": "old"}), f"{field}=", "update"
        )
        assert await sandboxes_of(ControlPlane(raw, local), "old") == []
