"""How a tool's bound credential (`credentialName`) goes into its upstream calls, following the credential's type
(openapi/control.yaml `Credential`):

- `api_key`: the header `credentialPublicConfig.headerKey` (default `X-API-Key`) set to `prefix + secret`, as
  agentrun-sdk 0.0.54 sends it for OPENAPI_IMPORT tools (headerKey `Authorization` with prefix `Bearer ` is a
  bearer token). With `authConfig.in` = `query` it is the query parameter `authConfig.name` (default `api_key`)
  instead, as the legacy ToolSet's `apiKeyParameter {key, in: query}` did; `authConfig.in` = `bearer` is
  `Authorization: Bearer <secret>`.
- `basic`: `Authorization: Basic` of the first of `users` (its password, else the secret).
- `custom_header`: each `authConfig` entry as a header.

Other types (ak_sk, jwt) cannot be injected into an HTTP call and are refused with a message saying so.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field

from agentrun.local.credential_use import CredentialUse


@dataclass(frozen=True)
class Injection:
    headers: dict[str, str] = field(default_factory=dict, repr=False)
    query: dict[str, str] = field(default_factory=dict, repr=False)
    secrets: tuple[str, ...] = field(default=(), repr=False)  # scrubbed from what goes back


class CredentialUnusable(Exception):
    """The bound credential cannot be used (missing, disabled, no secret, a type tools cannot send)."""


def injection(use: CredentialUse) -> Injection:
    if use.problem:
        raise CredentialUnusable(use.problem)
    public, secret = use.public, use.secret or ""
    config = public.get("authConfig") if isinstance(public.get("authConfig"), dict) else {}
    assert isinstance(config, dict)
    if use.auth_type == "api_key":
        if not secret:
            raise CredentialUnusable(f"credential {use.name} has no secret (set credentialSecret)")
        where = str(config.get("in") or "header").lower()
        value = str(public.get("prefix") or "") + secret
        if where == "query":
            return Injection(query={str(config.get("name") or "api_key"): value}, secrets=use.secrets)
        if where == "bearer":
            return Injection(headers={"Authorization": f"Bearer {secret}"}, secrets=use.secrets)
        return Injection(headers={str(public.get("headerKey") or "X-API-Key"): value}, secrets=use.secrets)
    if use.auth_type == "basic":
        users = public.get("users")
        first = users[0] if isinstance(users, list) and users and isinstance(users[0], dict) else {}
        username, password = str(first.get("username") or ""), str(first.get("password") or secret)
        if not username:
            raise CredentialUnusable(
                f"credential {use.name} (basic) has no user: add one to credentialPublicConfig.users"
            )
        token = base64.b64encode(f"{username}:{password}".encode()).decode()
        return Injection(headers={"Authorization": f"Basic {token}"}, secrets=(*use.secrets, token))
    if use.auth_type == "custom_header":
        headers = {str(k): str(v) for k, v in config.items()}
        if not headers:
            raise CredentialUnusable(f"credential {use.name} (custom_header) has no headers in authConfig")
        return Injection(headers=headers, secrets=(*use.secrets, *(v for v in headers.values() if v)))
    raise CredentialUnusable(
        f"credential {use.name} is of type {use.auth_type or 'unknown'}, which a tool cannot send: bind an api_key, "
        "basic or custom_header credential"
    )
