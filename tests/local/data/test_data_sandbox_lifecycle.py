"""Sandbox lifecycle on the data plane (data-plane.md §5.1): real sandboxes behind create/get/health/stop/delete,
one record shared with the control plane."""

from __future__ import annotations

from typing import Any

from data_helpers import DataPlane
from local_helpers import unique

from agentrun.client import AsyncAgentRun


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
    data: DataPlane, client: AsyncAgentRun, sandbox: dict[str, Any]
) -> None:
    seen = await client.sandboxes.get(sandbox["sandboxId"])
    assert str(seen.status) == "READY" and seen.template_name == sandbox["templateName"]
    listed = [s.id async for s in client.sandboxes.list(template_name=sandbox["templateName"])]
    assert sandbox["sandboxId"] in listed
