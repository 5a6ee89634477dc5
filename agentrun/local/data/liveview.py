"""The live view of a browser sandbox (openapi/data.yaml BrowserLiveView, LiveViewPage, LiveViewStream).

Where the sandbox's Chromium has a display (browser/chromium.py: Debian's chromium, xvfb and x11vnc installed), a
noVNC client (subprotocol `binary`, as noVNC asks) of `/sandboxes/{id}/ws/liveview` (the URL the official SDK's
`get_vnc_url` builds) gets RFB: its binary messages are relayed to and from x11vnc's socket in the sandbox, as
websockify would. Any other client, and every client where Chromium is the headless shell, gets a CDP screencast
(browser/screencast.py) of the current page (the one opened last, else the one that changed last), one binary
WebSocket message per JPEG frame, a frame whenever the page changes; watching it never drives the browser. Where
there is no display, a noVNC client is told so in the close reason.
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
from anyio.abc import UNIXSocketStream
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
    "this sandbox's browser has no VNC display (install Debian's chromium, xvfb and x11vnc: make system-deps): its "
    "live view is a CDP screencast (one JPEG per binary message); open sandbox.browser.viewer_url() in a web browser"
)
RFB_CHUNK = 256 * 1024


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
    if "binary" in websocket.scope.get("subprotocols", []):  # noVNC asks for it
        await websocket.accept("binary")
        await _stream(websocket, rfb=True)
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


async def _stream(websocket: WebSocket, *, rfb: bool = False) -> None:
    sandbox_id = str(websocket.path_params["sandboxId"])
    manager = _state(websocket).sandboxes
    try:
        async with manager.busy(sandbox_id):  # never idle while someone watches
            browser = manager.browser(sandbox_id)
            if rfb and not browser.display:
                await _close(websocket, 1003, NO_VNC)
                return
            async with recorder.recording(browser) if _recording(websocket) else contextlib.nullcontext():
                if rfb:
                    await _relay_rfb(websocket, browser)
                else:
                    await _send_frames(websocket, browser)
    except LocalAPIError as exc:
        await _close(websocket, 1008, exc.message)
    except recorder.RecordingUnavailable as exc:
        await _close(websocket, 1011, str(exc))
    except (SandboxError, OSError) as exc:
        await _close(websocket, 1011, f"the sandbox's browser is not reachable: {exc}")


async def _relay_rfb(websocket: WebSocket, browser: Browser) -> None:
    """RFB bytes between the client's binary messages and x11vnc, until either side leaves."""
    sock = await browser.connect_vnc()
    async with await UNIXSocketStream.from_socket(sock) as vnc, anyio.create_task_group() as group:

        async def to_client() -> None:
            with contextlib.suppress(anyio.EndOfStream, anyio.BrokenResourceError, OSError):
                while True:
                    await websocket.send_bytes(await vnc.receive(RFB_CHUNK))
            await _close(websocket, 1000, "the display closed")
            group.cancel_scope.cancel()

        group.start_soon(to_client)
        with contextlib.suppress(WebSocketDisconnect, anyio.BrokenResourceError, OSError):
            while (message := await websocket.receive())["type"] != "websocket.disconnect":
                data = message.get("bytes") or (message.get("text") or "").encode()
                if data:
                    await vnc.send(data)
        group.cancel_scope.cancel()


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
