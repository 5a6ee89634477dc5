"""Instances: a build's command running as a process that serves HTTP on a port of its own, started on the first
request (scale from zero), ready once its health check answers, stopped when idle, on delete and at shutdown.

An instance gets `PORT` and `FC_SERVER_PORT` (a free loopback port: every instance listens on its own, whatever the
runtime's `port` says) and the runtime's `environmentVariables`, nothing of the server's environment but PATH and
LANG. It runs as a plain process of the server's user, in a session of its own so that stopping it stops what it
started (AgentRun Local does not yet run runtime instances inside the sandbox engine's isolation).
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import anyio
import httpx

from agentrun.local.resources import new_id
from agentrun.local.runtimes.builds import Build, command_for
from agentrun.local.sandbox.spawn import DEVNULL, Child, spawn

START_TIMEOUT = 60.0
STOP_GRACE = 2.0
_LOG_TAIL = 4096
_HEALTH_POLL = 0.01


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

    @classmethod
    def of(cls, doc: dict[str, Any], build: Build, idle_default: float) -> Launch:
        code = doc.get("codeConfiguration") or {}
        health = doc.get("healthCheckConfiguration") or {}
        path = str(health.get("httpGetUrl") or "/health")
        variables = doc.get("environmentVariables") or {}
        return cls(
            build=build,
            language=str(code.get("language") or ""),
            command=tuple(str(part) for part in code.get("command") or ()),
            env=tuple((str(k), str(v)) for k, v in variables.items()) if isinstance(variables, dict) else (),
            health_path=path if path.startswith("/") else "/" + path,
            idle_seconds=float(doc.get("sessionIdleTimeoutSeconds") or idle_default),
        )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _tail(path: Path) -> str:
    try:
        with path.open("rb") as log:
            log.seek(max(0, path.stat().st_size - _LOG_TAIL))
            return log.read().decode(errors="replace").strip()
    except OSError:
        return ""


@dataclass(eq=False)
class Instance:
    id: str
    launch: Launch
    port: int
    log: Path
    child: Child
    started_at: float = field(default_factory=time.monotonic)
    ready_seconds: float = 0.0  # cold start: spawn until the health check answered
    in_flight: int = 0
    last_used: float = field(default_factory=time.monotonic)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def alive(self) -> bool:
        return self.child.returncode is None

    def idle_for(self, now: float) -> float:
        return 0.0 if self.in_flight else now - self.last_used

    def output_tail(self) -> str:
        return _tail(self.log)

    async def stop(self) -> None:
        """SIGTERM to its whole session, SIGKILL after a grace period; reaped either way (shielded)."""
        with anyio.CancelScope(shield=True):
            for signum, grace in ((signal.SIGTERM, STOP_GRACE), (signal.SIGKILL, 0.0)):
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(self.child.pid, signum)
                with anyio.move_on_after(grace):
                    await self.child.wait()
                if self.child.returncode is not None:
                    break
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.child.pid, signal.SIGKILL)  # whatever it started and left behind
            await self.child.aclose()


def _environment(launch: Launch, port: int, home: Path) -> dict[str, str]:
    env = {
        "PATH": os.pathsep.join(
            [str(launch.build.venv / "bin")] * launch.build.venv.exists() + [os.environ.get("PATH", "/usr/bin:/bin")]
        ),
        "LANG": os.environ.get("LANG", "C.UTF-8"),
        "HOME": str(home),
        "PYTHONUNBUFFERED": "1",
    }
    env.update(dict(launch.env))
    env.update({"PORT": str(port), "FC_SERVER_PORT": str(port)})  # the port it must listen on, whatever was set
    return env


async def start(launch: Launch, home: Path, http: httpx.AsyncClient) -> Instance:
    """Start an instance and wait until its health check answers; InstanceFailed (and nothing left running) when
    it exits first or stays unhealthy for START_TIMEOUT."""
    argv = command_for(launch.build, launch.language, launch.command)
    instance_id = new_id("ari-")
    await anyio.Path(home).mkdir(parents=True, exist_ok=True)
    log = home / f"{instance_id}.log"
    port = _free_port()
    with log.open("ab") as out:
        child = spawn(
            argv, env=_environment(launch, port, home), stdin=DEVNULL, stdout=out, stderr=out,
            cwd=str(launch.build.code), start_new_session=True,
        )  # fmt: skip
    instance = Instance(instance_id, launch, port, log, child)
    try:
        await _until_healthy(instance, http)
    except BaseException:
        await instance.stop()
        raise
    instance.ready_seconds = time.monotonic() - instance.started_at
    instance.last_used = time.monotonic()
    return instance


async def _until_healthy(instance: Instance, http: httpx.AsyncClient) -> None:
    url = instance.base_url + instance.launch.health_path
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        if not instance.alive():
            raise InstanceFailed(
                f"the instance exited (status {instance.child.returncode}) before its health check "
                f"(GET {instance.launch.health_path}) answered; its last output:\n{instance.output_tail()}"
            )
        try:
            answer = await http.get(url, timeout=2.0)
            if answer.status_code < 400:
                return
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            raise InstanceFailed(
                f"the instance did not answer GET {instance.launch.health_path} on PORT within {START_TIMEOUT:.0f} s: "
                f"listen on the port in $PORT and serve the health check; its last output:\n{instance.output_tail()}"
            )
        await anyio.sleep(_HEALTH_POLL)
