"""Sandbox lifecycle on the data plane (openapi/data.yaml): real sandboxes behind create/get/health/stop/delete,
one record shared with the control plane."""

from __future__ import annotations

import ssl
import sys
from pathlib import Path
from typing import Any

import anyio
import httpx
import pytest
from data_helpers import ControlPlane, DataPlane, gone, new_template, processes_with, start_marker_process, until
from local_helpers import unique

from agentrun import errors
from agentrun.client import AsyncAgentRun
from agentrun.local import LocalServer, run


def process_state(pid: int) -> str:
    with open(f"/proc/{pid}/stat") as stat:
        text = stat.read()
    return text[text.rindex(")") + 2 :].split()[0]


async def test_create_answers_a_ready_sandbox_in_the_envelope(data: DataPlane, template: str) -> None:
    sandbox_id = unique("sbx-life")
    response = await data.request(
        "POST",
        "/sandboxes",
        json_body={"templateName": template, "sandboxIdleTimeoutSeconds": 300, "sandboxId": sandbox_id},
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["code"] == "SUCCESS" and body["requestId"] == response.headers["x-acs-request-id"]
    sandbox = body["data"]
    try:
        assert sandbox["sandboxId"] == sandbox_id and sandbox["status"] == "READY"
        assert sandbox["templateName"] == template and sandbox["templateId"]
        assert sandbox["sandboxIdleTimeoutSeconds"] == 300 and sandbox["createdAt"]
        assert sandbox["sandboxArn"].endswith(f"sandboxes/{sandbox_id}")
        got = await data.ok("GET", f"/sandboxes/{sandbox_id}")
        assert got["code"] == "SUCCESS" and got["data"]["status"] == "READY"
        assert await data.ok("GET", f"/sandboxes/{sandbox_id}/health") == {"status": "ok"}
    finally:
        await data.delete_sandbox(sandbox_id)


async def test_unknown_sandbox_is_404(data: DataPlane) -> None:
    for method, path in [("GET", "/sandboxes/sbx-nope"), ("GET", "/sandboxes/sbx-nope/health"),
                         ("POST", "/sandboxes/sbx-nope/stop"), ("DELETE", "/sandboxes/sbx-nope")]:  # fmt: skip
        response = await data.request(method, path)
        assert response.status_code == 404, (path, response.text)
        body = response.json()
        assert body["code"] == "ERR_NOT_FOUND" and "sbx-nope" in body["message"] and body["requestId"]


async def test_versioned_paths_reach_the_same_routes(data: DataPlane, sandbox: dict[str, Any]) -> None:
    path = f"/2025-09-10/sandboxes/{sandbox['sandboxId']}"
    assert (await data.ok("GET", path))["data"]["sandboxId"] == sandbox["sandboxId"]
    assert await data.ok("GET", path + "/health") == {"status": "ok"}


async def test_the_control_plane_sees_data_plane_sandboxes(
    control: ControlPlane, client: AsyncAgentRun, sandbox: dict[str, Any]
) -> None:
    seen = await control.call("GET", f"/sandboxes/{sandbox['sandboxId']}")
    assert seen["status"] == "READY" and seen["templateName"] == sandbox["templateName"]
    listed = [s.id async for s in client.sandboxes.list(template_name=sandbox["templateName"])]
    assert sandbox["sandboxId"] in listed


async def test_stop_ends_the_processes_and_keeps_the_record(data: DataPlane, sandbox: dict[str, Any]) -> None:
    sandbox_id = sandbox["sandboxId"]
    marker = await start_marker_process(data, sandbox_id)
    stopped = await data.ok("POST", f"/sandboxes/{sandbox_id}/stop")
    assert stopped["code"] == "SUCCESS" and stopped["data"]["status"] == "STOPPED" and stopped["data"]["endedAt"]
    assert await gone(marker)  # stop returns once the sandbox's processes are gone
    assert (await data.ok("GET", f"/sandboxes/{sandbox_id}"))["data"]["status"] == "STOPPED"
    health = await data.request("GET", f"/sandboxes/{sandbox_id}/health")
    assert health.status_code == 404 and "not running" in health.json()["message"]
    again = await data.ok("POST", f"/sandboxes/{sandbox_id}/stop")  # stopping twice is harmless
    assert again["data"]["endedAt"] == stopped["data"]["endedAt"]


async def test_delete_ends_the_processes_and_the_record(data: DataPlane, template: str) -> None:
    sandbox_id = (await data.create_sandbox(template))["sandboxId"]
    marker = await start_marker_process(data, sandbox_id)
    deleted = await data.ok("DELETE", f"/sandboxes/{sandbox_id}")
    assert deleted["code"] == "SUCCESS" and deleted["data"]["sandboxId"] == sandbox_id
    assert await gone(marker)
    assert (await data.request("GET", f"/sandboxes/{sandbox_id}")).status_code == 404


async def test_control_plane_create_stop_and_delete_act_on_real_sandboxes(
    data: DataPlane, control: ControlPlane, template: str
) -> None:
    created = await control.call("POST", "/sandboxes", {"templateName": template})  # a real sandbox
    assert created["status"] == "READY"
    assert await data.ok("GET", f"/sandboxes/{created['sandboxId']}/health") == {"status": "ok"}
    marker = await start_marker_process(data, created["sandboxId"])
    stopped = await control.call("POST", f"/sandboxes/{created['sandboxId']}/stop")
    assert stopped["status"] == "STOPPED" and stopped["endedAt"] and await gone(marker)

    other = await control.call("POST", "/sandboxes", {"templateName": template})
    marker = await start_marker_process(data, other["sandboxId"])
    await control.call("DELETE", f"/sandboxes/{other['sandboxId']}")
    assert await gone(marker)
    assert (await data.request("GET", f"/sandboxes/{other['sandboxId']}")).status_code == 404


async def test_pause_freezes_and_resume_thaws(data: DataPlane, client: AsyncAgentRun, sandbox: dict[str, Any]) -> None:
    sandbox_id = sandbox["sandboxId"]
    marker = await start_marker_process(data, sandbox_id)
    assert str((await client.sandboxes.pause(sandbox_id)).status) == "PAUSED"
    assert {process_state(pid) for pid in processes_with(marker)} == {"T"}  # stopped
    busy = await data.request("POST", f"/sandboxes/{sandbox_id}/contexts/execute", json_body={"code": "1"})
    assert busy.status_code == 409 and "paused" in busy.json()["message"]
    assert str((await client.sandboxes.resume(sandbox_id)).status) == "READY"
    assert "T" not in {process_state(pid) for pid in processes_with(marker)}
    result = await data.ok("POST", f"/sandboxes/{sandbox_id}/contexts/execute", json_body={"code": "1 + 1"})
    assert result["results"][0]["text"] == "2"


async def test_pause_of_a_stopped_sandbox_is_a_conflict(
    data: DataPlane, client: AsyncAgentRun, sandbox: dict[str, Any]
) -> None:
    await data.ok("POST", f"/sandboxes/{sandbox['sandboxId']}/stop")
    with pytest.raises(errors.APIStatusError, match="STOPPED") as caught:
        await client.sandboxes.pause(sandbox["sandboxId"])
    assert caught.value.status_code == 409


async def test_create_rejects_what_cannot_run(data: DataPlane, local: LocalServer, template: str) -> None:
    custom = await new_template(local, template_type="CustomImage")  # no engine for images here
    cases: list[tuple[dict[str, Any], int, str]] = [
        ({"templateName": "no-such-template"}, 404, "template no-such-template does not exist"),
        ({"templateName": custom}, 501, "CodeInterpreter"),
        ({"templateName": template, "sandboxIdleTimeoutSeconds": 0}, 400, "sandboxIdleTimeoutSeconds"),
        ({"templateName": template, "sandboxIdleTimeoutSeconds": "long"}, 400, "sandboxIdleTimeoutSeconds"),
        ({"templateName": template, "sandboxId": "../escape"}, 400, "sandboxId"),
        ({}, 400, "templateName"),
    ]
    for body, status, words in cases:
        response = await data.request("POST", "/sandboxes", json_body=body)
        assert response.status_code == status, (body, response.text)
        assert words in response.json()["message"], (body, response.text)


async def test_a_taken_sandbox_id_is_a_conflict(data: DataPlane, sandbox: dict[str, Any]) -> None:
    body = {"templateName": sandbox["templateName"], "sandboxId": sandbox["sandboxId"]}
    response = await data.request("POST", "/sandboxes", json_body=body)
    assert response.status_code == 409 and "already exists" in response.json()["message"]
    assert await data.ok("GET", f"/sandboxes/{sandbox['sandboxId']}/health") == {"status": "ok"}  # untouched


async def test_mount_configurations_are_accepted_and_ignored(data: DataPlane, template: str) -> None:
    body = {  # as the official SDK sends them: nulls kept, both spellings of enableTls
        "sandboxIdleTimeoutSeconds": 600,
        "sandboxId": None,
        "nasConfig": {"groupId": None, "userId": 1000, "mountPoints": [
            {"serverAddr": "x.nas.aliyuncs.com:/", "mountDir": "/mnt/nas", "enableTls": None, "enableTLS": True}]},
        "ossMountConfig": {"mountPoints": [{"bucketName": "b", "bucketPath": None, "endpoint": None,
                                            "mountDir": "/mnt/oss", "readOnly": None}]},
        "polarFsConfig": None,
    }  # fmt: skip
    created = await data.create_sandbox(template, **body)
    try:
        assert created["status"] == "READY"
    finally:
        await data.delete_sandbox(created["sandboxId"])


async def test_a_restart_settles_sandboxes_left_running(tmp_path: Path, isolation_available: None) -> None:
    """A server killed outright leaves READY records; the next start marks them TERMINATED."""
    record = tmp_path / "server.json"
    command = [sys.executable, "-m", "agentrun.local", "serve", "--port", "0", "--data-dir", str(tmp_path)]
    async with await anyio.open_process(command) as server:
        await until(anyio.Path(record).exists)
        async with AsyncAgentRun.local(tmp_path) as client:
            name = unique("tpl")
            await client.templates.create(name)
            sandbox = await client.sandboxes.create(name)
        server.kill()
        await server.wait()
    async with (
        run(data_dir=tmp_path, port=0) as local,
        httpx.AsyncClient(base_url=local.base_url, verify=ssl.create_default_context(cafile=local.ca_file)) as http,
    ):
        settled = await local.client.sandboxes.get(sandbox.id)
        assert str(settled.status) == "TERMINATED" and settled.ended_at
        details = await DataPlane(http, local).ok("GET", f"/sandboxes/{sandbox.id}")
        assert "restarted" in details["data"]["stateReason"]
        health = await DataPlane(http, local).request("GET", f"/sandboxes/{sandbox.id}/health")
        assert health.status_code == 404
