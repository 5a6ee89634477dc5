"""The answer contract (contract.py) catches a server that drifts from the specs, and is in front of the session's
AgentRun Local. The drifting server is a fake (fault injection): a few Starlette routes answering what AgentRun Local
must never answer, wrapped by the same middleware as the real one."""

from __future__ import annotations

import httpx
import pytest
from contract import AnswerContract, Contract
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from agentrun.client import AsyncAgentRun

ENVELOPE = {"code": "SUCCESS", "requestId": "r-1"}


async def runtime_with_a_number_id(request: Request) -> Response:
    return JSONResponse({**ENVELOPE, "data": {"agentRuntimeId": 42, "status": "READY"}})


async def runtime_as_documented(request: Request) -> Response:
    return JSONResponse({**ENVELOPE, "data": {"agentRuntimeId": "ar-1", "status": "READY"}})


async def teapot(request: Request) -> Response:
    return JSONResponse({"code": "ERR_TEAPOT", "message": "short and stout", "requestId": "r-2"}, status_code=418)


async def health_as_html(request: Request) -> Response:
    return Response("<p>ok</p>", media_type="text/html")


async def undocumented(request: Request) -> Response:
    return JSONResponse({"secret": True})


async def error_without_the_error_schema(request: Request) -> Response:
    return JSONResponse({"code": 404, "message": "Not Found"}, status_code=404)


async def stream_as_plain_text(request: Request) -> Response:
    async def events():  # type: ignore[no-untyped-def]
        yield b"data: {}\n\n"

    return StreamingResponse(events(), media_type="text/plain")


def fake_drifting_server() -> Starlette:
    return Starlette(
        routes=[
            Route("/2025-09-10/agents/runtimes/number", runtime_with_a_number_id),
            Route("/2025-09-10/agents/runtimes/fine", runtime_as_documented),
            Route("/2025-09-10/agents/runtimes/teapot", teapot),
            Route("/data/sandboxes/s-1/health", health_as_html),
            Route("/data/2025-09-10/sandboxes/s-1/secret", undocumented),
            Route("/data/nowhere", error_without_the_error_schema),
            Route("/data/sandboxes/s-1/contexts/execute", stream_as_plain_text, methods=["POST"]),
        ]
    )


@pytest.fixture
def checked() -> Contract:
    return Contract()


@pytest.fixture
async def drifting(checked: Contract) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(AnswerContract(fake_drifting_server(), checked))
    async with httpx.AsyncClient(transport=transport, base_url="https://fake") as http:
        yield http  # type: ignore[misc]


@pytest.mark.parametrize(
    ("method", "path", "complaint"),
    [
        (
            "GET",
            "/2025-09-10/agents/runtimes/number",
            "GetAgentRuntime (control.yaml): GET /2025-09-10/agents/runtimes"
            "/number -> 200: body at data/agentRuntimeId: 42 is not of type 'string'",
        ),
        ("GET", "/2025-09-10/agents/runtimes/teapot", "status 418 is not documented"),
        (
            "GET",
            "/data/sandboxes/s-1/health",
            "GetSandboxHealth (data.yaml): GET /data/sandboxes/s-1/health -> 200: "
            "content type 'text/html; charset=utf-8' is not one of application/json",
        ),
        ("GET", "/data/2025-09-10/sandboxes/s-1/secret", "no operation of control.yaml or data.yaml describes this"),
        ("GET", "/data/nowhere", "GET /data/nowhere -> 404 (no such route): body at code: 404 is not of type 'string'"),
        ("POST", "/data/sandboxes/s-1/contexts/execute", "content type 'text/plain; charset=utf-8' is not one of"),
    ],
)
async def test_a_drifting_answer_is_a_violation(
    drifting: httpx.AsyncClient, checked: Contract, method: str, path: str, complaint: str
) -> None:
    await drifting.request(method, path)
    violations = checked.take()
    assert len(violations) == 1 and complaint in violations[0], violations


async def test_a_documented_answer_passes(drifting: httpx.AsyncClient, checked: Contract) -> None:
    response = await drifting.get("/2025-09-10/agents/runtimes/fine")
    assert response.status_code == 200 and checked.take() == [] and checked.checked == 1


async def test_the_session_server_is_checked(client: AsyncAgentRun, contract: Contract) -> None:
    before = contract.checked
    await client.templates.list().to_list()
    assert contract.checked > before
