"""Every operation of openapi/control.yaml is served: a signed request to each method and path reaches a handler
(which may well answer 400 or 404 for the placeholder ids), never the "no such route" 404 or a 405."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest
from local_helpers import signed

from agentrun.local import LocalServer

SPEC = Path(__file__).resolve().parents[2] / "openapi" / "control.yaml"


def operations() -> list[tuple[str, str, str]]:
    """(operationId, METHOD, path) from the spec's `paths:` section (plain line matching: the file's layout is fixed
    by its authors, and PyYAML is not a dependency)."""
    found: list[tuple[str, str, str]] = []
    path = method = ""
    for line in SPEC.read_text().splitlines():
        if line.startswith("components:"):
            break
        if match := re.match(r"^  (/\S+):$", line):
            path = match.group(1)
        elif match := re.match(r"^    (get|post|put|delete|patch):$", line):
            method = match.group(1).upper()
        elif match := re.match(r"^      operationId: (\w+)$", line):
            found.append((match.group(1), method, path))
    return found


OPERATIONS = operations()


def test_the_spec_was_read() -> None:
    assert len(OPERATIONS) >= 48 and ("ListWorkspaces", "GET", "/2025-09-10/workspaces") in OPERATIONS


@pytest.mark.parametrize(("operation", "method", "path"), OPERATIONS, ids=[op for op, _, _ in OPERATIONS])
async def test_operation_is_routed(
    raw: httpx.AsyncClient, local: LocalServer, operation: str, method: str, path: str
) -> None:
    concrete = re.sub(r"\{\w+\}", "placeholder", path)
    body = {} if method in ("POST", "PUT", "PATCH") and not operation.startswith(("Stop", "Pause", "Resume")) else None
    response = await signed(raw, local, method, concrete, json_body=body, action=operation)
    assert response.status_code != 405, response.text
    assert "no operation at" not in response.text, response.text
    assert response.json()["requestId"]
