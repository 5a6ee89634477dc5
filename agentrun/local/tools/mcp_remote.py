"""MCP tools (`MCP_REMOTE`) on the data plane (openapi/data.yaml `InvokeToolMcp`, `OpenToolMcpStream`,
`CloseToolMcpSession`): `/tools/{toolName}/mcp` is the MCP streamable HTTP transport, relayed to the remote server
named by the tool's `protocolSpec` (`{"mcpServers": {"<name>": {"url", "transportType", "headers"}}}`, the first
entry, as agentrun-sdk 0.0.54 reads it).

The relay is at the HTTP level, so every MCP message (requests, notifications, server-sent streams, sessions via
`Mcp-Session-Id`) passes unchanged, whatever MCP version the two ends speak. The server adds the entry's `headers`
and the bound credential (inject.py, read in the same store transaction as the tool, so a disabled credential stops
the next request); the caller's own authentication (the data plane's signature) is not passed on. The credential's
secrets are scrubbed from the answers streamed back (scrub.py), a secret split across chunks included.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import anyio
import httpx
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from agentrun.local.responses import REQUEST_ID_HEADER, request_id
from agentrun.local.state import ServerState, state_of
from agentrun.local.tools.errors import ToolError, credential_unusable, error_response, unusable_spec
from agentrun.local.tools.inject import CredentialUnusable, injection
from agentrun.local.tools.lookup import tool_and_credential
from agentrun.local.tools.scrub import StreamScrubber
from agentrun.local.tools.usage import usage_of

# What the caller's request carries to the remote, and the remote's answer back (MCP streamable HTTP transport).
_REQUEST_HEADERS = ("accept", "content-type", "mcp-session-id", "mcp-protocol-version", "last-event-id")
_ANSWER_HEADERS = ("content-type", "mcp-session-id", "mcp-protocol-version", "cache-control")
CONNECT_TIMEOUT = 10.0
MAX_BODY = 16 * 1024 * 1024


@dataclass(frozen=True)
class Remote:
    url: str
    headers: dict[str, str] = field(repr=False)
    query: dict[str, str] = field(repr=False)
    transport: str = "streamable-http"  # the remote's: "streamable-http" or "sse"
    secrets: tuple[str, ...] = field(default=(), repr=False)  # scrubbed from what goes back
    credential: str = ""  # the bound credential's name, if any


def _remote_entry(name: str, text: Any) -> tuple[str, str, dict[str, str]]:
    """(url, transportType, headers) of the first `mcpServers` entry."""
    try:
        spec = json.loads(text) if isinstance(text, str) else text
    except ValueError:
        spec = None
    servers = spec.get("mcpServers") if isinstance(spec, dict) else None
    entry = next(iter(servers.values()), None) if isinstance(servers, dict) else None
    url = entry.get("url") if isinstance(entry, dict) else None
    if not isinstance(entry, dict) or not isinstance(url, str) or not url.startswith(("http://", "https://")):
        raise unusable_spec(
            f"tool {name} has no remote MCP server: its protocolSpec must be "
            '{"mcpServers": {"<name>": {"url": "http(s)://...", "transportType": "streamable-http"}}}'
        )
    headers = entry.get("headers") if isinstance(entry.get("headers"), dict) else {}
    assert isinstance(headers, dict)
    return url, str(entry.get("transportType") or "sse"), {str(k): str(v) for k, v in headers.items()}


async def remote(state: ServerState, name: str, transport: str | None) -> Remote:
    """The remote to relay tool `name`'s `transport` to (None: whichever it speaks), with the tool's headers and
    its credential added."""

    doc, credential = await tool_and_credential(state, name)
    if doc.get("createMethod") != "MCP_REMOTE":
        raise ToolError(
            400,
            "ERR_VALIDATION_FAILED",
            f"tool {name} is not a remote MCP tool (createMethod {doc.get('createMethod')}); "
            "/mcp is served for MCP_REMOTE tools",
        )
    url, kind, headers = _remote_entry(name, doc.get("protocolSpec"))
    if transport is not None and kind != transport:
        raise ToolError(
            400,
            "ERR_VALIDATION_FAILED",
            f"tool {name}'s remote speaks {kind}, not {transport}: use "
            + ("/tools/{name}/sse" if kind == "sse" else "/tools/{name}/mcp").format(name=name),
        )
    query: dict[str, str] = {}
    secrets: tuple[str, ...] = ()
    if credential is not None:
        try:
            inject = injection(credential)
        except CredentialUnusable as exc:
            raise credential_unusable(f"tool {name} cannot be called: {exc}") from None
        headers = {**headers, **inject.headers}
        query = dict(inject.query)
        secrets = inject.secrets
    return Remote(url, headers, query, kind, secrets, str(doc.get("credentialName") or ""))


def _outgoing(request: Request, target: Remote) -> dict[str, str]:
    headers = {k: v for k in _REQUEST_HEADERS if (v := request.headers.get(k)) is not None}
    return {**headers, **target.headers}


def _tool_calls(body: bytes) -> int:
    """How many `tools/call` requests a JSON-RPC message (or batch) holds: what usage counts."""
    if b'"tools/call"' not in body:
        return 0
    try:
        message = json.loads(body)
    except ValueError:
        return 0
    messages = message if isinstance(message, list) else [message]
    return sum(1 for m in messages if isinstance(m, dict) and m.get("method") == "tools/call")


async def _relay(request: Request, transport: str) -> Response:
    state = state_of(request)
    name = str(request.path_params["toolName"])
    rid = request_id(request.scope)
    target: Remote | None = None
    calls = 0

    def count(failed: bool) -> None:
        if target is not None:
            for _ in range(calls):
                usage_of(state.store).record(name, target.credential, failed=failed)

    try:
        target = await remote(state, name, transport)
        body = await request.body() if request.method == "POST" else b""
        if len(body) > MAX_BODY:
            raise ToolError(413, "ERR_BODY_TOO_LARGE", f"an MCP message may not exceed {MAX_BODY // 2**20} MiB")
        calls = _tool_calls(body)
        client = state.models.upstreams.client
        outgoing = client.build_request(
            request.method,
            httpx.URL(target.url).copy_merge_params(target.query),
            headers=_outgoing(request, target),
            content=body or None,
            # A stream may be quiet for long (a slow tool, server-initiated messages): only connecting is bounded.
            timeout=httpx.Timeout(None, connect=CONNECT_TIMEOUT),
        )
        try:
            answer = await client.send(outgoing, stream=True)
        except httpx.HTTPError as exc:
            raise ToolError(
                502,
                "ERR_TOOL_UPSTREAM_UNREACHABLE",
                f"tool {name}: the MCP server cannot be reached ({type(exc).__name__})",
            ) from None
    except ToolError as error:
        count(failed=True)
        return error_response(request, error)
    count(failed=answer.status_code >= 400)
    if answer.status_code >= 500 or answer.status_code in (401, 403):
        # The remote's refusal of our credential or its failure is the upstream's trouble, not the caller's.
        await answer.aclose()
        return error_response(
            request,
            ToolError(
                502,
                "ERR_TOOL_UPSTREAM_ERROR",
                f"tool {name}: the MCP server answered HTTP {answer.status_code}",
                upstream_status=answer.status_code,
            ),
        )
    headers = {k: v for k in _ANSWER_HEADERS if (v := answer.headers.get(k)) is not None}
    headers[REQUEST_ID_HEADER] = rid
    return _Relayed(answer, headers, target.secrets)


class _Relayed(StreamingResponse):
    """The remote's answer streamed back; the remote's response is closed on every path, the caller leaving
    included (Starlette cancels a streaming body then, without closing its iterator)."""

    def __init__(self, answer: httpx.Response, headers: dict[str, str], secrets: tuple[str, ...]) -> None:
        super().__init__(_chunks(answer, StreamScrubber(secrets)), status_code=answer.status_code, headers=headers)
        self.answer = answer

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            with anyio.CancelScope(shield=True):
                await self.answer.aclose()


async def _chunks(answer: httpx.Response, scrubber: StreamScrubber) -> AsyncIterator[bytes]:
    """The remote's bytes with the credential's secrets scrubbed, even when one is split across chunks."""
    try:
        async for chunk in answer.aiter_bytes():  # decoded: the caller gets no content-encoding
            if out := scrubber.feed(chunk):
                yield out
    except httpx.HTTPError:
        pass  # the remote dropped the stream: end ours; the MCP client sees the stream end
    if tail := scrubber.flush():
        yield tail


async def streamable(request: Request) -> Response:
    return await _relay(request, "streamable-http")
