"""Agent runtimes, their endpoints and published versions (openapi/control.yaml)."""

from __future__ import annotations

from typing import Any

from agentrun_control_api.models import (
    AgentRuntime,
    AgentRuntimeEndpoint,
    AgentRuntimeVersion,
    CreateAgentRuntimeEndpointInput,
    CreateAgentRuntimeInput,
    PublishRuntimeVersionInput,
    UpdateAgentRuntimeEndpointInput,
    UpdateAgentRuntimeInput,
)
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from agentrun.local import schema
from agentrun.local.control.crud import (
    Change,
    Doc,
    Keys,
    Parent,
    Spec,
    by_id,
    crud_routes,
    emit,
    equals,
    get_handler,
    has_all,
    list_handler,
    name_like,
    require,
    workspace_filters,
)
from agentrun.local.requests import read_body
from agentrun.local.resources import AGENT_RUNTIME as RUNTIME
from agentrun.local.resources import AGENT_RUNTIME_ENDPOINT as ENDPOINT
from agentrun.local.resources import AGENT_RUNTIME_VERSION as VERSION
from agentrun.local.responses import envelope, not_found
from agentrun.local.state import ServerState, state_of, timestamp
from agentrun.local.store import Tx

_REGISTRY_PASSWORD = "containerConfiguration.registryConfig.authConfig.password"


def _runtime_created(c: Change) -> None:
    c.doc.setdefault("sessionConcurrencyLimitPerInstance", 1)
    c.doc["agentRuntimeVersion"] = "LATEST"
    c.doc["agentRuntimeArn"] = c.state.arn(f"agentruntimes/{c.doc['agentRuntimeId']}")


def _scaling_status(doc: Doc) -> None:
    """The endpoint's scalingStatus mirrors its scalingConfig (no instances run locally)."""
    config = doc.get("scalingConfig")
    if not isinstance(config, dict):
        doc.pop("scalingStatus", None)
        return
    status: dict[str, Any] = {"minInstances": config.get("minInstances", 0), "currentInstances": 0}
    status["targetInstances"] = status["minInstances"]
    if "scheduledPolicies" in config:
        status["scheduledPolicies"] = config["scheduledPolicies"]
    doc["scalingStatus"] = status


def _endpoint_created(c: Change) -> None:
    assert c.parent is not None
    runtime_id, name = c.parent["agentRuntimeId"], c.doc["agentRuntimeEndpointName"]
    c.doc["agentRuntimeId"] = runtime_id
    c.doc.setdefault("targetVersion", "LATEST")
    c.doc["agentRuntimeEndpointArn"] = c.state.arn(
        f"agentruntimes/{runtime_id}/endpoints/{c.doc['agentRuntimeEndpointId']}"
    )
    c.doc["endpointPublicUrl"] = (
        f"{c.state.data_endpoint}/agent-runtimes/{c.parent['agentRuntimeName']}/endpoints/{name}/invocations"
    )
    _scaling_status(c.doc)


def _endpoint_updated(c: Change) -> None:
    if c.doc.pop("deleteScalingConfig", False):  # an action flag, not a field to keep
        c.doc.pop("scalingConfig", None)
    _scaling_status(c.doc)


class _Deploy:
    """Code packages become builds and instances (runtimes/manager.py): the record is written only once the package
    checked out, and the status settles when the build is done."""

    async def prepare(self, state: ServerState, doc: Doc) -> None:
        await state.runtimes.prepare(doc)

    def pending(self, state: ServerState, doc: Doc) -> bool:
        return state.runtimes.pending(doc)

    def committed(self, state: ServerState, key: str, doc: Doc) -> None:
        state.runtimes.committed(key, doc)

    def abandoned(self, state: ServerState, doc: Doc) -> None:
        state.runtimes.abandoned(doc)

    async def deleted(self, state: ServerState, key: str) -> None:
        await state.runtimes.deleted(key)


RUNTIMES = Spec(
    kind=RUNTIME,
    keys=by_id("agentRuntime", "ar-"),
    output=AgentRuntime,
    create_input=CreateAgentRuntimeInput,
    update_input=UpdateAgentRuntimeInput,
    children=(ENDPOINT, VERSION),
    filters={
        "agentRuntimeName": name_like("agentRuntimeName"),
        "status": equals("status", ignore_case=True),
        "systemTags": has_all("systemTags"),
        "resourceGroupId": equals("resourceGroupId"),
        **workspace_filters(),
    },
    secrets=(_REGISTRY_PASSWORD,),
    on_create=_runtime_created,
    lifecycle=_Deploy(),
)

ENDPOINTS = Spec(
    kind=ENDPOINT,
    keys=by_id("agentRuntimeEndpoint", "are-"),
    output=AgentRuntimeEndpoint,
    create_input=CreateAgentRuntimeEndpointInput,
    update_input=UpdateAgentRuntimeEndpointInput,
    parent=Parent(RUNTIME, "agentRuntimeId"),
    filters={"endpointName": name_like("agentRuntimeEndpointName")},
    workspace=False,
    on_create=_endpoint_created,
    on_update=_endpoint_updated,
)

VERSIONS = Spec(
    kind=VERSION,
    keys=Keys("agentRuntimeVersion", "agentRuntimeVersion"),
    output=AgentRuntimeVersion,
    parent=Parent(RUNTIME, "agentRuntimeId"),
    has_status=False,
    workspace=False,
)


async def publish_version(request: Request) -> Response:
    """PublishRuntimeVersion: freeze the runtime's current configuration as version N+1."""
    state = state_of(request)
    body = schema.project(PublishRuntimeVersionInput, await read_body(request, PublishRuntimeVersionInput))
    runtime_id = str(request.path_params["agentRuntimeId"])

    def write(tx: Tx) -> Doc:
        runtime, _ = require(tx, RUNTIMES, runtime_id, "")
        number = 1 + max((int(row.key) for row in tx.list(VERSION, parent=runtime_id)), default=0)
        version = {
            **body,
            "agentRuntimeId": runtime_id,
            "agentRuntimeArn": runtime.get("agentRuntimeArn"),
            "agentRuntimeName": runtime.get("agentRuntimeName"),
            "agentRuntimeVersion": str(number),
            "lastUpdatedAt": timestamp(),
            # Not part of the AgentRuntimeVersion model (so never emitted): GetAgentRuntime?agentRuntimeVersion=N.
            "snapshot": {**runtime, "agentRuntimeVersion": str(number)},
        }
        tx.insert(VERSION, str(number), version, parent=runtime_id)
        return version

    return envelope(request, emit(state, VERSIONS, await state.store.transact(write)))


_get_current = get_handler(RUNTIMES)


async def get_runtime(request: Request) -> Response:
    """GetAgentRuntime, optionally as of a published version (`?agentRuntimeVersion=N`)."""
    version = request.query_params.get("agentRuntimeVersion", "")
    if version in ("", "LATEST"):
        return await _get_current(request)
    state = state_of(request)
    runtime_id = str(request.path_params["agentRuntimeId"])

    def read(tx: Tx) -> Doc:
        require(tx, RUNTIMES, runtime_id, "")
        found = tx.get(VERSION, version, parent=runtime_id)
        if found is None:
            raise not_found(VERSION, f"{runtime_id}@{version}")
        snapshot: Doc = found["snapshot"]
        return snapshot

    return envelope(request, emit(state, RUNTIMES, await state.store.transact(read)))


def routes() -> list[BaseRoute]:
    runtime = "/agents/runtimes/{agentRuntimeId}"
    return [
        *crud_routes(RUNTIMES, "/agents/runtimes", runtime, get=get_runtime),
        *crud_routes(ENDPOINTS, f"{runtime}/endpoints", f"{runtime}/endpoints/{{agentRuntimeEndpointId}}"),
        Route(f"{runtime}/versions", list_handler(VERSIONS), methods=["GET"]),
        Route(f"{runtime}/versions", publish_version, methods=["POST"]),
    ]
