"""Request signatures: ACS3-HMAC-SHA256 (control plane) and AGENTRUN4-HMAC-SHA256 (data plane).

Both are Alibaba Cloud's published algorithms (the V3 request signature; AGENTRUN4 is its data-plane variant), proved
byte for byte against Alibaba's own signers in tests/test_signing.py. The same functions serve the client, which
signs, and AgentRun Local, which verifies; a verifier must canonicalise what it received exactly as a signer
canonicalises what it sends, so both go through `canonical_request`.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from functools import lru_cache
from urllib.parse import quote, unquote_plus

ACS3 = "ACS3-HMAC-SHA256"
AGENTRUN4 = "AGENTRUN4-HMAC-SHA256"
EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()
UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD"
_V4_PREFIX = "aliyun_v4"
_V4_PRODUCT = "agentrun"
_V4_SIGNABLE = ("host", "content-type")


def rfc3986(value: str) -> str:
    """Percent-encode everything but the RFC 3986 unreserved characters (space is %20, `*` is %2A)."""
    return quote(value, safe="~")


def acs_date(now: datetime | None = None) -> str:
    return (now or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")


def new_nonce() -> str:
    return secrets.token_hex(16)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def parse_query(raw_query: str) -> list[tuple[str, str]]:
    """Form-decode a raw query string into pairs, keeping order; `+` means space. Pieces without `=` are dropped."""
    pairs: list[tuple[str, str]] = []
    for piece in raw_query.split("&"):
        if "=" not in piece:
            continue
        key, _, value = piece.partition("=")
        pairs.append((unquote_plus(key), unquote_plus(value)))
    return pairs


def acs3_canonical_query(pairs: Iterable[tuple[str, str]]) -> str:
    """ACS3: sort by key, key as is, value RFC 3986-encoded. A repeated key keeps its last value."""
    merged = dict(pairs)
    return "&".join(f"{key}={rfc3986(merged[key])}" for key in sorted(merged))


def agentrun4_canonical_query(pairs: Iterable[tuple[str, str]]) -> str:
    """AGENTRUN4: sort by key, key and value both RFC 3986-encoded. A repeated key keeps its last value."""
    merged = dict(pairs)
    return "&".join(f"{rfc3986(key)}={rfc3986(merged[key])}" for key in sorted(merged))


def canonical_headers(headers: Iterable[tuple[str, str]], names: Iterable[str]) -> tuple[str, str]:
    """(CanonicalHeaders, SignedHeaders) over the given header names: lower-cased, values trimmed, a repeated name's
    values sorted and joined with a comma."""
    wanted = {n.lower() for n in names}
    grouped: dict[str, list[str]] = {}
    for name, value in headers:
        lower = name.lower()
        if lower in wanted:
            grouped.setdefault(lower, []).append(value.strip())
    ordered = sorted(grouped)
    text = "".join(f"{name}:{','.join(sorted(grouped[name]))}\n" for name in ordered)
    return text, ";".join(ordered)


def canonical_request(
    method: str, raw_path: str, canonical_query: str, headers_text: str, signed: str, payload: str
) -> str:
    return f"{method.upper()}\n{raw_path or '/'}\n{canonical_query}\n{headers_text}\n{signed}\n{payload}"


def _hmac(key: bytes, msg: str) -> bytes:
    return hmac.new(key, msg.encode(), hashlib.sha256).digest()


def acs3_signature(secret: str, canonical: str) -> str:
    string_to_sign = f"{ACS3}\n{sha256_hex(canonical.encode())}"
    return hmac.new(secret.encode(), string_to_sign.encode(), hashlib.sha256).hexdigest()


def acs3_authorization(
    *,
    method: str,
    raw_path: str,
    query: Iterable[tuple[str, str]],
    headers: Mapping[str, str],
    payload_hash: str,
    access_key_id: str,
    access_key_secret: str,
) -> str:
    """The Authorization value for a control-plane request. Every header in `headers` is signed, so pass exactly the
    headers set before signing (host, x-acs-*, user-agent, accept, content-type), not transport-added ones."""
    items = list(headers.items())
    text, signed = canonical_headers(items, (name for name, _ in items))
    canonical = canonical_request(method, raw_path, acs3_canonical_query(query), text, signed, payload_hash)
    signature = acs3_signature(access_key_secret, canonical)
    return f"{ACS3} Credential={access_key_id},SignedHeaders={signed},Signature={signature}"


@lru_cache(maxsize=16)  # one key per secret, day and region: four HMACs saved on every request after the first
def agentrun4_signing_key(secret: str, date: str, region: str) -> bytes:
    k_date = _hmac((_V4_PREFIX + secret).encode(), date)
    k_region = _hmac(k_date, region)
    k_product = _hmac(k_region, _V4_PRODUCT)
    return _hmac(k_product, f"{_V4_PREFIX}_request")


def agentrun4_signable(name: str) -> bool:
    lower = name.lower()
    return lower.startswith("x-acs-") or lower in _V4_SIGNABLE


def agentrun4_signature(signing_key: bytes, canonical: str) -> str:
    string_to_sign = f"{AGENTRUN4}\n{sha256_hex(canonical.encode())}"
    return hmac.new(signing_key, string_to_sign.encode(), hashlib.sha256).hexdigest()


def agentrun4_authorization(
    *,
    method: str,
    raw_path: str,
    raw_query: str,
    headers: Mapping[str, str],
    access_key_id: str,
    access_key_secret: str,
    region: str,
    date: str,
) -> str:
    """The Agentrun-Authorization value for a data-plane request. Of `headers`, only host, content-type and
    x-acs-* are signed; `date` is YYYYMMDD and must match the x-acs-date header."""
    items = tuple((k, v) for k, v in headers.items() if agentrun4_signable(k))
    return _agentrun4_authorization(method, raw_path, raw_query, items, access_key_id, access_key_secret, region, date)


@lru_cache(maxsize=256)  # no nonce, no body, a date in seconds: a loop's calls to one path repeat the same value
def _agentrun4_authorization(
    method: str,
    raw_path: str,
    raw_query: str,
    items: tuple[tuple[str, str], ...],
    access_key_id: str,
    access_key_secret: str,
    region: str,
    date: str,
) -> str:
    text, signed = canonical_headers(items, (name for name, _ in items))
    canonical = canonical_request(
        method, raw_path, agentrun4_canonical_query(parse_query(raw_query)), text, signed, UNSIGNED_PAYLOAD
    )
    signature = agentrun4_signature(agentrun4_signing_key(access_key_secret, date, region), canonical)
    scope = f"{access_key_id}/{date}/{region}/{_V4_PRODUCT}/{_V4_PREFIX}_request"
    return f"{AGENTRUN4} Credential={scope},SignedHeaders={signed},Signature={signature}"


def parse_authorization(value: str) -> tuple[str, dict[str, str]]:
    """Split `ALGO Credential=..,SignedHeaders=..,Signature=..` into the algorithm and its fields.
    Raises ValueError when the value is not of that form."""
    algorithm, _, rest = value.strip().partition(" ")
    fields: dict[str, str] = {}
    for part in rest.split(","):
        key, sep, val = part.strip().partition("=")
        if not sep:
            raise ValueError(f"malformed authorization field {part!r}")
        fields[key] = val
    for required in ("Credential", "SignedHeaders", "Signature"):
        if required not in fields:
            raise ValueError(f"authorization lacks {required}=")
    return algorithm, fields
