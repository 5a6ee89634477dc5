"""The server's sandboxes: one `SandboxEngine` (processes) kept in step with the store records both planes read.

`SandboxManager` is the only code that starts or ends engine sandboxes. It also keeps, per running sandbox, the
facts the reaper needs: when it was last used (any data-plane call), whether a long call (an execution stream, a
command) is in progress, and when its maximum lifetime ends. Handlers reach it as `state.sandboxes`; data-plane
handlers go through `agentrun.local.data.sandbox_access`.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import anyio
import anyio.to_thread
from starlette.requests import Request

from agentrun.local import clock
from agentrun.local.asgi import ClientDisconnected, until_disconnect
from agentrun.local.browser import chromium
from agentrun.local.browser.warm import DEFAULT_SIZE as WARM_BROWSERS
from agentrun.local.browser.warm import WarmBrowsers
from agentrun.local.resources import SANDBOX, TEMPLATE
from agentrun.local.responses import LocalAPIError, already_exists, bad_request, conflict, not_found
from agentrun.local.sandbox import SandboxEngine, SandboxHandle, SandboxNotFound
from agentrun.local.sandbox.engine import _SANDBOX_ID as _ENGINE_ID  # the engine's rule for sandbox ids
from agentrun.local.sandbox.pool import DEFAULT_SIZE, WarmPool
from agentrun.local.sandbox_manager import freeze, records
from agentrun.local.sandbox_manager.errors import sandbox_not_running
from agentrun.local.sandbox_manager.records import Doc
from agentrun.local.state import timestamp
from agentrun.local.store import Conflict, Store, Tx

logger = logging.getLogger("agentrun.local.sandboxes")

REAP_INTERVAL = 0.25  # seconds between two looks at the idle and lifetime deadlines
ABANDONED = "the client that created the sandbox disconnected before it was answered"


@dataclass
class _Running:
    handle: SandboxHandle
    idle_timeout: float  # seconds without a data-plane call before the sandbox is ended
    ends_at: float  # clock.now(): the end of its maximum lifetime
    last_active: float  # clock.now()
    busy: int = 0  # long calls in progress (streams, commands): never idle while > 0
    paused: bool = False
    browser: chromium.Browser | None = None  # Browser and AllInOne sandboxes


class SandboxManager:
    """Running sandboxes and their records. `aclose()` ends them all (the server does it when it stops)."""

    def __init__(self, engine: SandboxEngine, store: Store, *, warm: int = DEFAULT_SIZE) -> None:
        self.engine = engine
        self.pool = WarmPool(engine, size=warm)  # `run()` keeps it filled (pool.keep_filled)
        # Browser sandboxes with Chromium started (`run()` keeps it filled: browsers.keep_filled); at most 2 a kind,
        # an idle Chromium costing ~115 MiB
        self.browsers = WarmBrowsers(engine, size=min(warm, WARM_BROWSERS))
        self._store = store
        self._running: dict[str, _Running] = {}

    # -- access from data-plane handlers -------------------------------------------------------------------------
    def running(self, sandbox_id: str) -> SandboxHandle:
        """The engine sandbox, its idle timer restarted; 404 if it does not run, 409 while paused."""
        entry = self._entry(sandbox_id)
        entry.last_active = clock.now()
        return entry.handle

    @asynccontextmanager
    async def busy(self, sandbox_id: str) -> AsyncIterator[SandboxHandle]:
        """The engine sandbox, kept from idling out until the block exits (the end counts as activity too)."""
        entry = self._entry(sandbox_id)
        entry.busy += 1
        entry.last_active = clock.now()
        try:
            yield entry.handle
        finally:
            entry.busy -= 1
            entry.last_active = clock.now()

    def _entry(self, sandbox_id: str) -> _Running:
        entry = self._running.get(sandbox_id)
        if entry is None or not entry.handle.alive:
            raise sandbox_not_running(sandbox_id)
        if entry.paused:
            raise conflict(f"sandbox {sandbox_id} is paused; resume it (ResumeSandbox) before using it")
        return entry

    def browser(self, sandbox_id: str) -> chromium.Browser:
        """The sandbox's Chromium (404/409 as `running`; 409 when the sandbox has none)."""
        entry = self._entry(sandbox_id)
        if entry.browser is None or not entry.browser.alive:
            raise conflict(f"sandbox {sandbox_id} runs no browser: create it from a Browser or AllInOne template")
        entry.last_active = clock.now()
        return entry.browser

    def touch(self, sandbox_id: str) -> None:
        """Count a call as activity if the sandbox runs (a no-op otherwise)."""
        entry = self._running.get(sandbox_id)
        if entry is not None:
            entry.last_active = clock.now()

    # -- lifecycle ----------------------------------------------------------------------------------------------
    async def create(self, record: Doc) -> Doc:
        """Insert `record` (see records.new_record), start its engine sandbox and answer the READY record.
        404 for an unknown template, 409 for a taken id, 501 for a template type the engine cannot run; engine
        errors (isolation unavailable, start failures) propagate after the record is removed."""
        sandbox_id = str(record["sandboxId"])
        template_name = str(record["templateName"])

        def insert(tx: Tx) -> tuple[Doc, Doc]:
            template = tx.get(TEMPLATE, template_name)
            if template is None or template.get("status") == "DELETING":
                raise not_found(TEMPLATE, template_name)
            template_type = str(template.get("templateType") or "CodeInterpreter")
            if template_type not in records.SERVED_TEMPLATE_TYPES:
                raise LocalAPIError(
                    501,
                    "ERR_UNSUPPORTED_TEMPLATE_TYPE",
                    f"template {template_name} is a {template_type} template; AgentRun Local runs sandboxes of "
                    f"{' and '.join(records.SERVED_TEMPLATE_TYPES)} templates",
                )
            doc = {**record, "templateId": template.get("templateId"), "templateType": template_type}
            try:
                tx.insert(SANDBOX, sandbox_id, doc)
            except Conflict:
                raise already_exists(SANDBOX, sandbox_id) from None
            return doc, template

        if not _valid_id(sandbox_id):
            raise bad_request(
                f"invalid sandboxId {sandbox_id!r}: use 1-128 letters, digits, '.', '_' or '-', starting with a "
                "letter or digit"
            )
        executable = None
        if (await self._template_type(template_name)) in records.BROWSER_TEMPLATE_TYPES:
            executable = await anyio.to_thread.run_sync(chromium.find)
            if executable is None:
                raise LocalAPIError(503, "ERR_BROWSER_UNAVAILABLE", f"no Chromium here: {chromium.INSTALL_HINT}")
        doc, template = await self._store.transact(insert)
        browser: chromium.Browser | None = None
        try:
            # inside the try: a template stored with unusable limits is a 400 here, and the record goes with it
            limits, network = records.limits_of(template), records.network_of(template)
            if executable is not None:
                browser = await self.browsers.take(sandbox_id, limits=limits, network=network, executable=executable)
            if browser is not None:
                handle = browser.sandbox
            else:
                handle = await self.pool.create(sandbox_id, limits=limits, network=network)
            if executable is not None and browser is None:
                try:
                    browser = await chromium.start(handle, executable)
                except BaseException:
                    with anyio.CancelScope(shield=True):
                        await handle.aclose()
                    raise
        except BaseException:
            with anyio.CancelScope(shield=True):
                await self._store.transact(lambda tx: tx.delete(SANDBOX, sandbox_id))
            raise
        now = clock.now()
        self._running[sandbox_id] = _Running(
            handle,
            idle_timeout=float(doc["sandboxIdleTimeoutSeconds"]),
            ends_at=now + records.lifetime_seconds(template),
            last_active=now,
            browser=browser,
        )
        ready: Doc | None = None
        with anyio.CancelScope(shield=True):
            ready = await self._change(sandbox_id, lambda d: {**d, "status": "READY"})
            if ready is None:  # deleted while it started
                await self._end_process(sandbox_id)
        if ready is None:
            raise sandbox_not_running(sandbox_id)
        logger.info("sandbox %s started (template %s)", sandbox_id, template_name)
        return ready

    async def create_for(self, request: Request, record: Doc) -> Doc:
        """`create` on behalf of the HTTP client of `request`, who may leave meanwhile: nobody would own the sandbox
        then. A client that disconnects cancels the create (which removes the record, as any create that does not
        finish); a sandbox that got ready for a client already gone is ended instead of answered (its record is
        TERMINATED, saying why). Raises ClientDisconnected in both cases."""
        sandbox_id = str(record["sandboxId"])
        try:
            ready = await until_disconnect(request.receive, lambda: self.create(record))
        except ClientDisconnected:
            logger.info("sandbox %s not created: %s", sandbox_id, ABANDONED)
            raise
        if await request.is_disconnected():  # it left while the create could no longer be cancelled
            logger.info("ending sandbox %s: %s", sandbox_id, ABANDONED)
            with anyio.CancelScope(shield=True):
                await self._end_process(sandbox_id)
                await self._settle(sandbox_id, "TERMINATED", ABANDONED)
            raise ClientDisconnected
        return ready

    async def get(self, sandbox_id: str, *, activity: bool) -> Doc:
        """The record. `activity`: the call restarts the idle timer (data-plane calls do, control-plane ones not)."""
        doc = await self._store.transact(lambda tx: tx.get(SANDBOX, sandbox_id))
        if doc is None:
            raise not_found(SANDBOX, sandbox_id)
        if activity:
            self.touch(sandbox_id)
        return doc

    async def pause(self, sandbox_id: str) -> Doc:
        """Freeze every process of the sandbox (SIGSTOP); the record becomes PAUSED. While paused, in-sandbox calls
        answer 409 and the idle timeout does not run (the maximum lifetime does)."""
        entry = await self._live_entry(sandbox_id, "pause")
        if not entry.paused:
            entry.paused = True
            await anyio.to_thread.run_sync(freeze.pause, entry.handle)
        return await self._set_status(sandbox_id, "PAUSED")

    async def resume(self, sandbox_id: str) -> Doc:
        """Let a paused sandbox run again (SIGCONT); the record becomes READY and its idle timer restarts."""
        entry = await self._live_entry(sandbox_id, "resume")
        if entry.paused:
            await anyio.to_thread.run_sync(freeze.resume, entry.handle)
            entry.paused = False
        entry.last_active = clock.now()
        return await self._set_status(sandbox_id, "READY")

    async def stop(self, sandbox_id: str) -> Doc:
        """End the sandbox's processes; the record stays, STOPPED with `endedAt`. Stopping again is a no-op."""
        await self._require_settled(sandbox_id, "stop")
        await self._end_process(sandbox_id)
        doc = await self._settle(sandbox_id, "STOPPED")
        if doc is None:
            raise not_found(SANDBOX, sandbox_id)
        return doc

    async def delete(self, sandbox_id: str) -> Doc:
        """End the sandbox's processes and remove its record; answers the record as it was (status DELETING)."""
        await self._end_process(sandbox_id)

        def remove(tx: Tx) -> Doc:
            doc = tx.get(SANDBOX, sandbox_id)
            if doc is None:
                raise not_found(SANDBOX, sandbox_id)
            tx.delete(SANDBOX, sandbox_id)
            return {**doc, "status": "DELETING"}

        return await self._store.transact(remove)

    async def healthy(self, sandbox_id: str) -> bool:
        """Whether the sandbox's zygote answers (404/409 as `running` when it does not run or is paused)."""
        return await self.running(sandbox_id).ping()

    # -- settling ---------------------------------------------------------------------------------------------
    async def settle_orphans(self, reason: str) -> list[str]:
        """Records that say a sandbox runs although no process of this server runs it (left by a stopped or
        crashed server) become TERMINATED with `endedAt`. Called once at start, before any sandbox exists."""

        def settle(tx: Tx) -> list[str]:
            settled = []
            for row in tx.list(SANDBOX):
                if str(row.doc.get("status", "")).upper() in records.LIVE_STATUSES and row.key not in self._running:
                    tx.put(SANDBOX, row.key, records.ended(row.doc, "TERMINATED", reason))
                    settled.append(row.key)
            return settled

        return await self._store.transact(settle)

    async def reap_due(self) -> list[str]:
        """End the sandboxes past their maximum lifetime, or idle (not busy, not paused) past their idle timeout;
        their records become TERMINATED with `endedAt`. Returns the ids ended."""
        now = clock.now()
        due: list[tuple[str, str]] = []
        for sandbox_id, entry in self._running.items():
            if now >= entry.ends_at:
                due.append((sandbox_id, "the sandbox reached its maximum lifetime (template sandboxTTLInSeconds)"))
            elif not entry.busy and not entry.paused and now - entry.last_active >= entry.idle_timeout:
                due.append((sandbox_id, f"the sandbox was idle for {entry.idle_timeout:g} s"))
            elif not entry.handle.alive:
                due.append((sandbox_id, "the sandbox's processes ended"))
        for sandbox_id, reason in due:
            logger.info("ending sandbox %s: %s", sandbox_id, reason)
            await self._end_process(sandbox_id)
            await self._settle(sandbox_id, "TERMINATED", reason)
        return [sandbox_id for sandbox_id, _ in due]

    async def reap_forever(self, interval: float = REAP_INTERVAL) -> None:
        """The reaper: `reap_due` every `interval` seconds until cancelled. A failure is logged, never fatal."""
        while True:
            await anyio.sleep(interval)
            try:
                await self.reap_due()
            except Exception:
                logger.exception("the sandbox reaper failed; trying again")

    async def aclose(self, reason: str = "AgentRun Local stopped") -> None:
        """End every sandbox (records TERMINATED). Shielded: it runs to the end even when cancelled."""
        with anyio.CancelScope(shield=True):
            ids = list(self._running)
            for sandbox_id in ids:
                await self._end_process(sandbox_id)
            await self.pool.aclose()
            await self.browsers.aclose()
            await self.engine.aclose()
            with contextlib.suppress(Exception):  # the store may already be unusable on a failed start
                for sandbox_id in ids:
                    await self._change(sandbox_id, lambda d: d if _ended(d) else records.ended(d, "TERMINATED", reason))

    # -- internals --------------------------------------------------------------------------------------------
    async def _template_type(self, template_name: str) -> str:
        template = await self._store.transact(lambda tx: tx.get(TEMPLATE, template_name))
        return str((template or {}).get("templateType") or "CodeInterpreter")

    async def _end_process(self, sandbox_id: str) -> None:
        entry = self._running.pop(sandbox_id, None)
        if entry is not None:
            with contextlib.suppress(SandboxNotFound):
                await self.engine.destroy(sandbox_id)

    async def _change(self, sandbox_id: str, change: Callable[[Doc], Doc]) -> Doc | None:
        """Rewrite the record in one transaction (None if it is gone); `lastUpdatedAt` moves when it changes."""

        def write(tx: Tx) -> Doc | None:
            doc = tx.get(SANDBOX, sandbox_id)
            if doc is None:
                return None
            new = change(doc)
            if new != doc:
                new = {**new, "lastUpdatedAt": timestamp()}
                tx.put(SANDBOX, sandbox_id, new)
            return new

        return await self._store.transact(write)

    async def _settle(self, sandbox_id: str, status: str, reason: str | None = None) -> Doc | None:
        """The record ended with `status` (unless it had ended already)."""
        return await self._change(sandbox_id, lambda d: d if _ended(d) else records.ended(d, status, reason))

    async def _live_entry(self, sandbox_id: str, action: str) -> _Running:
        """The running sandbox for a pause or resume; 404 without a record, 409 when it no longer runs."""
        doc = await self._store.transact(lambda tx: tx.get(SANDBOX, sandbox_id))
        if doc is None:
            raise not_found(SANDBOX, sandbox_id)
        entry = self._running.get(sandbox_id)
        if entry is None or not entry.handle.alive:
            raise conflict(f"sandbox {sandbox_id} is {doc.get('status')}; only a running sandbox can {action}")
        return entry

    async def _set_status(self, sandbox_id: str, status: str) -> Doc:
        doc = await self._change(sandbox_id, lambda d: {**d, "status": status})
        if doc is None:
            raise not_found(SANDBOX, sandbox_id)
        return doc

    async def _require_settled(self, sandbox_id: str, action: str) -> None:
        doc = await self._store.transact(lambda tx: tx.get(SANDBOX, sandbox_id))
        if doc is None:
            raise not_found(SANDBOX, sandbox_id)
        if doc.get("status") == "CREATING" and sandbox_id not in self._running:
            raise conflict(f"sandbox {sandbox_id} is still starting; {action} it once it is READY")


def _ended(doc: dict[str, Any]) -> bool:
    return str(doc.get("status", "")).upper() not in records.LIVE_STATUSES


def _valid_id(sandbox_id: str) -> bool:
    return bool(_ENGINE_ID.match(sandbox_id))
