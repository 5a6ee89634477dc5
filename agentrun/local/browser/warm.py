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

import anyio

from agentrun.local.browser import chromium
from agentrun.local.sandbox.errors import SandboxError
from agentrun.local.sandbox.limits import Limits
from agentrun.local.sandbox.network import Egress
from agentrun.local.sandbox.ready import DEFAULT_KINDS, DEFAULT_SIZE, ReadyByKind

__all__ = ["DEFAULT_KINDS", "DEFAULT_SIZE", "WarmBrowsers"]

logger = logging.getLogger("agentrun.local.browser")

Kind = tuple[Limits, Egress | None, str]  # (limits, network, Chromium executable)


class WarmBrowsers(ReadyByKind[Kind, chromium.Browser]):
    async def take(
        self, sandbox_id: str, *, limits: Limits, network: Egress | None, executable: str
    ) -> chromium.Browser | None:
        """A waiting browser of this kind, its sandbox renamed `sandbox_id`; None when there is none (and the kind
        is now wanted, so the pool fills it)."""
        kind = (limits, network, executable)
        browser = await self._take(kind)
        if browser is None:
            return None
        try:
            await self.engine.rename(browser.sandbox.id, sandbox_id)
        except (SandboxError, OSError):  # the id is taken or invalid: the cold path says which
            self._put_back(kind, browser)
            return None
        return browser

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

    def _alive(self, item: chromium.Browser) -> bool:
        return item.alive

    async def _close(self, item: chromium.Browser) -> None:
        await item.sandbox.aclose()
