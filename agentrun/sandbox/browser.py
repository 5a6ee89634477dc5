"""The browser of a Browser or AllInOne sandbox: its Chrome DevTools Protocol URL, and Playwright connected to it.

    url, headers = sandbox.browser.cdp_url_with_headers()    # wss://<data endpoint>/sandboxes/<id>/ws/automation
    async with sandbox.browser.playwright() as browser:      # a playwright.async_api.Browser (extra `browser`)
        page = await browser.contexts[0].new_page()
        await page.goto("https://example.com")
    async with sandbox.browser.playwright(record=True) as browser: ...   # recorded to .mkv on the server
    for recording in await sandbox.browser.list_recordings():            # Recording(filename, size)
        await sandbox.browser.download_recording_to(recording.filename, recording.filename)
        await sandbox.browser.delete_recording(recording.filename)
    print(sandbox.browser.viewer_url())      # a web page showing the browser live (AgentRun Local), for 10 minutes

The URL is the one the official SDK's `get_cdp_url` builds (openapi/data.yaml, BrowserAutomation): the data
endpoint with a ws/wss scheme and `?tenantId=<account>` (plus `recording=true` when asked). The headers sign it
with AGENTRUN4-HMAC-SHA256 at the time they are made: make them right before connecting.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import ssl
import tempfile
import time
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlencode, urlsplit, urlunsplit

import httpx
from agentrun_data_api.api.browser import (
    browser_automation,
    browser_live_view,
    delete_recording,
    download_recording,
    list_recordings,
    live_view_page,
)

from agentrun import errors
from agentrun._core import viewer_token
from agentrun._core.aio import save_chunks
from agentrun._core.http import CallOptions
from agentrun._core.request_signing import sign_data_request
from agentrun._core.sse import AsyncByteStream
from agentrun.sandbox._data import SandboxTarget, json_items, require_text
from agentrun.sandbox._wire import wire_int

if TYPE_CHECKING:
    from playwright.async_api import Browser


class SandboxBrowser:
    """The Chromium of one sandbox (`sandbox.browser`)."""

    def __init__(self, target: SandboxTarget) -> None:
        self._target = target

    def cdp_url(self, *, record: bool = False) -> str:
        """The browser-level CDP WebSocket URL (unsigned: add `cdp_headers()` when the client has an access key)."""
        config = self._target.core.config
        operation = browser_automation.request(
            self._target.sandbox_id, tenant_id=config.account_id, recording="true" if record else None
        )
        return self._url(operation.url, operation.params, websocket=True)

    def vnc_url(self, *, record: bool = False) -> str:
        """The live-view WebSocket URL (BrowserLiveView; the official SDK's `get_vnc_url`), signed with the headers
        `vnc_headers()` gives. In the cloud it speaks RFB for noVNC. AgentRun Local
        has no display (headless Chromium), so there it streams JPEG frames of a CDP screencast instead and closes
        noVNC clients with a reason: on Local, watch with `viewer_url()`."""
        config = self._target.core.config
        operation = browser_live_view.request(
            self._target.sandbox_id, tenant_id=config.account_id, recording="true" if record else None
        )
        return self._url(operation.url, operation.params, websocket=True)

    def vnc_headers(self, *, record: bool = False) -> dict[str, str]:
        """Headers that sign the WebSocket upgrade of `vnc_url(record=...)` now ({} without an access key)."""
        return self._signed_headers(self.vnc_url(record=record))

    def viewer_url(self, *, ttl: float = 600.0) -> str:
        """A web page that shows this sandbox's browser live (AgentRun Local's LiveViewPage), to open in any web
        browser: the URL carries a token, signed with this client's access key, that lets its holder watch (and
        only watch) this sandbox for `ttl` seconds (at most a day). Treat it like a password until it expires."""
        config = self._target.core.config
        if not (config.access_key_id and config.access_key_secret):
            raise errors.ConfigError(
                "viewer_url() signs the URL with an access key: configure one (AsyncAgentRun.local() does)"
            )
        if not 0 < ttl <= viewer_token.MAX_TTL_SECONDS:
            limit = viewer_token.MAX_TTL_SECONDS
            raise errors.InvalidArgumentError(f"ttl={ttl!r}: give the seconds the URL stays valid, in (0, {limit}]")
        token = viewer_token.sign(
            config.access_key_id, config.access_key_secret, self._target.sandbox_id, int(time.time() + ttl)
        )
        operation = live_view_page.request(
            self._target.sandbox_id,
            access_key_id=token["accessKeyId"],
            expires=int(token["expires"]),
            signature=token["signature"],
        )
        return self._url(operation.url, operation.params, websocket=False)

    def _url(self, path: str, params: Mapping[str, object] | None, *, websocket: bool) -> str:
        base = urlsplit(self._target.core.config.data_base_url())
        scheme = {"https": "wss", "http": "ws"}.get(base.scheme, base.scheme) if websocket else base.scheme
        return urlunsplit((scheme, base.netloc, base.path.rstrip("/") + path, urlencode(params or {}), ""))

    def cdp_headers(self, *, record: bool = False) -> dict[str, str]:
        """Headers that sign the WebSocket upgrade of `cdp_url(record=...)` now ({} without an access key)."""
        return self._signed_headers(self.cdp_url(record=record))

    def _signed_headers(self, url: str) -> dict[str, str]:
        config = self._target.core.config
        if not config.has_credentials:
            return {}
        request = httpx.Request("GET", url.replace("ws", "http", 1))  # the upgrade is an HTTP GET of that URL
        sign_data_request(config, request)
        names = ("x-acs-date", "x-acs-content-sha256", "x-acs-security-token", "agentrun-authorization")
        return {name: request.headers[name] for name in names if name in request.headers}

    def cdp_url_with_headers(self, *, record: bool = False) -> tuple[str, dict[str, str]]:
        """`cdp_url()` and `cdp_headers()` together (what the official SDK's `get_cdp_url(with_headers=True)` gives)."""
        return self.cdp_url(record=record), self.cdp_headers(record=record)

    @contextlib.asynccontextmanager
    async def playwright(self, *, record: bool = False, timeout: float = 30.0) -> AsyncIterator[Browser]:
        """Playwright's `Browser`, connected over CDP through the data plane; closed (with the Playwright driver)
        when the block exits. Closing it disconnects this client only: the sandbox's browser keeps running.
        Needs the `browser` extra: `pip install 'agentrun[browser]'`."""
        try:
            from playwright.async_api import async_playwright
        except ImportError:
            raise errors.MissingDependencyError(
                "sandbox.browser.playwright() needs Playwright: pip install 'agentrun[browser]'"
            ) from None
        _trust_local_ca(self._target.core.config.verify)
        url, headers = self.cdp_url_with_headers(record=record)
        async with async_playwright() as playwright:
            browser = await playwright.chromium.connect_over_cdp(url, headers=headers, timeout=timeout * 1000)
            try:
                yield browser
            finally:
                with contextlib.suppress(Exception):  # the connection may be gone already
                    await browser.close()

    async def list_recordings(self, *, options: CallOptions | None = None) -> list[Recording]:
        """The finished recordings of `record=True` sessions (ListRecordings), by file name."""
        response = await self._target.core.call(list_recordings.request(self._target.sandbox_id), options=options)
        return [
            Recording(filename=str(item.get("filename") or ""), size=wire_int(item.get("size")))
            for item in json_items(response, "recordings", "recordings")
        ]

    async def download_recording(self, filename: str, *, options: CallOptions | None = None) -> AsyncIterator[bytes]:
        """The bytes of recording `filename` (a Matroska video), chunk by chunk as they arrive."""
        opener = self._target.core.stream_call
        operation = download_recording.request(self._target.sandbox_id, _recording_name(filename))
        async with AsyncByteStream(lambda: opener(operation, options=options)) as chunks:
            async for chunk in chunks:
                yield chunk

    async def download_recording_to(
        self, filename: str, local_path: str | os.PathLike[str], *, options: CallOptions | None = None
    ) -> int:
        """Stream recording `filename` into the local file `local_path` (replaced only once complete); its size."""
        return await save_chunks(local_path, self.download_recording(filename, options=options))

    async def delete_recording(self, filename: str, *, options: CallOptions | None = None) -> None:
        """Delete recording `filename` (DeleteRecording); NotFoundError when there is none."""
        await self._target.core.call(
            delete_recording.request(self._target.sandbox_id, _recording_name(filename)), options=options
        )


@dataclass(frozen=True, slots=True)
class Recording:
    """A recording of a browser session: its file name (for download/delete) and size in bytes (None if unsaid)."""

    filename: str
    size: int | None


def _recording_name(filename: str) -> str:
    return require_text(filename, "filename", hint="pass a name list_recordings() gave")


def _trust_local_ca(verify: bool | str | ssl.SSLContext) -> None:
    """Playwright's driver (Node) trusts only its own CA list plus the file NODE_EXTRA_CA_CERTS names, read when it
    starts. The CAs this client was told to trust (a CA file, or an SSLContext's, as AgentRun Local's client has)
    are passed on there, with those of any file already named (written once per set of CAs)."""
    if isinstance(verify, ssl.SSLContext):
        ours = "".join(ssl.DER_cert_to_PEM_cert(der) for der in verify.get_ca_certs(binary_form=True)).encode()
    elif isinstance(verify, str) and os.path.isfile(verify):
        with open(verify, "rb") as file:
            ours = file.read()
    else:
        return
    if not ours.strip():
        return
    current = _NODE_CA_BEFORE.setdefault("file", os.environ.get("NODE_EXTRA_CA_CERTS", ""))
    theirs = b""
    if current:
        with contextlib.suppress(OSError), open(current, "rb") as file:
            theirs = file.read().strip() + b"\n"
    bundle = theirs + ours
    path = os.path.join(
        tempfile.gettempdir(), f"agentrun-node-ca-{os.getuid()}-{hashlib.sha256(bundle).hexdigest()[:16]}.pem"
    )
    if not os.path.exists(path):
        with tempfile.NamedTemporaryFile("wb", dir=os.path.dirname(path), delete=False) as out:
            out.write(bundle)
        os.replace(out.name, path)  # whole or not at all, whoever reads it
    os.environ["NODE_EXTRA_CA_CERTS"] = path


_NODE_CA_BEFORE: dict[str, str] = {}  # "file": what NODE_EXTRA_CA_CERTS named before this module changed it
