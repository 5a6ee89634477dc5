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
from collections import OrderedDict

import anyio

from agentrun.local.sandbox.engine import SandboxEngine, SandboxHandle
from agentrun.local.sandbox.errors import SandboxError
from agentrun.local.sandbox.limits import Limits
from agentrun.local.sandbox.network import Egress

logger = logging.getLogger("agentrun.local.sandbox")

Bind = tuple[str, str]
Kind = tuple[Limits, Egress | None, tuple[Bind, ...]]  # (limits, network, read-only binds)
DEFAULT_SIZE = 2
DEFAULT_KINDS = 2
_RETRY_AFTER_FAILURE = 5.0  # seconds before trying to start a pooled sandbox again after a failure


class WarmPool:
    def __init__(self, engine: SandboxEngine, *, size: int = DEFAULT_SIZE, max_kinds: int = DEFAULT_KINDS) -> None:
        self.engine = engine
        self.size = max(0, size)
        self.max_kinds = max(1, max_kinds)
        self._ready: OrderedDict[Kind, list[SandboxHandle]] = OrderedDict()  # most recently wanted last
        self._wanted = anyio.Event()

    @property
    def waiting(self) -> int:
        """How many ready sandboxes wait in the pool."""
        return sum(len(handles) for handles in self._ready.values())

    async def create(
        self, sandbox_id: str, *, limits: Limits, network: Egress | None, binds: tuple[Bind, ...] = ()
    ) -> SandboxHandle:
        """A sandbox named `sandbox_id`: a pooled one when one of this kind is ready, else started now."""
        kind = (limits, network, binds)
        handle = self._take(kind)
        if handle is not None:
            try:
                return await self.engine.rename(handle.id, sandbox_id)
            except (SandboxError, OSError):  # the id is taken or invalid: the engine says which
                self._ready.setdefault(kind, []).append(handle)  # still unused
        return await self.engine.create(sandbox_id, limits=limits, network=network, binds=binds)

    def _take(self, kind: Kind) -> SandboxHandle | None:
        if self.size == 0:
            return None
        handles = self._ready.setdefault(kind, [])
        self._ready.move_to_end(kind)
        self._wanted.set()
        while handles:
            handle = handles.pop()
            if handle.alive:
                return handle
        return None

    async def keep_filled(self) -> None:
        """Refill the pool until cancelled: one sandbox at a time (starting several at once only slows the
        sandboxes already in use), the most recently wanted kind first; destroy the sandboxes of stale kinds."""
        try:
            isolated = (await self.engine.isolation()).isolated
        except SandboxError:
            return  # no sandbox can start here; CreateSandbox says why
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
                try:
                    handle = await self.engine.create(
                        f"warm-{secrets.token_hex(8)}", limits=kind[0], network=kind[1], binds=kind[2]
                    )
                except SandboxError as exc:
                    logger.warning("could not start a sandbox for the warm pool: %s", exc)
                    await anyio.sleep(_RETRY_AFTER_FAILURE)
                    continue
                if kind in self._ready:
                    self._ready[kind].append(handle)
                else:  # the kind went stale while it started
                    await handle.aclose()
        finally:
            with anyio.CancelScope(shield=True):
                await self.aclose()

    async def _drop_stale_kinds(self) -> None:
        while len(self._ready) > self.max_kinds:
            _, handles = self._ready.popitem(last=False)
            for handle in handles:
                await handle.aclose()

    async def aclose(self) -> None:
        """Destroy every waiting sandbox."""
        with anyio.CancelScope(shield=True):
            while self._ready:
                _, handles = self._ready.popitem()
                for handle in handles:
                    await handle.aclose()
