"""How agents deployed to AgentRun Local reach its API (the model gateway, sandboxes, tools), as agents on the cloud
reach AgentRun's endpoints.

An isolated runtime instance has a network namespace of its own and may never reach the host (sandbox/network.py),
so the server offers its API there through a unix socket: a short host directory holding `api.sock` (each
connection relayed, bytes as they are, to the server's own port: TLS stays end to end) and `ca.pem` (the CA bundle
that trusts the server's certificate), bound read-only at /run/agentrun in every instance. The instance's
environment then says where the API is: the same AGENTRUN_CONTROL_ENDPOINT / AGENTRUN_DATA_ENDPOINT as on the host,
AGENTRUN_UNIX_SOCKET (which this SDK's clients connect through) and SSL_CERT_FILE. An instance run without isolation
reaches the server's port directly. Credentials are not handed out: a runtime that calls the API gets them from its
own `environmentVariables`, as on the cloud.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import tempfile
from pathlib import Path

import anyio
import anyio.abc

logger = logging.getLogger("agentrun.local.runtimes")

INSIDE_DIR = "/run/agentrun"
SOCKET_NAME = "api.sock"
CA_NAME = "ca.pem"
_CHUNK = 65536


class InstanceAccess:
    def __init__(
        self, *, host: str, port: int, control_endpoint: str, data_endpoint: str, ca_bundle: Path | None, region: str,
        account_id: str,
    ) -> None:  # fmt: skip
        # The server's own socket, as the relay connects to it (a wildcard address is reached on loopback).
        self.host = "127.0.0.1" if host in ("", "0.0.0.0") else "::1" if host == "::" else host
        self.port = port
        self.control_endpoint = control_endpoint
        self.data_endpoint = data_endpoint
        self.ca_bundle = ca_bundle
        self.region = region
        self.account_id = account_id
        self.directory: Path | None = None
        self._listener: anyio.abc.SocketListener | None = None

    async def start(self) -> None:
        """Make the directory and listen on the socket (serve() relays)."""
        # A short directory of its own: a socket's path must fit in 108 bytes, the data dir's may not.
        directory = Path(await anyio.to_thread.run_sync(lambda: tempfile.mkdtemp(prefix="agentrun-api-")))
        self.directory = directory
        if self.ca_bundle is not None:
            await anyio.to_thread.run_sync(shutil.copyfile, self.ca_bundle, directory / CA_NAME)
        self._listener = await anyio.create_unix_listener(directory / SOCKET_NAME, mode=0o600)

    async def serve(self) -> None:
        """Relay each connection until cancelled."""
        assert self._listener is not None, "InstanceAccess.start() was not called"
        await self._listener.serve(self._relay)

    async def aclose(self) -> None:
        """Stop listening and remove the directory (shielded)."""
        with anyio.CancelScope(shield=True):
            if self._listener is not None:
                await self._listener.aclose()
                self._listener = None
            if self.directory is not None:
                directory, self.directory = self.directory, None
                await anyio.to_thread.run_sync(lambda: shutil.rmtree(directory, ignore_errors=True))

    async def _relay(self, client: anyio.abc.SocketStream) -> None:
        async with client:
            try:
                upstream = await anyio.connect_tcp(self.host, self.port)
            except OSError as exc:
                logger.warning("an instance's API connection could not reach the server: %s", exc)
                return
            async with upstream, anyio.create_task_group() as group:
                group.start_soon(_pump, client, upstream)
                group.start_soon(_pump, upstream, client)

    def binds(self, *, isolated: bool) -> list[tuple[str, str]]:
        """(host path, path inside) to bind read-only into an instance's sandbox."""
        if not isolated or self.directory is None:
            return []
        return [(str(self.directory), INSIDE_DIR)]

    def environment(self, *, isolated: bool) -> dict[str, str]:
        """What tells an instance where the API is (the runtime's own environmentVariables come over it)."""
        env = {
            "AGENTRUN_CONTROL_ENDPOINT": self.control_endpoint,
            "AGENTRUN_DATA_ENDPOINT": self.data_endpoint,
            "AGENTRUN_REGION": self.region,
            "AGENTRUN_ACCOUNT_ID": self.account_id,
        }
        if isolated and self.directory is not None:
            env["AGENTRUN_UNIX_SOCKET"] = f"{INSIDE_DIR}/{SOCKET_NAME}"
            if self.ca_bundle is not None:
                env["SSL_CERT_FILE"] = f"{INSIDE_DIR}/{CA_NAME}"
        elif self.ca_bundle is not None:
            env["SSL_CERT_FILE"] = str(self.ca_bundle)
        return env


async def _pump(source: anyio.abc.SocketStream, sink: anyio.abc.SocketStream) -> None:
    with contextlib.suppress(anyio.EndOfStream, anyio.BrokenResourceError, anyio.ClosedResourceError, OSError):
        while True:
            await sink.send(await source.receive(_CHUNK))
    with contextlib.suppress(OSError, anyio.BrokenResourceError, anyio.ClosedResourceError):
        await sink.send_eof()
