"""The live view of a browser sandbox (openapi/data.yaml BrowserLiveView, LiveViewPage, LiveViewStream).

AgentRun Local runs Chromium's headless shell, which has no display, so there is no VNC (RFB) server to relay: the
live view is a CDP screencast (browser/screencast.py) of the current page (the one opened last, else the one
that changed last), sent as one binary WebSocket message
per JPEG frame, a frame whenever the page changes. Watching never drives the browser.

- `/sandboxes/{id}/ws/liveview` (the URL the official SDK's `get_vnc_url` builds) is that stream, signed like any
  data-plane call; a noVNC client (subprotocol `binary`) is told in the close reason that there is no VNC here.
- `/liveview/{id}` is a small page that shows the stream, and `/liveview/{id}/ws` the stream it reads. A web
  browser cannot sign headers, so both take the short-lived token `sandbox.browser.viewer_url()` puts in the query
  (agentrun/_core/viewer_token.py) and are left to decide for themselves by the signature check (data/__init__.py).
"""

from __future__ import annotations

import contextlib
import html
import secrets
import time

import anyio
from starlette.requests import HTTPConnection, Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import BaseRoute, Route, WebSocketRoute
from starlette.websockets import WebSocket, WebSocketDisconnect

from agentrun._core import viewer_token
from agentrun.local.browser import recorder, screencast
from agentrun.local.browser.chromium import Browser
from agentrun.local.data.browser import _close, _recording, not_upgraded
from agentrun.local.responses import LocalAPIError
from agentrun.local.sandbox import SandboxError
from agentrun.local.state import ServerState

VIEWER_PREFIX = "/liveview"  # under the data plane's mount; self-authenticated (data/__init__.py)
NO_VNC = (
    "AgentRun Local has no VNC display: its live view is a CDP screencast (one JPEG per binary message); "
    "open sandbox.browser.viewer_url() in a web browser"
)


def _state(connection: HTTPConnection) -> ServerState:
    state = connection.app.state.local
    assert isinstance(state, ServerState)
    return state


def _check_token(connection: HTTPConnection, sandbox_id: str) -> None:
    identity = _state(connection).identity
    refused = viewer_token.check(
        connection.query_params,
        lambda key_id: identity.access_key_secret if key_id == identity.access_key_id else None,
        sandbox_id,
        time.time(),
    )
    if refused is not None:
        status, message = refused
        raise LocalAPIError(status, "ERR_UNAUTHORIZED" if status == 401 else "ERR_FORBIDDEN", message)


async def signed_stream(websocket: WebSocket) -> None:
    """`/sandboxes/{id}/ws/liveview`: the data plane verified the signature already (auth.py)."""
    if "binary" in websocket.scope.get("subprotocols", []):  # noVNC asks for it; accept to say why it cannot work
        await websocket.accept("binary")
        await _close(websocket, 1003, NO_VNC)
        return
    await websocket.accept()
    await _stream(websocket)


async def viewer_stream(websocket: WebSocket) -> None:
    """`/liveview/{id}/ws`: the viewer page's stream, opened by its token."""
    await websocket.accept()
    try:
        _check_token(websocket, str(websocket.path_params["sandboxId"]))
    except LocalAPIError as exc:
        await _close(websocket, 1008, exc.message)
        return
    await _stream(websocket)


async def _stream(websocket: WebSocket) -> None:
    sandbox_id = str(websocket.path_params["sandboxId"])
    manager = _state(websocket).sandboxes
    try:
        async with manager.busy(sandbox_id):  # never idle while someone watches
            browser = manager.browser(sandbox_id)
            async with recorder.recording(browser) if _recording(websocket) else contextlib.nullcontext():
                await _send_frames(websocket, browser)
    except LocalAPIError as exc:
        await _close(websocket, 1008, exc.message)
    except recorder.RecordingUnavailable as exc:
        await _close(websocket, 1011, str(exc))
    except (SandboxError, OSError) as exc:
        await _close(websocket, 1011, f"the sandbox's browser is not reachable: {exc}")


async def _send_frames(websocket: WebSocket, browser: Browser) -> None:
    """Frames of the newest page until the client leaves (then the screencast stops) or the browser goes."""

    async def deliver(frame: screencast.Frame) -> bool:
        if frame.current:
            try:
                await websocket.send_bytes(frame.jpeg)  # a slow viewer delays the ack, so Chromium sends fewer
            except (WebSocketDisconnect, RuntimeError, OSError):
                return False
        return True

    async def until_client_leaves() -> None:
        with contextlib.suppress(WebSocketDisconnect):
            while (await websocket.receive())["type"] != "websocket.disconnect":
                pass  # the viewer only watches: what it sends is ignored
        group.cancel_scope.cancel()

    async with anyio.create_task_group() as group:
        group.start_soon(until_client_leaves)
        await screencast.run(browser, deliver)
        await _close(websocket, 1000, "the browser closed")
        group.cancel_scope.cancel()


async def viewer_page(request: Request) -> Response:
    """`GET /liveview/{id}`: the page that shows the stream (its token checked here and again by the socket)."""
    sandbox_id = str(request.path_params["sandboxId"])
    _check_token(request, sandbox_id)
    _state(request).sandboxes.browser(sandbox_id)  # 404/409 now rather than a closed socket later
    nonce = secrets.token_urlsafe(16)
    headers = {
        "Content-Security-Policy": (
            f"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'; img-src blob:; "
            "connect-src 'self'; base-uri 'none'; form-action 'none'"
        ),
        "Referrer-Policy": "no-referrer",  # the URL holds the token
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
    }
    return HTMLResponse(_PAGE.replace("{nonce}", nonce).replace("{sandbox}", html.escape(sandbox_id)), headers=headers)


_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Live view: {sandbox}</title>
<style nonce="{nonce}">
body{margin:0;background:#1e1e1e;color:#ddd;font:14px system-ui,sans-serif}
header{padding:6px 10px;display:flex;gap:16px}
main{display:flex;justify-content:center}
img{max-width:100%;box-shadow:0 0 8px #000}
</style></head>
<body data-frames="0">
<header><b>{sandbox}</b><span id="status">connecting</span><span id="frames"></span></header>
<main><img id="screen" alt="the sandbox's browser"></main>
<script nonce="{nonce}">
const status = document.getElementById("status"), screen = document.getElementById("screen");
const url = new URL(location.href);
url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
url.pathname += "/ws";
const socket = new WebSocket(url);
socket.binaryType = "blob";
let frames = 0, shown = null;
socket.onopen = () => { status.textContent = "live"; };
socket.onmessage = (event) => {
  const next = URL.createObjectURL(event.data);
  screen.src = next;
  if (shown) URL.revokeObjectURL(shown);
  shown = next;
  frames += 1;
  document.body.dataset.frames = String(frames);
  document.getElementById("frames").textContent = frames + " frames";
};
socket.onclose = (event) => { status.textContent = "closed" + (event.reason ? ": " + event.reason : ""); };
</script></body></html>
"""


async def viewer_not_upgraded(request: Request) -> Response:
    """A plain GET of the viewer's stream: its token is checked first, as for the page (401/403), then 426."""
    _check_token(request, str(request.path_params["sandboxId"]))
    return await not_upgraded(request)


def routes() -> list[BaseRoute]:
    path = "/sandboxes/{sandboxId}/ws/liveview"
    return [WebSocketRoute(path, signed_stream), Route(path, not_upgraded, methods=["GET"])]


def viewer_routes() -> list[BaseRoute]:
    page = VIEWER_PREFIX + "/{sandboxId}"
    return [
        Route(page, viewer_page, methods=["GET"]),
        WebSocketRoute(page + "/ws", viewer_stream),
        Route(page + "/ws", viewer_not_upgraded, methods=["GET"]),
    ]
