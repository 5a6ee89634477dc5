"""Invocation (openapi/data.yaml, InvokeAgentRuntime*): `ANY /agent-runtimes/{name}/endpoints/{endpoint}/invocations/
{path}` is forwarded to an instance of the version the endpoint serves, as `{path}` on the instance's port. Answers
stream back chunk by chunk (SSE included); a request body streams through too, unless it is small with a known length
(the usual JSON), which goes whole with the head (`_forward`). A caller that disconnects closes the upstream request.

The endpoint `Default` serves LATEST when the runtime has no endpoint of that name (the SDK invokes `Default` when
none is named). Unknown runtimes and endpoints answer 404; a runtime whose credentialName is disabled or missing
403 ERR_CREDENTIAL_UNUSABLE naming it; a runtime still building, failed or whose instance cannot
start 503; a Container runtime 501.
"""

from __future__ import annotations

import contextlib
import json
import logging
import random
from abc import ABC, abstractmethod
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Any

import aiohttp
import anyio
import httpx
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route
from starlette.types import Receive, Scope, Send
from yarl import URL

from agentrun.local.asgi import ClientDisconnected, until_disconnect_here
from agentrun.local.credential_use import credential_problem
from agentrun.local.resources import AGENT_RUNTIME, AGENT_RUNTIME_ENDPOINT, AGENT_RUNTIME_VERSION
from agentrun.local.responses import LocalAPIError
from agentrun.local.runtimes.instances import Instance
from agentrun.local.runtimes.manager import BUILD_FIELD, CONTAINER_REASON, Lease, RuntimeManager
from agentrun.local.state import state_of
from agentrun.local.store import Store, Tx

Doc = dict[str, Any]
logger = logging.getLogger("agentrun.local.runtimes")
INSTANCE_HEADER = "x-agentrun-instance-id"
SESSION_HEADER = "x-agentrun-session-id"
CRASH_CODE = "INSTANCE_EXITED"
CRASH_GRACE = 0.1  # seconds an ended close-delimited answer waits to tell an instance's exit from a normal end
METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]
# Hop-by-hop headers (RFC 9110 7.6.1) and the caller's data-plane signature are not forwarded.
_NOT_FORWARDED = frozenset({
    "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding",
    "upgrade", "host", "agentrun-authorization",
})  # fmt: skip


WHOLE_BODY = 1024 * 1024  # bytes: a request body of a known length up to this is read whole before it is sent
# Headers aiohttp would add that httpx did not send (its Accept and Accept-Encoding stay, as httpx's did).
_NOT_ADDED = frozenset({"Content-Type"})


def _unavailable(message: str) -> LocalAPIError:
    return LocalAPIError(503, "ERR_SERVICE_UNAVAILABLE", message)


@dataclass(frozen=True)
class Target:
    runtime_id: str
    doc: Doc  # the runtime document (LATEST) or the published version's snapshot
    version: str
    min_instances: int


def choose_version(endpoint: Doc | None, sticky: str | None, draw: float) -> str:
    """The version a request goes to: the session's earlier version (affinity wins over weights), else one of
    routingConfiguration.versionWeights by weight (`draw` uniform in [0, 1)), the rest to targetVersion."""
    if sticky is not None:
        return sticky
    endpoint = endpoint or {}
    routing = endpoint.get("routingConfiguration") or {}
    weights = routing.get("versionWeights") if isinstance(routing, dict) else None
    total = 0.0
    for entry in weights if isinstance(weights, list) else []:
        if isinstance(entry, dict) and entry.get("version") is not None:
            total += float(entry.get("weight") or 0.0)
            if draw < total:
                return str(entry["version"])
    return str(endpoint.get("targetVersion") or "LATEST")


def _endpoint(tx: Tx, name: str, endpoint: str) -> tuple[str, Doc, Doc | None]:
    """The runtime's key and document, and the endpoint's document (None: the implicit Default)."""
    runtime = next(
        (row for row in tx.list(AGENT_RUNTIME) if row.doc.get("agentRuntimeName") == name),
        None,
    )
    if runtime is None or runtime.doc.get("status") == "DELETING":
        raise LocalAPIError(404, "ERR_NOT_FOUND", f"agent runtime {name} does not exist")
    credential = runtime.doc.get("credentialName")
    problem = credential_problem(tx, str(credential)) if credential else None
    if problem is not None:  # any write (disabling it) renews the store's generation: the next call sees it
        raise LocalAPIError(403, "ERR_CREDENTIAL_UNUSABLE", f"agent runtime {name} cannot be invoked: {problem}")
    found = next(
        (
            row.doc
            for row in tx.list(AGENT_RUNTIME_ENDPOINT, parent=runtime.key)
            if row.doc.get("agentRuntimeEndpointName") == endpoint and row.doc.get("status") != "DELETING"
        ),
        None,
    )
    if found is None and endpoint != "Default":
        raise LocalAPIError(404, "ERR_NOT_FOUND", f"agent runtime {name} has no endpoint {endpoint}")
    return runtime.key, runtime.doc, found


async def _target(store: Store, name: str, endpoint: str, sticky: Callable[[str], str | None]) -> Target:
    """Where a request goes. The store's part is read through its cache (per generation): a call to an unchanged
    runtime costs no worker-thread hop and no SQLite transaction; the version is drawn per request."""
    runtime_key, runtime_doc, found = await store.read(
        ("invoke", name, endpoint), lambda tx: _endpoint(tx, name, endpoint), lambda found: found
    )
    scaling = (found or {}).get("scalingConfig") or {}
    min_instances = int(scaling.get("minInstances") or 0) if isinstance(scaling, dict) else 0
    version = choose_version(found, sticky(runtime_key), random.random())
    if version == "LATEST":
        return Target(runtime_key, runtime_doc, version, min_instances)
    published = await store.read(
        ("invoke-version", runtime_key, version),
        lambda tx: tx.get(AGENT_RUNTIME_VERSION, version, parent=runtime_key),
        lambda published: published,
    )
    if published is None:
        raise _unavailable(f"endpoint {endpoint} serves version {version}, which agent runtime {name} never published")
    snapshot: Doc = published["snapshot"]
    return Target(runtime_key, snapshot, version, min_instances)


def _check_ready(manager: RuntimeManager, name: str, doc: Doc) -> None:
    if BUILD_FIELD not in doc and (doc.get("artifactType") == "Container" or doc.get("containerConfiguration")):
        raise LocalAPIError(501, "ERR_NOT_IMPLEMENTED", CONTAINER_REASON)
    status = str(doc.get("status") or "")
    if manager.pending(doc) or status == "CREATING":
        raise _unavailable(f"agent runtime {name} is {status}: its code is still being installed; retry when READY")
    if status.endswith("FAILED"):
        reason = doc.get("statusReason") or "no reason recorded"
        raise _unavailable(f"agent runtime {name} is {status} and cannot be invoked: {reason}")


def _forwarded_headers(request: Request) -> list[tuple[str, str]]:
    return [(k, v) for k, v in request.headers.items() if k.lower() not in _NOT_FORWARDED]


class _Answer(ABC):
    """The instance's answer, whichever client fetched it: its status, its headers and its body as it arrives
    (`chunks` raises `_Broken` when the framing broke off, the instance going away mid-answer)."""

    status_code: int
    headers: list[tuple[str, str]]  # as they came, names in any case

    @abstractmethod
    def chunks(self) -> AsyncIterator[bytes]: ...

    @abstractmethod
    async def aclose(self) -> None: ...

    def header(self, name: str) -> str:
        return next((value for key, value in self.headers if key.lower() == name), "")


class _Broken(Exception):
    pass


class _HttpxAnswer(_Answer):
    def __init__(self, upstream: httpx.Response) -> None:
        self.upstream = upstream
        self.status_code = upstream.status_code
        self.headers = upstream.headers.multi_items()

    async def chunks(self) -> AsyncIterator[bytes]:
        try:
            async for chunk in self.upstream.aiter_raw():
                yield chunk
        except httpx.TransportError as exc:
            raise _Broken(str(exc)) from exc

    async def aclose(self) -> None:
        await self.upstream.aclose()


class _AiohttpAnswer(_Answer):
    def __init__(self, upstream: aiohttp.ClientResponse) -> None:
        self.upstream = upstream
        self.status_code = upstream.status
        self.headers = [(key.decode("latin-1"), value.decode("latin-1")) for key, value in upstream.raw_headers]

    async def chunks(self) -> AsyncIterator[bytes]:
        try:
            async for chunk in self.upstream.content.iter_any():
                yield chunk
        except aiohttp.ClientError as exc:
            raise _Broken(str(exc)) from exc

    async def aclose(self) -> None:
        self.upstream.release()  # read to its end: back to the pool; otherwise the connection is closed


class _Relay(Response):
    """Streams the instance's answer to the caller; ends the upstream request when the caller leaves, and releases
    the instance on every path. An instance that exits mid-answer never looks like a complete answer: an event
    stream gets an error event (INSTANCE_EXITED, readable as an OpenAI stream error and as an AG-UI RUN_ERROR), and
    the body is cut off without its end, so any HTTP client sees an incomplete read."""

    def __init__(self, manager: RuntimeManager, lease: Lease, upstream: _Answer, name: str) -> None:
        self.manager, self.lease, self.upstream, self.name = manager, lease, upstream, name
        instance = lease.instance
        self.status_code = upstream.status_code
        self.background = None
        headers = [(k, v) for k, v in upstream.headers if k.lower() not in _NOT_FORWARDED]
        headers.append((INSTANCE_HEADER, instance.id))
        self.raw_headers = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers]
        self.event_stream = upstream.header("content-type").startswith("text/event-stream")
        # Without a length or chunked framing, the end of the body is the connection's close: a crash looks alike.
        self.close_delimited = not upstream.header("content-length") and "chunked" not in upstream.header(
            "transfer-encoding"
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        # The relay runs in the request's own task; a caller who leaves cancels it (the watch also reads the rest of
        # a request body the instance did not read).
        try:
            with contextlib.suppress(ClientDisconnected):
                await until_disconnect_here(receive, lambda: self._stream(send))
        finally:
            with anyio.CancelScope(shield=True):
                await self.upstream.aclose()
                self.manager.release(self.lease)

    async def _stream(self, send: Send) -> None:
        await send({"type": "http.response.start", "status": self.status_code, "headers": self.raw_headers})
        broken = False
        try:
            async for chunk in self.upstream.chunks():
                await send({"type": "http.response.body", "body": chunk, "more_body": True})
        except _Broken:  # the framing broke off: the instance went away mid-answer
            broken = True
        if broken or (self.close_delimited and await self._exited()):
            await self._cut_off(send)
        else:
            await send({"type": "http.response.body", "body": b"", "more_body": False})

    async def _exited(self) -> bool:
        """Whether the instance exited as its close-delimited answer ended (its exit is seen a moment after)."""
        with anyio.move_on_after(CRASH_GRACE):
            await self.lease.instance.ended.wait()
        return not self.lease.instance.alive()

    async def _cut_off(self, send: Send) -> None:
        instance = self.lease.instance
        with anyio.move_on_after(CRASH_GRACE):
            await instance.ended.wait()
        status = instance.exit_code if instance.exit_code is not None else "unknown"
        message = (
            f"agent runtime {self.name}: its instance {instance.id} stopped in the middle of the answer (exit status "
            f"{status}); the answer is incomplete. Its last output:\n{instance.output_tail()[-1000:]}"
        )
        if self.event_stream:
            error = {"message": message, "code": CRASH_CODE, "type": "instance_error"}
            event = {"type": "RUN_ERROR", "message": message, "code": CRASH_CODE, "error": error}
            data = json.dumps(event, separators=(",", ":"))
            await send({"type": "http.response.body", "body": f"event: error\ndata: {data}\n\n".encode(),
                        "more_body": True})  # fmt: skip
        logger.warning("%s", message.split("\n", 1)[0])
        # Returning without the body's end: the server closes the connection, the caller's read is incomplete.


async def _body(request: Request) -> AsyncIterator[bytes]:
    async for chunk in request.stream():
        if chunk:
            yield chunk


async def invoke(request: Request) -> Response:
    state = state_of(request)
    manager = state.runtimes
    name, endpoint = str(request.path_params["agentRuntimeName"]), str(request.path_params["endpointName"])
    session = request.headers.get(SESSION_HEADER) or None
    target = await _target(
        state.store, name, endpoint, lambda runtime_id: manager.session_version(runtime_id, endpoint, session)
    )
    _check_ready(manager, name, target.doc)
    lease = await manager.acquire(target.runtime_id, target.doc, session, target.min_instances)
    manager.route_session(target.runtime_id, endpoint, session, target.version)
    instance = lease.instance
    try:
        try:
            upstream = await _forward(instance, request)
        except (httpx.TransportError, aiohttp.ClientError, OSError) as exc:
            raise LocalAPIError(
                502, "ERR_BAD_GATEWAY", f"agent runtime {name}: its instance did not answer ({exc!r}); its last "
                f"output:\n{instance.output_tail()[-1000:]}",
            ) from None  # fmt: skip
    except BaseException:
        manager.release(lease)
        raise
    try:
        return _Relay(manager, lease, upstream, name)
    except BaseException:
        await upstream.aclose()
        manager.release(lease)
        raise


async def _forward(instance: Instance, request: Request) -> _Answer:
    """The request, sent to the instance. A body of a known length up to WHOLE_BODY (the usual JSON) is read first
    and goes with the head through aiohttp; any other body streams through, chunk by chunk, through httpx (which
    sends all of it before it reads the answer: nothing else then reads the caller's side of the request)."""
    path = "/" + str(request.path_params.get("invocationPath", ""))
    query = request.url.query
    url = httpx.URL(instance.base_url + path + (f"?{query}" if query else ""))
    headers = _forwarded_headers(request)
    length = request.headers.get("content-length", "")
    streams = request.method not in ("GET", "HEAD")
    if instance.session is not None and (not streams or (length.isdigit() and int(length) <= WHOLE_BODY)):
        body = await request.body() if streams else None
        answer = await instance.session.request(
            request.method, URL(str(url), encoded=True), headers=headers, data=body, allow_redirects=False,
            compress=None, skip_auto_headers=_NOT_ADDED,
        )  # fmt: skip
        return _AiohttpAnswer(answer)
    built = instance.client.build_request(
        request.method, url, headers=headers, content=_body(request) if streams else None
    )
    return _HttpxAnswer(await instance.client.send(built, stream=True))


def routes() -> list[BaseRoute]:
    base = "/agent-runtimes/{agentRuntimeName}/endpoints/{endpointName}/invocations"
    return [
        Route(base + "/{invocationPath:path}", invoke, methods=METHODS),
        Route(base, invoke, methods=METHODS),
    ]
