"""Where AgentRun Local keeps its state: one data directory, and the name of every file in it."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DATA_DIR_ENV = "AGENTRUN_LOCAL_DIR"


def default_data_dir() -> Path:
    """`$AGENTRUN_LOCAL_DIR`, else `~/.agentrun/local`."""
    configured = os.environ.get(DATA_DIR_ENV)
    return Path(configured).expanduser() if configured else Path.home() / ".agentrun" / "local"


@dataclass(frozen=True)
class DataDir:
    """The files of one AgentRun Local installation. Private keys and the identity are created 0600 in a 0700 dir."""

    root: Path

    @classmethod
    def resolve(cls, data_dir: str | os.PathLike[str] | None = None) -> DataDir:
        return cls(Path(data_dir).expanduser().absolute() if data_dir is not None else default_data_dir().absolute())

    @property
    def master_key(self) -> Path:
        """Fernet key that encrypts every secret at rest (the access key secret, credential secrets, API keys)."""
        return self.root / "master.key"

    @property
    def identity(self) -> Path:
        """Account id and access key pair (the secret encrypted with the master key)."""
        return self.root / "identity.json"

    @property
    def database(self) -> Path:
        return self.root / "store.db"

    @property
    def server_record(self) -> Path:
        """Written by a running server: where it listens, so `agentrun local env` and clients can find it."""
        return self.root / "server.json"

    @property
    def sandboxes(self) -> Path:
        """One directory per running sandbox (its workspace and runtime files); emptied at every start."""
        return self.root / "sandboxes"

    @property
    def runtimes(self) -> Path:
        """Agent runtime builds (unpacked code and dependencies, kept) and instance logs."""
        return self.root / "runtimes"

    @property
    def tls(self) -> Path:
        return self.root / "tls"

    @property
    def ca_cert(self) -> Path:
        return self.tls / "ca.pem"

    @property
    def ca_key(self) -> Path:
        return self.tls / "ca-key.pem"

    @property
    def server_cert(self) -> Path:
        return self.tls / "server.pem"

    @property
    def server_key(self) -> Path:
        return self.tls / "server-key.pem"

    @property
    def ca_bundle(self) -> Path:
        """certifi's roots plus the local CA: safe to export as SSL_CERT_FILE without breaking other HTTPS."""
        return self.tls / "ca-bundle.pem"

    def create(self) -> None:
        self.root.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.tls.mkdir(mode=0o700, exist_ok=True)


def write_private(path: Path, data: bytes, *, exclusive: bool = False) -> bool:
    """Write `data` to a 0600 file atomically (complete temp file, then rename). With `exclusive`, an existing file is
    kept and False returned (the temp file is hard-linked into place, which fails if the name exists), so two
    processes starting at once agree on one value and neither ever reads a half-written file."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    if not exclusive:
        os.replace(tmp, path)
        return True
    try:
        os.link(tmp, path)
    except FileExistsError:
        return False
    finally:
        tmp.unlink()
    return True
