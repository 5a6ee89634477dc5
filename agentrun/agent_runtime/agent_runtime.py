"""Agent runtimes: hosted agent code or containers, the endpoints that serve them and their published versions."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any, Self, TypedDict, Unpack

import agentrun_control_api.models as control_models
from agentrun_control_api.api.agent_runtimes import (
    create_agent_runtime,
    create_agent_runtime_endpoint,
    delete_agent_runtime,
    delete_agent_runtime_endpoint,
    get_agent_runtime,
    get_agent_runtime_endpoint,
    list_agent_runtime_endpoints,
    list_agent_runtime_versions,
    list_agent_runtimes,
    publish_runtime_version,
    update_agent_runtime,
    update_agent_runtime_endpoint,
)
from agentrun_control_api.models import AgentRuntime as AgentRuntimeModel
from agentrun_control_api.models import AgentRuntimeEndpoint as AgentRuntimeEndpointModel

from agentrun import errors
from agentrun._core.aio import call_back, in_thread
from agentrun._core.bound import BoundResource, WireText, forwarder, updater
from agentrun._core.http import CallOptions, HttpCore
from agentrun._core.paging import AsyncPager
from agentrun._core.resource import (
    ControlAPI,
    ListOptions,
    WireObject,
    WriteOptions,
    bound,
    build_input,
    copy_fields,
    text_of,
)
from agentrun._core.waiting import wait_for_status

if TYPE_CHECKING:
    from agentrun_control_api.fields import (
        CreateAgentRuntimeEndpointMore,
        CreateAgentRuntimeMore,
        ListAgentRuntimeEndpointsFilters,
        ListAgentRuntimesFilters,
        UpdateAgentRuntimeEndpointMore,
        UpdateAgentRuntimeMore,
    )
    from agentrun_control_api.models import (
        AgentRuntimeVersion,
        ArtifactType,
        CodeConfiguration,
        ContainerConfiguration,
        NetworkConfiguration,
    )
    from agentrun_data_api.models import AgentRuntimeLogs

    from agentrun.agent_runtime.packaging import CodePackage

    class AgentRuntimeQuery(ListAgentRuntimesFilters, ListOptions):
        """The filters and paging of `agent_runtimes.list`."""

    class AgentRuntimeEndpointQuery(ListAgentRuntimeEndpointsFilters, ListOptions):
        """The filters and paging of `agent_runtimes.list_endpoints`."""

    class ArtifactFields(TypedDict, total=False):
        """What a runtime runs (`code` or `container`, dicts with the wire keys; `artifact_type` Code or Container,
        inferred from which is given) and its `network`."""

        code: CodeConfiguration | WireObject | None
        container: ContainerConfiguration | WireObject | None
        artifact_type: ArtifactType | str | None
        network: NetworkConfiguration | WireObject | None

    class CreateRuntimeParams(ArtifactFields, CreateAgentRuntimeMore, WriteOptions):
        """The keyword arguments of `agent_runtimes.create`."""

    class UpdateRuntimeParams(ArtifactFields, UpdateAgentRuntimeMore, WriteOptions):
        """The keyword arguments of `agent_runtimes.update`."""

    class CreateEndpointParams(CreateAgentRuntimeEndpointMore, WriteOptions):
        """The keyword arguments of `agent_runtimes.create_endpoint`."""

    class UpdateEndpointParams(UpdateAgentRuntimeEndpointMore, WriteOptions):
        """The keyword arguments of `agent_runtimes.update_endpoint` (and of an endpoint's `update`)."""

    # Imported where used: invoking and logs pull in the model gateway's modules, which a client that only manages
    # runtimes never needs (`import agentrun` stays cheap with every manager touched).
    from agentrun.agent_runtime.agui import AgUiParams, AgUiStream
    from agentrun.agent_runtime.invocation import InvokeParams
    from agentrun.agent_runtime.logs import LogStream
    from agentrun.model.chat_stream import ChatStream
    from agentrun.model.completions import ChatCompletion
    from agentrun.model.messages import Message

DEPLOY_TIMEOUT = 600.0
"""Seconds `deploy` waits for READY by default: installing requirements.txt can take minutes."""


def _artifact_type(
    artifact_type: ArtifactType | str | None, code: object | None, container: object | None
) -> ArtifactType | None:
    """The given type, else Code or Container by which configuration is set (as the official SDK infers it)."""
    if artifact_type is not None:
        return control_models.ArtifactType(artifact_type)
    if code is not None:
        return control_models.ArtifactType.CODE
    return control_models.ArtifactType.CONTAINER if container is not None else None


def _split_artifact(given: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """A runtime's other fields, and its `ArtifactFields` under their wire names (the artifact type inferred)."""
    fields = dict(given)
    code, container, kind, network = (
        fields.pop(key, None) for key in ("code", "container", "artifact_type", "network")
    )
    return fields, {
        "code_configuration": code,
        "container_configuration": container,
        "artifact_type": _artifact_type(kind, code, container),
        "network_configuration": network,
    }


def _endpoints_state(endpoints: list[AgentRuntimeEndpoint]) -> str:
    """DELETED once the list is empty; DELETE_FAILED if any endpoint failed to go."""
    if not endpoints:
        return "DELETED"
    failed = any(text_of(e.status).upper() == control_models.ResourceStatus.DELETE_FAILED for e in endpoints)
    return control_models.ResourceStatus.DELETE_FAILED if failed else control_models.ResourceStatus.DELETING


# The packaging module (zip, CRC-64) is loaded by a deploy's first step, in its worker thread: an SDK that never
# deploys never imports it.
def _default_command(source: str | os.PathLike[str] | bytes, language: str) -> list[str]:
    from agentrun.agent_runtime.packaging import default_command

    return default_command(source, language)


def _load_package(source: str | os.PathLike[str] | bytes) -> CodePackage:
    from agentrun.agent_runtime.packaging import load_package

    return load_package(source)


class AgentRuntimes(ControlAPI):
    """`client.agent_runtimes`: agent runtimes, their endpoints and versions."""

    def __init__(self, core: HttpCore) -> None:
        super().__init__(core)

    def _bind_endpoint(self, endpoint: AgentRuntimeEndpoint, runtime_id: str) -> AgentRuntimeEndpoint:
        endpoint._api = self
        if not text_of(endpoint.agent_runtime_id):
            endpoint.agent_runtime_id = runtime_id
        return endpoint

    # -- runtimes ------------------------------------------------------------------------------------------------

    async def create(self, name: str, **given: Unpack[CreateRuntimeParams]) -> AgentRuntime:
        """Create a runtime from `code` (language, command and zipFile or ossBucketName/ossObjectName) or from
        `container` (image, command, port); dicts use the wire keys. `artifact_type` is inferred from which one is
        given; `network` is public unless given. The other CreateAgentRuntimeInput fields (cpu, 2 by default;
        memory, 4096 MB; port, 9000; environment_variables, description, credential_name, workspace_id, disk_size,
        session_idle_timeout_seconds, ...) are keyword arguments too."""
        fields, artifact = _split_artifact(given)
        if artifact["artifact_type"] is None:
            raise errors.InvalidArgumentError(
                "create agent runtime: pass code= (a code package) or container= (an image), or artifact_type="
            )
        public = control_models.NetworkConfiguration(network_mode=control_models.NetworkMode.PUBLIC)
        artifact["network_configuration"] = artifact["network_configuration"] or public
        return await self._write(
            create_agent_runtime.request, AgentRuntime, control_models.CreateAgentRuntimeInput, fields,
            agent_runtime_name=name, cpu=2, memory=4096, port=9000, **artifact,
        )  # fmt: skip

    async def get(self, id: str, *, version: str | None = None, options: CallOptions | None = None) -> AgentRuntime:
        """The runtime, or the given published `version` of it."""
        return await self._load(
            get_agent_runtime.request(agent_runtime_id=id, agent_runtime_version=version),
            AgentRuntime,
            what="agent runtime",
            options=options,
        )

    async def update(self, id: str, /, **given: Unpack[UpdateRuntimeParams]) -> AgentRuntime:
        """Change the given fields (code, container, artifact_type, network, cpu, memory, port, description,
        environment_variables, credential_name and the other UpdateAgentRuntimeInput fields); only they are sent and
        the others keep their values."""
        fields, artifact = _split_artifact(given)
        return await self._write(
            partial(update_agent_runtime.request, agent_runtime_id=id), AgentRuntime,
            control_models.UpdateAgentRuntimeInput, fields, **artifact,
        )  # fmt: skip

    async def delete(
        self, id: str, *, cascade: bool = False, timeout: float = 300.0, options: CallOptions | None = None
    ) -> None:
        """Delete the runtime. With `cascade`, delete its endpoints first and wait up to `timeout` seconds until
        they are gone from the endpoint list."""
        if cascade:
            await self._delete_endpoints(id, wait_seconds=timeout, options=options)
        await self._send(
            delete_agent_runtime.request(agent_runtime_id=id), AgentRuntimeModel, what="agent runtime", options=options
        )

    async def _delete_endpoints(self, runtime_id: str, *, wait_seconds: float, options: CallOptions | None) -> None:
        for endpoint in await self.list_endpoints(runtime_id, options=options).to_list():
            with contextlib.suppress(errors.NotFoundError):  # already gone
                await self.delete_endpoint(runtime_id, endpoint.id, options=options)
        await wait_for_status(
            lambda: self.list_endpoints(runtime_id, options=options).to_list(),
            _endpoints_state,
            what=f"deleting the endpoints of agent runtime {runtime_id}",
            ready={"DELETED"},
            reason_of=lambda endpoints: "; ".join(text_of(e.status_reason) for e in endpoints) or None,
            timeout=wait_seconds,
        )

    def list(
        self, *, name: str | None = None, system_tags: Sequence[str] | None = None, **query: Unpack[AgentRuntimeQuery]
    ) -> AsyncPager[AgentRuntime]:
        """Every runtime matching the filters (name, status, search_mode, workspace_id, ...); pages under `async for`.
        `system_tags` match exactly, all of them."""
        tags = ",".join(system_tags) if system_tags else None
        return self._paged(
            list_agent_runtimes.request, AgentRuntime, "agent runtime", agent_runtime_name=name,
            system_tags=tags, **query,
        )  # fmt: skip

    async def find(self, name: str, *, options: CallOptions | None = None) -> AgentRuntime | None:
        """The runtime named `name`, or None when there is none."""
        async for runtime in self.list(name=name, options=options):
            if runtime.name == name:
                return runtime
        return None

    async def deploy(
        self,
        source: str | os.PathLike[str] | bytes,
        name: str,
        *,
        command: Sequence[str] | None = None,
        language: str = "python3.12",
        environment_variables: Mapping[str, str] | None = None,
        port: int = 9000,
        cpu: float = 2,
        memory: int = 4096,
        description: str | None = None,
        timeout: float = DEPLOY_TIMEOUT,
        on_progress: Callable[[str], object] | None = None,
        options: CallOptions | None = None,
    ) -> AgentRuntime:
        """Deploy the agent's code: `source` is a folder (zipped here, leaving out what its `.agentrunignore` and
        the usual caches say), a .zip file, or zip bytes. Creates the runtime `name`, or updates its code and
        settings when it exists, then waits up to `timeout` seconds until it is READY (requirements.txt is
        installed meanwhile) and returns it; a failed install raises ResourceFailedError with the installer's
        last lines. `command` defaults to the folder's main.py/app.py (index.js/main.js for nodejs languages).
        `on_progress` (plain or async) is told each step as text."""
        if command is None:
            command = await in_thread(lambda: _default_command(source, language))
        await call_back(on_progress, f"packaging {source if not isinstance(source, bytes | bytearray) else 'zip'}")

        entry = list(command)

        def pack() -> tuple[CodePackage, dict[str, object]]:  # zip and CRC-64 off the event loop
            package = _load_package(source)
            return package, package.code_configuration(language=language, command=entry)

        package, code = await in_thread(pack)
        files = f"{package.files} files" if package.files >= 0 else "the zip"
        await call_back(on_progress, f"packaged {files}, {len(package.data) / 1024:.1f} KiB")
        existing = await self.find(name, options=options)
        await call_back(on_progress, f"uploading to {'update' if existing else 'create'} agent runtime {name}")
        if existing is None:
            runtime = await self.create(
                name, code=code, environment_variables=environment_variables, port=port, cpu=cpu, memory=memory,
                description=description, options=options,
            )  # fmt: skip
        else:
            runtime = await self.update(
                existing.id, code=code, environment_variables=environment_variables, port=port, cpu=cpu,
                memory=memory, description=description, options=options,
            )  # fmt: skip
        await call_back(on_progress, f"installing: {text_of(runtime.status)}, waiting until READY")
        await runtime.wait_until_ready(timeout=timeout, interval=1.0, options=options)
        await call_back(on_progress, f"ready: agent runtime {name} ({runtime.id})")
        return runtime

    # -- invocation (data plane) ---------------------------------------------------------------------------------

    async def invoke(self, name: str, messages: Sequence[Message], **given: Unpack[InvokeParams]) -> ChatCompletion:
        """The answer of the runtime `name` to `messages`, over the OpenAI protocol. The keyword arguments
        (InvokeParams): `endpoint` ("Default" when left out), `session_id` keeps a conversation on one instance,
        `tools`, `options`, and `extra_body` adds fields the agent reads."""
        from agentrun.agent_runtime import invocation

        return await invocation.invoke(self._core, name, messages, **given)

    def invoke_stream(self, name: str, messages: Sequence[Message], **given: Unpack[InvokeParams]) -> ChatStream:
        """`invoke`, streamed: a ChatStream of ChatCompletionChunks, as the agent writes them. A stream that breaks
        or ends before `[DONE]` raises ModelStreamError carrying what arrived."""
        from agentrun.agent_runtime import invocation

        return invocation.invoke_stream(self._core, name, messages, **given)

    def invoke_agui(self, name: str, messages: Sequence[Message], **given: Unpack[AgUiParams]) -> AgUiStream:
        """A run of the runtime `name` over AG-UI: an AgUiStream of typed AG-UI events (`ag_ui.core` models, the
        `agui` extra), RUN_STARTED to RUN_FINISHED or RUN_ERROR. `messages`, `tools`, `endpoint` and `session_id`
        are given as for `invoke`; `thread_id`/`run_id` are made up when not given; `state`, `context` and
        `forwarded_props` go to the agent (AgUiParams). A stream that stops mid-run raises StreamError."""
        from agentrun.agent_runtime import agui

        return agui.invoke_agui(self._core, name, messages, **given)

    # -- instance logs (data plane, an AgentRun Local extension) ---------------------------------------------------

    async def logs(
        self,
        name: str,
        *,
        instance_id: str | None = None,
        tail_bytes: int | None = None,
        options: CallOptions | None = None,
    ) -> AgentRuntimeLogs:
        """What the instances of the runtime `name` wrote to stdout and stderr: the running ones and the last few
        that ended, oldest first, each with its most recent output (bounded by size; `droppedBytes` counts the rest),
        or only its last `tail_bytes`. `instance_id` (an invocation's `x-agentrun-instance-id`) picks one."""
        from agentrun.agent_runtime import logs

        return await logs.get_logs(self._core, name, instance_id=instance_id, tail_bytes=tail_bytes, options=options)

    def follow_logs(
        self,
        name: str,
        *,
        instance_id: str | None = None,
        tail_bytes: int | None = None,
        options: CallOptions | None = None,
    ) -> LogStream:
        """The runtime's logs as they are written: a LogStream of AgentRuntimeLogEvents (`output` with `text`, then
        `exit` when an instance ends), from what is kept (or its last `tail_bytes`) on, instances started later
        included, until the loop is left (or, with `instance_id`, that instance has ended)."""
        from agentrun.agent_runtime import logs

        return logs.follow_logs(self._core, name, instance_id=instance_id, tail_bytes=tail_bytes, options=options)

    # -- endpoints -----------------------------------------------------------------------------------------------

    async def create_endpoint(
        self, runtime_id: str, name: str, **given: Unpack[CreateEndpointParams]
    ) -> AgentRuntimeEndpoint:
        """Create an endpoint serving `target_version` ("LATEST" unless given) of the runtime. The other
        CreateAgentRuntimeEndpointInput fields (description, routing_configuration, scaling_config,
        disable_public_network_access) are keyword arguments too."""
        return await self._write(
            partial(create_agent_runtime_endpoint.request, agent_runtime_id=runtime_id), AgentRuntimeEndpoint,
            control_models.CreateAgentRuntimeEndpointInput, given,
            bind=lambda endpoint: self._bind_endpoint(endpoint, runtime_id), agent_runtime_endpoint_name=name,
            target_version="LATEST",
        )  # fmt: skip

    async def get_endpoint(
        self, runtime_id: str, endpoint_id: str, *, options: CallOptions | None = None
    ) -> AgentRuntimeEndpoint:
        found = await self._send(
            get_agent_runtime_endpoint.request(agent_runtime_id=runtime_id, agent_runtime_endpoint_id=endpoint_id),
            AgentRuntimeEndpoint,
            what="agent runtime endpoint",
            options=options,
        )
        return self._bind_endpoint(found, runtime_id)

    async def update_endpoint(
        self, runtime_id: str, endpoint_id: str, **given: Unpack[UpdateEndpointParams]
    ) -> AgentRuntimeEndpoint:
        """Change the given fields (target_version, description, agent_runtime_endpoint_name, routing_configuration,
        scaling_config, delete_scaling_config); the others keep their values."""
        return await self._write(
            partial(update_agent_runtime_endpoint.request, agent_runtime_id=runtime_id,
                    agent_runtime_endpoint_id=endpoint_id),
            AgentRuntimeEndpoint, control_models.UpdateAgentRuntimeEndpointInput, given,
            bind=lambda endpoint: self._bind_endpoint(endpoint, runtime_id),
        )  # fmt: skip

    async def delete_endpoint(self, runtime_id: str, endpoint_id: str, *, options: CallOptions | None = None) -> None:
        await self._send(
            delete_agent_runtime_endpoint.request(agent_runtime_id=runtime_id, agent_runtime_endpoint_id=endpoint_id),
            AgentRuntimeEndpointModel,
            what="agent runtime endpoint",
            options=options,
        )

    def list_endpoints(
        self, runtime_id: str, *, name: str | None = None, **query: Unpack[AgentRuntimeEndpointQuery]
    ) -> AsyncPager[AgentRuntimeEndpoint]:
        """The runtime's endpoints (those named `name`, say); pages under `async for`."""
        filtered = partial(list_agent_runtime_endpoints.request, agent_runtime_id=runtime_id, endpoint_name=name)
        return self._paged(
            filtered, AgentRuntimeEndpoint, "agent runtime endpoint",
            bind=lambda endpoint: self._bind_endpoint(endpoint, runtime_id), **query,
        )  # fmt: skip

    # -- versions ------------------------------------------------------------------------------------------------

    def list_versions(self, runtime_id: str, **paging: Unpack[ListOptions]) -> AsyncPager[AgentRuntimeVersion]:
        """The runtime's published versions; pages under `async for`."""
        filtered = partial(list_agent_runtime_versions.request, agent_runtime_id=runtime_id)
        return self._paged(filtered, control_models.AgentRuntimeVersion, "agent runtime version", **paging)

    async def publish_version(
        self,
        runtime_id: str,
        *,
        description: str | None = None,
        publisher: str | None = None,
        options: CallOptions | None = None,
    ) -> AgentRuntimeVersion:
        """Publish the runtime's current configuration as a new immutable version (for endpoints to target)."""
        body = build_input(
            control_models.PublishRuntimeVersionInput,
            "publish runtime version",
            description=description,
            publisher=publisher,
        )
        return await self._send(
            publish_runtime_version.request(agent_runtime_id=runtime_id, body=body),
            control_models.AgentRuntimeVersion,
            what="agent runtime version",
            options=options,
        )


class AgentRuntime(BoundResource[AgentRuntimes], AgentRuntimeModel):
    """An agent runtime as the service returns it, with methods that act on it."""

    _what = "agent runtime"

    id = WireText("agent_runtime_id")

    name = WireText("agent_runtime_name")

    update = updater(AgentRuntimes.update)

    async def delete(self, *, cascade: bool = True, timeout: float = 300.0, options: CallOptions | None = None) -> None:
        """Delete the runtime. With `cascade` (the default, as in the official SDK) its endpoints are deleted first,
        waiting up to `timeout` seconds for them to leave the endpoint list."""
        await bound(self._api, self).delete(self.id, cascade=cascade, timeout=timeout, options=options)

    # The manager's methods, sent for this runtime: invocations and logs go by its name, the rest by its id.
    invoke = forwarder(AgentRuntimes.invoke, key="name")
    invoke_stream = forwarder(AgentRuntimes.invoke_stream, key="name")
    invoke_agui = forwarder(AgentRuntimes.invoke_agui, key="name")
    logs = forwarder(AgentRuntimes.logs, key="name")
    follow_logs = forwarder(AgentRuntimes.follow_logs, key="name")
    create_endpoint = forwarder(AgentRuntimes.create_endpoint)
    list_endpoints = forwarder(AgentRuntimes.list_endpoints)
    list_versions = forwarder(AgentRuntimes.list_versions)
    publish_version = forwarder(AgentRuntimes.publish_version)


class AgentRuntimeEndpoint(BoundResource[AgentRuntimes], AgentRuntimeEndpointModel):
    """An endpoint of an agent runtime (a public URL serving one version, or several by weight)."""

    _what = "agent runtime endpoint"

    id = WireText("agent_runtime_endpoint_id")

    name = WireText("agent_runtime_endpoint_name")

    runtime_id = WireText("agent_runtime_id")

    async def _fetch(self, options: CallOptions | None) -> AgentRuntimeEndpoint:
        return await self._manager().get_endpoint(self.runtime_id, self.id, options=options)

    async def update(self, **given: Unpack[UpdateEndpointParams]) -> Self:
        """Change the given fields (others keep their values) and reload."""
        updated = await self._manager().update_endpoint(self.runtime_id, self.id, **given)
        copy_fields(updated, self)
        return self

    async def delete(self, *, options: CallOptions | None = None) -> None:
        await self._manager().delete_endpoint(self.runtime_id, self.id, options=options)
