"""A CDP screencast of a sandbox's browser: JPEG frames of its pages, now and later, each with the page it shows
and whether that page is the current one: the page opened last (since the screencast started) that is still open,
the tab an agent most likely works in, else the page that changed last (the live view shows only the current one).

    async def deliver(frame: Frame) -> bool: ...      # False stops the screencast
    await run(browser, deliver)                       # until deliver says stop, or the browser goes

It opens a CDP connection of its own (cdp.py), so it neither sees nor disturbs
the clients driving the browser. Chromium sends a frame when a page changes (and one when the screencast starts).
"""

from __future__ import annotations

import base64
import binascii
import itertools
import json
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from websockets.asyncio.client import ClientConnection
from websockets.exceptions import ConnectionClosed, WebSocketException

from agentrun.local.browser import cdp
from agentrun.local.browser.chromium import Browser
from agentrun.local.sandbox import SandboxError

logger = logging.getLogger("agentrun.local.browser")

MAX_MESSAGE = 64 * 1024 * 1024
QUALITY = 70  # JPEG quality: ~10 KB a 1024x640 frame


@dataclass(frozen=True, slots=True)
class Frame:
    target: str  # the page's CDP target id
    jpeg: bytes
    current: bool  # the page the live view shows: the one opened last, else the one that changed last


async def run(browser: Browser, deliver: Callable[[Frame], Awaitable[bool]]) -> None:
    """Screencast every page of `browser` to `deliver` until it answers False or the browser goes away."""
    try:
        async with cdp.connection(browser, max_size=MAX_MESSAGE) as ws:
            await _drive(ws, deliver)
    except SandboxError as exc:
        logger.warning("cannot screencast the browser: %s", exc)
    except (ConnectionClosed, WebSocketException, OSError, TimeoutError) as exc:
        logger.debug("screencast connection ended: %s", exc)


async def _drive(ws: ClientConnection, deliver: Callable[[Frame], Awaitable[bool]]) -> None:
    ids = itertools.count(1)
    attaching: dict[int, str] = {}  # request id -> target id
    sessions: dict[str, str] = {}  # session id -> target id
    opened: list[str] = []  # pages opened since the screencast started, oldest first
    pages: set[str] = set()
    latest = ""  # the page that sent the latest frame

    async def send(method: str, params: dict[str, Any], session: str | None = None) -> int:
        number = next(ids)
        message: dict[str, Any] = {"id": number, "method": method, "params": params}
        if session is not None:
            message["sessionId"] = session
        await ws.send(json.dumps(message))
        return number

    # Chromium announces the pages there are (in no particular order), answers, then announces new ones.
    discovering = await send("Target.setDiscoverTargets", {"discover": True})
    async for raw in ws:
        message = json.loads(raw)
        method, params = message.get("method"), message.get("params") or {}
        if message.get("id") == discovering:
            discovering = -1
        elif method == "Target.targetCreated" and params.get("targetInfo", {}).get("type") == "page":
            target = str(params["targetInfo"]["targetId"])
            pages.add(target)
            if discovering == -1:
                opened.append(target)
            attaching[await send("Target.attachToTarget", {"targetId": target, "flatten": True})] = target
        elif method == "Target.targetDestroyed":
            target = str(params.get("targetId"))
            pages.discard(target)
            if target in opened:
                was_current = opened[-1] == target
                opened.remove(target)
                if was_current and opened:  # the tab shown before: restarting its screencast sends its current frame
                    await _restart(send, sessions, opened[-1])
        elif message.get("id") in attaching:
            target = attaching.pop(message["id"])
            session = (message.get("result") or {}).get("sessionId")
            if session:
                sessions[str(session)] = target
                await send("Page.startScreencast", {"format": "jpeg", "quality": QUALITY}, session)
        elif method == "Page.screencastFrame":
            session = str(message.get("sessionId"))
            await send("Page.screencastFrameAck", {"sessionId": params.get("sessionId")}, session)
            try:
                jpeg = base64.b64decode(str(params.get("data", "")), validate=True)
            except binascii.Error:
                continue
            target = sessions.get(session, "")
            if target in pages:
                latest = target
            # the page opened last is the one shown; before any was opened, whichever changed last
            current = opened[-1] if opened else latest
            if not await deliver(Frame(target, jpeg, current=target == current)):
                return


async def _restart(send: Callable[..., Awaitable[int]], sessions: dict[str, str], target: str) -> None:
    for session, page in sessions.items():
        if page == target:
            await send("Page.stopScreencast", {}, session)
            await send("Page.startScreencast", {"format": "jpeg", "quality": QUALITY}, session)
