"""Browser sandboxes started ahead of need, Chromium running and answering CDP, so creating one costs a hand-over
(a rename) instead of a sandbox and a browser start (~0.5 s, more under load).

Like the sandbox pool (sandbox/pool.py) it keeps `size` of them for each of the `max_kinds` (limits, network,
Chromium) combinations most recently asked for; the first browser sandbox of a kind starts cold. A waiting browser
has never been connected to: its profile is as Chromium made it. Each one costs an idle Chromium (~115 MiB PSS).

    browser = await warm.take(sandbox_id, limits=..., network=..., executable=...)   # None: start one cold
    await warm.keep_filled()    # beside the server, until cancelled
"""

from __future__ import annotations

import logging
import secrets
from collections import OrderedDict

import anyio

from agentrun.local.browser import chromium
from agentrun.local.sandbox.engine import SandboxEngine
from agentrun.local.sandbox.errors import SandboxError
from agentrun.local.sandbox.limits import Limits
from agentrun.local.sandbox.network import Egress

logger = logging.getLogger("agentrun.local.browser")

Kind = tuple[Limits, Egress | None, str]  # (limits, network, Chromium executable)
DEFAULT_SIZE = 2
DEFAULT_KINDS = 2
_RETRY_AFTER_FAILURE = 5.0


class WarmBrowsers:
    def __init__(self, engine: SandboxEngine, *, size: int = DEFAULT_SIZE, max_kinds: int = DEFAULT_KINDS) -> None:
        self.engine = engine
        self.size = max(0, size)
        self.max_kinds = max(1, max_kinds)
        self._ready: OrderedDict[Kind, list[chromium.Browser]] = OrderedDict()  # most recently wanted last
        self._wanted = anyio.Event()

    @property
    def waiting(self) -> int:
        return sum(len(browsers) for browsers in self._ready.values())

    async def take(
        self, sandbox_id: str, *, limits: Limits, network: Egress | None, executable: str
    ) -> chromium.Browser | None:
        """A waiting browser of this kind, its sandbox renamed `sandbox_id`; None when there is none (and the kind
        is now wanted, so the pool fills it)."""
        if self.size == 0:
            return None
        kind = (limits, network, executable)
        browsers = self._ready.setdefault(kind, [])
        self._ready.move_to_end(kind)
        self._wanted.set()
        while browsers:
            browser = browsers.pop()
            if not browser.alive:
                await browser.sandbox.aclose()
                continue
            try:
                await self.engine.rename(browser.sandbox.id, sandbox_id)
            except (SandboxError, OSError):  # the id is taken or invalid: the cold path says which
                browsers.append(browser)
                return None
            return browser
        return None

    async def keep_filled(self) -> None:
        """Refill until cancelled, one browser at a time, the most recently wanted kind first; destroy waiting
        browsers of stale kinds. Only isolated sandboxes are pooled (renaming needs them)."""
        try:
            isolated = (await self.engine.isolation()).isolated
        except SandboxError:
            return
        if self.size == 0 or not isolated:
            return
        try:
            while True:
                await self._drop_stale_kinds()
                kind = next((k for k in reversed(self._ready) if len(self._ready[k]) < self.size), None)
                if kind is None:
                    self._wanted = anyio.Event()
                    await self._wanted.wait()
                    continue
                browser = await self._start(kind)
                if browser is None:
                    await anyio.sleep(_RETRY_AFTER_FAILURE)
                elif kind in self._ready:
                    self._ready[kind].append(browser)
                else:  # the kind went stale while it started
                    await browser.sandbox.aclose()
        finally:
            with anyio.CancelScope(shield=True):
                await self.aclose()

    async def _start(self, kind: Kind) -> chromium.Browser | None:
        limits, network, executable = kind
        try:
            handle = await self.engine.create(f"warm-{secrets.token_hex(8)}", limits=limits, network=network)
        except SandboxError as exc:
            logger.warning("could not start a sandbox for the warm browsers: %s", exc)
            return None
        try:
            return await chromium.start(handle, executable)
        except SandboxError as exc:
            logger.warning("could not start a browser for the warm browsers: %s", exc)
        except BaseException:
            with anyio.CancelScope(shield=True):
                await handle.aclose()
            raise
        with anyio.CancelScope(shield=True):
            await handle.aclose()
        return None

    async def _drop_stale_kinds(self) -> None:
        while len(self._ready) > self.max_kinds:
            _, browsers = self._ready.popitem(last=False)
            for browser in browsers:
                await browser.sandbox.aclose()

    async def aclose(self) -> None:
        """Destroy every waiting browser's sandbox."""
        with anyio.CancelScope(shield=True):
            while self._ready:
                _, browsers = self._ready.popitem()
                for browser in browsers:
                    await browser.sandbox.aclose()
