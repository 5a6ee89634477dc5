"""A signature covers exactly the query the handlers read. The verifiers build the canonical query from the app's
own parse (a piece without `=` is a key with an empty value, `+` is a space), and refuse what a canonical query
cannot pin down: a repeated key (the signer's dict keeps one value, the app another) and, for ACS3, whose keys are
signed unencoded, a key holding `=` or `&`. Official signers are unaffected (tests/local/test_local_auth.py,
tests/test_signing.py, tests/compat)."""

from __future__ import annotations

import httpx
from local_helpers import acs3_headers, agentrun4_headers

from agentrun.local import LocalServer

CREDENTIALS = "/2025-09-10/agents/credentials"
FILES = "/data/sandboxes/sbx-query-test/files"  # no such sandbox: 404 once the signature is accepted


async def control(raw: httpx.AsyncClient, local: LocalServer, signed: dict[str, str], sent: str) -> httpx.Response:
    """GET ListCredentials signed over the query `signed`, sent with the raw query `sent`."""
    headers = acs3_headers(local, "GET", CREDENTIALS, query=signed)
    return await raw.get(f"{CREDENTIALS}?{sent}", headers=headers)


async def data(raw: httpx.AsyncClient, local: LocalServer, signed: str, sent: str) -> httpx.Response:
    """GET ReadFile signed (AGENTRUN4) over the raw query `signed`, sent with the raw query `sent`."""
    headers = agentrun4_headers(local, "GET", FILES, raw_query=signed)
    return await raw.get(f"{FILES}?{sent}", headers=headers)


def refused(response: httpx.Response, status: int, phrase: str) -> None:
    assert response.status_code == status, response.text
    assert phrase in response.json()["message"], response.text


async def test_a_repeated_key_is_refused(raw: httpx.AsyncClient, local: LocalServer) -> None:
    """`?pageSize=1&pageSize` once passed as the signed `pageSize=1` while the app read an empty page size."""
    for sent in ("pageSize=1&pageSize", "pageSize=1&pageSize=20", "pageSize&pageSize=1"):
        refused(await control(raw, local, {"pageSize": "1"}, sent), 400, "'pageSize' appears more than once")
    sent = "path=/home/user/a&path=/home/user/b"
    refused(await data(raw, local, "path=/home/user/a", sent), 400, "'path' appears more than once")


async def test_a_key_without_value_is_signed_as_an_empty_value(raw: httpx.AsyncClient, local: LocalServer) -> None:
    unsigned = await control(raw, local, {"pageSize": "1"}, "pageSize=1&credentialName")
    refused(unsigned, 403, "credentialName=&pageSize=1")  # the canonical request quoted holds what the app reads
    signed = await control(raw, local, {"pageSize": "1", "credentialName": ""}, "pageSize=1&credentialName")
    assert signed.status_code == 200, signed.text  # how the official signer signs an empty value
    refused(await data(raw, local, "path=a", "path=a&depth"), 403, "depth=&path=a")
    assert (await data(raw, local, "path=a&depth=", "path=a&depth")).status_code == 404


async def test_plus_is_a_space_for_the_signature_as_for_the_app(raw: httpx.AsyncClient, local: LocalServer) -> None:
    assert (await data(raw, local, "path=a%20b", "path=a+b")).status_code == 404
    refused(await data(raw, local, "path=a%20b", "path=a%2Bb"), 403, "path=a%2Bb")
    listed = await control(raw, local, {"credentialName": "no such"}, "credentialName=no+such")
    assert listed.status_code == 200 and listed.json()["data"]["items"] == [], listed.text


async def test_an_acs3_key_that_would_sign_ambiguously_is_refused(raw: httpx.AsyncClient, local: LocalServer) -> None:
    """ACS3 signs keys unencoded: the key `a=&b` with value 1 and the pairs a= and b=1 would sign alike."""
    refused(await control(raw, local, {"a=&b": "1"}, "a%3D%26b=1"), 400, "holds '=' or '&'")
    assert (await control(raw, local, {"pageSize": "5"}, "pageSize=5")).status_code == 200
