"""Reading a credential for use on the server's side (the model gateway, tools, agent runtimes): its decrypted
secret and public config, or why it cannot be used. A disabled credential stops working at once: every reader sees
`enabled` in the same store transaction as the resource that names it, and the problem names the credential to
re-enable."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from agentrun.local.resources import CREDENTIAL, CREDENTIAL_SECRETS
from agentrun.local.secrets import SecretBox
from agentrun.local.store import Tx


@dataclass(frozen=True)
class CredentialUse:
    name: str
    auth_type: str  # credentialAuthType: api_key, basic, custom_header, ak_sk, jwt
    public: dict[str, Any]  # credentialPublicConfig, user passwords decrypted
    secret: str | None = field(default=None, repr=False)
    problem: str | None = None  # why it cannot be used (missing, disabled)

    @property
    def secrets(self) -> tuple[str, ...]:
        """Every secret value it holds, to be scrubbed from what goes back to a caller."""
        users = self.public.get("users")
        passwords = [u.get("password") for u in users if isinstance(u, dict)] if isinstance(users, list) else []
        return tuple(s for s in (self.secret, *passwords) if isinstance(s, str) and s)


def _missing(name: str) -> str:
    return f"credential {name} does not exist"


def _disabled(name: str) -> str:
    return f"credential {name} is disabled (re-enable it: UpdateCredential {name} with enabled=true)"


def credential_problem(tx: Tx, name: str) -> str | None:
    """Why credential `name` cannot be used now (None: it can), without opening its secret."""
    doc = tx.get(CREDENTIAL, name)
    if doc is None:
        return _missing(name)
    return _disabled(name) if doc.get("enabled") is False else None


def read_credential(tx: Tx, box: SecretBox, name: str) -> CredentialUse:
    doc = tx.get(CREDENTIAL, name)
    if doc is None:
        return CredentialUse(name, "", {}, problem=_missing(name))
    doc = box.open(doc, CREDENTIAL_SECRETS)
    public = doc.get("credentialPublicConfig")
    public = public if isinstance(public, dict) else {}
    auth_type = str(doc.get("credentialAuthType") or "")
    if doc.get("enabled") is False:
        return CredentialUse(name, auth_type, public, problem=_disabled(name))
    return CredentialUse(name, auth_type, public, secret=str(doc.get("credentialSecret") or ""))
