"""Invocation (openapi/data.yaml, InvokeAgentRuntime*): `ANY /agent-runtimes/{name}/endpoints/{endpoint}/invocations/
{path}` is forwarded to an instance of the version the endpoint serves, as `{path}` on the instance's port. Bodies
stream both ways, chunk by chunk (SSE included); a caller that disconnects closes the upstream request.

The endpoint `Default` serves LATEST when the runtime has no endpoint of that name (the SDK invokes `Default` when
none is named). Unknown runtimes and endpoints answer 404; a runtime still building, failed or whose instance cannot
start 503; a Container runtime 501.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import anyio
import httpx
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route
from starlette.types import Receive, Scope, Send

from agentrun.local.resources import AGENT_RUNTIME, AGENT_RUNTIME_ENDPOINT, AGENT_RUNTIME_VERSION
from agentrun.local.responses import LocalAPIError
from agentrun.local.runtimes.instances import Instance
from agentrun.local.runtimes.manager import BUILD_FIELD, CONTAINER_REASON, RuntimeManager
from agentrun.local.state import state_of
from agentrun.local.store import Tx

Doc = dict[str, Any]
INSTANCE_HEADER = "x-agentrun-instance-id"
METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]
# Hop-by-hop headers (RFC 9110 7.6.1) and the caller's data-plane signature are not forwarded.
_NOT_FORWARDED = frozenset({
    "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding",
    "upgrade", "host", "agentrun-authorization",
})  # fmt: skip


def _unavailable(message: str) -> LocalAPIError:
    return LocalAPIError(503, "ERR_SERVICE_UNAVAILABLE", message)


def _target(tx: Tx, name: str, endpoint: str) -> tuple[str, Doc]:
    """(runtime id, the runtime document or version snapshot the endpoint serves)."""
    runtime = next(
        (row for row in tx.list(AGENT_RUNTIME) if row.doc.get("agentRuntimeName") == name),
        None,
    )
    if runtime is None or runtime.doc.get("status") == "DELETING":
        raise LocalAPIError(404, "ERR_NOT_FOUND", f"agent runtime {name} does not exist")
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
    version = str((found or {}).get("targetVersion") or "LATEST")
    if version == "LATEST":
        return runtime.key, runtime.doc
    published = tx.get(AGENT_RUNTIME_VERSION, version, parent=runtime.key)
    if published is None:
        raise _unavailable(f"endpoint {endpoint} serves version {version}, which agent runtime {name} never published")
    snapshot: Doc = published["snapshot"]
    return runtime.key, snapshot


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


class _Relay(Response):
    """Streams the instance's answer to the caller; ends the upstream request when the caller leaves, and releases
    the instance on every path."""

    def __init__(self, manager: RuntimeManager, instance: Instance, upstream: httpx.Response) -> None:
        self.manager, self.instance, self.upstream = manager, instance, upstream
        self.status_code = upstream.status_code
        self.background = None
        headers = [(k, v) for k, v in upstream.headers.multi_items() if k.lower() not in _NOT_FORWARDED]
        headers.append((INSTANCE_HEADER, instance.id))
        self.raw_headers = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            async with anyio.create_task_group() as group:

                async def stream() -> None:
                    await send({"type": "http.response.start", "status": self.status_code, "headers": self.raw_headers})
                    async for chunk in self.upstream.aiter_raw():
                        await send({"type": "http.response.body", "body": chunk, "more_body": True})
                    await send({"type": "http.response.body", "body": b"", "more_body": False})
                    group.cancel_scope.cancel()

                async def watch() -> None:
                    while (await receive())["type"] != "http.disconnect":
                        pass  # the rest of a request body the instance did not read
                    group.cancel_scope.cancel()

                group.start_soon(stream)
                group.start_soon(watch)
        finally:
            with anyio.CancelScope(shield=True):
                await self.upstream.aclose()
                self.manager.release(self.instance)


async def _body(request: Request) -> AsyncIterator[bytes]:
    async for chunk in request.stream():
        if chunk:
            yield chunk


async def invoke(request: Request) -> Response:
    state = state_of(request)
    manager = state.runtimes
    name, endpoint = str(request.path_params["agentRuntimeName"]), str(request.path_params["endpointName"])
    runtime_id, doc = await state.store.transact(lambda tx: _target(tx, name, endpoint))
    _check_ready(manager, name, doc)
    instance = await manager.acquire(runtime_id, doc)
    try:
        path = "/" + str(request.path_params.get("invocationPath", ""))
        query = request.url.query
        upstream_request = instance.client.build_request(
            request.method,
            instance.base_url + path + (f"?{query}" if query else ""),
            headers=_forwarded_headers(request),
            content=_body(request) if request.method not in ("GET", "HEAD") else None,
        )
        try:
            upstream = await instance.client.send(upstream_request, stream=True)
        except httpx.TransportError as exc:
            raise LocalAPIError(
                502, "ERR_BAD_GATEWAY", f"agent runtime {name}: its instance did not answer ({exc!r}); its last "
                f"output:\n{instance.output_tail()[-1000:]}",
            ) from None  # fmt: skip
    except BaseException:
        manager.release(instance)
        raise
    try:
        return _Relay(manager, instance, upstream)
    except BaseException:
        await upstream.aclose()
        manager.release(instance)
        raise


def routes() -> list[BaseRoute]:
    base = "/agent-runtimes/{agentRuntimeName}/endpoints/{endpointName}/invocations"
    return [
        Route(base + "/{invocationPath:path}", invoke, methods=METHODS),
        Route(base, invoke, methods=METHODS),
    ]
