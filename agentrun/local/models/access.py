"""Who may call `/models/{name}/...`.

- A model proxy with a credential (`credentialName`) accepts the credential's key, sent as the official SDK sends it:
  `<headerKey, default X-API-Key>: <prefix><secret>` or `Authorization: Bearer <secret>`; or a strict AGENTRUN4
  signature (valid for this request, dated within 15 minutes). Nothing else: no unsigned call, no stale signature.
  A missing or disabled credential, or one without a secret, accepts no key (fail closed).
- Any other target (a proxy without credential, a model service, a built-in model) needs an AGENTRUN4 signature made
  with this server's access key. Relaxed on these paths, as the official SDK requires (openapi/data.yaml): the
  date may be stale (it signs some model clients once, when they are built), and a signature of the empty URL
  (`ModelDataAPI.model_info()`, host "") stands for any model call.

AgentRun Local listens on 127.0.0.1 only; a relaxed signature still proves the caller holds (or once captured) a
request signed with this server's key.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass

from starlette.requests import Request

from agentrun.local.auth import SIGNATURE_CHECK, SignatureCheck
from agentrun.local.models.errors import ModelError, unauthenticated
from agentrun.local.models.targets import InboundKey, Target


@dataclass(frozen=True)
class Caller:
    credential: str | None  # the credential whose key authenticated the caller
    signature: str  # "strict", "relaxed", or "" (authenticated by key)


def _same(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode(), expected.encode())


def _presented(request: Request, inbound: InboundKey) -> tuple[bool, bool]:
    """(a key was sent, it is the credential's key)."""
    header = request.headers.get(inbound.header)
    bearer = request.headers.get("authorization", "")
    bearer_key = bearer[7:].strip() if bearer[:7].lower() == "bearer " else None
    sent = header is not None or bool(bearer_key)
    if inbound.secret is None:
        return sent, False
    matches = (header is not None and _same(header, inbound.prefix + inbound.secret)) or (
        bearer_key is not None and _same(bearer_key, inbound.secret)
    )
    return sent, matches


def signature_of(request: Request) -> SignatureCheck:
    check = request.scope.get("state", {}).get(SIGNATURE_CHECK) or SignatureCheck("none")
    assert isinstance(check, SignatureCheck)
    return check


def _unsigned(check: SignatureCheck, what: str) -> ModelError:
    reason = str(check.failure) if check.failure else "the request is not signed"
    return unauthenticated(
        f"{reason}. Calls to {what} must be signed with this server's access key (a model proxy with a credential "
        "also accepts the credential's API key)",
        code="missing_signature"
        if check.failure is None or check.failure.code == "MissingAuthorization"
        else "invalid_signature",
    )


def require_signature(request: Request, what: str) -> None:
    """401 unless the request carries at least a relaxed signature (before anything about `what` is revealed)."""
    check = signature_of(request)
    if check.level == "none":
        raise _unsigned(check, what)


def authorize(request: Request, target: Target) -> Caller:
    check = signature_of(request)
    inbound = target.inbound
    if inbound is not None:
        sent, matches = _presented(request, inbound)
        if matches:
            return Caller(inbound.credential, "")
        if check.level == "strict":
            return Caller(None, "strict")
        where = f"{target.kind} {target.name} is protected by credential {inbound.credential}"
        if inbound.problem:
            raise unauthenticated(
                f"{where}, but {inbound.problem}: no API key is accepted until it is fixed (only requests signed "
                "with this server's access key pass)"
            )
        if sent:
            raise unauthenticated(f"the API key sent is not that of credential {inbound.credential} ({where})")
        raise unauthenticated(
            f"{where}: send its secret as `{inbound.header}: {inbound.prefix}<secret>` or `Authorization: Bearer "
            "<secret>`, or sign the request (AGENTRUN4-HMAC-SHA256, dated now) with this server's access key"
        )
    if check.level in ("strict", "relaxed"):
        return Caller(None, check.level)
    raise _unsigned(check, f"{target.kind} {target.name}")
