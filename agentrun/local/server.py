"""Running the server: uvicorn in the current event loop, on a socket bound before start so `port=0` can be
reported, with the keys, endpoints and CA a client needs.

    async with agentrun.local.run(data_dir="./.agentrun-local", port=0) as local:
        await local.client.credentials.create(...)

`agentrun local serve` (cli.py) runs the same code until interrupted.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import ssl
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

import anyio
import anyio.to_thread
import httpx
import uvicorn
from starlette.types import ASGIApp

from agentrun.client import AsyncAgentRun
from agentrun.local import control, trees
from agentrun.local.app import create_app
from agentrun.local.connect import (
    DATA_PATH,
    ServerRecord,
    client_config,
    endpoints,
    environment,
    remove_record,
    write_record,
)
from agentrun.local.identity import Identity, ensure_identity
from agentrun.local.instance_access import InstanceAccess
from agentrun.local.models import ModelGateway
from agentrun.local.paths import DataDir
from agentrun.local.runtimes import RuntimeManager
from agentrun.local.sandbox import SandboxEngine, quota
from agentrun.local.sandbox.pool import DEFAULT_SIZE as DEFAULT_WARM
from agentrun.local.sandbox_manager import SandboxManager
from agentrun.local.state import ServerState
from agentrun.local.store import Store
from agentrun.local.tools import close_local_servers

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8490
_START_TIMEOUT = 15.0
_STOP_TIMEOUT = 5.0

logger = logging.getLogger("agentrun.local")


@dataclass
class LocalServer:
    """A running AgentRun Local, as `run()` yields it."""

    client: AsyncAgentRun  # configured with the local keys, endpoints and CA; closed when the server stops
    control_endpoint: str
    data_endpoint: str
    env: dict[str, str]  # AGENTRUN_* variables (and SSL_CERT_FILE with HTTPS) pointing at this server
    ca_file: Path  # the local CA certificate (env["SSL_CERT_FILE"] is certifi's bundle plus this CA)
    data_dir: Path
    host: str
    port: int
    scheme: str
    identity: Identity = field(repr=False)
    _stopped: anyio.Event = field(default_factory=anyio.Event, repr=False)

    @property
    def base_url(self) -> str:
        """Scheme, host and port, as clients reach the server (the control endpoint without the plain-HTTP quirk)."""
        return self.data_endpoint.removesuffix(DATA_PATH)

    async def wait_stopped(self) -> None:
        """Return when the server stops by itself (a signal, in `agentrun local serve`)."""
        await self._stopped.wait()


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP explicitly: asyncio sets TCP_NODELAY only on sockets whose proto says TCP, and without it every
    # answer waits ~40 ms for a delayed ACK (Nagle).
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise OSError(exc.errno, f"cannot listen on {host}:{port}: {exc.strerror}; choose another --port") from None
    sock.listen(2048)
    sock.setblocking(False)
    return sock


async def _wait_until_answering(url: str, verify: bool | str | ssl.SSLContext, serving: asyncio.Task[None]) -> None:
    """Until the health probe answers through the real socket (TLS included), or uvicorn gives up starting."""
    # The socket is already listening: connections wait in its backlog until uvicorn accepts them.
    with anyio.fail_after(_START_TIMEOUT):
        async with httpx.AsyncClient(verify=verify, trust_env=False) as probe:
            while not serving.done():
                try:
                    if (await probe.get(url + "/health")).status_code == 200:
                        return
                except httpx.TransportError:
                    pass
                await anyio.sleep(0.02)
    serving.result()  # raises what stopped uvicorn
    raise RuntimeError("AgentRun Local stopped while starting")


_KEEP_ALIVE_SECONDS = 75
_NO_ISOLATION_WARNING = (
    "\n" + "!" * 100 + "\n"
    "AgentRun Local was started with --unsafe-no-isolation: code run in sandboxes is NOT ISOLATED. It runs as this\n"
    "user, can read and change every file this user can (the data dir and its keys included) and reach the network.\n"
    "Run only code you trust.\n" + "!" * 100
)


def _warm_sandboxes(explicit: int | None) -> int:
    if explicit is not None:
        return explicit
    raw = os.environ.get("AGENTRUN_LOCAL_WARM_SANDBOXES", "")
    try:
        return int(raw) if raw.strip() else DEFAULT_WARM
    except ValueError:
        raise ValueError(f"AGENTRUN_LOCAL_WARM_SANDBOXES must be a whole number, got {raw!r}") from None


def _clear_sandbox_dirs(root: Path) -> None:
    """(Blocking.) Remove the workspaces a previous server left behind: their sandboxes no longer run (a killed
    server leaves their file systems mounted, too)."""
    quota.release_stale(root)
    trees.remove_path(root)  # sandbox code wrote these trees: maybe deeper than Python's stack


@asynccontextmanager
async def run(
    data_dir: str | os.PathLike[str] | None = None,
    *,
    host: str = DEFAULT_HOST,
    port: int = 0,
    http: bool = False,
    log_level: str = "warning",
    settle_seconds: float = 0.2,
    unsafe_no_isolation: bool = False,
    warm_sandboxes: int | None = None,
    wrap_app: Callable[[ASGIApp], ASGIApp] | None = None,
) -> AsyncIterator[LocalServer]:
    """Start AgentRun Local in the current event loop (asyncio) and stop it when the block exits, cancellation
    included. `port=0` picks a free port (see `.port`); `http=True` serves plain HTTP instead of TLS.
    The data dir (default `$AGENTRUN_LOCAL_DIR` or ~/.agentrun/local) is created on first start.

    Sandboxes are isolated (bubblewrap); where that is impossible, CreateSandbox fails and says why, unless
    `unsafe_no_isolation=True`, which runs sandbox code with this user's full rights. Every sandbox ends when the
    server stops. `warm_sandboxes` (default `$AGENTRUN_LOCAL_WARM_SANDBOXES`, else 2; 0 turns it off) started
    sandboxes wait for each recently used template configuration, so a create is a hand-over (pool.py).
    `wrap_app` wraps the whole ASGI application once, before it serves (tests use it to check every answer against
    the specs); None, the default, costs nothing."""
    paths = DataDir.resolve(data_dir)
    identity, box = await anyio.to_thread.run_sync(ensure_identity, paths)
    sock = _bind(host, port)
    bound_port = int(sock.getsockname()[1])
    scheme = "http" if http else "https"
    control_endpoint, data_endpoint = endpoints(scheme, host, bound_port)
    record = ServerRecord(scheme, host, bound_port, os.getpid(), control_endpoint, data_endpoint)
    store = await Store.open(paths.database)
    if unsafe_no_isolation:
        logger.warning(_NO_ISOLATION_WARNING)
    await anyio.to_thread.run_sync(_clear_sandbox_dirs, paths.sandboxes)  # nothing runs in them any more
    sandboxes = SandboxManager(
        SandboxEngine(paths.sandboxes, unsafe_no_isolation=unsafe_no_isolation),
        store,
        warm=_warm_sandboxes(warm_sandboxes),
    )
    models = ModelGateway.from_environ(os.environ)
    runtimes = RuntimeManager()
    access = InstanceAccess(
        host=host, port=bound_port, control_endpoint=control_endpoint, data_endpoint=data_endpoint,
        ca_bundle=None if http else paths.ca_bundle, region=identity.region, account_id=identity.account_id,
    )  # fmt: skip
    reaper: asyncio.Task[None] | None = None
    refill: asyncio.Task[None] | None = None
    refill_browsers: asyncio.Task[None] | None = None
    relaying: asyncio.Task[None] | None = None
    try:
        await sandboxes.settle_orphans("AgentRun Local restarted; the sandbox's processes ended with it")
        await models.start(store)
        await runtimes.start(paths.runtimes, store, sandboxes.engine, spare=min(1, sandboxes.pool.size))
        await access.start()  # deployed agents reach this server through it (instance_access.py)
        runtimes.access = access
        state = ServerState(
            paths, identity, box, store, control_endpoint, data_endpoint, sandboxes, settle_seconds, models=models,
            runtimes=runtimes,
        )  # fmt: skip
        await control.prepare(state)
        app: ASGIApp = create_app(state)
        config = uvicorn.Config(
            wrap_app(app) if wrap_app else app,
            log_level=log_level,
            access_log=log_level == "debug",
            lifespan="off",
            proxy_headers=False,  # nothing sits in front of a loopback server: never trust X-Forwarded-*
            server_header=False,
            # uvicorn closes idle keep-alive connections after 5 s, exactly the official SDK's polling interval, so a
            # pooled connection could be closed just as the client reused it (RemoteDisconnected, which it never
            # retries). Keep idle connections well past any client's poll interval.
            timeout_keep_alive=_KEEP_ALIVE_SECONDS,
            timeout_graceful_shutdown=int(_STOP_TIMEOUT),
            ssl_certfile=None if http else paths.server_cert,
            ssl_keyfile=None if http else paths.server_key,
        )
        server = uvicorn.Server(config)
        client_settings = client_config(identity, record, paths)
        local = LocalServer(
            client=AsyncAgentRun(client_settings),
            control_endpoint=control_endpoint,
            data_endpoint=data_endpoint,
            env=environment(identity, record, paths),
            ca_file=paths.ca_cert,
            data_dir=paths.root,
            host=host,
            port=bound_port,
            scheme=scheme,
            identity=identity,
        )

        # The server runs in a plain asyncio task owned by this context manager rather than in a task group: a task
        # group must be exited by the task that entered it, which pytest-asyncio fixtures (setup and teardown run
        # in different tasks) and AsyncExitStack users cannot guarantee. uvicorn is asyncio-only anyway.
        serving = asyncio.get_running_loop().create_task(server.serve(sockets=[sock]))
        reaper = asyncio.get_running_loop().create_task(sandboxes.reap_forever())
        refill = asyncio.get_running_loop().create_task(sandboxes.pool.keep_filled())
        refill_browsers = asyncio.get_running_loop().create_task(sandboxes.browsers.keep_filled())
        relaying = asyncio.get_running_loop().create_task(access.serve())
        serving.add_done_callback(lambda _: local._stopped.set())
        try:
            await _wait_until_answering(local.base_url, client_settings.verify, serving)
            await anyio.to_thread.run_sync(write_record, paths, record)
            logger.info("AgentRun Local listening on %s (data dir %s)", local.base_url, paths.root)
            yield local
        finally:
            with anyio.CancelScope(shield=True):
                await local.client.aclose()
                remove_record(paths, record.pid)
                server.should_exit = True
                with anyio.move_on_after(_STOP_TIMEOUT * 2):
                    await local._stopped.wait()
                if not serving.done():
                    server.force_exit = True
                    serving.cancel()
                    with contextlib.suppress(asyncio.CancelledError):
                        await serving
        if not serving.cancelled() and serving.exception() is not None:
            raise RuntimeError("AgentRun Local stopped with an error") from serving.exception()
    finally:
        sock.close()
        with anyio.CancelScope(shield=True):
            for task in (reaper, refill, refill_browsers, relaying):
                if task is not None:
                    task.cancel()
                    with contextlib.suppress(asyncio.CancelledError):
                        await task
            await runtimes.aclose()  # every instance stopped
            await close_local_servers(store)  # local MCP servers of tools (their sandboxes)
            await access.aclose()
            await sandboxes.aclose()
            try:
                await models.aclose()  # every upstream connection, and the usage counts saved
            finally:
                await store.close()
