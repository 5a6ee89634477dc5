"""The live view of a browser sandbox on a real AgentRun Local: the viewer page shown in a real headless Chromium
(frames arrive while an agent drives the sandbox's browser), its token, and the signed /ws/liveview stream."""

from __future__ import annotations

import os
import shutil
import ssl
import time
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import anyio
import httpx
import pytest
from playwright.async_api import Browser, Page, async_playwright
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from agentrun import errors
from agentrun._core import viewer_token
from agentrun.client import AsyncAgentRun
from agentrun.local import LocalServer
from agentrun.local.browser import chromium
from agentrun.sandbox.sandbox import Sandbox

# A red page whose text changes every 50 ms: the screencast sends a frame per change.
AGENT_PAGE = (
    "data:text/html,<title>agent page</title><body style='background:rgb(255,0,0);margin:0'>"
    "<h1 id=n>0</h1><script>let n=0;setInterval(()=>{document.getElementById('n').textContent=++n},50)</script>"
)
JPEG = b"\xff\xd8\xff"


async def test_the_viewer_page_shows_the_browser_live_in_a_real_browser(
    browser_sandbox: Sandbox, tmp_path: Path
) -> None:
    executable = chromium.find()
    assert executable is not None
    async with browser_sandbox.browser.playwright() as agent, async_playwright() as playwright:
        agent_page = await _page(agent)
        await agent_page.goto(AGENT_PAGE)
        person = await playwright.chromium.launch(executable_path=executable)
        try:
            context = await person.new_context(ignore_https_errors=True)  # the local CA is not in this browser
            viewer = await context.new_page()
            await viewer.goto(browser_sandbox.browser.viewer_url())
            with anyio.fail_after(15):  # polled: the page's CSP forbids the eval wait_for_function uses
                while int(await viewer.get_attribute("body", "data-frames") or 0) < 3:  # noqa: ASYNC110
                    await anyio.sleep(0.1)
            assert await viewer.inner_text("#status") == "live"
            # The frame shown comes to be the agent's red page: read its middle pixel through a canvas. Each new
            # frame swaps the image, so a read can catch a swap (a decode error) or a frame from before the page
            # painted (white): read again until red, within the deadline.
            pixel: list[int] = []
            with anyio.fail_after(10):
                while not (pixel and pixel[0] > 200 and pixel[1] < 60 and pixel[2] < 60):
                    pixel = await viewer.evaluate(
                        """async () => {
                            const img = document.getElementById('screen');
                            try { await img.decode(); } catch (swapped) { return []; }
                            const canvas = document.createElement('canvas');
                            canvas.width = img.naturalWidth; canvas.height = img.naturalHeight;
                            const g = canvas.getContext('2d');
                            g.drawImage(img, 0, 0);
                            return Array.from(g.getImageData(canvas.width / 2, canvas.height / 2, 1, 1).data);
                        }"""
                    )
                    await anyio.sleep(0.05)
            shot = tmp_path / "liveview.png"
            await viewer.screenshot(path=str(shot))
            assert shot.read_bytes().startswith(b"\x89PNG") and shot.stat().st_size > 1000
        finally:
            await person.close()
        await agent_page.evaluate("1")  # watching left the agent's page working


async def test_the_viewer_follows_the_newest_tab(browser_sandbox: Sandbox, local: LocalServer) -> None:
    async with browser_sandbox.browser.playwright() as agent:
        first = await _page(agent)
        await first.goto("data:text/html,<body style='background:rgb(0,0,255)'>")
        url = _stream_url(browser_sandbox.browser.viewer_url())
        async with connect(url, ssl=_tls(local)) as socket:
            assert (await socket.recv()).startswith(JPEG)  # type: ignore[union-attr]
            second = await first.context.new_page()
            await second.goto(AGENT_PAGE)
            frames = 0
            with anyio.fail_after(10):
                while frames < 3:  # the changing tab's frames come (the blue one is static)
                    frame = await socket.recv()
                    assert isinstance(frame, bytes) and frame.startswith(JPEG)
                    frames += 1


async def test_the_page_refuses_a_bad_token(browser_sandbox: Sandbox, raw: httpx.AsyncClient) -> None:
    url = browser_sandbox.browser.viewer_url(ttl=60)
    assert (await raw.get(url)).status_code == 200
    query = dict(parse_qsl(urlsplit(url).query))
    tampered = {**query, "signature": "0" * 64}
    assert (await raw.get(_with_query(url, tampered))).status_code == 403
    # a token is for one sandbox only
    other = url.replace(browser_sandbox.sandbox_id, "someone-else")
    assert (await raw.get(other)).status_code == 403
    expired = dict(query, expires=str(int(time.time()) - 1))
    expired["signature"] = viewer_token.sign(
        query["accessKeyId"], _secret(browser_sandbox), browser_sandbox.sandbox_id, int(expired["expires"])
    )["signature"]
    answer = await raw.get(_with_query(url, expired))
    assert answer.status_code == 401 and "expired" in answer.json()["message"]
    answer = await raw.get(url.split("?")[0])
    assert answer.status_code == 401 and "signature" in answer.json()["message"]
    # the stream, fetched without an upgrade: its token first, then told to upgrade
    stream = _stream_url(url).replace("wss://", "https://", 1)
    assert (await raw.get(stream)).status_code == 426
    assert (await raw.get(_with_query(stream, tampered))).status_code == 403


async def test_the_stream_refuses_a_bad_token(browser_sandbox: Sandbox, local: LocalServer) -> None:
    url = _stream_url(browser_sandbox.browser.viewer_url())
    query = dict(parse_qsl(urlsplit(url).query), signature="f" * 64)
    async with connect(_with_query(url, query), ssl=_tls(local)) as socket:
        with pytest.raises(ConnectionClosed) as closed:
            await socket.recv()
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 1008


async def test_the_signed_liveview_socket_streams_frames(browser_sandbox: Sandbox, local: LocalServer) -> None:
    async with browser_sandbox.browser.playwright() as agent:
        await (await _page(agent)).goto(AGENT_PAGE)
        url = browser_sandbox.browser.vnc_url()
        for _ in range(2):  # a viewer leaving (mid-stream) leaves the browser's DevTools reachable for the next one
            headers = browser_sandbox.browser.vnc_headers()
            async with connect(url, ssl=_tls(local), additional_headers=headers) as socket:
                with anyio.fail_after(10):
                    frame = await socket.recv()
                assert isinstance(frame, bytes) and frame.startswith(JPEG)
        # unsigned: refused at the upgrade
        with pytest.raises(Exception, match="HTTP 40"):
            async with connect(url, ssl=_tls(local)):
                pass


async def test_a_novnc_client_gets_rfb_from_the_sandboxs_display(browser_sandbox: Sandbox, local: LocalServer) -> None:
    if not chromium.has_display(chromium.HEADFUL):
        pytest.skip("no display for browsers: install Debian's chromium, xvfb and x11vnc (make system-deps)")
    url, headers = browser_sandbox.browser.vnc_url(), browser_sandbox.browser.vnc_headers()
    async with connect(url, ssl=_tls(local), additional_headers=headers, subprotocols=["binary"]) as socket:  # type: ignore[list-item]
        assert socket.subprotocol == "binary"
        rfb = _RfbReader(socket)
        version = await rfb.read(12)
        assert version in (b"RFB 003.008\n", b"RFB 003.007\n"), version
        await socket.send(version)  # the client speaks the server's version
        count = (await rfb.read(1))[0]
        assert 1 in await rfb.read(count)  # security type None: the signed URL is the credential
        await socket.send(b"\x01")
        assert await rfb.read(4) == b"\0\0\0\0"  # SecurityResult OK
        await socket.send(b"\x01")  # ClientInit: shared, other viewers stay
        width, height = int.from_bytes(await rfb.read(2)), int.from_bytes(await rfb.read(2))
        assert (width, height) == (1280, 800)
    async with browser_sandbox.browser.playwright() as browser:  # watching left the browser as it was
        page = await browser.contexts[0].new_page()
        await page.goto("data:text/html,<title>after</title>")
        assert await page.title() == "after"


class _RfbReader:
    """Bytes of an RFB stream that arrive in WebSocket messages of any size."""

    def __init__(self, socket: ClientConnection) -> None:
        self.socket, self.buffer = socket, b""

    async def read(self, size: int) -> bytes:
        with anyio.fail_after(10):
            while len(self.buffer) < size:
                message = await self.socket.recv()
                assert isinstance(message, bytes), message
                self.buffer += message
        data, self.buffer = self.buffer[:size], self.buffer[size:]
        return data


def _headless_shell() -> str | None:
    return next((path for path in chromium.CANDIDATES if os.path.exists(path)), None)


async def test_a_novnc_client_is_told_when_there_is_no_display(
    client: AsyncAgentRun, browser_template: str, local: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    headless = _headless_shell()
    assert headless is not None, chromium.INSTALL_HINT
    monkeypatch.setattr(chromium, "find", lambda: headless)  # fault injection: no chromium, xvfb or x11vnc here
    async with await client.sandboxes.create(browser_template, idle_timeout=300) as sandbox:
        url, headers = sandbox.browser.vnc_url(), sandbox.browser.vnc_headers()
        async with connect(url, ssl=_tls(local), additional_headers=headers, subprotocols=["binary"]) as socket:  # type: ignore[list-item]
            with pytest.raises(ConnectionClosed) as closed:
                await socket.recv()
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 1003
    assert "no VNC display" in closed.value.rcvd.reason and "xvfb" in closed.value.rcvd.reason


async def test_viewer_url_checks_its_ttl(browser_sandbox: Sandbox) -> None:
    for ttl in (0, -5, viewer_token.MAX_TTL_SECONDS + 1):
        with pytest.raises(errors.InvalidArgumentError, match="ttl"):
            browser_sandbox.browser.viewer_url(ttl=ttl)


def _stream_url(page_url: str) -> str:
    parts = urlsplit(page_url)
    return urlunsplit(("wss", parts.netloc, parts.path + "/ws", parts.query, ""))


def _with_query(url: str, query: dict[str, str]) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))


def _secret(sandbox: Sandbox) -> str:
    secret = sandbox.browser._target.core.config.access_key_secret
    assert secret
    return secret


async def _page(browser: Browser) -> Page:
    context = browser.contexts[0] if browser.contexts else await browser.new_context()
    return await context.new_page()


def _tls(local: LocalServer) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=str(local.ca_file))


async def test_recording_true_on_the_liveview_socket_records_the_session(
    browser_sandbox: Sandbox, local: LocalServer
) -> None:
    if shutil.which("ffmpeg") is None:
        pytest.skip("no ffmpeg: install Debian's ffmpeg package (make system-deps)")
    async with browser_sandbox.browser.playwright() as agent:
        await (await _page(agent)).goto(AGENT_PAGE)
        url, headers = browser_sandbox.browser.vnc_url(record=True), browser_sandbox.browser.vnc_headers(record=True)
        assert url.endswith("recording=true")
        async with connect(url, ssl=_tls(local), additional_headers=headers) as socket:
            for _ in range(10):
                with anyio.fail_after(10):
                    await socket.recv()
    with anyio.fail_after(20):  # listed once ffmpeg has finished the file
        while not (recordings := await browser_sandbox.browser.list_recordings()):  # noqa: ASYNC110
            await anyio.sleep(0.2)
    assert recordings[0].filename.endswith(".mkv") and (recordings[0].size or 0) > 0
