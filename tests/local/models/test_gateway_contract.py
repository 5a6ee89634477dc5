"""Every model operation of openapi/data.yaml is served by AgentRun Local: a signed request to each method and path
reaches a handler (it may answer 400 for the empty body), never the "no such route" 404 or a 405."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest
from model_helpers import signed_headers

from agentrun.local import LocalServer

SPEC = Path(__file__).resolve().parents[3] / "openapi" / "data.yaml"


def model_operations() -> list[tuple[str, str, str]]:
    """(operationId, METHOD, path) of the spec's model paths (plain line matching, as test_local_contract.py)."""
    found: list[tuple[str, str, str]] = []
    path = method = ""
    for line in SPEC.read_text().splitlines():
        if line.startswith("components:"):
            break
        if match := re.match(r"^  (/\S+):$", line):
            path = match.group(1)
        elif match := re.match(r"^    (get|post|put|delete|patch):$", line):
            method = match.group(1).upper()
        elif (match := re.match(r"^      operationId: (\w+)$", line)) and path.startswith(("/models", "/model-")):
            found.append((match.group(1), method, path))
    return found


OPERATIONS = model_operations()


def test_the_spec_was_read() -> None:
    assert {op for op, _, _ in OPERATIONS} == {
        "CreateChatCompletion", "CreateEmbeddings", "CreateResponse", "ListModels", "GetModelUsage",
        "GetAllModelUsage",
    }  # fmt: skip


@pytest.mark.parametrize(("operation", "method", "path"), OPERATIONS, ids=[op for op, _, _ in OPERATIONS])
async def test_model_operation_is_served(
    raw: httpx.AsyncClient, local: LocalServer, operation: str, method: str, path: str
) -> None:
    concrete = "/data" + path.replace("{name}", "default")
    body = b"{}" if method == "POST" else None
    response = await raw.request(method, concrete, content=body, headers=signed_headers(local, method, concrete))
    assert response.status_code not in (404, 405), response.text
    assert response.headers["x-acs-request-id"]
