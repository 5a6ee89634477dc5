"""A few started, never-used sandboxes kept ready, so that creating a sandbox costs a hand-over instead of a bwrap
and interpreter start (~50 ms idle, 100-250 ms under load).

Sandboxes are interchangeable until first used: same limits and network, an empty workspace, a zygote with nothing
forked. The pool keeps `size` of them for each of the `max_kinds` (limits, network, binds) combinations most recently
asked for (a kind is wanted once a create asked for it, so the first sandbox of a template starts cold). They start
under ids of their own and are renamed, host directory included, on hand-over; only isolated sandboxes are pooled
(unisolated ones know their host paths). `keep_filled()` runs beside the server and refills after each hand-over;
stale kinds' sandboxes are destroyed. Each waiting sandbox costs its idle memory (~9 MiB PSS).
"""

from __future__ import annotations

import logging
import secrets

from agentrun.local.sandbox.engine import SandboxHandle
from agentrun.local.sandbox.errors import SandboxError
from agentrun.local.sandbox.limits import Limits
from agentrun.local.sandbox.network import Egress
from agentrun.local.sandbox.ready import DEFAULT_KINDS, DEFAULT_SIZE, ReadyByKind

__all__ = ["DEFAULT_KINDS", "DEFAULT_SIZE", "WarmPool"]

logger = logging.getLogger("agentrun.local.sandbox")

Bind = tuple[str, str]
Kind = tuple[Limits, Egress | None, tuple[Bind, ...]]  # (limits, network, read-only binds)


class WarmPool(ReadyByKind[Kind, SandboxHandle]):
    async def create(
        self, sandbox_id: str, *, limits: Limits, network: Egress | None, binds: tuple[Bind, ...] = ()
    ) -> SandboxHandle:
        """A sandbox named `sandbox_id`: a pooled one when one of this kind is ready, else started now."""
        kind = (limits, network, binds)
        handle = await self._take(kind)
        if handle is not None:
            try:
                return await self.engine.rename(handle.id, sandbox_id)
            except (SandboxError, OSError):  # the id is taken or invalid: the engine says which
                self._put_back(kind, handle)  # still unused
        return await self.engine.create(sandbox_id, limits=limits, network=network, binds=binds)

    async def _start(self, kind: Kind) -> SandboxHandle | None:
        limits, network, binds = kind
        try:
            return await self.engine.create(f"warm-{secrets.token_hex(8)}", limits=limits, network=network, binds=binds)
        except SandboxError as exc:
            logger.warning("could not start a sandbox for the warm pool: %s", exc)
            return None

    def _alive(self, item: SandboxHandle) -> bool:
        return item.alive

    async def _close(self, item: SandboxHandle) -> None:
        await item.aclose()
