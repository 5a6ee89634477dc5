"""How clients find a running AgentRun Local: the record a server writes into its data dir, and the environment
variables and SDK configuration derived from it. Imports nothing of the server (no uvicorn, no Starlette)."""

from __future__ import annotations

import json
import os
import ssl
from dataclasses import asdict, dataclass
from pathlib import Path

from agentrun._config import Config
from agentrun.errors import ConfigError
from agentrun.local.identity import Identity, load_identity
from agentrun.local.paths import DataDir, write_private

DATA_PATH = "/data"  # the data plane's mount: the data endpoint is <server>/data


@dataclass(frozen=True)
class ServerRecord:
    """Where a server listens. `control_endpoint` is what AGENTRUN_CONTROL_ENDPOINT should hold (in plain-HTTP mode
    the official client's `http://http://host:port` spelling, which this SDK accepts too)."""

    scheme: str
    host: str
    port: int
    pid: int
    control_endpoint: str
    data_endpoint: str


def endpoints(scheme: str, host: str, port: int) -> tuple[str, str]:
    """(control endpoint, data endpoint) of a server. The official client strips one scheme from the control
    endpoint and then always speaks HTTPS, unless what is left still starts with http://.
    A server listening on every address is reached through loopback, which its certificate covers."""
    host = {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}.get(host, host)
    base = f"{scheme}://{f'[{host}]' if ':' in host else host}:{port}"
    control = base if scheme == "https" else f"http://{base}"
    return control, base + DATA_PATH


def write_record(paths: DataDir, record: ServerRecord) -> None:
    write_private(paths.server_record, json.dumps(asdict(record), indent=2).encode())


def remove_record(paths: DataDir, pid: int) -> None:
    """Remove the record if it is still this process's (another server may have started on the same dir since)."""
    try:
        if json.loads(paths.server_record.read_text()).get("pid") == pid:
            paths.server_record.unlink()
    except (OSError, ValueError):
        pass


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def read_record(paths: DataDir) -> ServerRecord:
    """The running server's record; ConfigError saying how to start one when there is none."""
    start = f"start one with `agentrun local serve --data-dir {paths.root}`"
    try:
        record = ServerRecord(**json.loads(paths.server_record.read_text()))
    except FileNotFoundError:
        raise ConfigError(f"no AgentRun Local server is running for data dir {paths.root}: {start}") from None
    except (ValueError, TypeError) as exc:
        raise ConfigError(f"{paths.server_record} is unreadable ({exc}); {start}") from None
    if not _alive(record.pid):
        raise ConfigError(
            f"the AgentRun Local server recorded in {paths.server_record} (pid {record.pid}) is not running: {start}"
        )
    return record


def environment(identity: Identity, record: ServerRecord, paths: DataDir) -> dict[str, str]:
    """The variables that point the official SDK and this one at the server."""
    env = {
        "AGENTRUN_ACCESS_KEY_ID": identity.access_key_id,
        "AGENTRUN_ACCESS_KEY_SECRET": identity.access_key_secret,
        "AGENTRUN_ACCOUNT_ID": identity.account_id,
        "AGENTRUN_REGION": identity.region,
        "AGENTRUN_CONTROL_ENDPOINT": record.control_endpoint,
        "AGENTRUN_DATA_ENDPOINT": record.data_endpoint,
    }
    if record.scheme == "https":
        env["SSL_CERT_FILE"] = str(paths.ca_bundle)
        # Node (Playwright's driver, which opens the CDP WebSocket of browser sandboxes) ignores SSL_CERT_FILE and
        # adds the CAs this file names to its own roots.
        env["NODE_EXTRA_CA_CERTS"] = str(paths.ca_cert)
    return env


def client_config(identity: Identity, record: ServerRecord, paths: DataDir) -> Config:
    """SDK configuration for the server: its keys and endpoints, and trust in its CA for HTTPS."""
    verify: bool | ssl.SSLContext = True
    if record.scheme == "https":
        verify = ssl.create_default_context(cafile=str(paths.ca_cert))
    return identity.sdk_config(
        control_endpoint=record.control_endpoint, data_endpoint=record.data_endpoint, verify=verify
    )


def local_config(data_dir: str | os.PathLike[str] | Path | None = None) -> Config:
    """Configuration for the server running on `data_dir` (default: `$AGENTRUN_LOCAL_DIR` or ~/.agentrun/local).
    Used by `AsyncAgentRun.local()`."""
    paths = DataDir.resolve(data_dir)
    record = read_record(paths)
    return client_config(load_identity(paths), record, paths)


def local_env(data_dir: str | os.PathLike[str] | Path | None = None) -> dict[str, str]:
    """The environment for the server running on `data_dir` (what `agentrun local env` prints)."""
    paths = DataDir.resolve(data_dir)
    record = read_record(paths)
    return environment(load_identity(paths), record, paths)
