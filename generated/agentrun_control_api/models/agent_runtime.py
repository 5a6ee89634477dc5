from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from dataclasses import dataclass as _dataclass
from dataclasses import field as _field

from ..models.artifact_type import ArtifactType
from ..models.resource_status import ResourceStatus
from ..models.session_affinity_type import SessionAffinityType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.code_configuration import CodeConfiguration
    from ..models.container_configuration import ContainerConfiguration
    from ..models.environment_variables import EnvironmentVariables
    from ..models.health_check_configuration import HealthCheckConfiguration
    from ..models.log_configuration import LogConfiguration
    from ..models.nas_config import NASConfig
    from ..models.network_configuration import NetworkConfiguration
    from ..models.oss_mount_config import OSSMountConfig
    from ..models.protocol_configuration import ProtocolConfiguration


T = TypeVar("T", bound="AgentRuntime")


@_dataclass(slots=True, weakref_slot=True)
class AgentRuntime:
    """An agent runtime. Timestamps are ISO-8601 strings with microseconds and UTC offset (e.g.
    2026-01-15T17:12:59.375168+08:00).

    """

    agent_runtime_arn: str | Unset = UNSET
    """ Resource ARN (acs:agentrun:<region>:<account>:...). """
    agent_runtime_id: str | Unset = UNSET
    """ Server-generated ID; the {agentRuntimeId} path parameter. """
    agent_runtime_name: str | Unset = UNSET
    """ Name, unique per account and region. """
    agent_runtime_version: str | Unset = UNSET
    """ Version this object describes. """
    artifact_type: ArtifactType | Unset = UNSET
    """ Deployment artefact kind. """
    code_configuration: CodeConfiguration | Unset = UNSET
    """ Code artefact, either inline (zipFile) or on OSS (ossBucketName/ossObjectName). AgentRun Local takes only
    zipFile (OSS references are a 400) and checks it before writing anything: base64, the checksum when given, at
    most 50 MiB zipped, 500 MiB unpacked and 20,000 entries, no absolute paths, `..` or symbolic links (each a 400
    saying what to change). It installs the package's dependencies at deploy time: requirements.txt, or without one
    pyproject.toml's [project].dependencies (the project itself is not built), into a per-build environment;
    package.json's dependencies with `npm install --omit=dev` (status CREATING/UPDATING until done, then READY or
    CREATE_FAILED/UPDATE_FAILED with the installer's last lines in statusReason) and does not return zipFile.
    AgentRun Local does not run Container artifacts: a create or update that leaves the runtime a Container artifact
    ends in CREATE_FAILED/UPDATE_FAILED with statusReason "Container artifacts are not supported by AgentRun Local:
    deploy a Code package (...)", and invoking it answers 501. """
    container_configuration: ContainerConfiguration | Unset = UNSET
    """ Container image artefact. """
    cpu: float | Unset = UNSET
    """ vCPU cores. """
    created_at: str | Unset = UNSET
    """ ISO-8601 creation time. """
    credential_name: str | Unset = UNSET
    """ Inbound credential protecting invocation of the runtime. """
    description: str | Unset = UNSET
    disable_ondemand: bool | Unset = UNSET
    """ true disables on-demand elasticity. """
    disable_session_affinity: bool | Unset = UNSET
    """ true disables session affinity. """
    disk_size: int | Unset = UNSET
    """ Instance disk size in GB. """
    edition: str | Unset = UNSET
    """ Edition (opaque string). """
    enable_session_isolation: bool | Unset = UNSET
    """ Run every session in an isolated environment. """
    environment_variables: EnvironmentVariables | Unset = UNSET
    """ Environment variables (string-to-string map). """
    execution_role_arn: str | Unset = UNSET
    """ RAM role ARN assumed by the service. """
    external_agent_endpoint_url: str | Unset = UNSET
    """ URL of an agent hosted outside the platform (used by SuperAgent). """
    header_field_name: str | Unset = UNSET
    """ Header used for affinity when sessionAffinityType is HEADER_FIELD. """
    health_check_configuration: HealthCheckConfiguration | Unset = UNSET
    """ HTTP health check. AgentRun Local sends an instance traffic once GET httpGetUrl (default /health) answers
    below 400; requests that arrive meanwhile wait. It gives up after initialDelaySeconds + periodSeconds x
    failureThreshold (60 s when either of the last two is unset, at most 600 s), stops the instance, and the waiting
    requests get a 503. """
    last_updated_at: str | Unset = UNSET
    """ ISO-8601 last update time. """
    log_configuration: LogConfiguration | Unset = UNSET
    """ SLS log target. """
    memory: int | Unset = UNSET
    """ Memory in MB. """
    nas_config: NASConfig | Unset = UNSET
    """ NAS mounts. """
    network_configuration: NetworkConfiguration | Unset = UNSET
    """ Network settings. The official SDK sends {"networkMode":"PUBLIC"} by default. """
    oss_mount_config: OSSMountConfig | Unset = UNSET
    """ OSS mounts. """
    port: int | Unset = UNSET
    """ Listen port of the agent process. """
    protocol_configuration: ProtocolConfiguration | Unset = UNSET
    """ Protocol of an agent runtime. Servers should store and return it unchanged, including externalEndpoint. """
    resource_group_id: str | Unset = UNSET
    """ Resource group ID. """
    session_affinity_type: SessionAffinityType | Unset = UNSET
    """ Session affinity of an agent runtime. COOKIE is accepted as an alias of GENERATED_COOKIE. """
    session_concurrency_limit_per_instance: int | Unset = UNSET
    """ Maximum concurrent sessions per instance. """
    session_idle_timeout_seconds: int | Unset = UNSET
    """ Idle seconds before a session expires. """
    status: ResourceStatus | Unset = UNSET
    """ Lifecycle status of control-plane resources. Transitional CREATING/UPDATING/DELETING; final READY and
    *_FAILED (FAILED appears in API docs for agent runtimes). Open set. """
    status_reason: str | Unset = UNSET
    """ Reason for the status, especially failures. """
    system_tags: list[str] | Unset = UNSET
    """ Platform tags (SuperAgent marks its runtimes here). """
    workspace_id: str | Unset = UNSET
    """ Workspace ID. """
    additional_properties: dict[str, Any] = _field(init=False, default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agent_runtime_arn = self.agent_runtime_arn

        agent_runtime_id = self.agent_runtime_id

        agent_runtime_name = self.agent_runtime_name

        agent_runtime_version = self.agent_runtime_version

        artifact_type: str | Unset = UNSET
        if not isinstance(self.artifact_type, Unset):
            artifact_type = self.artifact_type.value

        code_configuration: dict[str, Any] | Unset = UNSET
        if not isinstance(self.code_configuration, Unset):
            code_configuration = self.code_configuration.to_dict()

        container_configuration: dict[str, Any] | Unset = UNSET
        if not isinstance(self.container_configuration, Unset):
            container_configuration = self.container_configuration.to_dict()

        cpu = self.cpu

        created_at = self.created_at

        credential_name = self.credential_name

        description = self.description

        disable_ondemand = self.disable_ondemand

        disable_session_affinity = self.disable_session_affinity

        disk_size = self.disk_size

        edition = self.edition

        enable_session_isolation = self.enable_session_isolation

        environment_variables: dict[str, Any] | Unset = UNSET
        if not isinstance(self.environment_variables, Unset):
            environment_variables = self.environment_variables.to_dict()

        execution_role_arn = self.execution_role_arn

        external_agent_endpoint_url = self.external_agent_endpoint_url

        header_field_name = self.header_field_name

        health_check_configuration: dict[str, Any] | Unset = UNSET
        if not isinstance(self.health_check_configuration, Unset):
            health_check_configuration = self.health_check_configuration.to_dict()

        last_updated_at = self.last_updated_at

        log_configuration: dict[str, Any] | Unset = UNSET
        if not isinstance(self.log_configuration, Unset):
            log_configuration = self.log_configuration.to_dict()

        memory = self.memory

        nas_config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.nas_config, Unset):
            nas_config = self.nas_config.to_dict()

        network_configuration: dict[str, Any] | Unset = UNSET
        if not isinstance(self.network_configuration, Unset):
            network_configuration = self.network_configuration.to_dict()

        oss_mount_config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.oss_mount_config, Unset):
            oss_mount_config = self.oss_mount_config.to_dict()

        port = self.port

        protocol_configuration: dict[str, Any] | Unset = UNSET
        if not isinstance(self.protocol_configuration, Unset):
            protocol_configuration = self.protocol_configuration.to_dict()

        resource_group_id = self.resource_group_id

        session_affinity_type: str | Unset = UNSET
        if not isinstance(self.session_affinity_type, Unset):
            session_affinity_type = self.session_affinity_type.value

        session_concurrency_limit_per_instance = self.session_concurrency_limit_per_instance

        session_idle_timeout_seconds = self.session_idle_timeout_seconds

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        status_reason = self.status_reason

        system_tags: list[str] | Unset = UNSET
        if not isinstance(self.system_tags, Unset):
            system_tags = self.system_tags

        workspace_id = self.workspace_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if agent_runtime_arn is not UNSET:
            field_dict["agentRuntimeArn"] = agent_runtime_arn
        if agent_runtime_id is not UNSET:
            field_dict["agentRuntimeId"] = agent_runtime_id
        if agent_runtime_name is not UNSET:
            field_dict["agentRuntimeName"] = agent_runtime_name
        if agent_runtime_version is not UNSET:
            field_dict["agentRuntimeVersion"] = agent_runtime_version
        if artifact_type is not UNSET:
            field_dict["artifactType"] = artifact_type
        if code_configuration is not UNSET:
            field_dict["codeConfiguration"] = code_configuration
        if container_configuration is not UNSET:
            field_dict["containerConfiguration"] = container_configuration
        if cpu is not UNSET:
            field_dict["cpu"] = cpu
        if created_at is not UNSET:
            field_dict["createdAt"] = created_at
        if credential_name is not UNSET:
            field_dict["credentialName"] = credential_name
        if description is not UNSET:
            field_dict["description"] = description
        if disable_ondemand is not UNSET:
            field_dict["disableOndemand"] = disable_ondemand
        if disable_session_affinity is not UNSET:
            field_dict["disableSessionAffinity"] = disable_session_affinity
        if disk_size is not UNSET:
            field_dict["diskSize"] = disk_size
        if edition is not UNSET:
            field_dict["edition"] = edition
        if enable_session_isolation is not UNSET:
            field_dict["enableSessionIsolation"] = enable_session_isolation
        if environment_variables is not UNSET:
            field_dict["environmentVariables"] = environment_variables
        if execution_role_arn is not UNSET:
            field_dict["executionRoleArn"] = execution_role_arn
        if external_agent_endpoint_url is not UNSET:
            field_dict["externalAgentEndpointUrl"] = external_agent_endpoint_url
        if header_field_name is not UNSET:
            field_dict["headerFieldName"] = header_field_name
        if health_check_configuration is not UNSET:
            field_dict["healthCheckConfiguration"] = health_check_configuration
        if last_updated_at is not UNSET:
            field_dict["lastUpdatedAt"] = last_updated_at
        if log_configuration is not UNSET:
            field_dict["logConfiguration"] = log_configuration
        if memory is not UNSET:
            field_dict["memory"] = memory
        if nas_config is not UNSET:
            field_dict["nasConfig"] = nas_config
        if network_configuration is not UNSET:
            field_dict["networkConfiguration"] = network_configuration
        if oss_mount_config is not UNSET:
            field_dict["ossMountConfig"] = oss_mount_config
        if port is not UNSET:
            field_dict["port"] = port
        if protocol_configuration is not UNSET:
            field_dict["protocolConfiguration"] = protocol_configuration
        if resource_group_id is not UNSET:
            field_dict["resourceGroupId"] = resource_group_id
        if session_affinity_type is not UNSET:
            field_dict["sessionAffinityType"] = session_affinity_type
        if session_concurrency_limit_per_instance is not UNSET:
            field_dict["sessionConcurrencyLimitPerInstance"] = session_concurrency_limit_per_instance
        if session_idle_timeout_seconds is not UNSET:
            field_dict["sessionIdleTimeoutSeconds"] = session_idle_timeout_seconds
        if status is not UNSET:
            field_dict["status"] = status
        if status_reason is not UNSET:
            field_dict["statusReason"] = status_reason
        if system_tags is not UNSET:
            field_dict["systemTags"] = system_tags
        if workspace_id is not UNSET:
            field_dict["workspaceId"] = workspace_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.code_configuration import CodeConfiguration  # noqa: PLC0415
        from ..models.container_configuration import ContainerConfiguration  # noqa: PLC0415
        from ..models.environment_variables import EnvironmentVariables  # noqa: PLC0415
        from ..models.health_check_configuration import HealthCheckConfiguration  # noqa: PLC0415
        from ..models.log_configuration import LogConfiguration  # noqa: PLC0415
        from ..models.nas_config import NASConfig  # noqa: PLC0415
        from ..models.network_configuration import NetworkConfiguration  # noqa: PLC0415
        from ..models.oss_mount_config import OSSMountConfig  # noqa: PLC0415
        from ..models.protocol_configuration import ProtocolConfiguration  # noqa: PLC0415

        d = dict(src_dict)
        agent_runtime_arn = d.pop("agentRuntimeArn", UNSET)

        agent_runtime_id = d.pop("agentRuntimeId", UNSET)

        agent_runtime_name = d.pop("agentRuntimeName", UNSET)

        agent_runtime_version = d.pop("agentRuntimeVersion", UNSET)

        _artifact_type = d.pop("artifactType", UNSET)
        artifact_type: ArtifactType | Unset
        if isinstance(_artifact_type, Unset):
            artifact_type = UNSET
        else:
            artifact_type = ArtifactType(_artifact_type)

        _code_configuration = d.pop("codeConfiguration", UNSET)
        code_configuration: CodeConfiguration | Unset
        if isinstance(_code_configuration, Unset):
            code_configuration = UNSET
        else:
            code_configuration = CodeConfiguration.from_dict(_code_configuration)

        _container_configuration = d.pop("containerConfiguration", UNSET)
        container_configuration: ContainerConfiguration | Unset
        if isinstance(_container_configuration, Unset):
            container_configuration = UNSET
        else:
            container_configuration = ContainerConfiguration.from_dict(_container_configuration)

        cpu = d.pop("cpu", UNSET)

        created_at = d.pop("createdAt", UNSET)

        credential_name = d.pop("credentialName", UNSET)

        description = d.pop("description", UNSET)

        disable_ondemand = d.pop("disableOndemand", UNSET)

        disable_session_affinity = d.pop("disableSessionAffinity", UNSET)

        disk_size = d.pop("diskSize", UNSET)

        edition = d.pop("edition", UNSET)

        enable_session_isolation = d.pop("enableSessionIsolation", UNSET)

        _environment_variables = d.pop("environmentVariables", UNSET)
        environment_variables: EnvironmentVariables | Unset
        if isinstance(_environment_variables, Unset):
            environment_variables = UNSET
        else:
            environment_variables = EnvironmentVariables.from_dict(_environment_variables)

        execution_role_arn = d.pop("executionRoleArn", UNSET)

        external_agent_endpoint_url = d.pop("externalAgentEndpointUrl", UNSET)

        header_field_name = d.pop("headerFieldName", UNSET)

        _health_check_configuration = d.pop("healthCheckConfiguration", UNSET)
        health_check_configuration: HealthCheckConfiguration | Unset
        if isinstance(_health_check_configuration, Unset):
            health_check_configuration = UNSET
        else:
            health_check_configuration = HealthCheckConfiguration.from_dict(_health_check_configuration)

        last_updated_at = d.pop("lastUpdatedAt", UNSET)

        _log_configuration = d.pop("logConfiguration", UNSET)
        log_configuration: LogConfiguration | Unset
        if isinstance(_log_configuration, Unset):
            log_configuration = UNSET
        else:
            log_configuration = LogConfiguration.from_dict(_log_configuration)

        memory = d.pop("memory", UNSET)

        _nas_config = d.pop("nasConfig", UNSET)
        nas_config: NASConfig | Unset
        if isinstance(_nas_config, Unset):
            nas_config = UNSET
        else:
            nas_config = NASConfig.from_dict(_nas_config)

        _network_configuration = d.pop("networkConfiguration", UNSET)
        network_configuration: NetworkConfiguration | Unset
        if isinstance(_network_configuration, Unset):
            network_configuration = UNSET
        else:
            network_configuration = NetworkConfiguration.from_dict(_network_configuration)

        _oss_mount_config = d.pop("ossMountConfig", UNSET)
        oss_mount_config: OSSMountConfig | Unset
        if isinstance(_oss_mount_config, Unset):
            oss_mount_config = UNSET
        else:
            oss_mount_config = OSSMountConfig.from_dict(_oss_mount_config)

        port = d.pop("port", UNSET)

        _protocol_configuration = d.pop("protocolConfiguration", UNSET)
        protocol_configuration: ProtocolConfiguration | Unset
        if isinstance(_protocol_configuration, Unset):
            protocol_configuration = UNSET
        else:
            protocol_configuration = ProtocolConfiguration.from_dict(_protocol_configuration)

        resource_group_id = d.pop("resourceGroupId", UNSET)

        _session_affinity_type = d.pop("sessionAffinityType", UNSET)
        session_affinity_type: SessionAffinityType | Unset
        if isinstance(_session_affinity_type, Unset):
            session_affinity_type = UNSET
        else:
            session_affinity_type = SessionAffinityType(_session_affinity_type)

        session_concurrency_limit_per_instance = d.pop("sessionConcurrencyLimitPerInstance", UNSET)

        session_idle_timeout_seconds = d.pop("sessionIdleTimeoutSeconds", UNSET)

        _status = d.pop("status", UNSET)
        status: ResourceStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = ResourceStatus(_status)

        status_reason = d.pop("statusReason", UNSET)

        system_tags = cast(list[str], d.pop("systemTags", UNSET))

        workspace_id = d.pop("workspaceId", UNSET)

        agent_runtime = cls(
            agent_runtime_arn=agent_runtime_arn,
            agent_runtime_id=agent_runtime_id,
            agent_runtime_name=agent_runtime_name,
            agent_runtime_version=agent_runtime_version,
            artifact_type=artifact_type,
            code_configuration=code_configuration,
            container_configuration=container_configuration,
            cpu=cpu,
            created_at=created_at,
            credential_name=credential_name,
            description=description,
            disable_ondemand=disable_ondemand,
            disable_session_affinity=disable_session_affinity,
            disk_size=disk_size,
            edition=edition,
            enable_session_isolation=enable_session_isolation,
            environment_variables=environment_variables,
            execution_role_arn=execution_role_arn,
            external_agent_endpoint_url=external_agent_endpoint_url,
            header_field_name=header_field_name,
            health_check_configuration=health_check_configuration,
            last_updated_at=last_updated_at,
            log_configuration=log_configuration,
            memory=memory,
            nas_config=nas_config,
            network_configuration=network_configuration,
            oss_mount_config=oss_mount_config,
            port=port,
            protocol_configuration=protocol_configuration,
            resource_group_id=resource_group_id,
            session_affinity_type=session_affinity_type,
            session_concurrency_limit_per_instance=session_concurrency_limit_per_instance,
            session_idle_timeout_seconds=session_idle_timeout_seconds,
            status=status,
            status_reason=status_reason,
            system_tags=system_tags,
            workspace_id=workspace_id,
        )

        agent_runtime.additional_properties = d
        return agent_runtime

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
