"""Instances: a build's command running inside a sandbox of the sandbox engine (bubblewrap namespaces, seccomp,
rlimits and a cgroup sized by the runtime's `cpu`/`memory`, the network its `networkConfiguration.networkMode`
allows, none when unset), started on the first request (scale from zero), ready once its health check answers,
stopped when idle, on delete and at shutdown.

Inside, the build's code is `/code` (read-only, the working directory, as on Function Compute) and its virtual
environment is bound read-only at its own path (its scripts name it); the rest of the host is what every sandbox
sees (/usr, the server's Python), nothing of the server's data directory. The instance gets `PORT` and
`FC_SERVER_PORT` (the runtime's `port`, 9000 by default: the sandbox has a network namespace of its own) and the
runtime's `environmentVariables`. relay.py runs in front of it and exposes that port as a unix socket in the
sandbox's workspace, which the server opens without following links (sandbox/sockets.py). Its stdout and stderr go
to a log bounded by size (logs.py).

Without isolation (`--unsafe-no-isolation`) the same runs as a plain process with the host's paths.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import os
import shlex
import signal
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import anyio
import anyio.to_thread
import httpx

from agentrun.local.instance_access import InstanceAccess
from agentrun.local.models.upstream import HEAD_LIMIT
from agentrun.local.resources import new_id
from agentrun.local.runtimes.builds import Build, command_for
from agentrun.local.runtimes.logs import Changes, InstanceLog
from agentrun.local.sandbox import Limits, OutputChunk, ProcessExit, ProcessHandle, SandboxEngine, SandboxHandle
from agentrun.local.sandbox.limits import positive
from agentrun.local.sandbox.network import Egress
from agentrun.local.sandbox.pool import WarmPool
from agentrun.local.sandbox.sockets import open_socket
from agentrun.local.state import timestamp

START_TIMEOUT = 60.0  # readiness timeout when healthCheckConfiguration sets no periodSeconds/failureThreshold
MAX_START_TIMEOUT = 600.0
STOP_GRACE = 2.0
DEFAULT_PORT = 9000
CODE_DIR = "/code"
STATE_DIR = ".agentrun"  # in the instance's workspace: the relay's socket
_HEALTH_POLL = 0.01
_RELAY_SOURCE = (Path(__file__).parent / "relay.py").read_text()
_NETWORKED = frozenset({"PUBLIC", "PUBLIC_AND_PRIVATE"})


class InstanceFailed(Exception):
    """The instance did not start or become healthy; the message says why (with its last output)."""


@dataclass(frozen=True)
class Launch:
    """What an instance of a runtime version runs with, read from its runtime document."""

    build: Build
    language: str
    command: tuple[str, ...]
    env: tuple[tuple[str, str], ...]
    health_path: str
    idle_seconds: float
    ready_timeout: float = START_TIMEOUT
    port: int = DEFAULT_PORT
    limits: Limits = field(default_factory=Limits)
    network: Egress | None = None

    @classmethod
    def of(cls, doc: dict[str, Any], build: Build, idle_default: float) -> Launch:
        code = doc.get("codeConfiguration") or {}
        health = doc.get("healthCheckConfiguration") or {}
        path = str(health.get("httpGetUrl") or "/health")
        variables = doc.get("environmentVariables") or {}
        language = str(code.get("language") or "")
        memory, cpu = positive(doc.get("memory"), float), positive(doc.get("cpu"), float)
        limits = Limits(
            memory_mb=int(memory) if memory else Limits.memory_mb,
            cpu=cpu,
            # V8 reserves more address space than any useful RLIMIT_AS: the cgroup bounds a Node agent's memory
            address_space=not language.startswith("nodejs"),
        )
        network = doc.get("networkConfiguration") or {}
        mode = str(network.get("networkMode") or "").upper() if isinstance(network, dict) else ""
        port = positive(doc.get("port"), float)
        # A startup probe's budget (openapi/control.yaml, HealthCheckConfiguration): the initial delay, then
        # failureThreshold checks periodSeconds apart; Local checks more often, and serves at the first success.
        period, failures = positive(health.get("periodSeconds"), float), positive(health.get("failureThreshold"), float)
        ready_timeout = START_TIMEOUT
        if period and failures:
            delay = positive(health.get("initialDelaySeconds"), float) or 0
            ready_timeout = min(MAX_START_TIMEOUT, delay + period * failures)
        return cls(
            build=build,
            language=language,
            command=tuple(str(part) for part in code.get("command") or ()),
            env=tuple((str(k), str(v)) for k, v in variables.items()) if isinstance(variables, dict) else (),
            health_path=path if path.startswith("/") else "/" + path,
            idle_seconds=float(doc.get("sessionIdleTimeoutSeconds") or idle_default),
            ready_timeout=ready_timeout,
            port=int(port) if port and port < 65536 else DEFAULT_PORT,
            limits=limits,
            network=Egress(mode) if mode in _NETWORKED else None,
        )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass(eq=False)
class Instance:
    id: str
    launch: Launch
    sandbox: SandboxHandle
    process: ProcessHandle
    log: InstanceLog
    port: int
    started_at: float = field(default_factory=time.monotonic)
    ready_seconds: float = 0.0  # cold start: sandbox creation until the health check answered
    in_flight: int = 0
    last_used: float = field(default_factory=time.monotonic)
    exit_code: int | None = None
    sessions: dict[str, float] = field(default_factory=dict)  # session -> last used (inf while a request runs)
    flights: dict[str, int] = field(default_factory=dict)  # session -> requests running
    ended: anyio.Event = field(default_factory=anyio.Event)  # set once its process has exited or it was stopped
    created_at: str = field(default_factory=timestamp)
    ended_at: str | None = None
    http: httpx.AsyncClient | None = None  # to the agent, over the relay's socket
    # The same, through aiohttp: invocations whose body is read whole (the usual ones) go through it, at about a
    # third of httpx's CPU per call (bench/runtimes.py); streamed bodies, and the health checks, go through `http`.
    session: aiohttp.ClientSession | None = None
    _socket_fd: int = -1
    _pump: asyncio.Task[None] | None = None

    base_url = "http://instance"

    @property
    def client(self) -> httpx.AsyncClient:
        assert self.http is not None, "the instance is not connected"
        return self.http

    def alive(self) -> bool:
        return self.exit_code is None and self.process.exit_code is None and self.sandbox.alive

    def idle_for(self, now: float) -> float:
        return 0.0 if self.in_flight else now - self.last_used

    # Sessions bound here (sessionConcurrencyLimitPerInstance counts them): a session id, or one key per request
    # without one, held while a request runs and, for a session id, until it has been idle for idle_seconds.
    def load(self) -> int:
        return len(self.sessions)

    def enter(self, session: str) -> None:
        self.in_flight += 1
        self.flights[session] = self.flights.get(session, 0) + 1
        self.sessions[session] = math.inf

    def leave(self, session: str, keep: bool) -> None:
        now = time.monotonic()
        self.in_flight -= 1
        self.last_used = now
        self.flights[session] -= 1
        if self.flights[session] <= 0:
            del self.flights[session]
            if keep:
                self.sessions[session] = now
            else:
                self.sessions.pop(session, None)

    def expire_sessions(self, now: float) -> list[str]:
        expired = [key for key, used in self.sessions.items() if now - used > self.launch.idle_seconds]
        for key in expired:
            del self.sessions[key]
        return expired

    def output_tail(self) -> str:
        return self.log.tail_text()

    async def stop(self) -> None:
        """SIGTERM to the agent (through the relay), then the sandbox destroyed: everything it started ends with it
        (shielded)."""
        with anyio.CancelScope(shield=True):
            if self.process.exit_code is None and self.sandbox.alive:
                with contextlib.suppress(Exception):
                    await self.process.kill(signal.SIGTERM)
                    with anyio.move_on_after(STOP_GRACE):
                        await self.process.wait()
            with contextlib.suppress(Exception):
                await self.sandbox.aclose()
            if self._pump is not None:
                with anyio.move_on_after(STOP_GRACE):
                    with contextlib.suppress(asyncio.CancelledError, Exception):
                        await self._pump
                self._pump.cancel()
            self._ended()
            if self.http is not None:
                await self.http.aclose()
            if self.session is not None:
                await self.session.close()
            if self._socket_fd >= 0:
                os.close(self._socket_fd)
                self._socket_fd = -1

    async def _pump_output(self) -> None:
        async for event in self.process.output(backpressure=True):
            if isinstance(event, OutputChunk):
                await self.log.append(event.data)
            elif isinstance(event, ProcessExit):
                self.exit_code = event.exit_code
        self._ended()

    def _ended(self) -> None:
        if self.ended_at is None:
            self.ended_at = timestamp()
        self.log.close()
        self.ended.set()

    def info(self) -> dict[str, Any]:
        """As GetAgentRuntimeLogs lists it (openapi/data.yaml AgentRuntimeInstance)."""
        info: dict[str, Any] = {
            "instanceId": self.id,
            "status": "RUNNING" if self.ended_at is None else "STOPPED",
            "createdAt": self.created_at,
        }
        if self.ended_at is not None:
            info["endedAt"] = self.ended_at
        if self.exit_code is not None:
            info["exitCode"] = self.exit_code
        return info


def _environment(launch: Launch, sandbox: SandboxHandle, venv: str, port: int) -> dict[str, str]:
    base = sandbox.isolation.environment(sandbox.paths)
    env = {"PATH": f"{venv}/bin:{base['PATH']}" if launch.build.venv.exists() else base["PATH"]}
    env.update(dict(launch.env))
    env.update({"PORT": str(port), "FC_SERVER_PORT": str(port)})  # the port it must listen on, whatever was set
    return env


def _api_environment(access: InstanceAccess | None, isolated: bool) -> dict[str, str]:
    return {} if access is None else access.environment(isolated=isolated)


async def start(
    launch: Launch,
    engine: SandboxEngine,
    pool: WarmPool | None,
    logs: Path,
    changes: Changes | None = None,
    created: Callable[[Instance], None] | None = None,
    access: InstanceAccess | None = None,
) -> Instance:
    """Start an instance in a new sandbox and wait until its health check answers; InstanceFailed (and nothing left
    running) when it exits first or stays unhealthy for the launch's ready_timeout. Raises SandboxError subclasses
    when the sandbox itself cannot start. `created` learns of the instance as soon as its process runs (its log is kept
    even when it then fails to start)."""
    argv = command_for(launch.build, launch.language, launch.command)
    instance_id = new_id("ari-")
    started = time.monotonic()
    await anyio.Path(logs).mkdir(parents=True, exist_ok=True)
    log = InstanceLog(logs / f"{instance_id}.log", changes)
    isolation = await engine.isolation()
    binds: list[tuple[str, str]] = []
    code_dir, venv = str(launch.build.code), str(launch.build.venv)
    if isolation.isolated:
        binds.append((code_dir, CODE_DIR))
        if launch.build.venv.exists():
            binds.append((venv, venv))  # at its own path: its interpreter link and scripts name it
        code_dir = CODE_DIR
    if access is not None:  # the server's API, reachable from inside (instance_access.py)
        binds += access.binds(isolated=isolation.isolated)
    port = launch.port if isolation.isolated else _free_port()
    # A started, empty sandbox of this launch's kind when one waits (pool.py), else one started now.
    create = pool.create if pool is not None else engine.create
    sandbox = await create(instance_id, limits=launch.limits, network=launch.network, binds=tuple(binds))
    try:
        state = isolation.inside(sandbox.paths, f"/home/user/{STATE_DIR}")
        relay = [isolation.python, "-I", "-S", "-c", _RELAY_SOURCE, state, str(port), *argv]  # relay.py
        process = await sandbox.start_process(
            shlex.join(relay),
            cwd=code_dir,
            env=_api_environment(access, isolation.isolated) | _environment(launch, sandbox, venv, port),
        )
    except BaseException:
        with anyio.CancelScope(shield=True):
            await sandbox.aclose()
        raise
    instance = Instance(instance_id, launch, sandbox, process, log, port, started_at=started)
    instance._pump = asyncio.get_running_loop().create_task(instance._pump_output())
    if created is not None:
        created(instance)
    try:
        await _connect(instance)
        await _until_healthy(instance)
    except BaseException:
        await instance.stop()
        raise
    instance.ready_seconds = time.monotonic() - instance.started_at
    instance.last_used = time.monotonic()
    return instance


def _exited(instance: Instance, what: str) -> InstanceFailed:
    code = instance.exit_code if instance.exit_code is not None else instance.process.exit_code
    return InstanceFailed(
        f"the instance exited (status {code}) before {what}; its last output:\n{instance.output_tail()}"
    )


async def _connect(instance: Instance) -> None:
    """Open the relay's socket once it exists, and a client that reaches the agent through it."""
    deadline = instance.started_at + instance.launch.ready_timeout
    while True:
        if not instance.alive():
            raise _exited(instance, "it listened")
        try:
            instance._socket_fd = await anyio.to_thread.run_sync(
                open_socket, instance.sandbox.workspace, STATE_DIR, "agent.sock"
            )
            break
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise InstanceFailed(f"the instance's socket cannot be used: {exc}") from None
        if time.monotonic() > deadline:
            raise InstanceFailed(f"the instance did not start within {instance.launch.ready_timeout:g} s")
        await anyio.sleep(_HEALTH_POLL)
    transport = httpx.AsyncHTTPTransport(uds=f"/proc/self/fd/{instance._socket_fd}")
    timeout = httpx.Timeout(connect=5.0, read=None, write=60.0, pool=10.0)
    limits = httpx.Limits(max_connections=None, max_keepalive_connections=100)
    instance.http = httpx.AsyncClient(transport=transport, timeout=timeout, limits=limits, trust_env=False)
    instance.session = aiohttp.ClientSession(
        connector=aiohttp.UnixConnector(path=f"/proc/self/fd/{instance._socket_fd}", limit=0),
        cookie_jar=aiohttp.DummyCookieJar(),  # one caller's cookies never ride along on another's call
        auto_decompress=False,  # the answer is relayed as its bytes came
        trust_env=False,
        # As `http`'s timeouts: connecting 5 s (and 10 s more waiting for a connection), no limit between reads.
        timeout=aiohttp.ClientTimeout(total=None, connect=15.0, sock_connect=5.0, sock_read=None),
        # An agent's answer may carry headers as long as httpx took from it (the gateway's limit, not aiohttp's 8 KiB).
        max_line_size=HEAD_LIMIT,
        max_field_size=HEAD_LIMIT,
    )


async def _until_healthy(instance: Instance) -> None:
    url = instance.base_url + instance.launch.health_path
    deadline = instance.started_at + instance.launch.ready_timeout
    while True:
        if not instance.alive():
            raise _exited(instance, f"its health check (GET {instance.launch.health_path}) answered")
        try:
            answer = await instance.client.get(url, timeout=2.0)
            if answer.status_code < 400:
                return
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            raise InstanceFailed(
                f"the instance did not answer GET {instance.launch.health_path} with a success on PORT within "
                f"{instance.launch.ready_timeout:g} s (healthCheckConfiguration: initialDelaySeconds + periodSeconds "
                "x failureThreshold, else 60 s): listen on the port in $PORT and serve the health check; its last "
                f"output:\n{instance.output_tail()}"
            )
        await anyio.sleep(_HEALTH_POLL)
