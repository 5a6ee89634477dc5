"""A CDP connection of the server's own to a sandbox's browser, through the sandbox's relay (chromium.py), to
Chromium's browser-level target; and the check that Chromium's first tab is ready for clients.

    async with cdp.connection(browser) as ws:    # SandboxFailed, OSError, WebSocketException, TimeoutError
        ...
    await cdp.first_tab_settled(browser)          # before the browser is handed to anyone
"""

from __future__ import annotations

import itertools
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any

import anyio
from websockets.asyncio.client import ClientConnection, connect

if TYPE_CHECKING:
    from agentrun.local.browser.chromium import Browser

MAX_MESSAGE = 256 * 1024 * 1024  # CDP answers carry whole screenshots and page captures
POLL = 0.01


class CDPError(Exception):
    """Chromium answered a command with an error."""


@asynccontextmanager
async def connection(browser: Browser, *, max_size: int = MAX_MESSAGE) -> AsyncIterator[ClientConnection]:
    """A WebSocket to `browser`'s browser-level CDP target, dropped (and its socket closed) when the block exits."""
    sock = await browser.connect()
    try:
        async with connect(
            f"ws://127.0.0.1{browser.devtools_path}",  # Chromium accepts only an IP or localhost as Host
            sock=sock,
            max_size=max_size,
            compression=None,
            ping_interval=None,  # Chromium does not ping; the sandbox ending closes the socket
            open_timeout=10,
        ) as ws:
            try:
                yield ws
            finally:
                # Drop the connection now, even when cancelled: the transport stops watching the socket before
                # sock.close() below frees its descriptor, which the next socket opened may get.
                ws.transport.abort()
    finally:
        sock.close()


async def first_tab_settled(browser: Browser) -> None:
    """Wait until Chromium's first tab has committed its start page. Chromium opens its DevTools port before that
    tab's first navigation commits; a client attaching in between finds a main frame without a URL, and Playwright's
    connect_over_cdp then waits for a navigation event Chromium does not send: it hangs until its timeout. Raises
    what `connection` raises, and CDPError."""
    async with connection(browser) as ws:
        commands = Commands(ws)
        while (page := await commands.first_page()) is None:  # noqa: ASYNC110 (Chromium's state, polled)
            await anyio.sleep(POLL)
        attached = await commands.call("Target.attachToTarget", {"targetId": page, "flatten": True})
        session = str(attached["sessionId"])
        while not await commands.main_frame_url(session):  # noqa: ASYNC110 (Chromium's state, polled)
            await anyio.sleep(POLL)
        await commands.call("Target.detachFromTarget", {"sessionId": session})


class Commands:
    """CDP commands sent one at a time on a connection nobody else reads (events are dropped)."""

    def __init__(self, ws: ClientConnection) -> None:
        self._ws = ws
        self._ids = itertools.count(1)

    async def call(self, method: str, params: dict[str, Any] | None = None, *, session: str | None = None) -> Any:
        """The command's result; CDPError when Chromium answers with an error or closes the connection."""
        number = next(self._ids)
        message: dict[str, Any] = {"id": number, "method": method, "params": params or {}}
        if session is not None:
            message["sessionId"] = session
        await self._ws.send(json.dumps(message))
        async for raw in self._ws:
            answer = json.loads(raw)
            if answer.get("id") != number:
                continue
            if "error" in answer:
                raise CDPError(f"{method}: {answer['error']}")
            return answer.get("result") or {}
        raise CDPError(f"{method}: the browser closed the connection")

    async def first_page(self) -> str | None:
        """The target id of a page (a tab), or None while there is none."""
        targets = (await self.call("Target.getTargets")).get("targetInfos") or []
        return next((str(target["targetId"]) for target in targets if target.get("type") == "page"), None)

    async def main_frame_url(self, session: str) -> str:
        """The URL the attached page's main frame has committed ("" during its first navigation; ":" for none)."""
        tree = await self.call("Page.getFrameTree", session=session)
        return str(tree.get("frameTree", {}).get("frame", {}).get("url", "")).strip(":")
