"""The runtime manager: turns CreateAgentRuntime/UpdateAgentRuntime code packages into builds (status CREATING or
UPDATING while dependencies install, then READY or CREATE_FAILED/UPDATE_FAILED with the reason), and runs the
instances invocations need (scale from zero, idle stop, stop on delete and at shutdown).

A runtime document names its build in `localBuild` (a store-only field, never emitted); a published version's
snapshot keeps the build it had, so versions stay runnable after the runtime's code changes.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import logging
import math
import secrets
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import anyio
import anyio.to_thread

from agentrun.local import trees
from agentrun.local.instance_access import InstanceAccess
from agentrun.local.resources import AGENT_RUNTIME, AGENT_RUNTIME_ENDPOINT, AGENT_RUNTIME_VERSION
from agentrun.local.responses import LocalAPIError, bad_request
from agentrun.local.runtimes import builds, packages
from agentrun.local.runtimes.instances import Instance, InstanceFailed, Launch, start
from agentrun.local.runtimes.logs import Changes
from agentrun.local.sandbox import SandboxEngine, SandboxError
from agentrun.local.sandbox.limits import positive
from agentrun.local.sandbox.pool import WarmPool
from agentrun.local.store import Store, Tx

logger = logging.getLogger("agentrun.local.runtimes")

Doc = dict[str, Any]
BUILD_FIELD = "localBuild"
IDLE_SECONDS = 60.0  # sessionIdleTimeoutSeconds when the runtime sets none
_REAP_INTERVAL = 0.25
SESSIONS_PER_INSTANCE = 100  # sessionConcurrencyLimitPerInstance when the runtime sets none
_WARM_SCAN_EVERY = 4  # reaper rounds between looks at the endpoints' minInstances
_WARM_RETRY = 10.0  # seconds before a minInstances instance that failed to start is tried again
ENDED_KEPT = 8  # ended instances of a runtime whose logs are kept
SPARE_KINDS = 4  # launches (sandbox limits, network and binds) a started, empty sandbox is kept ready for
_FAILED = {"CREATING": "CREATE_FAILED", "UPDATING": "UPDATE_FAILED"}
CONTAINER_REASON = (
    "Container artifacts are not supported by AgentRun Local: deploy a Code package (artifactType Code with "
    "codeConfiguration.zipFile, e.g. AgentRuntimeCode.from_file or `agentrun runtime deploy ./folder`) to run the "
    "agent here"
)


def is_container(doc: Doc) -> bool:
    """A Container artifact: named so, or (no artifactType) a containerConfiguration without code."""
    artifact = doc.get("artifactType")
    if artifact is not None:
        return bool(artifact == "Container")
    return bool(doc.get("containerConfiguration")) and not doc.get("codeConfiguration")


# What an instance is started with: documents that agree on these share instances (a version's snapshot and LATEST
# with the same code and settings), and a change to any of them (new code, other environment) gets new instances.
_LAUNCH_FIELDS = (
    "codeConfiguration", "environmentVariables", "port", "cpu", "memory", "networkConfiguration",
    "healthCheckConfiguration", "sessionIdleTimeoutSeconds", "sessionConcurrencyLimitPerInstance",
)  # fmt: skip


def _launch_key(doc: Doc, build_id: str) -> str:
    launch = json.dumps([doc.get(name) for name in _LAUNCH_FIELDS], sort_keys=True, default=str)
    return f"{build_id}.{hashlib.sha256(launch.encode()).hexdigest()[:16]}"


@dataclass(frozen=True)
class Lease:
    """One request's use of an instance, under a session key (the session id, or one of its own)."""

    instance: Instance
    session: str
    keep: bool  # a real session: it stays bound to the instance after the request


class Unavailable(LocalAPIError):
    """An invocation that cannot be served now (503) or at all here (501); the message says why."""


class RuntimeManager:
    def __init__(self) -> None:
        self._root: Path | None = None
        self._store: Store | None = None
        self._engine: SandboxEngine | None = None
        self._pool: WarmPool | None = None
        self._building: set[str] = set()
        self._tasks: set[asyncio.Task[None]] = set()
        self._pools: dict[tuple[str, str], list[Instance]] = {}  # (runtime id, build id) -> its instances
        self._affinity: dict[tuple[str, str], Instance] = {}  # (runtime id, session id) -> the instance it is on
        # (runtime id, endpoint, session id) -> (the version it was routed to, when last used)
        self._session_versions: dict[tuple[str, str, str], tuple[str, float]] = {}
        self._warm: dict[tuple[str, str], tuple[Doc, int]] = {}  # minInstances to keep, with the doc to start them
        self._starting: dict[tuple[str, str], anyio.Lock] = {}
        self._warm_failed: dict[tuple[str, str], float] = {}  # when a minInstances start last failed
        # runtime id -> its instances, running and ended, oldest first (ended ones kept for their logs)
        self._history: dict[str, list[Instance]] = {}
        self._changes: dict[str, Changes] = {}
        self.cold_starts = 0
        self.access: InstanceAccess | None = None  # set by the server once it listens

    # -- lifecycle of the manager ---------------------------------------------------------------------------------

    async def start(self, root: Path, store: Store, engine: SandboxEngine, *, spare: int = 0) -> None:
        """`spare`: empty sandboxes kept started for each of the SPARE_KINDS launches most recently started, so the
        next cold start of a runtime scaled to zero (or a scale-out) skips the sandbox's start (~9 MiB each while
        waiting; the agent itself is not started before a request)."""
        self._root, self._store, self._engine = root, store, engine
        self._pool = WarmPool(engine, size=spare, max_kinds=SPARE_KINDS)
        self._spawn(self._pool.keep_filled())
        await anyio.Path(root / "builds").mkdir(parents=True, exist_ok=True)
        await anyio.Path(root / "instances").mkdir(parents=True, exist_ok=True)
        self._spawn(self._reap_forever())
        await store.transact(self._fail_interrupted)

    async def aclose(self) -> None:
        """Stop every instance and background task (shielded: runs on every path)."""
        with anyio.CancelScope(shield=True):
            for task in list(self._tasks):
                task.cancel()
            for task in list(self._tasks):
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await task
            instances = [instance for pool in self._pools.values() for instance in pool]
            self._pools, self._warm = {}, {}
            for instance in instances:
                await instance.stop()

    @property
    def root(self) -> Path:
        assert self._root is not None, "RuntimeManager.start() was not called"
        return self._root

    def _spawn(self, work: Any) -> None:
        task = asyncio.get_running_loop().create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def build(self, build_id: str) -> builds.Build:
        return builds.Build(self.root / "builds" / build_id)

    # -- deploy: the control plane's hooks ------------------------------------------------------------------------

    async def prepare(self, doc: Doc) -> None:
        """Before a create/update body is written: check and unpack its code package (400 when unusable) and name
        the new build in the document; the zip itself is not stored."""
        code = doc.get("codeConfiguration")
        if doc.get("artifactType") == "Container":
            return  # the whole document's artifact decides, once written: committed() fails it
        if not isinstance(code, dict):
            return
        if code.get("ossBucketName") or code.get("ossObjectName"):
            raise bad_request(
                "codeConfiguration.ossBucketName/ossObjectName: AgentRun Local cannot read OSS; send the package "
                "inline as codeConfiguration.zipFile (base64 zip, AgentRuntimeCode.from_file builds it)"
            )
        zip_base64 = code.pop("zipFile", None)
        if zip_base64 is None:
            return
        if not isinstance(zip_base64, str):
            raise bad_request("codeConfiguration.zipFile must be a string: the zip's bytes, base64-encoded")
        build_id = secrets.token_hex(8)
        build = self.build(build_id)
        checksum = code.get("checksum")
        try:
            data = packages.decode(zip_base64)
            await anyio.to_thread.run_sync(packages.unpack, data, str(checksum) if checksum else None, build.code)
        except packages.PackageError as exc:
            await anyio.to_thread.run_sync(trees.remove_path, build.root)
            raise bad_request(str(exc)) from None
        doc[BUILD_FIELD] = build_id
        doc.pop("statusReason", None)
        self._building.add(build_id)

    def pending(self, doc: Doc) -> bool:
        """The document's status waits for its build, or for failing a Container artifact (not the generic
        settle)."""
        return doc.get(BUILD_FIELD) in self._building or (doc.get("status") in _FAILED and is_container(doc))

    def committed(self, runtime_id: str, doc: Doc) -> None:
        if is_container(doc) and doc.get("status") in _FAILED:
            # Not accepted and then never run: the create/update ends CREATE_FAILED/UPDATE_FAILED with the reason.
            self._spawn(self._settle(runtime_id, doc.get(BUILD_FIELD), CONTAINER_REASON))
            return
        build_id = doc.get(BUILD_FIELD)
        if isinstance(build_id, str) and build_id in self._building:
            language = str((doc.get("codeConfiguration") or {}).get("language") or "")
            self._spawn(self._install(runtime_id, build_id, language))

    def abandoned(self, doc: Doc) -> None:
        build_id = doc.get(BUILD_FIELD)
        if isinstance(build_id, str) and build_id in self._building:
            self._building.discard(build_id)
            trees.remove_path(self.build(build_id).root)

    async def deleted(self, runtime_id: str) -> None:
        for key in [key for key in self._pools if key[0] == runtime_id]:
            self._warm.pop(key, None)
            for instance in self._pools.pop(key, []):
                await instance.stop()
        for instance in self._history.pop(runtime_id, []):
            await instance.stop()
            await anyio.to_thread.run_sync(instance.log.remove)
        changes = self._changes.pop(runtime_id, None)
        if changes is not None:
            changes.notify()

    # -- logs -----------------------------------------------------------------------------------------------------

    def instances_of(self, runtime_id: str) -> list[Instance]:
        """The runtime's instances, running and recently ended (their logs are kept), oldest first."""
        return list(self._history.get(runtime_id, ()))

    def changes_of(self, runtime_id: str) -> Changes:
        return self._changes.setdefault(runtime_id, Changes())

    def _remember(self, runtime_id: str, instance: Instance) -> None:
        history = self._history.setdefault(runtime_id, [])
        history.append(instance)
        ended = [old for old in history if old.ended_at is not None]
        for old in ended[: max(0, len(ended) - ENDED_KEPT)]:
            history.remove(old)
            self._spawn(anyio.to_thread.run_sync(old.log.remove))
        self.changes_of(runtime_id).notify()

    async def _install(self, runtime_id: str, build_id: str, language: str) -> None:
        reason: str | None = None
        try:
            await builds.install(self.build(build_id), language)
        except builds.BuildFailed as exc:
            reason = str(exc)
        except OSError as exc:
            reason = f"the build could not start: {exc}"
        finally:
            self._building.discard(build_id)
        await self._settle(runtime_id, build_id, reason)

    async def _settle(self, runtime_id: str, build_id: Any, reason: str | None) -> None:
        """End a CREATING/UPDATING runtime whose build is `build_id`: READY, or failed with `reason`."""

        def settle(tx: Tx) -> None:
            doc = tx.get(AGENT_RUNTIME, runtime_id)
            if doc is None or doc.get(BUILD_FIELD) != build_id or doc.get("status") not in _FAILED:
                return  # deleted, or a newer build replaced this one
            doc = {**doc, "status": _FAILED[doc["status"]] if reason else "READY"}
            if reason:
                doc["statusReason"] = reason
            else:
                doc.pop("statusReason", None)
            tx.put(AGENT_RUNTIME, runtime_id, doc)

        assert self._store is not None
        await self._store.transact(settle)

    def _fail_interrupted(self, tx: Tx) -> None:
        """At start-up: a runtime whose build was under way when the server stopped never finishes it."""
        for row in tx.list(AGENT_RUNTIME):
            if row.doc.get("status") in _FAILED and is_container(row.doc):
                reason = CONTAINER_REASON
            elif row.doc.get(BUILD_FIELD) and row.doc.get("status") in _FAILED:
                reason = "AgentRun Local stopped while this build was installing: update the runtime to deploy again"
            else:
                continue
            tx.put(AGENT_RUNTIME, row.key, {**row.doc, "status": _FAILED[row.doc["status"]], "statusReason": reason})

    # -- instances ------------------------------------------------------------------------------------------------

    def session_version(self, runtime_id: str, endpoint: str, session: str | None) -> str | None:
        """The version a session of this endpoint was routed to (session affinity wins over canary weights)."""
        if session is None:
            return None
        found = self._session_versions.get((runtime_id, endpoint, session))
        return found[0] if found else None

    def route_session(self, runtime_id: str, endpoint: str, session: str | None, version: str) -> None:
        if session is not None:
            self._session_versions[(runtime_id, endpoint, session)] = (version, time.monotonic())

    async def acquire(self, runtime_id: str, doc: Doc, session: str | None = None, min_instances: int = 0) -> Lease:
        """An instance serving `doc` (a runtime document or a version's snapshot): the one `session` is bound to
        while it lives, else the least loaded one with fewer sessions than sessionConcurrencyLimitPerInstance, else
        a new one (scale out). The caller must `release()` the lease. Unavailable (503) when none can start.
        `min_instances` (the endpoint's scalingConfig) are kept running (the reaper also finds them on its own)."""
        build_id = doc.get(BUILD_FIELD)
        if is_container(doc):
            raise Unavailable(501, "ERR_NOT_IMPLEMENTED", CONTAINER_REASON)
        if not isinstance(build_id, str):
            raise Unavailable(503, "ERR_SERVICE_UNAVAILABLE", "the runtime has no code package: update it with "
                              "codeConfiguration.zipFile")  # fmt: skip
        key = (runtime_id, _launch_key(doc, build_id))
        if min_instances > self._warm.get(key, (doc, 0))[1]:  # before the reaper's next look at the endpoints
            self._warm[key] = (doc, min_instances)
        limit = positive(doc.get("sessionConcurrencyLimitPerInstance"), int) or SESSIONS_PER_INSTANCE
        lock = self._starting.setdefault(key, anyio.Lock())
        async with lock:
            pool = self._pools.setdefault(key, [])
            instance = self._affinity.get((runtime_id, session)) if session is not None else None
            if instance is not None and (instance not in pool or not instance.alive()):
                instance = None
            if instance is None:
                open_ = [candidate for candidate in pool if candidate.alive() and candidate.load() < limit]
                instance = min(open_, key=lambda candidate: candidate.load()) if open_ else None
            if instance is None:
                instance = await self._start(runtime_id, doc)
                pool.append(instance)
            lease = Lease(instance, session if session is not None else f"~{secrets.token_hex(6)}", session is not None)
            if session is not None:
                self._affinity[(runtime_id, session)] = instance
            instance.enter(lease.session)
            return lease

    async def _start(self, runtime_id: str, doc: Doc) -> Instance:
        launch = Launch.of(doc, self.build(str(doc[BUILD_FIELD])), IDLE_SECONDS)
        assert self._engine is not None, "RuntimeManager.start() was not called"
        try:
            instance = await start(
                launch,
                self._engine,
                self._pool,
                self.root / "instances" / runtime_id,
                self.changes_of(runtime_id),
                lambda created: self._remember(runtime_id, created),
                access=self.access,
            )
        except (InstanceFailed, builds.BuildFailed, SandboxError, OSError) as exc:
            message = f"the runtime's instance did not start: {exc}"
            raise Unavailable(503, "ERR_SERVICE_UNAVAILABLE", message) from None
        self.cold_starts += 1
        logger.info("runtime %s: instance %s ready in %.3f s", runtime_id, instance.id, instance.ready_seconds)
        return instance

    def release(self, lease: Lease) -> None:
        lease.instance.leave(lease.session, keep=lease.keep)

    async def _reap_forever(self) -> None:
        rounds = 0
        while True:
            await anyio.sleep(_REAP_INTERVAL)
            try:
                if rounds % _WARM_SCAN_EVERY == 0 and self._store is not None:
                    self._warm = await self._store.transact(self._wanted_warm)
                rounds += 1
                await self._reap(time.monotonic())
            except Exception:
                logger.exception("the runtime instance reaper failed; trying again")

    def _wanted_warm(self, tx: Tx) -> dict[tuple[str, str], tuple[Doc, int]]:
        """minInstances of every endpoint (scalingConfig), by the launch it serves (its targetVersion), for runtimes
        that can run: kept warm before any request, and no longer once the endpoint or its minimum is gone."""
        wanted: dict[tuple[str, str], tuple[Doc, int]] = {}
        for runtime in tx.list(AGENT_RUNTIME):
            if runtime.doc.get("status") not in ("READY", "UPDATING") or self.pending(runtime.doc):
                continue
            for endpoint in tx.list(AGENT_RUNTIME_ENDPOINT, parent=runtime.key):
                scaling = endpoint.doc.get("scalingConfig") or {}
                count = positive(scaling.get("minInstances"), int) if isinstance(scaling, dict) else None
                if count is None or endpoint.doc.get("status") == "DELETING":
                    continue
                version = str(endpoint.doc.get("targetVersion") or "LATEST")
                published = None if version == "LATEST" else tx.get(AGENT_RUNTIME_VERSION, version, parent=runtime.key)
                doc = runtime.doc if version == "LATEST" else (published or {}).get("snapshot")
                build_id = doc.get(BUILD_FIELD) if isinstance(doc, dict) else None
                if isinstance(doc, dict) and isinstance(build_id, str):
                    key = (runtime.key, _launch_key(doc, build_id))
                    wanted[key] = (doc, max(count, wanted.get(key, (doc, 0))[1]))
        return wanted

    async def _reap(self, now: float) -> None:
        """Stop instances that died or stayed idle for sessionIdleTimeoutSeconds (keeping minInstances), forget
        expired sessions, and start what minInstances still lacks."""
        for key, pool in list(self._pools.items()):
            keep = self._warm.get(key, ({}, 0))[1]
            for instance in list(pool):
                for session in instance.expire_sessions(now):
                    if self._affinity.get((key[0], session)) is instance:
                        del self._affinity[(key[0], session)]
                idle = instance.idle_for(now) > instance.launch.idle_seconds and len(pool) > keep
                if not instance.alive() or idle:
                    pool.remove(instance)
                    await instance.stop()
        for session_key, (_, used) in list(self._session_versions.items()):
            if now - used > IDLE_SECONDS:
                del self._session_versions[session_key]
        for key, (doc, wanted) in list(self._warm.items()):
            lock = self._starting.setdefault(key, anyio.Lock())
            failed = self._warm_failed.get(key, -math.inf)
            if len(self._pools.get(key, [])) < wanted and not lock.locked() and now - failed > _WARM_RETRY:
                async with lock:
                    try:
                        instance = await self._start(key[0], doc)
                    except Unavailable as exc:
                        self._warm_failed[key] = now
                        logger.warning("runtime %s: a minInstances instance did not start: %s", key[0], exc.message)
                        continue
                    self._pools.setdefault(key, []).append(instance)
