"""Browser sandbox routes: `GET /sandboxes/{sandboxId}/ws/automation`, a browser-level Chrome DevTools Protocol
WebSocket (the URL the official SDK's `get_cdp_url` builds, openapi/data.yaml), verified like every data-plane
request (auth.py checks the upgrade request's AGENTRUN4 signature).

Each client gets its own WebSocket to Chromium's browser target, so several clients drive one browser at once (as
Chromium's own endpoint allows) and a client that leaves closes only its connection: the browser, its pages and
the other clients stay. Messages are relayed as they are, text or binary, in both directions.
"""

from __future__ import annotations

import contextlib
import logging

import anyio
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route, WebSocketRoute
from starlette.websockets import WebSocket, WebSocketDisconnect
from websockets.asyncio.client import ClientConnection
from websockets.exceptions import ConnectionClosed, WebSocketException

from agentrun.local.browser import cdp, recorder
from agentrun.local.responses import LocalAPIError
from agentrun.local.sandbox import SandboxError
from agentrun.local.state import ServerState

logger = logging.getLogger("agentrun.local.browser")


async def automation(websocket: WebSocket) -> None:
    sandbox_id = str(websocket.path_params["sandboxId"])
    state = websocket.app.state.local
    assert isinstance(state, ServerState)
    manager = state.sandboxes
    await websocket.accept()
    try:
        async with manager.busy(sandbox_id):  # never idle while a client is connected
            browser = manager.browser(sandbox_id)
            async with (
                recorder.recording(browser) if _recording(websocket) else contextlib.nullcontext(),
                cdp.connection(browser) as chromium,
            ):
                await _relay(websocket, chromium)
    except LocalAPIError as exc:
        await _close(websocket, 1008, exc.message)
    except recorder.RecordingUnavailable as exc:
        await _close(websocket, 1011, str(exc))
    except (SandboxError, OSError, WebSocketException, TimeoutError) as exc:
        await _close(websocket, 1011, f"the sandbox's browser is not reachable: {exc}")


def _recording(websocket: WebSocket) -> bool:
    """`recording=true` (the official SDK's spelling) asks for the session to be recorded (browser/recorder.py)."""
    return websocket.query_params.get("recording", "").lower() in ("true", "1")


async def _relay(client: WebSocket, chromium: ClientConnection) -> None:
    """Copy messages both ways until either side closes; then close the other."""

    async def upstream() -> None:
        with contextlib.suppress(WebSocketDisconnect):
            while True:
                message = await client.receive()
                if message["type"] == "websocket.disconnect":
                    break
                if message.get("text") is not None:
                    await chromium.send(message["text"])
                elif message.get("bytes") is not None:
                    await chromium.send(message["bytes"])
        tg.cancel_scope.cancel()

    async def downstream() -> None:
        with contextlib.suppress(ConnectionClosed, WebSocketDisconnect):  # WebSocketDisconnect: the client left
            async for message in chromium:
                if isinstance(message, str):
                    await client.send_text(message)
                else:
                    await client.send_bytes(message)
        await _close(client, 1000, "the browser closed the connection")
        tg.cancel_scope.cancel()

    async with anyio.create_task_group() as tg:
        tg.start_soon(upstream)
        tg.start_soon(downstream)


async def _close(websocket: WebSocket, code: int, reason: str) -> None:
    with contextlib.suppress(RuntimeError, OSError, WebSocketDisconnect):
        await websocket.close(code, reason.encode()[:123].decode("utf-8", "ignore"))


async def not_upgraded(request: Request) -> Response:
    raise LocalAPIError(
        426, "ERR_UPGRADE_REQUIRED", f"{request.url.path} is a WebSocket: connect with a WebSocket (CDP) client"
    )


def routes() -> list[BaseRoute]:
    path = "/sandboxes/{sandboxId}/ws/automation"
    return [WebSocketRoute(path, automation), Route(path, not_upgraded, methods=["GET"])]
