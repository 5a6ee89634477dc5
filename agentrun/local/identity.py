"""The local account: account id and access key pair, created on first start in the data dir.

Every request to the server must be signed with this key pair, as on the cloud; `agentrun local env` prints it.
The secret is stored encrypted with the master key (see `secrets.py`).
"""

from __future__ import annotations

import json
import secrets
import ssl
import string
from dataclasses import dataclass, field
from datetime import UTC, datetime

from agentrun._config import DEFAULT_REGION, Config
from agentrun.errors import ConfigError
from agentrun.local.paths import DataDir, write_private
from agentrun.local.secrets import SecretBox
from agentrun.local.tls import ensure_certificates

_ALNUM = string.ascii_letters + string.digits


@dataclass(frozen=True)
class Identity:
    account_id: str
    access_key_id: str
    access_key_secret: str = field(repr=False)
    region: str = DEFAULT_REGION

    def sdk_config(self, *, control_endpoint: str, data_endpoint: str, verify: bool | str | ssl.SSLContext) -> Config:
        """SDK configuration that signs with this account's keys and calls these endpoints."""
        return Config(
            access_key_id=self.access_key_id,
            access_key_secret=self.access_key_secret,
            account_id=self.account_id,
            region=self.region,
            control_endpoint=control_endpoint,
            data_endpoint=data_endpoint,
            verify=verify,
        )


def _new_identity() -> Identity:
    return Identity(
        account_id=str(secrets.randbelow(9 * 10**15) + 10**15),  # 16 digits, like an Alibaba Cloud account id
        access_key_id="LTAI" + "".join(secrets.choice(_ALNUM) for _ in range(20)),
        access_key_secret="".join(secrets.choice(_ALNUM) for _ in range(30)),
    )


def ensure_identity(paths: DataDir) -> tuple[Identity, SecretBox]:
    """First start: create the data dir, master key, identity and certificates. Later starts: load them.
    Blocking (file I/O, key generation): call it from a worker thread."""
    paths.create()
    box = SecretBox.load_or_create(paths.master_key)
    if not paths.identity.exists():
        fresh = _new_identity()
        document = {
            "accountId": fresh.account_id,
            "accessKeyId": fresh.access_key_id,
            "accessKeySecret": box.encrypt(fresh.access_key_secret),
            "region": fresh.region,
            "createdAt": datetime.now(UTC).isoformat(),
        }
        write_private(paths.identity, json.dumps(document, indent=2).encode(), exclusive=True)
    ensure_certificates(paths)
    return _read(paths, box), box


def load_identity(paths: DataDir) -> Identity:
    """The identity of an existing data dir; ConfigError when there is none yet."""
    if not (paths.identity.exists() and paths.master_key.exists()):
        raise ConfigError(
            f"no AgentRun Local identity in {paths.root}: start a server first with "
            f"`agentrun local serve --data-dir {paths.root}`"
        )
    return _read(paths, SecretBox(paths.master_key.read_bytes().strip()))


def _read(paths: DataDir, box: SecretBox) -> Identity:
    document = json.loads(paths.identity.read_text())
    return Identity(
        account_id=document["accountId"],
        access_key_id=document["accessKeyId"],
        access_key_secret=box.decrypt(document["accessKeySecret"]),
        region=document.get("region") or DEFAULT_REGION,
    )
