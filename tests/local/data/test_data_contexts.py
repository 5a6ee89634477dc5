"""Code contexts on the data plane (openapi/data.yaml): list, create, get, delete, with the official SDK's rule
that `id`, `cwd` and `language` are truthy."""

from __future__ import annotations

from typing import Any

from data_helpers import DataPlane


async def test_context_create_get_list_delete(data: DataPlane, sandbox: dict[str, Any]) -> None:
    base = f"/sandboxes/{sandbox['sandboxId']}/contexts"
    created = await data.ok("POST", base, json_body={"cwd": "/home/user", "language": "python"})
    assert created["id"] and created["cwd"] == "/home/user" and created["language"] == "python"
    assert await data.ok("GET", f"{base}/{created['id']}") == created
    assert await data.ok("GET", base) == [created]
    deleted = await data.ok("DELETE", f"{base}/{created['id']}")
    assert deleted["success"] is True
    assert await data.ok("GET", base) == []
    gone = await data.request("GET", f"{base}/{created['id']}")
    assert gone.status_code == 404 and created["id"] in gone.json()["message"]


async def test_context_defaults_to_python_in_home(data: DataPlane, sandbox: dict[str, Any]) -> None:
    base = f"/sandboxes/{sandbox['sandboxId']}/contexts"
    for body in (b"{}", b"", b'{"cwd": null, "language": null}'):  # empty, absent, null (as the official SDK sends)
        created = await data.ok("POST", base, content=body)
        assert (created["cwd"], created["language"]) == ("/home/user", "python")


async def test_context_cwd_is_where_code_runs(data: DataPlane, sandbox: dict[str, Any]) -> None:
    base = f"/sandboxes/{sandbox['sandboxId']}"
    await data.ok("POST", f"{base}/contexts/execute", json_body={"code": "import os; os.makedirs('/home/user/sub')"})
    context = await data.ok("POST", f"{base}/contexts", json_body={"cwd": "/home/user/sub"})
    result = await data.ok(
        "POST", f"{base}/contexts/execute", json_body={"code": "import os; os.getcwd()", "contextId": context["id"]}
    )
    assert result["results"][0]["text"] == "'/home/user/sub'"


async def test_unsupported_language_names_the_supported_ones(data: DataPlane, sandbox: dict[str, Any]) -> None:
    response = await data.request(
        "POST", f"/sandboxes/{sandbox['sandboxId']}/contexts", json_body={"language": "cobol"}
    )
    assert response.status_code == 400, response.text
    assert "cobol" in response.json()["message"] and "python" in response.json()["message"]


async def test_relative_cwd_is_rejected(data: DataPlane, sandbox: dict[str, Any]) -> None:
    response = await data.request("POST", f"/sandboxes/{sandbox['sandboxId']}/contexts", json_body={"cwd": "sub"})
    assert response.status_code == 400 and "absolute" in response.json()["message"]


async def test_unknown_context_is_404(data: DataPlane, sandbox: dict[str, Any]) -> None:
    base = f"/sandboxes/{sandbox['sandboxId']}/contexts/ctx-nope"
    for method in ("GET", "DELETE"):
        response = await data.request(method, base)
        assert response.status_code == 404 and "ctx-nope" in response.json()["message"], response.text


async def test_contexts_of_an_unknown_sandbox_are_404(data: DataPlane) -> None:
    response = await data.request("GET", "/sandboxes/sbx-nope/contexts")
    assert response.status_code == 404 and "sbx-nope" in response.json()["message"]
