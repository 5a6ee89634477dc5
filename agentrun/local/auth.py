"""Request verification, as the cloud does it: ACS3-HMAC-SHA256 on the control plane, AGENTRUN4-HMAC-SHA256 on the
data plane (openapi/control.yaml, openapi/data.yaml).

The verifier canonicalises what it received with the same functions the SDK signs with (`agentrun._core.signing`):
the raw path, the query, and exactly the headers listed in `SignedHeaders=`, with `Host` as received (the official
client's plain-HTTP quirk sends `Host: http://127.0.0.1:PORT`, and signs it). The query is parsed exactly as the
handlers parse it (Starlette's QueryParams: `+` is a space, a piece without `=` is a key with an empty value), so a
signature covers what the app reads; a repeated key, or an ACS3 key holding `=` or `&` (ACS3 signs keys unencoded),
could make two different queries sign alike and is refused (400).
Failures answer 401 (no usable identity: unsigned, malformed, unknown key, stale date) or 403 (a known key whose
proof is wrong, or a replayed nonce), with a message that says what is wrong and where the keys are.

Some data-plane paths decide for themselves (`AuthMiddleware(self_authenticated=...)`, the model gateway): the
middleware then only records a `SignatureCheck` in `scope["state"]` and lets the request through. Such a check also
says whether the signature passes the *relaxed* rule the official SDK needs on model paths (openapi/data.yaml):
made with this server's key, but for a stale date, or for the empty URL `ModelDataAPI.model_info()` signs.
"""

from __future__ import annotations

import hmac
import re
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any, Literal

from starlette.datastructures import QueryParams
from starlette.requests import ClientDisconnect
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from agentrun._core import signing
from agentrun.local.requests import BodyTooLarge, receive_body
from agentrun.local.responses import error_response

MAX_SKEW_SECONDS = 15 * 60
MAX_CONTROL_BODY = 128 * 1024 * 1024  # code packages arrive base64-encoded in CreateAgentRuntime bodies
_ACS3_REQUIRED = ("host", "x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256")
_AGENTRUN4_REQUIRED = ("host", "x-acs-date")
_PROVEN_KEPT = 1024  # AGENTRUN4 values remembered as proven (each is good for one client, path and second)
_KEYS_HINT = (
    "Sign with this server's access key: `agentrun local env` prints it as AGENTRUN_ACCESS_KEY_ID / "
    "AGENTRUN_ACCESS_KEY_SECRET, and AsyncAgentRun.local() builds a client that uses it"
)


class AuthFailure(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        self.status = status
        self.code = code
        super().__init__(message)


def _unauthenticated(code: str, message: str) -> AuthFailure:
    return AuthFailure(401, code, f"{message}. {_KEYS_HINT}")


SIGNATURE_CHECK = "agentrun4_check"  # key of the SignatureCheck in scope["state"] on self-authenticated paths


@dataclass(frozen=True)
class SignatureCheck:
    """What a self-authenticated path learns about the request's AGENTRUN4 signature: `strict` (valid for this
    request, now), `relaxed` (this server's key, but a stale date or the SDK's empty-URL signature), or `none`
    (absent or wrong; `failure` says why the strict check failed)."""

    level: Literal["strict", "relaxed", "none"]
    failure: AuthFailure | None = None


_STRICT = SignatureCheck("strict")


class NonceCache:
    """Nonces seen within the skew window, per access key: a captured request cannot be replayed."""

    def __init__(self, ttl: float = 2 * MAX_SKEW_SECONDS, max_entries: int = 200_000) -> None:
        self._ttl = ttl
        self._max = max_entries
        self._seen: OrderedDict[tuple[str, str], float] = OrderedDict()

    def claim(self, key_id: str, nonce: str, now: float) -> bool:
        """True the first time a nonce is presented, False on a replay."""
        while self._seen and (next(iter(self._seen.values())) < now or len(self._seen) > self._max):
            self._seen.popitem(last=False)
        if (key_id, nonce) in self._seen:
            return False
        self._seen[(key_id, nonce)] = now + self._ttl
        return True


@dataclass(frozen=True)
class _Request:
    method: str
    raw_path: str
    raw_query: str
    headers: list[tuple[str, str]]
    first: dict[str, str]  # each header's first value, by lower-case name
    raw_line: tuple[str, bytes, bytes]  # method, path and query as received
    raw_headers: list[tuple[bytes, bytes]]  # as received

    @classmethod
    def of(cls, scope: Scope) -> _Request:
        line = _raw_line(scope)
        headers = [(k.decode("latin-1").lower(), v.decode("latin-1")) for k, v in scope["headers"]]
        return cls(
            method=line[0],
            raw_path=line[1].decode("utf-8", "surrogateescape"),
            raw_query=line[2].decode("latin-1"),
            headers=headers,
            first=dict(reversed(headers)),  # the last of reversed pairs is the first value of each name
            raw_line=line,
            raw_headers=scope["headers"],
        )

    def header(self, name: str) -> str | None:
        return self.first.get(name)

    def query(self, algorithm: str) -> list[tuple[str, str]]:
        """The query's pairs as the app reads them (see the module docstring); AuthFailure (400) for a query whose
        canonical form would not pin down what the app reads."""
        if not self.raw_query:
            return []  # what QueryParams("") holds, without building one on every signed call
        pairs = QueryParams(self.raw_query).multi_items()
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise AuthFailure(
                    400,
                    "InvalidQuery",
                    f"query parameter {key!r} appears more than once; send each parameter once (a signature covers "
                    "one value per key)",
                )
            seen.add(key)
            if algorithm == signing.ACS3 and ("=" in key or "&" in key):
                raise AuthFailure(
                    400, "InvalidQuery", f"query parameter name {key!r} holds '=' or '&'; rename the parameter"
                )
        return pairs


def _raw_line(scope: Scope) -> tuple[str, bytes, bytes]:
    raw_path: bytes = scope.get("raw_path") or scope["path"].encode()
    return scope.get("method", "GET"), raw_path.split(b"?", 1)[0], scope.get("query_string", b"")


def _raw_header(headers: list[tuple[bytes, bytes]], name: bytes) -> bytes | None:
    """The first value of a header, by lower-case name, as received."""
    for key, value in headers:
        if key == name or key.lower() == name:
            return value
    return None


def _parse(value: str, algorithm: str, header: str) -> dict[str, str]:
    try:
        found, fields = signing.parse_authorization(value)
    except ValueError as exc:
        raise _unauthenticated(
            "InvalidAuthorization",
            f"the {header} header is malformed ({exc}); expected "
            f"`{algorithm} Credential=...,SignedHeaders=...,Signature=...`",
        ) from None
    if found != algorithm:
        raise _unauthenticated(
            "InvalidAuthorization", f"{header} uses {found!r}; this endpoint verifies {algorithm} signatures"
        )
    return fields


_ACS_DATE = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", re.ASCII)


@lru_cache(maxsize=64)  # a client signs many requests within the same second
def _signed_at(stamp: str) -> float | None:
    """The epoch time of an x-acs-date value, None when it is not of the strict form."""
    # The strict form checked by a pattern, then parsed in C (strptime costs ~60 us a request).
    if not _ACS_DATE.fullmatch(stamp):
        return None
    try:
        return datetime.fromisoformat(stamp[:-1]).replace(tzinfo=UTC).timestamp()
    except ValueError:
        return None


def _check_date(request: _Request, now: float) -> float:
    """The request's x-acs-date as epoch seconds, once it is of the strict form and within the skew window."""
    stamp = request.header("x-acs-date") or ""
    signed_at = _signed_at(stamp)
    if signed_at is None:
        raise _unauthenticated(
            "InvalidTimeStamp.Format", f"x-acs-date {stamp!r} is not a UTC time like 2025-01-01T00:00:00Z"
        ) from None
    if abs(now - signed_at) > MAX_SKEW_SECONDS:
        server_now = datetime.fromtimestamp(now, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        raise _unauthenticated(
            "InvalidTimeStamp.Expired",
            f"x-acs-date {stamp} is {abs(now - signed_at):.0f} s away from the server's clock ({server_now}); "
            f"signatures are accepted for {MAX_SKEW_SECONDS // 60} minutes, so sign each request when sending it "
            "and check this machine's clock",
        )
    return signed_at


def _signed_names(fields: Mapping[str, str], request: _Request, required: tuple[str, ...]) -> list[str]:
    names = [n.strip().lower() for n in fields["SignedHeaders"].split(";") if n.strip()]
    missing = [n for n in required if n not in names]
    if missing:
        raise _unauthenticated("IncompleteSignature", f"SignedHeaders must include {', '.join(missing)}")
    absent = [n for n in names if n not in request.first]
    if absent:
        raise _unauthenticated(
            "IncompleteSignature", f"SignedHeaders lists {', '.join(absent)}, which the request does not carry"
        )
    return names


def _compare(expected: str, given: str, canonical: str, algorithm: str) -> None:
    if not hmac.compare_digest(expected, given.lower()):
        raise AuthFailure(
            403,
            "SignatureDoesNotMatch",
            f"the {algorithm} signature does not match. The server's canonical request was {canonical!r}; "
            "check that the request was signed with this server's access key secret and not changed after "
            f"signing. {_KEYS_HINT}",
        )


@dataclass(frozen=True, slots=True)
class _Proven:
    """What an AGENTRUN4 signature was verified over: the request line and every signed header, as received."""

    line: tuple[str, bytes, bytes]
    names: frozenset[bytes]  # lower-case
    signed: tuple[tuple[bytes, bytes], ...]
    signed_at: float  # its x-acs-date

    @classmethod
    def of(cls, request: _Request, names: list[str], signed_at: float) -> _Proven:
        wanted = frozenset(name.encode("latin-1") for name in names)
        return cls(request.raw_line, wanted, _signed_pairs(request.raw_headers, wanted), signed_at)

    def covers(self, line: tuple[str, bytes, bytes], headers: list[tuple[bytes, bytes]]) -> bool:
        return line == self.line and _signed_pairs(headers, self.names) == self.signed


def _signed_pairs(headers: list[tuple[bytes, bytes]], names: frozenset[bytes]) -> tuple[tuple[bytes, bytes], ...]:
    return tuple(pair for pair in headers if pair[0].lower() in names)


@dataclass(frozen=True)
class _Acs3:
    """What the header checks of an ACS3 request established, for the check of its body."""

    key_id: str
    secret: str
    signature: str
    now: float
    names: list[str]
    query: list[tuple[str, str]]


class Verifier:
    """Checks signatures against the local key pair(s)."""

    def __init__(self, keys: Mapping[str, str], *, clock: Callable[[], float] = time.time) -> None:
        self._keys = dict(keys)
        self._clock = clock
        self._nonces = NonceCache()
        # AGENTRUN4 signs no nonce and no body, and its date has one-second steps: a client's calls to one path within
        # a second carry the same Agentrun-Authorization. A value proven once is known again by what it covered.
        self._proven: dict[bytes, _Proven] = {}

    def _secret(self, key_id: str) -> str:
        secret = self._keys.get(key_id)
        if secret is None:
            raise _unauthenticated(
                "InvalidAccessKeyId.NotFound", f"access key id {key_id!r} is not known to this AgentRun Local server"
            )
        return secret

    def acs3_before_body(self, request: _Request) -> _Acs3:
        """What ACS3 checks without the body (signature present, key known, headers signed, date, query), so an
        unsigned or stale request is refused before its body is read."""
        value = request.header("authorization")
        if not value:
            raise _unauthenticated(
                "MissingAuthorization",
                "the request is not signed: control-plane calls need an ACS3-HMAC-SHA256 Authorization header",
            )
        fields = _parse(value, signing.ACS3, "Authorization")
        key_id, now = fields["Credential"], self._clock()
        secret = self._secret(key_id)
        names = _signed_names(fields, request, _ACS3_REQUIRED)
        _check_date(request, now)
        return _Acs3(key_id, secret, fields["Signature"], now, names, request.query(signing.ACS3))

    def acs3(self, request: _Request, body: bytes, checked: _Acs3 | None = None) -> None:
        """Verify the ACS3 signature of a request and its body (`checked`: what acs3_before_body found)."""
        checked = checked or self.acs3_before_body(request)
        key_id, secret, now = checked.key_id, checked.secret, checked.now
        payload_hash = signing.sha256_hex(body) if body else signing.EMPTY_SHA256
        if (request.header("x-acs-content-sha256") or "").lower() != payload_hash:
            raise AuthFailure(
                403,
                "SignatureDoesNotMatch",
                f"x-acs-content-sha256 is not the SHA-256 of the body received ({payload_hash}): hash exactly the "
                "bytes sent",
            )
        text, signed = signing.canonical_headers(request.headers, checked.names)
        query = signing.acs3_canonical_query(checked.query)
        canonical = signing.canonical_request(request.method, request.raw_path, query, text, signed, payload_hash)
        _compare(signing.acs3_signature(secret, canonical), checked.signature, canonical, signing.ACS3)
        nonce = request.header("x-acs-signature-nonce") or ""
        if not self._nonces.claim(key_id, nonce, now):
            raise AuthFailure(
                403,
                "SignatureNonceUsed",
                f"x-acs-signature-nonce {nonce!r} was already used: every request needs a fresh nonce, "
                "so a signed request cannot be replayed",
            )

    def agentrun4(self, request: _Request, *, relaxed: bool = False) -> None:
        """Verify the AGENTRUN4 signature. `relaxed`: any date, and a signature of the empty URL (GET, path `/`,
        host "") is accepted in place of one of the request itself."""
        value = request.header("agentrun-authorization")
        if not value:
            raise _unauthenticated(
                "MissingAuthorization",
                "the request is not signed: data-plane calls need an AGENTRUN4-HMAC-SHA256 Agentrun-Authorization "
                "header",
            )
        fields = _parse(value, signing.AGENTRUN4, "Agentrun-Authorization")
        scope = fields["Credential"].split("/")
        if len(scope) != 5:
            raise _unauthenticated(
                "InvalidAuthorization",
                f"Credential={fields['Credential']!r} is not <AccessKeyId>/<yyyymmdd>/<region>/agentrun/"
                "aliyun_v4_request",
            )
        key_id, date, region = scope[0], scope[1], scope[2]
        secret = self._secret(key_id)
        names = _signed_names(fields, request, _AGENTRUN4_REQUIRED)
        signed_at = None if relaxed else _check_date(request, self._clock())
        if (request.header("x-acs-date") or "")[:10].replace("-", "") != date:
            raise _unauthenticated("InvalidAuthorization", f"the credential date {date} is not that of x-acs-date")
        key = signing.agentrun4_signing_key(secret, date, region)
        text, signed = signing.canonical_headers(request.headers, names)
        query = signing.agentrun4_canonical_query(request.query(signing.AGENTRUN4))
        canonical = signing.canonical_request(
            request.method, request.raw_path, query, text, signed, signing.UNSIGNED_PAYLOAD
        )
        expected = signing.agentrun4_signature(key, canonical)
        if relaxed and not hmac.compare_digest(expected, fields["Signature"].lower()):
            # agentrun-sdk's model_info() signs GET on the empty URL (host ""), then sends those headers with
            # every model call.
            empty_url = [(name, "" if name == "host" else value) for name, value in request.headers]
            text, signed = signing.canonical_headers(empty_url, names)
            canonical = signing.canonical_request("GET", "/", "", text, signed, signing.UNSIGNED_PAYLOAD)
            expected = signing.agentrun4_signature(key, canonical)
        _compare(expected, fields["Signature"], canonical, signing.AGENTRUN4)
        if signed_at is not None:  # strict, and passed
            self._remember(value.encode("latin-1"), _Proven.of(request, names, signed_at))

    def proven(self, scope: Scope) -> bool:
        """Whether the request's Agentrun-Authorization was verified before, over the very request line and signed
        headers this one carries, and its date is still within the window: a client's repeated calls, checked with
        nothing decoded. False sends the request to the full check (`agentrun4`), which says what is wrong."""
        headers = scope["headers"]
        value = _raw_header(headers, b"agentrun-authorization")
        proven = self._proven.get(value) if value is not None else None
        return (
            proven is not None
            and proven.covers(_raw_line(scope), headers)
            and abs(self._clock() - proven.signed_at) <= MAX_SKEW_SECONDS
        )

    def _remember(self, value: bytes, proven: _Proven) -> None:
        if len(self._proven) >= _PROVEN_KEPT:
            del self._proven[next(iter(self._proven))]  # the oldest: its second has likely passed
        self._proven[value] = proven

    def check_agentrun4(self, request: _Request) -> SignatureCheck:
        """The signature's level, for paths that decide on authentication themselves."""
        try:
            self.agentrun4(request)
            return SignatureCheck("strict")
        except AuthFailure as strict_failure:
            if request.header("agentrun-authorization"):
                try:
                    self.agentrun4(request, relaxed=True)
                    return SignatureCheck("relaxed", strict_failure)
                except AuthFailure:
                    pass
            return SignatureCheck("none", strict_failure)


class AuthMiddleware:
    """Pure ASGI middleware: verifies every request under the control prefix (ACS3, body hashed, so the body is
    buffered and replayed to the app) and under the data prefix (AGENTRUN4, body unsigned, so it streams through).
    Anything else (the health probe, unknown paths) passes unverified."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        verifier: Verifier,
        control_prefix: str,
        data_prefix: str,
        self_authenticated: tuple[str, ...] = (),
        relaxed_paths: re.Pattern[str] | None = None,
    ) -> None:
        self.app = app
        self.verifier = verifier
        self.control_prefix = control_prefix.rstrip("/") + "/"
        self.data_prefix = data_prefix.rstrip("/")
        # Path prefixes whose routes authenticate requests themselves (from a SignatureCheck, or an API key).
        self.self_authenticated = self_authenticated
        # Data-plane paths where a relaxed signature (Verifier.check_agentrun4) is enough, enforced here.
        self.relaxed_paths = relaxed_paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        try:
            if path.startswith(self.control_prefix) and scope["type"] == "http":
                request = _Request.of(scope)
                checked = self.verifier.acs3_before_body(request)
                try:  # hashed, then replayed to the app
                    body = await receive_body(receive, MAX_CONTROL_BODY, request.header("content-length"))
                except ClientDisconnect:
                    return  # nobody is left to answer
                self.verifier.acs3(request, body, checked)
                receive = _replay(body, receive)
            elif path.startswith(self.self_authenticated):
                state = scope.setdefault("state", {})
                proven = self.verifier.proven(scope)
                state[SIGNATURE_CHECK] = _STRICT if proven else self.verifier.check_agentrun4(_Request.of(scope))
            elif path == self.data_prefix or path.startswith(self.data_prefix + "/"):
                if self.relaxed_paths is not None and self.relaxed_paths.fullmatch(path):
                    check = self.verifier.check_agentrun4(_Request.of(scope))
                    if check.level == "none" and check.failure is not None:
                        raise check.failure
                elif not self.verifier.proven(scope):
                    self.verifier.agentrun4(_Request.of(scope))
        except AuthFailure as failure:
            await _reject(scope, receive, send, failure.status, failure.code, str(failure))
            return
        except BodyTooLarge as too_large:
            message = f"{too_large}, the limit of control-plane bodies"
            await _reject(scope, receive, send, 413, "ERR_BODY_TOO_LARGE", message)
            return
        await self.app(scope, receive, send)


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


async def _reject(scope: Scope, receive: Receive, send: Send, status: int, code: str, message: str) -> None:
    if scope["type"] == "websocket":
        # 1008: policy violation; the reason carries the message (truncated to the protocol's 123-byte limit).
        await send(
            {"type": "websocket.close", "code": 1008, "reason": message.encode()[:123].decode("utf-8", "ignore")}
        )
        return
    response: Any = error_response(scope, status, code, message)
    await response(scope, receive, send)
